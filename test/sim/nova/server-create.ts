/**
 * POST /servers: the request is checked the way Nova's JSON schema and compute API do, one named
 * step per part of the body (flavor, image, metadata, networks, key, security groups, user data,
 * zone, description, tags, config drive, counts, quota), then the servers are made in BUILD.
 * Every request (valid or not) is recorded for the tests.
 */
import {randomBytes, randomUUID} from 'node:crypto'
import {HttpError, isObject, readJson, sendJson} from '../http.js'
import {ensureDefaultSecurityGroup, findSecurityGroup, getNetwork, getPort, ipInSubnet, neutronState, subnetsOf, visibleNetworks} from '../neutron.js'
import type {RecordedServerCreate, SimImage} from '../types.js'
import {mvStr} from './microversions.js'
import {recordAction} from './instance-actions.js'
import {checkInstanceQuota} from './quotas.js'
import {atLeast, bad, boolFromString, pyRepr, schemaError, type Req} from './request.js'
import {finishBuild} from './server-lifecycle.js'
import {serverLinks} from './server-views.js'
import {bootImageOf, bootsFromVolume, parseBdms, reserveBdmVolumes, type PendingBdm} from './volumes.js'
import type {NovaState, SimFlavor, SimServer} from './state.js'

export const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

type Body = Record<string, unknown>
type Requested = SimServer['requested']

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

export async function createServers(r: Req, s: NovaState): Promise<void> {
  const body = await readJson(r.ctx.req)
  const rec: RecordedServerCreate = {body, microversion: mvStr(r.mv), projectId: r.project, at: Date.now(), serverIds: [], status: 0}
  s.creates.push(rec)
  try {
    doCreate(r, s, body, rec)
  } catch (e) {
    rec.status = e instanceof HttpError ? e.status : 500
    throw e
  }
}

function doCreate(r: Req, s: NovaState, body: unknown, rec: RecordedServerCreate): void {
  const {sv, hints} = envelope(body)
  checkServerKeys(r, sv)
  const name = serverName(sv)
  const flavor = resolveFlavor(r, s, sv)
  const bdms = parseBdms(r, sv)
  const imageId = resolveImage(r, sv, flavor, bdms)
  const metadata = parseMetadata(sv)
  const requested = requestedNetworks(r, sv)
  const keyName = resolveKeyName(r, s, sv)
  const groups = resolveSecurityGroups(r, sv)
  const userData = parseUserData(sv)
  const requestedAz = parseAvailabilityZone(r, sv)
  const description = parseDescription(sv)
  const tags = parseTags(sv)
  const configDrive = parseConfigDrive(sv)
  const {min, max} = counts(sv)
  const count = checkInstanceQuota(r, s, flavor, min, max)
  if (count > 1 && bdms.some((b) => b.sourceType === 'volume')) throw bad('Unable to launch multiple instances with a single configured volume.')
  reserveBdmVolumes(r, bdms)

  const made = makeServers(r, s, count, {
    name,
    flavor,
    imageId,
    bdms,
    metadata,
    requested,
    keyName,
    groups,
    userData,
    requestedAz,
    description,
    tags,
    configDrive,
    hints,
    accessIPv4: typeof sv.accessIPv4 === 'string' ? sv.accessIPv4 : '',
    accessIPv6: typeof sv.accessIPv6 === 'string' ? sv.accessIPv6 : '',
  })
  rec.serverIds = made.map((x) => x.id)
  rec.status = 202
  reply(r, sv, made, groups.names)
}

// ---------------------------------------------------------------- the body's envelope and keys

function envelope(body: unknown): {sv: Body; hints: Body} {
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
  return {sv, hints}
}

/** The keys the schema of this microversion allows, and the required ones. */
function checkServerKeys(r: Req, sv: Body): void {
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
}

function serverName(sv: Body): string {
  const name = sv.name
  if (typeof name !== 'string') throw schemaError('name', name, `${pyRepr(name)} is not of type 'string'`)
  if (name.length < 1) throw schemaError('name', name, `'' is too short`)
  if (name.length > 255) throw schemaError('name', name, `'${name}' is too long`)
  if (name.trim() !== name) throw schemaError('name', name, `'${name}' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`)
  return name
}

// ---------------------------------------------------------------- flavor and image

function lastSegment(ref: string): string {
  return ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref
}

function resolveFlavor(r: Req, s: NovaState, sv: Body): SimFlavor {
  const flavorRef = String(sv.flavorRef)
  const flavor = s.flavors.get(lastSegment(flavorRef))
  if (!flavor || (!flavor.isPublic && !r.admin) || flavor.disabled) throw bad(`Flavor ${flavorRef} could not be found.`)
  return flavor
}

export function imageVisible(img: SimImage, r: Req): boolean {
  if (r.admin) return true
  if (img.visibility === 'public' || img.visibility === 'community') return true
  if (img.owner === r.project) return true
  return img.visibility === 'shared' && img.members.has(r.project)
}

/** The image to boot: imageRef, or the boot-index-0 local image of block_device_mapping_v2; none when booting from a volume. */
function resolveImage(r: Req, sv: Body, flavor: SimFlavor, bdms: PendingBdm[]): string | null {
  const imageId = imageRefOf(sv, bdms)
  if (imageId) checkImageFits(r, imageId, flavor, bdms.length > 0)
  return imageId
}

function imageRefOf(sv: Body, bdms: PendingBdm[]): string | null {
  const imageRef = sv.imageRef
  if (imageRef !== undefined && imageRef !== '') {
    if (typeof imageRef !== 'string') throw schemaError('imageRef', imageRef, `${pyRepr(imageRef)} is not of type 'string'`)
    const idPart = lastSegment(imageRef)
    if (!UUID_RE.test(idPart)) throw schemaError('imageRef', imageRef, `'${imageRef}' is not a 'uuid'`)
    return idPart
  }
  const imageId = bootImageOf(bdms)
  if (!imageId && bootsFromVolume(bdms)) return null
  if (!imageId) throw bad('Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.')
  return imageId
}

function checkImageFits(r: Req, imageId: string, flavor: SimFlavor, withBdm: boolean): void {
  const img = r.ctx.inst.images.get(imageId)
  if (!img || img.status === 'deleted' || !imageVisible(img, r)) throw bad(`Image ${imageId} could not be found.`)
  if (img.status !== 'active') throw bad(`Image ${imageId} is not active.`)
  if (img.min_ram > flavor.ram) throw bad(`Flavor's memory is too small for requested image.`)
  if (img.min_disk > flavor.disk && !withBdm) throw bad(`Flavor's disk is too small for requested image.`)
  if (!withBdm && img.size !== null && img.size > flavor.disk * 1024 ** 3 && flavor.disk > 0) {
    throw bad(`Flavor's disk is too small for requested image. Flavor disk is ${flavor.disk * 1024 ** 3} bytes, image is ${img.size} bytes.`)
  }
}

// ---------------------------------------------------------------- metadata

function parseMetadata(sv: Body): Record<string, string> {
  const metadata: Record<string, string> = {}
  if (sv.metadata === undefined) return metadata
  if (!isObject(sv.metadata)) throw schemaError('metadata', sv.metadata, `${pyRepr(sv.metadata)} is not of type 'object'`)
  for (const [k, v] of Object.entries(sv.metadata)) {
    if (k.length < 1 || k.length > 255) throw schemaError('metadata', sv.metadata, `'${k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'`)
    if (typeof v !== 'string') throw schemaError(`metadata/${k}`, v, `${pyRepr(v)} is not of type 'string'`)
    if (v.length > 255) throw schemaError(`metadata/${k}`, v, `'${v}' is too long`)
    metadata[k] = v
  }
  return metadata
}

// ---------------------------------------------------------------- networks

function requestedNetworks(r: Req, sv: Body): Requested {
  const nets = sv.networks
  // < 2.37 and nothing asked: every network the project can use, ambiguous if several.
  if (nets === undefined) return autoNetwork(r, true)
  if (typeof nets === 'string') {
    if (!atLeast(r, 2, 37)) throw schemaError('networks', nets, `'${nets}' is not of type 'array'`)
    if (nets === 'auto') return autoNetwork(r, false)
    if (nets !== 'none') throw schemaError('networks', nets, `'${nets}' is not valid under any of the given schemas`)
    return []
  }
  if (!Array.isArray(nets)) throw schemaError('networks', nets, `${pyRepr(nets)} is not valid under any of the given schemas`)
  return nets.map((n) => requestedNetwork(r, nets, n))
}

function requestedNetwork(r: Req, nets: unknown[], n: unknown): Requested[number] {
  const {inst} = r.ctx
  if (!isObject(n)) throw schemaError('networks', nets, `${pyRepr(n)} is not of type 'object'`)
  for (const k of Object.keys(n)) {
    const ok = ['uuid', 'port', 'fixed_ip'].includes(k) || (k === 'tag' && atLeast(r, 2, 32))
    if (!ok) throw schemaError('networks', nets, `Additional properties are not allowed ('${k}' was unexpected)`)
  }
  const entry: Requested[number] = {}
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
    if (n.fixed_ip !== undefined) entry.fixedIp = fixedIp(r, net, String(n.fixed_ip))
  }
  if (typeof n.tag === 'string') entry.tag = n.tag
  return entry
}

function fixedIp(r: Req, net: NonNullable<ReturnType<typeof getNetwork>>, ip: string): string {
  const {inst} = r.ctx
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw bad(`Invalid fixed IP address (${ip})`)
  if (!subnetsOf(inst, net).some((sub) => ipInSubnet(sub, ip))) throw bad(`Fixed IP address ${ip} is not valid on network ${net.id}.`)
  const used = [...neutronState(inst).ports.values()].some((p) => p.fixedIps.some((f) => f.ip_address === ip && p.networkId === net.id))
  if (used) throw new HttpError(409, `Fixed IP address ${ip} is already in use on instance.`)
  return ip
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

// ---------------------------------------------------------------- key, security groups

function resolveKeyName(r: Req, s: NovaState, sv: Body): string | null {
  if (sv.key_name === undefined || sv.key_name === null) return null
  const keyName = String(sv.key_name)
  if (!s.keypairs.some((k) => k.name === keyName && k.userId === r.tok.userId)) throw bad('Invalid key_name provided.')
  return keyName
}

function resolveSecurityGroups(r: Req, sv: Body): {ids: string[]; names: string[]} {
  const {inst} = r.ctx
  const ids: string[] = []
  const names: string[] = []
  if (sv.security_groups === undefined) {
    ensureDefaultSecurityGroup(inst, r.project)
    return {ids, names}
  }
  if (!Array.isArray(sv.security_groups)) throw schemaError('security_groups', sv.security_groups, `${pyRepr(sv.security_groups)} is not of type 'array'`)
  for (const g of sv.security_groups) {
    if (!isObject(g) || typeof g.name !== 'string') throw schemaError('security_groups', sv.security_groups, `'name' is a required property`)
    const sg = findSecurityGroup(inst, r.project, g.name)
    if (!sg) throw bad(`Security group ${g.name} not found for project ${r.project}.`)
    if (!ids.includes(sg.id)) {
      ids.push(sg.id)
      names.push(g.name)
    }
  }
  return {ids, names}
}

// ---------------------------------------------------------------- the other fields

function isBase64(s: string): boolean {
  const t = s.replace(/\s+/g, '')
  return t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t)
}

function parseUserData(sv: Body): string | null {
  const ud = sv.user_data
  if (ud === undefined || ud === null) return null
  if (typeof ud !== 'string' || !isBase64(ud)) throw schemaError('user_data', ud, `${pyRepr(ud)} is not a 'base64'`)
  if (ud.length > 65535) throw schemaError('user_data', ud, 'is too long')
  return ud
}

function parseAvailabilityZone(r: Req, sv: Body): string | null {
  const az = sv.availability_zone
  if (az === undefined || az === null) return null
  if (typeof az !== 'string') throw schemaError('availability_zone', az, `${pyRepr(az)} is not of type 'string'`)
  const zone = az.split(':')[0]
  if (zone !== 'nova' && !(zone === '' && r.admin)) throw bad('The requested availability zone is not available')
  if (az.includes(':') && !r.admin) throw new HttpError(403, "Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.")
  return zone || null
}

function parseDescription(sv: Body): string | null {
  const d = sv.description
  if (d === undefined || d === null) return null
  if (typeof d !== 'string') throw schemaError('description', d, `${pyRepr(d)} is not of type 'string', 'null'`)
  if (d.length > 255) throw schemaError('description', d, 'is too long')
  return d
}

function parseTags(sv: Body): string[] {
  if (sv.tags === undefined) return []
  if (!Array.isArray(sv.tags) || sv.tags.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 60 || /[,/]/.test(t))) {
    throw schemaError('tags', sv.tags, 'is not valid under any of the given schemas')
  }
  if (sv.tags.length > 50) throw schemaError('tags', sv.tags, 'is too long')
  return sv.tags as string[]
}

function parseConfigDrive(sv: Body): boolean {
  const cd = sv.config_drive
  if (cd !== undefined && cd !== null && typeof cd !== 'boolean' && !(typeof cd === 'string' && /^(true|false|1|0|yes|no|on|off|t|f|y|n|)$/i.test(cd))) {
    throw schemaError('config_drive', cd, `${pyRepr(cd)} is not of type 'boolean', 'string', 'null'`)
  }
  return cd === true || (typeof cd === 'string' && boolFromString(cd) === true)
}

function countParam(v: unknown, field: string): number {
  if (v === undefined) return 1
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'integer', 'string'`)
  if (n < 1) throw schemaError(field, v, `${n} is less than the minimum of 1`)
  return n
}

function counts(sv: Body): {min: number; max: number} {
  const min = countParam(sv.min_count, 'min_count')
  const max = sv.max_count === undefined ? min : countParam(sv.max_count, 'max_count')
  if (min > max) throw bad('min_count must be <= max_count')
  return {min, max}
}

// ---------------------------------------------------------------- the servers and the reply

interface Checked {
  name: string
  flavor: SimFlavor
  imageId: string | null
  bdms: PendingBdm[]
  metadata: Record<string, string>
  requested: Requested
  keyName: string | null
  groups: {ids: string[]; names: string[]}
  userData: string | null
  requestedAz: string | null
  description: string | null
  tags: string[]
  configDrive: boolean
  hints: Body
  accessIPv4: string
  accessIPv6: string
}

function makeServers(r: Req, s: NovaState, count: number, c: Checked): SimServer[] {
  const reservationId = `r-${randomBytes(4).toString('hex').slice(0, 8)}`
  const failBoot = s.failNextBoots > 0
  if (failBoot) s.failNextBoots--
  const made: SimServer[] = []
  const now = Date.now()
  for (let i = 0; i < count; i++) {
    s.instanceCounter++
    const srv: SimServer = {
      id: randomUUID(),
      name: count > 1 ? `${c.name}-${i + 1}` : c.name,
      projectId: r.project,
      userId: r.tok.userId,
      flavor: {...c.flavor, extraSpecs: {...c.flavor.extraSpecs}},
      imageId: c.imageId,
      status: 'BUILD',
      vmState: 'building',
      taskState: 'scheduling',
      powerState: 0,
      host: null,
      az: 'nova',
      requestedAz: c.requestedAz,
      created: now,
      updated: now,
      launchedAt: null,
      keyName: c.keyName,
      metadata: {...c.metadata},
      description: c.description,
      tags: c.tags.slice(),
      configDrive: c.configDrive,
      userData: c.userData,
      reservationId,
      launchIndex: i,
      instanceName: `instance-${s.instanceCounter.toString(16).padStart(8, '0')}`,
      requested: c.requested.map((x) => ({...x})),
      securityGroupIds: c.groups.ids.slice(),
      securityGroupNames: c.groups.names.slice(),
      schedulerHints: {...c.hints},
      accessIPv4: c.accessIPv4,
      accessIPv6: c.accessIPv6,
      fault: null,
      polls: 0,
      failBoot,
      deleting: false,
      ownedPorts: [],
      boundPorts: [],
      pending: null,
      oldFlavor: null,
      actions: [],
      console: [],
      bdms: c.bdms.map((b) => ({...b})),
      volumes: [],
    }
    recordAction(r, srv, 'create')
    // A port asked by id can only go to one server.
    if (i > 0) srv.requested = srv.requested.filter((x) => !x.portId)
    s.servers.set(srv.id, srv)
    made.push(srv)
    if (s.options.buildPolls <= 0) finishBuild(r.ctx.inst, srv)
  }
  return made
}

export function randomPassword(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  const b = randomBytes(12)
  return [...b].map((x) => chars[x % chars.length]).join('')
}

function reply(r: Req, sv: Body, made: SimServer[], sgNames: string[]): void {
  const rri = sv.return_reservation_id
  if (rri === true || rri === 'True' || rri === 'true') {
    sendJson(r.ctx.res, 202, {reservation_id: made[0].reservationId})
    return
  }
  const first = made[0]
  const out: Record<string, unknown> = {
    id: first.id,
    links: serverLinks(r, first.id),
    'OS-DCF:diskConfig': sv['OS-DCF:diskConfig'] === 'AUTO' ? 'AUTO' : 'MANUAL',
    security_groups: (sgNames.length ? sgNames : ['default']).map((n) => ({name: n})),
    adminPass: typeof sv.adminPass === 'string' ? sv.adminPass : randomPassword(),
  }
  sendJson(r.ctx.res, 202, {server: out}, {Location: `${r.base}/servers/${first.id}`})
}
