/**
 * Simulated Nova v2.1 at /compute on the main port (catalog URL `…/compute/v2.1`).
 * Version documents, microversion negotiation (OpenStack-API-Version / X-OpenStack-Nova-API-Version,
 * 406 out of range, echoed on every reply), flavors, servers with a BUILD → ACTIVE lifecycle driven
 * by GETs, keypairs, availability zones, limits and the deprecated os-security-groups proxy.
 * Images are checked against this instance's Glance state, networks against its Neutron state.
 */
import {createHash, generateKeyPairSync, randomBytes, randomUUID} from 'node:crypto'
import {HttpError, isObject, isoSeconds, readJson, sendEmpty, sendJson} from './http.js'
import {
  createPort,
  deletePort,
  ensureDefaultSecurityGroup,
  findSecurityGroup,
  getNetwork,
  getPort,
  ipInSubnet,
  ipVersionOf,
  neutronState,
  portsOfDevice,
  securityGroupName,
  subnetsOf,
  visibleNetworks,
} from './neutron.js'
import type {Ctx, InstanceState, TokenInfo} from './state.js'
import type {RecordedServerCreate, SimComputeOptions, SimImage} from './types.js'

// ---------------------------------------------------------------- microversions

type MV = [number, number]

function parseMv(s: string): MV | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(s.trim())
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

function mvCmp(a: MV, b: MV): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]
}

function mvStr(v: MV): string {
  return `${v[0]}.${v[1]}`
}

const MIN_MV: MV = [2, 1]

// ---------------------------------------------------------------- state

type ComputeOptions = SimComputeOptions

export interface SimFlavor {
  id: string
  name: string
  ram: number
  disk: number
  vcpus: number
  ephemeral: number
  swap: number
  isPublic: boolean
  disabled: boolean
  rxtx: number
  description: string | null
  extraSpecs: Record<string, string>
}

export interface SimServer {
  id: string
  name: string
  projectId: string
  userId: string
  flavor: SimFlavor
  imageId: string | null
  status: 'BUILD' | 'ACTIVE' | 'ERROR' | 'DELETED'
  vmState: string
  taskState: string | null
  powerState: number
  host: string | null
  az: string
  requestedAz: string | null
  created: number
  updated: number
  launchedAt: number | null
  keyName: string | null
  metadata: Record<string, string>
  description: string | null
  tags: string[]
  configDrive: boolean
  userData: string | null
  reservationId: string
  launchIndex: number
  instanceName: string
  /** 'none', or the networks to plug on boot. */
  requested: {networkId?: string; portId?: string; fixedIp?: string; tag?: string}[]
  securityGroupIds: string[]
  securityGroupNames: string[]
  schedulerHints: Record<string, unknown>
  accessIPv4: string
  accessIPv6: string
  fault: {code: number; message: string; created: number; details?: string} | null
  /** GETs seen since create (BUILD) or since delete. */
  polls: number
  failBoot: boolean
  deleting: boolean
  /** Ports Nova created (deleted with the server) — ports passed by id are only unbound. */
  ownedPorts: string[]
  boundPorts: string[]
}


export interface SimKeypair {
  name: string
  userId: string
  publicKey: string
  fingerprint: string
  type: string
  id: number
  created: number
}

export interface NovaState {
  options: Required<ComputeOptions>
  maxMv: MV
  flavors: Map<string, SimFlavor>
  servers: Map<string, SimServer>
  keypairs: SimKeypair[]
  creates: RecordedServerCreate[]
  failNextBoots: number
  instanceCounter: number
  keypairCounter: number
}

const states = new WeakMap<InstanceState, NovaState>()

function seedFlavors(): Map<string, SimFlavor> {
  const rows: [string, string, number, number, number][] = [
    ['1', 'm1.tiny', 512, 1, 1],
    ['2', 'm1.small', 2048, 20, 1],
    ['3', 'm1.medium', 4096, 40, 2],
    ['4', 'm1.large', 8192, 80, 4],
    ['5', 'm1.xlarge', 16384, 160, 8],
    ['42', 'm1.nano', 128, 1, 1],
    ['84', 'm1.micro', 192, 1, 1],
    ['c1', 'cirros256', 256, 1, 1],
    ['d1', 'ds512M', 512, 5, 1],
    ['d2', 'ds1G', 1024, 10, 1],
    ['d3', 'ds2G', 2048, 10, 2],
    ['d4', 'ds4G', 4096, 20, 4],
  ]
  const out = new Map<string, SimFlavor>()
  for (const [id, name, ram, disk, vcpus] of rows) {
    out.set(id, {id, name, ram, disk, vcpus, ephemeral: 0, swap: 0, isPublic: true, disabled: false, rxtx: 1.0, description: null, extraSpecs: {}})
  }
  // One private flavor, so is_public filtering is visible.
  out.set('p1', {id: 'p1', name: 'm1.private', ram: 1024, disk: 10, vcpus: 1, ephemeral: 0, swap: 0, isPublic: false, disabled: false, rxtx: 1.0, description: 'admin only', extraSpecs: {'hw:cpu_policy': 'shared'}})
  return out
}

/** The Nova state of an instance (created with defaults on first use). */
export function novaState(inst: InstanceState): NovaState {
  let s = states.get(inst)
  if (!s) {
    s = {
      options: {buildPolls: 2, deletePolls: 1, maxMicroversion: '2.96', maxInstances: 10},
      maxMv: [2, 96],
      flavors: seedFlavors(),
      servers: new Map(),
      keypairs: [],
      creates: [],
      failNextBoots: 0,
      instanceCounter: 0,
      keypairCounter: 0,
    }
    states.set(inst, s)
  }
  return s
}

/** Applies per-instance options (from SimInstanceSpec.compute). */
export function configureCompute(inst: InstanceState, o: ComputeOptions = {}): void {
  const s = novaState(inst)
  if (o.maxMicroversion !== undefined) {
    const v = parseMv(o.maxMicroversion)
    if (!v || v[0] !== 2 || mvCmp(v, MIN_MV) < 0) throw new Error(`sim: bad maxMicroversion ${o.maxMicroversion}`)
    s.maxMv = v
  }
  s.options = {
    buildPolls: o.buildPolls ?? s.options.buildPolls,
    deletePolls: o.deletePolls ?? s.options.deletePolls,
    maxMicroversion: mvStr(s.maxMv),
    maxInstances: o.maxInstances ?? s.options.maxInstances,
  }
}

/** The next `n` boots go ERROR with "No valid host was found." */
export function failNextBoot(inst: InstanceState, n = 1): void {
  novaState(inst).failNextBoots += n
}

// ---------------------------------------------------------------- request helpers

interface Req {
  ctx: Ctx
  mv: MV
  tok: TokenInfo
  project: string
  admin: boolean
  /** `http://host:port/compute` */
  root: string
  /** root + '/v2.1' (plus the project id when the request URL had it) */
  base: string
  bookmark: string
}

function atLeast(r: Req, major: number, minor: number): boolean {
  return mvCmp(r.mv, [major, minor]) >= 0
}

function bad(message: string): HttpError {
  return new HttpError(400, message)
}

function notFound(message: string): HttpError {
  return new HttpError(404, message)
}

function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'string') return `'${v}'`
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(', ')}}`
  return String(v)
}

/** Nova's JSON-schema error text. */
function schemaError(field: string, value: unknown, reason: string): HttpError {
  return bad(`Invalid input for field/attribute ${field}. Value: ${typeof value === 'string' ? value : pyRepr(value)}. ${reason}`)
}

function negotiate(ctx: Ctx, s: NovaState): MV {
  const h = ctx.req.headers
  const modern = typeof h['openstack-api-version'] === 'string' ? h['openstack-api-version'] : undefined
  const legacy = typeof h['x-openstack-nova-api-version'] === 'string' ? h['x-openstack-nova-api-version'] : undefined
  let asked: string | undefined
  if (modern) {
    for (const part of modern.split(',')) {
      const [svc, ver] = part.trim().split(/\s+/)
      if (svc?.toLowerCase() === 'compute' && ver) asked = ver
    }
  }
  if (asked === undefined && legacy) asked = legacy.trim()
  if (asked === undefined) return MIN_MV
  if (asked.toLowerCase() === 'latest') return s.maxMv
  const v = parseMv(asked)
  if (!v) throw bad(`API Version String ${asked} is of invalid format. Must be of format MajorNum.MinorNum.`)
  if (mvCmp(v, MIN_MV) < 0 || mvCmp(v, s.maxMv) > 0) {
    throw new HttpError(406, `Version ${asked} is not supported by the API. Minimum is ${mvStr(MIN_MV)} and maximum is ${mvStr(s.maxMv)}.`)
  }
  return v
}

function versionEntry(inst: InstanceState, s: NovaState, which: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const root = `${inst.baseUrl}/compute`
  if (which === 'v2.0') {
    return {
      id: 'v2.0',
      status: 'SUPPORTED',
      version: '',
      min_version: '',
      updated: '2011-01-21T11:33:21Z',
      links: [{rel: 'self', href: `${root}/v2/`}],
    }
  }
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: mvStr(s.maxMv),
    min_version: mvStr(MIN_MV),
    updated: '2013-07-23T11:33:21Z',
    links: [{rel: 'self', href: `${root}/v2.1/`}],
  }
}

function versionDoc(inst: InstanceState, s: NovaState, which: 'v2.0' | 'v2.1'): unknown {
  return {
    version: {
      ...versionEntry(inst, s, which),
      links: [
        {rel: 'self', href: `${inst.baseUrl}/compute/${which === 'v2.0' ? 'v2' : 'v2.1'}/`},
        {rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/'},
      ],
      'media-types': [{base: 'application/json', type: `application/vnd.openstack.compute+json;version=${which === 'v2.0' ? '2' : '2.1'}`}],
    },
  }
}

// ---------------------------------------------------------------- router

export async function handleCompute(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const s = novaState(inst)
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')
  if (p === '') {
    if (method !== 'GET') throw new HttpError(405, 'The method is not allowed for this resource.')
    sendJson(res, 200, {versions: [versionEntry(inst, s, 'v2.0'), versionEntry(inst, s, 'v2.1')]})
    return
  }
  if (p === '/v2.1' || p === '/v2') {
    if (method !== 'GET') throw new HttpError(405, 'The method is not allowed for this resource.')
    sendJson(res, 200, versionDoc(inst, s, p === '/v2' ? 'v2.0' : 'v2.1'))
    return
  }
  if (!p.startsWith('/v2.1/') && !p.startsWith('/v2/')) throw new HttpError(404, 'The resource could not be found.')

  const tok = inst.authenticate(ctx)
  const mv = p.startsWith('/v2/') ? MIN_MV : negotiate(ctx, s)
  const v = mvStr(mv)
  res.setHeader('OpenStack-API-Version', `compute ${v}`)
  res.setHeader('X-OpenStack-Nova-API-Version', v)
  res.setHeader('Vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version')

  const prefix = p.startsWith('/v2/') ? '/v2' : '/v2.1'
  let seg = p
    .slice(prefix.length + 1)
    .split('/')
    .map((x) => decodeURIComponent(x))
  const project = inst.tokenProjectId(tok)
  if (!project) throw new HttpError(403, 'Policy does not allow this request to be performed: a project-scoped token is needed.')
  const root = `${inst.baseUrl}/compute`
  let base = `${root}${prefix}`
  let bookmark = root
  // Legacy endpoints carry the project id (`/v2.1/{project_id}/servers`).
  if (seg.length > 1 && /^[0-9a-f]{32}$/.test(seg[0]) && !['servers', 'flavors'].includes(seg[0])) {
    if (seg[0] !== project) throw new HttpError(400, 'Malformed request URL: URL\'s project_id does not match Context\'s project_id.')
    base = `${base}/${seg[0]}`
    bookmark = `${root}/${seg[0]}`
    seg = seg.slice(1)
  }
  const r: Req = {ctx, mv, tok, project, admin: inst.isAdminToken(tok), root, base, bookmark}
  const methodNotAllowed = (): never => {
    throw new HttpError(405, 'The method is not allowed for this resource.')
  }

  switch (seg[0]) {
    case 'flavors':
      if (method !== 'GET') methodNotAllowed()
      if (seg.length === 1) return listFlavors(r, s, false)
      if (seg.length === 2 && seg[1] === 'detail') return listFlavors(r, s, true)
      if (seg.length === 2) return showFlavor(r, s, seg[1])
      if (seg.length === 3 && seg[2] === 'os-extra_specs') {
        const f = visibleFlavor(r, s, seg[1])
        sendJson(res, 200, {extra_specs: {...f.extraSpecs}})
        return
      }
      break
    case 'servers':
      if (seg.length === 1) {
        if (method === 'GET') return listServers(r, s, false)
        if (method === 'POST') return createServers(r, s)
        methodNotAllowed()
      }
      if (seg.length === 2 && seg[1] === 'detail') {
        if (method !== 'GET') methodNotAllowed()
        return listServers(r, s, true)
      }
      if (seg.length === 2) {
        if (method === 'GET') return showServer(r, s, seg[1])
        if (method === 'DELETE') return deleteServer(r, s, seg[1])
        methodNotAllowed()
      }
      if (seg.length === 3 && seg[2] === 'ips' && method === 'GET') {
        const srv = visibleServer(r, s, seg[1], false)
        sendJson(res, 200, {addresses: addresses(inst, srv, false)})
        return
      }
      if (seg.length === 3 && seg[2] === 'metadata' && method === 'GET') {
        const srv = visibleServer(r, s, seg[1], false)
        sendJson(res, 200, {metadata: {...srv.metadata}})
        return
      }
      break
    case 'os-keypairs':
      if (seg.length === 1) {
        if (method === 'GET') return listKeypairs(r, s)
        if (method === 'POST') return createKeypair(r, s)
        methodNotAllowed()
      }
      if (seg.length === 2) {
        if (method === 'GET') return showKeypair(r, s, seg[1])
        if (method === 'DELETE') return deleteKeypair(r, s, seg[1])
        methodNotAllowed()
      }
      break
    case 'os-availability-zone':
      if (method !== 'GET') methodNotAllowed()
      if (seg.length === 1) {
        sendJson(res, 200, {availabilityZoneInfo: [{zoneName: 'nova', zoneState: {available: true}, hosts: null}]})
        return
      }
      if (seg.length === 2 && seg[1] === 'detail') {
        if (!r.admin) throw new HttpError(403, 'Policy doesn\'t allow os_compute_api:os-availability-zone:detail to be performed.')
        const now = new Date().toISOString().replace('Z', '')
        sendJson(res, 200, {
          availabilityZoneInfo: [
            {zoneName: 'internal', zoneState: {available: true}, hosts: {controller: {'nova-conductor': {available: true, active: true, updated_at: now}, 'nova-scheduler': {available: true, active: true, updated_at: now}}}},
            {zoneName: 'nova', zoneState: {available: true}, hosts: {compute: {'nova-compute': {available: true, active: true, updated_at: now}}}},
          ],
        })
        return
      }
      break
    case 'limits':
      if (method !== 'GET' || seg.length !== 1) methodNotAllowed()
      return limits(r, s)
    case 'os-security-groups':
      if (method !== 'GET') methodNotAllowed()
      if (atLeast(r, 2, 36)) throw notFound('The resource could not be found.')
      return securityGroups(r, seg[1])
    default:
      break
  }
  throw notFound('The resource could not be found.')
}

// ---------------------------------------------------------------- flavors

function flavorLinks(r: Req, id: string): unknown[] {
  return [
    {rel: 'self', href: `${r.base}/flavors/${id}`},
    {rel: 'bookmark', href: `${r.bookmark}/flavors/${id}`},
  ]
}

function flavorJson(r: Req, f: SimFlavor, detail: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {id: f.id, name: f.name}
  if (detail) {
    Object.assign(out, {
      ram: f.ram,
      disk: f.disk,
      vcpus: f.vcpus,
      swap: atLeast(r, 2, 75) ? f.swap : f.swap === 0 ? '' : f.swap,
      'OS-FLV-EXT-DATA:ephemeral': f.ephemeral,
      'OS-FLV-DISABLED:disabled': f.disabled,
      'os-flavor-access:is_public': f.isPublic,
      rxtx_factor: f.rxtx,
    })
  }
  out.links = flavorLinks(r, f.id)
  if (atLeast(r, 2, 55)) out.description = f.description
  if (detail && atLeast(r, 2, 61)) out.extra_specs = {...f.extraSpecs}
  return out
}

function visibleFlavor(r: Req, s: NovaState, id: string): SimFlavor {
  const f = s.flavors.get(id)
  if (!f || (!f.isPublic && !r.admin)) throw notFound(`Flavor ${id} could not be found.`)
  return f
}

function showFlavor(r: Req, s: NovaState, id: string): void {
  sendJson(r.ctx.res, 200, {flavor: flavorJson(r, visibleFlavor(r, s, id), true)})
}

function boolFromString(v: string): boolean | undefined {
  const l = v.toLowerCase()
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(l)) return true
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(l)) return false
  return undefined
}

function intParam(v: string | null, name: string): number | undefined {
  if (v === null) return undefined
  if (!/^\d+$/.test(v)) throw bad(`Invalid input for query parameters ${name}. Value: ${v}. '${v}' does not match '^[0-9]*$'`)
  return Number(v)
}

function listFlavors(r: Req, s: NovaState, detail: boolean): void {
  const q = r.ctx.query
  let isPublic: boolean | null = true
  const raw = q.get('is_public')
  if (raw !== null) {
    if (raw.toLowerCase() === 'none') isPublic = r.admin ? null : true
    else {
      const b = boolFromString(raw)
      if (b === undefined) throw bad(`Invalid is_public filter [${raw}]`)
      isPublic = r.admin ? b : true
    }
  }
  let items = [...s.flavors.values()].filter((f) => (isPublic === null ? true : f.isPublic === isPublic) && (r.admin || f.isPublic))
  const minRam = intParam(q.get('minRam'), 'minRam')
  const minDisk = intParam(q.get('minDisk'), 'minDisk')
  if (minRam !== undefined) items = items.filter((f) => f.ram >= minRam)
  if (minDisk !== undefined) items = items.filter((f) => f.disk >= minDisk)
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const marker = q.get('marker')
  if (marker) {
    const i = items.findIndex((f) => f.id === marker)
    if (i < 0) throw bad(`marker [${marker}] not found`)
    items = items.slice(i + 1)
  }
  const limit = intParam(q.get('limit'), 'limit')
  const body: Record<string, unknown> = {}
  if (limit !== undefined && limit < items.length) {
    items = items.slice(0, limit)
  }
  body.flavors = items.map((f) => flavorJson(r, f, detail))
  if (limit !== undefined && items.length === limit && limit > 0) {
    const params = new URLSearchParams(r.ctx.rawQuery)
    params.set('marker', items[items.length - 1].id)
    body.flavors_links = [{rel: 'next', href: `${r.base}/flavors${detail ? '/detail' : ''}?${params.toString()}`}]
  }
  sendJson(r.ctx.res, 200, body)
}

// ---------------------------------------------------------------- servers: views

function isoMicroNoZone(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000')
}

function hostId(srv: SimServer): string {
  if (!srv.host) return ''
  return createHash('sha224').update(srv.projectId + srv.host).digest('hex')
}

function addresses(inst: InstanceState, srv: SimServer, extended: boolean): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  if (srv.status === 'BUILD' || srv.status === 'ERROR') return out
  for (const pid of srv.boundPorts) {
    const port = getPort(inst, pid)
    if (!port) continue
    const net = getNetwork(inst, port.networkId)
    const name = net?.name ?? port.networkId
    const list = (out[name] ??= [])
    for (const f of port.fixedIps) {
      const a: Record<string, unknown> = {version: ipVersionOf(f.ip_address), addr: f.ip_address}
      if (extended) {
        a['OS-EXT-IPS:type'] = 'fixed'
        a['OS-EXT-IPS-MAC:mac_addr'] = port.mac
      }
      list.push(a)
    }
  }
  return out
}

function serverLinks(r: Req, id: string): unknown[] {
  return [
    {rel: 'self', href: `${r.base}/servers/${id}`},
    {rel: 'bookmark', href: `${r.bookmark}/servers/${id}`},
  ]
}

function serverJson(r: Req, srv: SimServer): Record<string, unknown> {
  const inst = r.ctx.inst
  const f = srv.flavor
  const flavor = atLeast(r, 2, 47)
    ? {vcpus: f.vcpus, ram: f.ram, disk: f.disk, ephemeral: f.ephemeral, swap: f.swap, original_name: f.name, extra_specs: {...f.extraSpecs}}
    : {id: f.id, links: [{rel: 'bookmark', href: `${r.bookmark}/flavors/${f.id}`}]}
  const out: Record<string, unknown> = {
    id: srv.id,
    name: srv.name,
    status: srv.status,
    tenant_id: srv.projectId,
    user_id: srv.userId,
    metadata: {...srv.metadata},
    hostId: hostId(srv),
    image: srv.imageId ? {id: srv.imageId, links: [{rel: 'bookmark', href: `${r.bookmark}/images/${srv.imageId}`}]} : '',
    flavor,
    created: isoSeconds(srv.created),
    updated: isoSeconds(srv.updated),
    addresses: addresses(inst, srv, true),
    accessIPv4: srv.accessIPv4,
    accessIPv6: srv.accessIPv6,
    links: serverLinks(r, srv.id),
    'OS-DCF:diskConfig': 'MANUAL',
    progress: 0,
    'OS-EXT-AZ:availability_zone': srv.status === 'BUILD' || (srv.status === 'ERROR' && !srv.host) ? '' : srv.az,
    config_drive: srv.configDrive ? 'True' : '',
    key_name: srv.keyName,
    'OS-SRV-USG:launched_at': srv.launchedAt ? isoMicroNoZone(srv.launchedAt) : null,
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-STS:task_state': srv.taskState,
    'OS-EXT-STS:vm_state': srv.vmState,
    'OS-EXT-STS:power_state': srv.powerState,
    'os-extended-volumes:volumes_attached': [],
  }
  if (r.admin) {
    Object.assign(out, {
      'OS-EXT-SRV-ATTR:host': srv.host,
      'OS-EXT-SRV-ATTR:instance_name': srv.instanceName,
      'OS-EXT-SRV-ATTR:hypervisor_hostname': srv.host ? 'fake-mini' : null,
    })
    if (atLeast(r, 2, 3)) {
      Object.assign(out, {
        'OS-EXT-SRV-ATTR:reservation_id': srv.reservationId,
        'OS-EXT-SRV-ATTR:launch_index': srv.launchIndex,
        'OS-EXT-SRV-ATTR:hostname': hostnameOf(srv.name),
        'OS-EXT-SRV-ATTR:kernel_id': '',
        'OS-EXT-SRV-ATTR:ramdisk_id': '',
        'OS-EXT-SRV-ATTR:root_device_name': srv.status === 'ACTIVE' ? '/dev/vda' : null,
        'OS-EXT-SRV-ATTR:user_data': srv.userData,
      })
    }
  } else if (atLeast(r, 2, 90)) {
    out['OS-EXT-SRV-ATTR:hostname'] = hostnameOf(srv.name)
  }
  const sgNames = securityGroupNamesOf(inst, srv)
  if (sgNames.length) out.security_groups = sgNames.map((name) => ({name}))
  if (srv.fault) {
    const fault: Record<string, unknown> = {code: srv.fault.code, created: isoSeconds(srv.fault.created), message: srv.fault.message}
    if (r.admin && srv.fault.details) fault.details = srv.fault.details
    out.fault = fault
  }
  if (atLeast(r, 2, 9)) out.locked = false
  if (atLeast(r, 2, 16) && r.admin) out.host_status = srv.host ? 'UP' : ''
  if (atLeast(r, 2, 19)) out.description = srv.description
  if (atLeast(r, 2, 26)) out.tags = srv.tags.slice()
  if (atLeast(r, 2, 63)) out.trusted_image_certificates = null
  if (atLeast(r, 2, 73)) out.locked_reason = null
  if (atLeast(r, 2, 96)) out.pinned_availability_zone = srv.requestedAz
  if (atLeast(r, 2, 3)) out['os-extended-volumes:volumes_attached'] = []
  return out
}

function hostnameOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'server'
  )
}

/** Security group names come from the server's ports, as nova-api reads them from Neutron. */
function securityGroupNamesOf(inst: InstanceState, srv: SimServer): string[] {
  if (srv.status === 'BUILD' || srv.status === 'ERROR') return []
  const names: string[] = []
  for (const pid of srv.boundPorts) {
    const port = getPort(inst, pid)
    for (const id of port?.securityGroups ?? []) {
      const n = securityGroupName(inst, id)
      if (n !== undefined && !names.includes(n)) names.push(n)
    }
  }
  return names
}

// ---------------------------------------------------------------- servers: lifecycle

function imageUsable(inst: InstanceState, id: string | null): {ok: true} | {ok: false; message: string} {
  if (!id) return {ok: true}
  const img = inst.images.get(id)
  if (!img || img.status === 'deleted') return {ok: false, message: `Image ${id} could not be found.`}
  if (img.status !== 'active') return {ok: false, message: `Image ${id} is not active.`}
  return {ok: true}
}

/** What the scheduler and the compute do, once the server has been polled enough. */
function finishBuild(inst: InstanceState, srv: SimServer): void {
  const now = Date.now()
  srv.updated = now
  srv.taskState = null
  const fail = (code: number, message: string, details: string, host: string | null) => {
    srv.status = 'ERROR'
    srv.vmState = 'error'
    srv.powerState = 0
    srv.host = host
    srv.fault = {code, message, created: now, details}
  }
  if (srv.failBoot) {
    fail(500, 'No valid host was found. ', 'Traceback (most recent call last):\n  File "/opt/stack/nova/nova/conductor/manager.py", line 1654, in schedule_and_build_instances\nnova.exception.NoValidHost: No valid host was found. \n', null)
    return
  }
  // The compute only knows "its" Glance: a deleted or deactivated image cannot be fetched.
  const img = imageUsable(inst, srv.imageId)
  if (!img.ok) {
    img.message = `Image ${srv.imageId} could not be found.`
    fail(404, img.message, `  File "/opt/stack/nova/nova/compute/manager.py", line 2437, in _build_and_run_instance\nnova.exception.ImageNotFound: ${img.message}\n`, null)
    return
  }
  // Plug the requested networks (compute allocates the ports).
  for (const req of srv.requested) {
    if (req.portId) {
      const port = getPort(inst, req.portId)
      if (port) {
        port.deviceId = srv.id
        port.deviceOwner = 'compute:nova'
        srv.boundPorts.push(port.id)
      }
      continue
    }
    if (!req.networkId) continue
    const sgs = srv.securityGroupIds.length ? srv.securityGroupIds : undefined
    const port = createPort(inst, {networkId: req.networkId, projectId: srv.projectId, deviceId: srv.id, deviceOwner: 'compute:nova', fixedIp: req.fixedIp, securityGroups: sgs})
    srv.ownedPorts.push(port.id)
    srv.boundPorts.push(port.id)
  }
  srv.status = 'ACTIVE'
  srv.vmState = 'active'
  srv.powerState = 1
  srv.host = 'compute'
  srv.launchedAt = now
}

function releasePorts(inst: InstanceState, srv: SimServer): void {
  for (const pid of srv.boundPorts) {
    if (srv.ownedPorts.includes(pid)) deletePort(inst, pid)
    else {
      const port = getPort(inst, pid)
      if (port) {
        port.deviceId = ''
        port.deviceOwner = ''
      }
    }
  }
  srv.boundPorts = []
  srv.ownedPorts = []
}

/** One GET of this server: advances BUILD → ACTIVE/ERROR and deleting → gone. Returns false when gone. */
function poll(inst: InstanceState, s: NovaState, srv: SimServer): boolean {
  if (srv.deleting) {
    if (srv.polls >= s.options.deletePolls) {
      releasePorts(inst, srv)
      srv.status = 'DELETED'
      s.servers.delete(srv.id)
      return false
    }
    srv.polls++
    return true
  }
  if (srv.status === 'BUILD') {
    if (srv.polls >= s.options.buildPolls) finishBuild(inst, srv)
    else srv.polls++
  }
  return true
}

function visibleServer(r: Req, s: NovaState, id: string, doPoll: boolean): SimServer {
  const srv = s.servers.get(id)
  if (!srv || (!r.admin && srv.projectId !== r.project)) throw notFound(`Instance ${id} could not be found.`)
  if (doPoll && !poll(r.ctx.inst, s, srv)) throw notFound(`Instance ${id} could not be found.`)
  return srv
}

function showServer(r: Req, s: NovaState, id: string): void {
  const srv = visibleServer(r, s, id, true)
  sendJson(r.ctx.res, 200, {server: serverJson(r, srv)})
}

function deleteServer(r: Req, s: NovaState, id: string): void {
  const srv = visibleServer(r, s, id, false)
  if (!srv.deleting) {
    srv.deleting = true
    srv.polls = 0
    srv.taskState = 'deleting'
    srv.updated = Date.now()
    if (s.options.deletePolls <= 0) {
      releasePorts(r.ctx.inst, srv)
      s.servers.delete(srv.id)
    }
  }
  sendEmpty(r.ctx.res, 204)
}

function listServers(r: Req, s: NovaState, detail: boolean): void {
  const q = r.ctx.query
  const allTenantsRaw = q.get('all_tenants')
  let allTenants = false
  if (allTenantsRaw !== null) {
    allTenants = allTenantsRaw === '' ? true : (boolFromString(allTenantsRaw) ?? true)
    if (allTenants && !r.admin) {
      throw new HttpError(403, `Policy doesn't allow os_compute_api:servers:${detail ? 'detail' : 'index'}:get_all_tenants to be performed.`)
    }
  }
  let items = [...s.servers.values()]
  if (allTenants) {
    const pf = q.get('project_id') ?? q.get('tenant_id')
    if (pf) items = items.filter((x) => x.projectId === pf)
  } else items = items.filter((x) => x.projectId === r.project)

  const name = q.get('name')
  if (name !== null) {
    let re: RegExp
    try {
      re = new RegExp(name)
    } catch {
      throw bad(`Invalid regular expression for name: ${name}`)
    }
    items = items.filter((x) => re.test(x.name))
  }
  const status = q.get('status')
  if (status !== null) {
    const st = status.toUpperCase()
    const known = ['ACTIVE', 'BUILD', 'ERROR', 'DELETED', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING', 'SHELVED', 'SHELVED_OFFLOADED', 'RESCUE', 'SOFT_DELETED', 'UNKNOWN', 'PASSWORD', 'REBUILD', 'REVERT_RESIZE']
    if (!known.includes(st)) {
      // Nova answers an empty list for an unknown status (a 400 only from 2.x for some).
      items = []
    } else items = items.filter((x) => x.status === st)
  }
  const image = q.get('image')
  if (image !== null) items = items.filter((x) => x.imageId === image || (image && x.imageId !== null && image.endsWith(`/${x.imageId}`)))
  const flavor = q.get('flavor')
  if (flavor !== null) items = items.filter((x) => x.flavor.id === flavor)
  const ip = q.get('ip')
  if (ip !== null) {
    let re: RegExp
    try {
      re = new RegExp(ip)
    } catch {
      throw bad(`Invalid regular expression for ip: ${ip}`)
    }
    items = items.filter((x) => Object.values(addresses(r.ctx.inst, x, false)).some((l) => l.some((a) => re.test(String((a as {addr: string}).addr)))))
  }
  const keyName = q.get('key_name')
  if (keyName !== null) items = items.filter((x) => x.keyName === keyName)
  const az = q.get('availability_zone')
  if (az !== null) items = items.filter((x) => x.az === az && x.status !== 'BUILD')
  const host = q.get('host')
  if (host !== null && r.admin) items = items.filter((x) => x.host === host)

  // Default order: created_at desc, then id desc (Nova's default sort keys).
  items.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  const marker = q.get('marker')
  if (marker) {
    const i = items.findIndex((x) => x.id === marker)
    if (i < 0) throw bad(`marker [${marker}] not found`)
    items = items.slice(i + 1)
  }
  const limitRaw = q.get('limit')
  let limit = 1000
  if (limitRaw !== null) {
    const n = intParam(limitRaw, 'limit')!
    limit = Math.min(n, 1000)
  }
  items = items.slice(0, limit)
  const body: Record<string, unknown> = {
    servers: items.map((x) => (detail ? serverJson(r, x) : {id: x.id, name: x.name, links: serverLinks(r, x.id)})),
  }
  if (limitRaw !== null && items.length === limit && limit > 0) {
    const params = new URLSearchParams(r.ctx.rawQuery)
    params.set('marker', items[items.length - 1].id)
    params.set('limit', String(limit))
    body.servers_links = [{rel: 'next', href: `${r.base}/servers${detail ? '/detail' : ''}?${params.toString()}`}]
  }
  sendJson(r.ctx.res, 200, body)
}

// ---------------------------------------------------------------- servers: create

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

const SERVER_KEYS_BASE = [
  'name',
  'imageRef',
  'flavorRef',
  'adminPass',
  'metadata',
  'networks',
  'OS-DCF:diskConfig',
  'accessIPv4',
  'accessIPv6',
  'personality',
  'availability_zone',
  'block_device_mapping',
  'block_device_mapping_v2',
  'config_drive',
  'key_name',
  'min_count',
  'max_count',
  'return_reservation_id',
  'security_groups',
  'user_data',
]

function imageVisible(img: SimImage, r: Req): boolean {
  if (r.admin) return true
  if (img.visibility === 'public' || img.visibility === 'community') return true
  if (img.owner === r.project) return true
  return img.visibility === 'shared' && img.members.has(r.project)
}

function countParam(v: unknown, field: string): number {
  if (v === undefined) return 1
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'integer', 'string'`)
  if (n < 1) throw schemaError(field, v, `${n} is less than the minimum of 1`)
  return n
}

async function createServers(r: Req, s: NovaState): Promise<void> {
  const body = await readJson(r.ctx.req)
  const rec: RecordedServerCreate = {body, microversion: mvStr(r.mv), projectId: r.project, at: Date.now(), serverIds: [], status: 0}
  s.creates.push(rec)
  try {
    await doCreate(r, s, body, rec)
  } catch (e) {
    rec.status = e instanceof HttpError ? e.status : 500
    throw e
  }
}

async function doCreate(r: Req, s: NovaState, body: unknown, rec: RecordedServerCreate): Promise<void> {
  const {inst} = r.ctx
  if (!isObject(body)) throw schemaError('root', body, `${pyRepr(body)} is not of type 'object'`)
  for (const k of Object.keys(body)) {
    if (!['server', 'OS-SCH-HNT:scheduler_hints', 'os:scheduler_hints'].includes(k)) {
      throw bad(`Invalid input for field/attribute root. Value: ${pyRepr(body)}. Additional properties are not allowed ('${k}' was unexpected)`)
    }
  }
  const sv = body.server
  if (sv === undefined) throw bad(`Invalid input for field/attribute root. Value: ${pyRepr(body)}. 'server' is a required property`)
  if (!isObject(sv)) throw schemaError('server', sv, `${pyRepr(sv)} is not of type 'object'`)
  const hints = body['OS-SCH-HNT:scheduler_hints'] ?? body['os:scheduler_hints'] ?? {}
  if (!isObject(hints)) throw schemaError('OS-SCH-HNT:scheduler_hints', hints, `${pyRepr(hints)} is not of type 'object'`)

  const allowed = [...SERVER_KEYS_BASE]
  if (atLeast(r, 2, 19)) allowed.push('description')
  if (atLeast(r, 2, 52)) allowed.push('tags')
  if (atLeast(r, 2, 63)) allowed.push('trusted_image_certificates')
  if (atLeast(r, 2, 74)) allowed.push('host', 'hypervisor_hostname')
  if (atLeast(r, 2, 90)) allowed.push('hostname')
  if (atLeast(r, 2, 57)) allowed.splice(allowed.indexOf('personality'), 1)
  for (const k of Object.keys(sv)) {
    if (!allowed.includes(k)) throw schemaError('server', sv, `Additional properties are not allowed ('${k}' was unexpected)`)
  }
  for (const k of ['name', 'flavorRef']) if (sv[k] === undefined) throw schemaError('server', sv, `'${k}' is a required property`)
  if (atLeast(r, 2, 37) && sv.networks === undefined) throw schemaError('server', sv, `'networks' is a required property`)

  const name = sv.name
  if (typeof name !== 'string') throw schemaError('name', name, `${pyRepr(name)} is not of type 'string'`)
  if (name.length < 1) throw schemaError('name', name, `'' is too short`)
  if (name.length > 255) throw schemaError('name', name, `'${name}' is too long`)
  if (name.trim() !== name) throw schemaError('name', name, `'${name}' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`)

  // flavor
  const flavorRef = String(sv.flavorRef)
  const flavorId = flavorRef.includes('/') ? flavorRef.slice(flavorRef.lastIndexOf('/') + 1) : flavorRef
  const flavor = s.flavors.get(flavorId)
  if (!flavor || (!flavor.isPublic && !r.admin) || flavor.disabled) throw bad(`Flavor ${flavorRef} could not be found.`)

  // image
  let imageId: string | null = null
  const imageRef = sv.imageRef
  const bdm = Array.isArray(sv.block_device_mapping_v2) ? (sv.block_device_mapping_v2 as unknown[]) : []
  if (imageRef !== undefined && imageRef !== '') {
    if (typeof imageRef !== 'string') throw schemaError('imageRef', imageRef, `${pyRepr(imageRef)} is not of type 'string'`)
    const idPart = imageRef.includes('/') ? imageRef.slice(imageRef.lastIndexOf('/') + 1) : imageRef
    if (!UUID_RE.test(idPart)) throw schemaError('imageRef', imageRef, `'${imageRef}' is not a 'uuid'`)
    imageId = idPart
  } else {
    const bootImage = bdm.find((b) => isObject(b) && b.boot_index !== undefined && Number(b.boot_index) === 0 && b.source_type === 'image')
    if (isObject(bootImage) && typeof bootImage.uuid === 'string') imageId = bootImage.uuid
    const bootVolume = bdm.find((b) => isObject(b) && (b.source_type === 'volume' || b.source_type === 'snapshot'))
    if (isObject(bootVolume)) throw bad(`Block Device Mapping is Invalid: failed to get volume ${String(bootVolume.uuid)}.`)
    if (!imageId) throw bad('Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.')
  }
  if (imageId) {
    const img = inst.images.get(imageId)
    if (!img || img.status === 'deleted' || !imageVisible(img, r)) throw bad(`Image ${imageId} could not be found.`)
    if (img.status !== 'active') throw bad(`Image ${imageId} is not active.`)
    if (img.min_ram > flavor.ram) throw bad(`Flavor's memory is too small for requested image.`)
    if (img.min_disk > flavor.disk && bdm.length === 0) throw bad(`Flavor's disk is too small for requested image.`)
    if (bdm.length === 0 && img.size !== null && img.size > flavor.disk * 1024 ** 3 && flavor.disk > 0) {
      throw bad(`Flavor's disk is too small for requested image. Flavor disk is ${flavor.disk * 1024 ** 3} bytes, image is ${img.size} bytes.`)
    }
  }

  // metadata
  const metadata: Record<string, string> = {}
  if (sv.metadata !== undefined) {
    if (!isObject(sv.metadata)) throw schemaError('metadata', sv.metadata, `${pyRepr(sv.metadata)} is not of type 'object'`)
    for (const [k, v] of Object.entries(sv.metadata)) {
      if (k.length < 1 || k.length > 255) throw schemaError('metadata', sv.metadata, `'${k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'`)
      if (typeof v !== 'string') throw schemaError(`metadata/${k}`, v, `${pyRepr(v)} is not of type 'string'`)
      if (v.length > 255) throw schemaError(`metadata/${k}`, v, `'${v}' is too long`)
      metadata[k] = v
    }
  }

  // networks
  const requested: SimServer['requested'] = []
  const nets = sv.networks
  if (nets === undefined) {
    // < 2.37 and nothing asked: every network the project can use, ambiguous if several.
    requested.push(...autoNetwork(r, true))
  } else if (typeof nets === 'string') {
    if (!atLeast(r, 2, 37)) throw schemaError('networks', nets, `'${nets}' is not of type 'array'`)
    if (nets === 'auto') requested.push(...autoNetwork(r, false))
    else if (nets !== 'none') throw schemaError('networks', nets, `'${nets}' is not valid under any of the given schemas`)
  } else if (Array.isArray(nets)) {
    for (const n of nets) {
      if (!isObject(n)) throw schemaError('networks', nets, `${pyRepr(n)} is not of type 'object'`)
      for (const k of Object.keys(n)) {
        const ok = ['uuid', 'port', 'fixed_ip'].includes(k) || (k === 'tag' && atLeast(r, 2, 32))
        if (!ok) throw schemaError('networks', nets, `Additional properties are not allowed ('${k}' was unexpected)`)
      }
      const entry: SimServer['requested'][number] = {}
      if (n.port !== undefined && n.port !== null) {
        const pid = String(n.port)
        if (!UUID_RE.test(pid)) throw schemaError('networks/port', pid, `'${pid}' is not a 'uuid'`)
        const port = getPort(inst, pid)
        if (!port || (!r.admin && port.projectId !== r.project)) throw bad(`Port ${pid} could not be found.`)
        if (port.deviceId) throw new HttpError(409, `Port ${pid} is still in use.`)
        entry.portId = pid
        entry.networkId = port.networkId
      } else {
        if (n.uuid === undefined) throw bad('Bad network format: missing uuid')
        const nid = String(n.uuid)
        if (!UUID_RE.test(nid)) throw bad(`Bad networks format: network uuid is not in proper format (${nid})`)
        const net = getNetwork(inst, nid)
        if (!net || !visibleNetworks(inst, r.project, r.admin).includes(net)) throw bad(`Network ${nid} could not be found.`)
        entry.networkId = nid
        if (n.fixed_ip !== undefined) {
          const ip = String(n.fixed_ip)
          if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw bad(`Invalid fixed IP address (${ip})`)
          if (!subnetsOf(inst, net).some((sub) => ipInSubnet(sub, ip))) throw bad(`Fixed IP address ${ip} is not valid on network ${nid}.`)
          const used = [...neutronState(inst).ports.values()].some((p) => p.fixedIps.some((f) => f.ip_address === ip && p.networkId === nid))
          if (used) throw new HttpError(409, `Fixed IP address ${ip} is already in use on instance.`)
          entry.fixedIp = ip
        }
      }
      if (typeof n.tag === 'string') entry.tag = n.tag
      requested.push(entry)
    }
  } else throw schemaError('networks', nets, `${pyRepr(nets)} is not valid under any of the given schemas`)

  // key
  let keyName: string | null = null
  if (sv.key_name !== undefined && sv.key_name !== null) {
    keyName = String(sv.key_name)
    if (!s.keypairs.some((k) => k.name === keyName && k.userId === r.tok.userId)) throw bad('Invalid key_name provided.')
  }

  // security groups
  const sgIds: string[] = []
  const sgNames: string[] = []
  if (sv.security_groups !== undefined) {
    if (!Array.isArray(sv.security_groups)) throw schemaError('security_groups', sv.security_groups, `${pyRepr(sv.security_groups)} is not of type 'array'`)
    for (const g of sv.security_groups) {
      if (!isObject(g) || typeof g.name !== 'string') throw schemaError('security_groups', sv.security_groups, `'name' is a required property`)
      const sg = findSecurityGroup(inst, r.project, g.name)
      if (!sg) throw bad(`Security group ${g.name} not found for project ${r.project}.`)
      if (!sgIds.includes(sg.id)) {
        sgIds.push(sg.id)
        sgNames.push(g.name)
      }
    }
  } else {
    ensureDefaultSecurityGroup(inst, r.project)
  }

  // user data
  let userData: string | null = null
  if (sv.user_data !== undefined && sv.user_data !== null) {
    const ud = sv.user_data
    if (typeof ud !== 'string' || !isBase64(ud)) throw schemaError('user_data', ud, `${pyRepr(ud)} is not a 'base64'`)
    if (ud.length > 65535) throw schemaError('user_data', ud, 'is too long')
    userData = ud
  }

  // availability zone
  let requestedAz: string | null = null
  if (sv.availability_zone !== undefined && sv.availability_zone !== null) {
    if (typeof sv.availability_zone !== 'string') throw schemaError('availability_zone', sv.availability_zone, `${pyRepr(sv.availability_zone)} is not of type 'string'`)
    const zone = sv.availability_zone.split(':')[0]
    if (zone !== 'nova' && !(zone === '' && r.admin)) throw bad('The requested availability zone is not available')
    if (sv.availability_zone.includes(':') && !r.admin) throw new HttpError(403, "Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.")
    requestedAz = zone || null
  }

  // description / tags / misc
  let description: string | null = null
  if (sv.description !== undefined && sv.description !== null) {
    if (typeof sv.description !== 'string') throw schemaError('description', sv.description, `${pyRepr(sv.description)} is not of type 'string', 'null'`)
    if (sv.description.length > 255) throw schemaError('description', sv.description, 'is too long')
    description = sv.description
  }
  let tags: string[] = []
  if (sv.tags !== undefined) {
    if (!Array.isArray(sv.tags) || sv.tags.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 60 || /[,/]/.test(t))) {
      throw schemaError('tags', sv.tags, 'is not valid under any of the given schemas')
    }
    if (sv.tags.length > 50) throw schemaError('tags', sv.tags, 'is too long')
    tags = sv.tags as string[]
  }
  const cd = sv.config_drive
  if (cd !== undefined && cd !== null && typeof cd !== 'boolean' && !(typeof cd === 'string' && /^(true|false|1|0|yes|no|on|off|t|f|y|n|)$/i.test(cd))) {
    throw schemaError('config_drive', cd, `${pyRepr(cd)} is not of type 'boolean', 'string', 'null'`)
  }
  const configDrive = cd === true || (typeof cd === 'string' && boolFromString(cd) === true)

  const minCount = countParam(sv.min_count, 'min_count')
  const maxCount = sv.max_count === undefined ? minCount : countParam(sv.max_count, 'max_count')
  if (minCount > maxCount) throw bad('min_count must be <= max_count')

  // quota
  const used = [...s.servers.values()].filter((x) => x.projectId === r.project).length
  const room = s.options.maxInstances - used
  if (room < minCount) {
    throw new HttpError(403, `Quota exceeded for instances: Requested ${minCount}, but already used ${used} of ${s.options.maxInstances} instances`)
  }
  const count = Math.min(maxCount, room)

  const adminPass = typeof sv.adminPass === 'string' ? sv.adminPass : randomPassword()
  const reservationId = `r-${randomBytes(4).toString('hex').slice(0, 8)}`
  const failBoot = s.failNextBoots > 0
  if (failBoot) s.failNextBoots--
  const made: SimServer[] = []
  const now = Date.now()
  for (let i = 0; i < count; i++) {
    s.instanceCounter++
    const srv: SimServer = {
      id: randomUUID(),
      name: count > 1 ? `${name}-${i + 1}` : name,
      projectId: r.project,
      userId: r.tok.userId,
      flavor: {...flavor, extraSpecs: {...flavor.extraSpecs}},
      imageId,
      status: 'BUILD',
      vmState: 'building',
      taskState: 'scheduling',
      powerState: 0,
      host: null,
      az: 'nova',
      requestedAz,
      created: now,
      updated: now,
      launchedAt: null,
      keyName,
      metadata: {...metadata},
      description,
      tags: tags.slice(),
      configDrive,
      userData,
      reservationId,
      launchIndex: i,
      instanceName: `instance-${s.instanceCounter.toString(16).padStart(8, '0')}`,
      requested: requested.map((x) => ({...x})),
      securityGroupIds: sgIds.slice(),
      securityGroupNames: sgNames.slice(),
      schedulerHints: {...hints},
      accessIPv4: typeof sv.accessIPv4 === 'string' ? sv.accessIPv4 : '',
      accessIPv6: typeof sv.accessIPv6 === 'string' ? sv.accessIPv6 : '',
      fault: null,
      polls: 0,
      failBoot,
      deleting: false,
      ownedPorts: [],
      boundPorts: [],
    }
    // A port asked by id can only go to one server.
    if (i > 0) srv.requested = srv.requested.filter((x) => !x.portId)
    s.servers.set(srv.id, srv)
    made.push(srv)
    if (s.options.buildPolls <= 0) finishBuild(inst, srv)
  }
  rec.serverIds = made.map((x) => x.id)
  rec.status = 202

  if (sv.return_reservation_id === true || sv.return_reservation_id === 'True' || sv.return_reservation_id === 'true') {
    sendJson(r.ctx.res, 202, {reservation_id: reservationId})
    return
  }
  const first = made[0]
  const out: Record<string, unknown> = {
    id: first.id,
    links: serverLinks(r, first.id),
    'OS-DCF:diskConfig': sv['OS-DCF:diskConfig'] === 'AUTO' ? 'AUTO' : 'MANUAL',
    security_groups: (sgNames.length ? sgNames : ['default']).map((n) => ({name: n})),
    adminPass,
  }
  sendJson(r.ctx.res, 202, {server: out}, {Location: `${r.base}/servers/${first.id}`})
}

function autoNetwork(r: Req, legacy: boolean): {networkId: string}[] {
  const inst = r.ctx.inst
  const all = visibleNetworks(inst, r.project, false).filter((n) => !n.external)
  const own = all.filter((n) => n.projectId === r.project && !n.shared)
  const pick = own.length ? own : all.filter((n) => n.shared)
  if (pick.length > 1) throw new HttpError(409, 'Multiple possible networks found, use a Network ID to be more specific.')
  if (pick.length === 0) {
    if (legacy) return []
    throw bad(`Unable to automatically allocate a network for project ${r.project}`)
  }
  return [{networkId: pick[0].id}]
}

function isBase64(s: string): boolean {
  const t = s.replace(/\s+/g, '')
  return t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t)
}

function randomPassword(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  const b = randomBytes(12)
  return [...b].map((x) => chars[x % chars.length]).join('')
}

// ---------------------------------------------------------------- keypairs

function sshString(buf: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(buf.length)
  return Buffer.concat([len, buf])
}

function mpint(b64url: string): Buffer {
  let b = Buffer.from(b64url, 'base64url')
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b])
  return sshString(b)
}

function fingerprintOf(publicKey: string): string | undefined {
  const parts = publicKey.trim().split(/\s+/)
  if (parts.length < 2 || !/^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521))$/.test(parts[0])) return undefined
  const blob = Buffer.from(parts[1], 'base64')
  if (blob.length < 8) return undefined
  const tl = blob.readUInt32BE(0)
  if (blob.subarray(4, 4 + tl).toString('latin1') !== parts[0]) return undefined
  return createHash('md5')
    .update(blob)
    .digest('hex')
    .match(/../g)!
    .join(':')
}

function generateKey(comment: string): {publicKey: string; privateKey: string} {
  const {publicKey, privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
  const jwk = publicKey.export({format: 'jwk'}) as {n: string; e: string}
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)])
  return {
    publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
    privateKey: privateKey.export({format: 'pem', type: 'pkcs1'}).toString(),
  }
}

function keypairUserId(r: Req): string {
  const u = r.ctx.query.get('user_id')
  if (u && atLeast(r, 2, 10)) {
    if (!r.admin && u !== r.tok.userId) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-keypairs:index to be performed.")
    return u
  }
  return r.tok.userId
}

function listKeypairs(r: Req, s: NovaState): void {
  const uid = keypairUserId(r)
  const items = s.keypairs.filter((k) => k.userId === uid).sort((a, b) => (a.name < b.name ? -1 : 1))
  sendJson(r.ctx.res, 200, {
    keypairs: items.map((k) => {
      const kp: Record<string, unknown> = {name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint}
      if (atLeast(r, 2, 2)) kp.type = k.type
      return {keypair: kp}
    }),
  })
}

function showKeypair(r: Req, s: NovaState, name: string): void {
  const uid = keypairUserId(r)
  const k = s.keypairs.find((x) => x.name === name && x.userId === uid)
  if (!k) throw notFound(`Keypair ${name} not found for user ${uid}`)
  const kp: Record<string, unknown> = {
    name: k.name,
    public_key: k.publicKey,
    fingerprint: k.fingerprint,
    user_id: k.userId,
    id: k.id,
    created_at: new Date(k.created).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000'),
    deleted: false,
    deleted_at: null,
    updated_at: null,
  }
  if (atLeast(r, 2, 2)) kp.type = k.type
  sendJson(r.ctx.res, 200, {keypair: kp})
}

async function createKeypair(r: Req, s: NovaState): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.keypair)) throw bad(`Invalid input for field/attribute root. Value: ${pyRepr(body)}. 'keypair' is a required property`)
  const kb = body.keypair
  const name = kb.name
  if (typeof name !== 'string') throw schemaError('keypair', kb, `'name' is a required property`)
  if (name.length < 1 || name.length > 255 || !/^[a-zA-Z0-9 _.@-]+$/.test(name)) {
    throw bad('Keypair data is invalid: Keypair name contains unsafe characters')
  }
  let uid = r.tok.userId
  if (kb.user_id !== undefined && atLeast(r, 2, 10)) {
    if (!r.admin && kb.user_id !== uid) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.")
    uid = String(kb.user_id)
  }
  const type = typeof kb.type === 'string' && atLeast(r, 2, 2) ? kb.type : 'ssh'
  if (type !== 'ssh' && type !== 'x509') throw schemaError('type', type, `'${type}' is not one of ['ssh', 'x509']`)
  if (s.keypairs.some((k) => k.name === name && k.userId === uid)) throw new HttpError(409, `Key pair '${name}' already exists.`)
  let publicKey: string
  let privateKey: string | undefined
  if (typeof kb.public_key === 'string') {
    publicKey = kb.public_key.trim()
  } else {
    if (atLeast(r, 2, 92)) throw schemaError('keypair', kb, `'public_key' is a required property`)
    const g = generateKey(`Generated-by-Nova`)
    publicKey = g.publicKey
    privateKey = g.privateKey
  }
  const fp = fingerprintOf(publicKey)
  if (!fp) throw bad('Keypair data is invalid: failed to generate fingerprint')
  s.keypairCounter++
  const k: SimKeypair = {name, userId: uid, publicKey, fingerprint: fp, type, id: s.keypairCounter, created: Date.now()}
  s.keypairs.push(k)
  const out: Record<string, unknown> = {name, public_key: publicKey, fingerprint: fp, user_id: uid}
  if (privateKey) out.private_key = privateKey
  if (atLeast(r, 2, 2)) out.type = type
  sendJson(r.ctx.res, atLeast(r, 2, 2) ? 201 : 200, {keypair: out})
}

function deleteKeypair(r: Req, s: NovaState, name: string): void {
  const uid = keypairUserId(r)
  const i = s.keypairs.findIndex((x) => x.name === name && x.userId === uid)
  if (i < 0) throw notFound(`Keypair ${name} not found for user ${uid}`)
  s.keypairs.splice(i, 1)
  sendEmpty(r.ctx.res, atLeast(r, 2, 2) ? 204 : 202)
}

// ---------------------------------------------------------------- limits, security groups

function limits(r: Req, s: NovaState): void {
  const mine = [...s.servers.values()].filter((x) => x.projectId === r.project)
  const absolute: Record<string, number> = {
    maxTotalInstances: s.options.maxInstances,
    maxTotalCores: 20,
    maxTotalRAMSize: 51200,
    maxServerMeta: 128,
    maxTotalKeypairs: 100,
    maxServerGroups: 10,
    maxServerGroupMembers: 10,
    totalInstancesUsed: mine.length,
    totalCoresUsed: mine.reduce((a, x) => a + x.flavor.vcpus, 0),
    totalRAMUsed: mine.reduce((a, x) => a + x.flavor.ram, 0),
    totalServerGroupsUsed: 0,
  }
  if (!atLeast(r, 2, 57)) Object.assign(absolute, {maxPersonality: 5, maxPersonalitySize: 10240})
  if (!atLeast(r, 2, 39)) absolute.maxImageMeta = 128
  if (!atLeast(r, 2, 36)) {
    Object.assign(absolute, {maxSecurityGroups: 10, maxSecurityGroupRules: 20, maxTotalFloatingIps: 10, totalSecurityGroupsUsed: 1, totalFloatingIpsUsed: 0})
  }
  sendJson(r.ctx.res, 200, {limits: {rate: [], absolute}})
}

function securityGroups(r: Req, id: string | undefined): void {
  const inst = r.ctx.inst
  ensureDefaultSecurityGroup(inst, r.project)
  const groups = [...neutronState(inst).securityGroups.values()].filter((g) => g.projectId === r.project)
  const view = (g: (typeof groups)[number]) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    tenant_id: g.projectId,
    rules: g.rules
      .filter((x) => x.direction === 'ingress')
      .map((x) => ({
        id: x.id,
        parent_group_id: g.id,
        ip_protocol: x.protocol,
        from_port: x.port_range_min,
        to_port: x.port_range_max,
        ip_range: x.remote_ip_prefix ? {cidr: x.remote_ip_prefix} : {},
        group: x.remote_group_id ? {name: securityGroupName(inst, String(x.remote_group_id)), tenant_id: g.projectId} : {},
      })),
  })
  if (id !== undefined) {
    const g = groups.find((x) => x.id === id)
    if (!g) throw notFound(`Security group ${id} not found.`)
    sendJson(r.ctx.res, 200, {security_group: view(g)})
    return
  }
  sendJson(r.ctx.res, 200, {security_groups: groups.map(view)})
}

