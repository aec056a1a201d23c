/**
 * Simulated Neutron v2.0 on the instance's own network port (catalog URL `http://127.0.0.1:PORT/`).
 * Networks, subnets, ports and security groups with Neutron's field set: both `tenant_id` and
 * `project_id`, `provider:*` null for non-admins, `created_at` with `Z` (and without it for the
 * seeded `shared` network, as older Neutron / gophercloud fixtures show), NeutronError envelopes.
 * Nova (nova.ts) uses the exported helpers to validate requested networks and to bind ports.
 */
import {randomBytes, randomUUID} from 'node:crypto'
import {HttpError, isObject, isoSeconds, readJson, sendEmpty, sendJson} from './http.js'
import type {Ctx, InstanceState, TokenInfo} from './state.js'

export interface SimNetwork {
  id: string
  name: string
  projectId: string
  shared: boolean
  external: boolean
  adminStateUp: boolean
  mtu: number
  description: string
  portSecurity: boolean
  segmentationId: number
  subnetIds: string[]
  created: string
  updated: string
  revision: number
}

export interface SimSubnet {
  id: string
  name: string
  networkId: string
  projectId: string
  cidr: string
  gateway: string | null
  poolStart: string
  poolEnd: string
  enableDhcp: boolean
  created: string
  updated: string
}

export interface SimPort {
  id: string
  name: string
  networkId: string
  projectId: string
  mac: string
  fixedIps: {subnet_id: string; ip_address: string}[]
  deviceId: string
  deviceOwner: string
  securityGroups: string[]
  created: string
  updated: string
  revision: number
}

export interface SimSecurityGroup {
  id: string
  name: string
  description: string
  projectId: string
  rules: Record<string, unknown>[]
  created: string
  updated: string
}

export interface NeutronState {
  networks: Map<string, SimNetwork>
  subnets: Map<string, SimSubnet>
  ports: Map<string, SimPort>
  securityGroups: Map<string, SimSecurityGroup>
}

const states = new WeakMap<InstanceState, NeutronState>()

function nowZ(): string {
  return isoSeconds(Date.now())
}

/** The Neutron state of an instance (seeded with `private` and `shared` on first use). */
export function neutronState(inst: InstanceState): NeutronState {
  let s = states.get(inst)
  if (s) return s
  s = {networks: new Map(), subnets: new Map(), ports: new Map(), securityGroups: new Map()}
  states.set(inst, s)
  const admin = inst.projectByName('admin')?.id ?? ''
  const t = nowZ()
  const priv = addNetwork(s, {name: 'private', projectId: admin, shared: false, mtu: 1442, created: t})
  addSubnet(s, {name: 'private-subnet', network: priv, cidr: '10.0.0.0/26', created: t})
  // Older Neutron (and gophercloud's fixtures) print created_at without a zone.
  const noZ = t.replace(/Z$/, '')
  const shared = addNetwork(s, {name: 'shared', projectId: admin, shared: true, mtu: 1442, created: noZ})
  addSubnet(s, {name: 'shared-subnet', network: shared, cidr: '192.168.233.0/24', created: noZ})
  return s
}

function addNetwork(
  s: NeutronState,
  o: {name: string; projectId: string; shared?: boolean; external?: boolean; mtu?: number; created?: string; description?: string; adminStateUp?: boolean},
): SimNetwork {
  const created = o.created ?? nowZ()
  const n: SimNetwork = {
    id: randomUUID(),
    name: o.name,
    projectId: o.projectId,
    shared: o.shared ?? false,
    external: o.external ?? false,
    adminStateUp: o.adminStateUp ?? true,
    mtu: o.mtu ?? 1442,
    description: o.description ?? '',
    portSecurity: true,
    segmentationId: 100 + s.networks.size,
    subnetIds: [],
    created,
    updated: created,
    revision: 1,
  }
  s.networks.set(n.id, n)
  return n
}

// ---------------------------------------------------------------- IPv4 helpers

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number)
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

function parseCidr(cidr: string): {base: number; bits: number} | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr)
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const bits = Number(m[5])
  if (octets.some((o) => o > 255) || bits > 30 || bits < 8) return undefined
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return {base: (ipToInt(octets.join('.')) & mask) >>> 0, bits}
}

export function ipInSubnet(sub: SimSubnet, ip: string): boolean {
  const c = parseCidr(sub.cidr)
  if (!c || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false
  const size = 2 ** (32 - c.bits)
  const v = ipToInt(ip)
  return v >= c.base && v < c.base + size
}

function addSubnet(s: NeutronState, o: {name: string; network: SimNetwork; cidr: string; projectId?: string; gateway?: string | null; created?: string}): SimSubnet {
  const c = parseCidr(o.cidr)
  if (!c) throw new HttpError(400, `Invalid input for cidr. Reason: '${o.cidr}' is not a valid IP subnet.`)
  const size = 2 ** (32 - c.bits)
  const created = o.created ?? nowZ()
  const sub: SimSubnet = {
    id: randomUUID(),
    name: o.name,
    networkId: o.network.id,
    projectId: o.projectId ?? o.network.projectId,
    cidr: `${intToIp(c.base)}/${c.bits}`,
    gateway: o.gateway === undefined ? intToIp(c.base + 1) : o.gateway,
    poolStart: intToIp(c.base + 2),
    poolEnd: intToIp(c.base + size - 2),
    enableDhcp: true,
    created,
    updated: created,
  }
  s.subnets.set(sub.id, sub)
  o.network.subnetIds.push(sub.id)
  o.network.revision++
  return sub
}

function usedIps(s: NeutronState, subnetId: string): Set<string> {
  const out = new Set<string>()
  for (const p of s.ports.values()) for (const f of p.fixedIps) if (f.subnet_id === subnetId) out.add(f.ip_address)
  return out
}

function nextFreeIp(s: NeutronState, sub: SimSubnet): string {
  const used = usedIps(s, sub.id)
  for (let v = ipToInt(sub.poolStart); v <= ipToInt(sub.poolEnd); v++) {
    const ip = intToIp(v)
    if (!used.has(ip)) return ip
  }
  throw new HttpError(409, `No more IP addresses available on network ${sub.networkId}.`, {}, neutronError('IpAddressGenerationFailure', `No more IP addresses available on network ${sub.networkId}.`))
}

function newMac(): string {
  const b = randomBytes(3)
  return `fa:16:3e:${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`
}

// ---------------------------------------------------------------- errors

export function neutronError(type: string, message: string): unknown {
  return {NeutronError: {type, message, detail: ''}}
}

function notFound(type: string, message: string): HttpError {
  return new HttpError(404, message, {}, neutronError(type, message))
}

// ---------------------------------------------------------------- visibility

interface Who {
  project: string | null
  admin: boolean
}

function who(inst: InstanceState, t: TokenInfo): Who {
  return {project: inst.tokenProjectId(t), admin: inst.isAdminToken(t)}
}

export function networkVisible(n: SimNetwork, w: Who): boolean {
  return w.admin || n.shared || n.external || n.projectId === w.project
}

function ownedVisible(projectId: string, w: Who): boolean {
  return w.admin || projectId === w.project
}

function subnetVisible(s: NeutronState, sub: SimSubnet, w: Who): boolean {
  if (ownedVisible(sub.projectId, w)) return true
  const n = s.networks.get(sub.networkId)
  return n !== undefined && (n.shared || n.external)
}

// ---------------------------------------------------------------- security groups

function sgRule(sg: SimSecurityGroup, direction: 'ingress' | 'egress', ethertype: 'IPv4' | 'IPv6', remoteGroup: string | null): Record<string, unknown> {
  return {
    id: randomUUID(),
    tenant_id: sg.projectId,
    project_id: sg.projectId,
    security_group_id: sg.id,
    ethertype,
    direction,
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_group_id: remoteGroup,
    remote_address_group_id: null,
    normalized_cidr: null,
    description: null,
    tags: [],
    created_at: sg.created,
    updated_at: sg.created,
    revision_number: 0,
    belongs_to_default_sg: sg.name === 'default',
  }
}

/** The project's `default` security group, created (with its four rules) on first use as Neutron does. */
export function ensureDefaultSecurityGroup(inst: InstanceState, projectId: string): SimSecurityGroup {
  const s = neutronState(inst)
  for (const sg of s.securityGroups.values()) if (sg.projectId === projectId && sg.name === 'default') return sg
  return addSecurityGroup(s, projectId, 'default', 'Default security group', true)
}

function addSecurityGroup(s: NeutronState, projectId: string, name: string, description: string, isDefault: boolean): SimSecurityGroup {
  const t = nowZ()
  const sg: SimSecurityGroup = {id: randomUUID(), name, description, projectId, rules: [], created: t, updated: t}
  if (isDefault) {
    sg.rules.push(sgRule(sg, 'ingress', 'IPv4', sg.id), sgRule(sg, 'ingress', 'IPv6', sg.id))
  }
  sg.rules.push(sgRule(sg, 'egress', 'IPv4', null), sgRule(sg, 'egress', 'IPv6', null))
  s.securityGroups.set(sg.id, sg)
  return sg
}

/** A security group the project can use, by id or by (unique) name. */
export function findSecurityGroup(inst: InstanceState, projectId: string, nameOrId: string): SimSecurityGroup | undefined {
  ensureDefaultSecurityGroup(inst, projectId)
  const s = neutronState(inst)
  const byId = s.securityGroups.get(nameOrId)
  if (byId && byId.projectId === projectId) return byId
  const byName = [...s.securityGroups.values()].filter((g) => g.projectId === projectId && g.name === nameOrId)
  return byName.length === 1 ? byName[0] : undefined
}

// ---------------------------------------------------------------- helpers for Nova

/** Networks a project can attach to (its own plus shared ones). */
export function visibleNetworks(inst: InstanceState, projectId: string, admin: boolean): SimNetwork[] {
  return [...neutronState(inst).networks.values()].filter((n) => networkVisible(n, {project: projectId, admin}))
}

export function getNetwork(inst: InstanceState, id: string): SimNetwork | undefined {
  return neutronState(inst).networks.get(id)
}

export function getPort(inst: InstanceState, id: string): SimPort | undefined {
  return neutronState(inst).ports.get(id)
}

export function subnetsOf(inst: InstanceState, net: SimNetwork): SimSubnet[] {
  const s = neutronState(inst)
  return net.subnetIds.map((id) => s.subnets.get(id)).filter((x): x is SimSubnet => x !== undefined)
}

/** Creates a port (first subnet, next free IP unless `fixedIp`), as Nova's compute does on boot. */
export function createPort(
  inst: InstanceState,
  o: {networkId: string; projectId: string; deviceId?: string; deviceOwner?: string; fixedIp?: string; securityGroups?: string[]; name?: string},
): SimPort {
  const s = neutronState(inst)
  const net = s.networks.get(o.networkId)
  if (!net) throw notFound('NetworkNotFound', `Network ${o.networkId} could not be found.`)
  const subs = subnetsOf(inst, net)
  const fixedIps: SimPort['fixedIps'] = []
  if (o.fixedIp) {
    const sub = subs.find((x) => ipInSubnet(x, o.fixedIp!))
    if (!sub) throw new HttpError(400, `Invalid input for operation: IP address ${o.fixedIp} is not a valid IP for the specified subnet.`, {}, neutronError('InvalidInput', `Invalid input for operation: IP address ${o.fixedIp} is not a valid IP for the specified subnet.`))
    if (usedIps(s, sub.id).has(o.fixedIp)) {
      const msg = `IP address ${o.fixedIp} already allocated in subnet ${sub.id}`
      throw new HttpError(409, msg, {}, neutronError('IpAddressAlreadyAllocated', msg))
    }
    fixedIps.push({subnet_id: sub.id, ip_address: o.fixedIp})
  } else if (subs.length) {
    fixedIps.push({subnet_id: subs[0].id, ip_address: nextFreeIp(s, subs[0])})
  }
  const sgs = o.securityGroups ?? (net.portSecurity ? [ensureDefaultSecurityGroup(inst, o.projectId).id] : [])
  const t = nowZ()
  const port: SimPort = {
    id: randomUUID(),
    name: o.name ?? '',
    networkId: net.id,
    projectId: o.projectId,
    mac: newMac(),
    fixedIps,
    deviceId: o.deviceId ?? '',
    deviceOwner: o.deviceOwner ?? '',
    securityGroups: sgs,
    created: t,
    updated: t,
    revision: 1,
  }
  s.ports.set(port.id, port)
  return port
}

export function deletePort(inst: InstanceState, id: string): void {
  neutronState(inst).ports.delete(id)
}

export function portsOfDevice(inst: InstanceState, deviceId: string): SimPort[] {
  return [...neutronState(inst).ports.values()].filter((p) => p.deviceId === deviceId)
}

export function securityGroupName(inst: InstanceState, id: string): string | undefined {
  return neutronState(inst).securityGroups.get(id)?.name
}

export function ipVersionOf(ip: string): number {
  return ip.includes(':') ? 6 : 4
}

// ---------------------------------------------------------------- JSON views

function networkJson(n: SimNetwork, w: Who): Record<string, unknown> {
  return {
    id: n.id,
    name: n.name,
    tenant_id: n.projectId,
    project_id: n.projectId,
    admin_state_up: n.adminStateUp,
    mtu: n.mtu,
    status: 'ACTIVE',
    subnets: n.subnetIds.slice(),
    shared: n.shared,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    'router:external': n.external,
    description: n.description,
    port_security_enabled: n.portSecurity,
    l2_adjacency: true,
    dns_domain: '',
    is_default: n.external ? false : undefined,
    'provider:network_type': w.admin ? 'geneve' : null,
    'provider:physical_network': null,
    'provider:segmentation_id': w.admin ? n.segmentationId : null,
    tags: [],
    created_at: n.created,
    updated_at: n.updated,
    revision_number: n.revision,
  }
}

function subnetJson(sub: SimSubnet): Record<string, unknown> {
  return {
    id: sub.id,
    name: sub.name,
    tenant_id: sub.projectId,
    project_id: sub.projectId,
    network_id: sub.networkId,
    ip_version: 4,
    subnetpool_id: null,
    enable_dhcp: sub.enableDhcp,
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    gateway_ip: sub.gateway,
    cidr: sub.cidr,
    allocation_pools: [{start: sub.poolStart, end: sub.poolEnd}],
    host_routes: [],
    dns_nameservers: [],
    description: '',
    service_types: [],
    dns_publish_fixed_ip: false,
    segment_id: null,
    tags: [],
    created_at: sub.created,
    updated_at: sub.updated,
    revision_number: 0,
  }
}

function portJson(p: SimPort, w: Who): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    network_id: p.networkId,
    tenant_id: p.projectId,
    project_id: p.projectId,
    mac_address: p.mac,
    admin_state_up: true,
    status: p.deviceId ? 'ACTIVE' : 'DOWN',
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    fixed_ips: p.fixedIps.map((f) => ({...f})),
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    security_groups: p.securityGroups.slice(),
    description: '',
    'binding:vnic_type': 'normal',
    port_security_enabled: true,
    dns_name: '',
    dns_assignment: p.fixedIps.map((f) => ({ip_address: f.ip_address, hostname: `host-${f.ip_address.replace(/\./g, '-')}`, fqdn: `host-${f.ip_address.replace(/\./g, '-')}.openstacklocal.`})),
    tags: [],
    created_at: p.created,
    updated_at: p.updated,
    revision_number: p.revision,
  }
  if (w.admin) {
    Object.assign(out, {
      'binding:host_id': p.deviceId ? 'compute' : '',
      'binding:profile': {},
      'binding:vif_details': p.deviceId ? {port_filter: true, connectivity: 'l2'} : {},
      'binding:vif_type': p.deviceId ? 'ovs' : 'unbound',
    })
  }
  return out
}

function sgJson(sg: SimSecurityGroup): Record<string, unknown> {
  return {
    id: sg.id,
    name: sg.name,
    description: sg.description,
    tenant_id: sg.projectId,
    project_id: sg.projectId,
    security_group_rules: sg.rules.map((r) => ({...r})),
    stateful: true,
    shared: false,
    tags: [],
    created_at: sg.created,
    updated_at: sg.updated,
    revision_number: 1,
  }
}

// ---------------------------------------------------------------- router

const RESOURCES = ['networks', 'subnets', 'ports', 'security-groups', 'security-group-rules']

const SINGULAR: Record<string, string> = {
  networks: 'network',
  subnets: 'subnet',
  ports: 'port',
  'security-groups': 'security_group',
  'security-group-rules': 'security_group_rule',
}

function versionsBody(inst: InstanceState): unknown {
  return {versions: [{id: 'v2.0', status: 'CURRENT', links: [{href: `${inst.networkUrl}v2.0/`, rel: 'self'}]}]}
}

export async function handleNetwork(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')
  if (p === '') {
    if (method !== 'GET') throw new HttpError(405, 'The method is not allowed for this resource.')
    sendJson(res, 200, versionsBody(inst))
    return
  }
  const tok = inst.authenticate(ctx)
  const w = who(inst, tok)
  if (w.project) ensureDefaultSecurityGroup(inst, w.project)
  if (p === '/v2.0') {
    sendJson(res, 200, {
      resources: RESOURCES.map((r) => ({name: SINGULAR[r], collection: r.replace(/-/g, '_'), links: [{href: `${inst.networkUrl}v2.0/${r}`, rel: 'self'}]})),
    })
    return
  }
  if (!p.startsWith('/v2.0/')) throw new HttpError(404, 'The resource could not be found.')
  const seg = p
    .slice(6)
    .split('/')
    .map((x) => decodeURIComponent(x))
  const collection = seg[0].replace(/\.json$/, '')
  const id = seg[1]?.replace(/\.json$/, '')
  if (seg.length > 2 || !RESOURCES.includes(collection)) throw new HttpError(404, 'The resource could not be found.')
  const s = neutronState(inst)

  if (id === undefined) {
    if (method === 'GET') return list(ctx, s, w, collection)
    if (method === 'POST') return create(ctx, s, w, collection)
    throw new HttpError(405, 'The method is not allowed for this resource.')
  }
  if (method === 'GET') {
    sendJson(res, 200, {[SINGULAR[collection]]: project(findOne(s, w, collection, id), ctx.query.getAll('fields'))})
    return
  }
  if (method === 'DELETE') return remove(ctx, s, w, collection, id)
  throw new HttpError(405, 'The method is not allowed for this resource.')
}

function notFoundFor(collection: string, id: string): HttpError {
  switch (collection) {
    case 'networks':
      return notFound('NetworkNotFound', `Network ${id} could not be found.`)
    case 'subnets':
      return notFound('SubnetNotFound', `Subnet ${id} could not be found.`)
    case 'ports':
      return notFound('PortNotFound', `Port ${id} could not be found.`)
    case 'security-groups':
      return notFound('SecurityGroupNotFound', `Security group ${id} does not exist`)
    default:
      return notFound('SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`)
  }
}

function allJson(s: NeutronState, w: Who, collection: string): Record<string, unknown>[] {
  switch (collection) {
    case 'networks':
      return [...s.networks.values()].filter((n) => networkVisible(n, w)).map((n) => networkJson(n, w))
    case 'subnets':
      return [...s.subnets.values()].filter((x) => subnetVisible(s, x, w)).map(subnetJson)
    case 'ports':
      return [...s.ports.values()].filter((x) => ownedVisible(x.projectId, w)).map((x) => portJson(x, w))
    case 'security-groups':
      return [...s.securityGroups.values()].filter((x) => ownedVisible(x.projectId, w)).map(sgJson)
    default:
      return [...s.securityGroups.values()].filter((x) => ownedVisible(x.projectId, w)).flatMap((g) => g.rules.map((r) => ({...r})))
  }
}

function findOne(s: NeutronState, w: Who, collection: string, id: string): Record<string, unknown> {
  const found = allJson(s, w, collection).find((x) => x.id === id)
  if (!found) throw notFoundFor(collection, id)
  return found
}

function project(obj: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (fields.length === 0) {
    for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v
    return out
  }
  for (const f of fields) if (f in obj && obj[f] !== undefined) out[f] = obj[f]
  return out
}

function matches(value: unknown, wanted: string[]): boolean {
  return wanted.some((w) => {
    if (typeof value === 'boolean') return String(value) === w.toLowerCase() || (w === '1' && value) || (w === '0' && !value)
    if (Array.isArray(value)) return value.map(String).includes(w)
    if (value === null) return w === '' || w === 'None'
    return String(value) === w
  })
}

async function list(ctx: Ctx, s: NeutronState, w: Who, collection: string): Promise<void> {
  let items = allJson(s, w, collection)
  const q = ctx.query
  const keys = new Set([...q.keys()].filter((k) => !['fields', 'limit', 'marker', 'page_reverse', 'sort_key', 'sort_dir'].includes(k)))
  for (const k of keys) {
    const wanted = q.getAll(k)
    if (k === 'fixed_ips') {
      items = items.filter((it) =>
        wanted.every((f) => {
          const [fk, fv] = f.split('=')
          return (it.fixed_ips as Record<string, string>[]).some((ip) => ip[fk] === fv)
        }),
      )
      continue
    }
    items = items.filter((it) => (k in it ? matches(it[k], wanted) : true))
  }
  const limit = q.get('limit')
  const marker = q.get('marker')
  const body: Record<string, unknown> = {}
  const key = collection.replace(/-/g, '_')
  if (marker) {
    const i = items.findIndex((x) => x.id === marker)
    if (i < 0) throw notFoundFor(collection, marker)
    items = items.slice(i + 1)
  }
  if (limit !== null && limit !== '') {
    const n = Number(limit)
    if (!Number.isInteger(n) || n < 0) throw new HttpError(400, `Bad limit request: Limit must be an integer 0 or greater and not '${limit}'.`, {}, neutronError('BadRequest', `Bad limit request: Limit must be an integer 0 or greater and not '${limit}'.`))
    if (n > 0) {
      const more = items.length > n
      items = items.slice(0, n)
      const links: unknown[] = []
      if (more) {
        const params = new URLSearchParams(ctx.rawQuery)
        params.set('marker', String(items[items.length - 1].id))
        links.push({rel: 'next', href: `${ctx.inst.networkUrl}v2.0/${collection}?${params.toString()}`})
      }
      body[`${key}_links`] = links
    }
  }
  const fields = q.getAll('fields')
  body[key] = items.map((x) => project(x, fields))
  sendJson(ctx.res, 200, body)
}

function badRequest(message: string): HttpError {
  return new HttpError(400, message, {}, neutronError('HTTPBadRequest', message))
}

async function create(ctx: Ctx, s: NeutronState, w: Who, collection: string): Promise<void> {
  const raw = await readJson(ctx.req)
  const single = SINGULAR[collection]
  if (!isObject(raw) || !isObject(raw[single])) throw badRequest(`Resource body required`)
  const b = raw[single] as Record<string, unknown>
  const projectId = typeof b.project_id === 'string' ? b.project_id : typeof b.tenant_id === 'string' ? b.tenant_id : w.project ?? ''
  if (projectId !== w.project && !w.admin) throw new HttpError(403, 'Not authorized.', {}, neutronError('HTTPForbidden', 'Not authorized.'))
  const str = (k: string, d = ''): string => (typeof b[k] === 'string' ? (b[k] as string) : d)
  switch (collection) {
    case 'networks': {
      if ((b.shared === true || b['router:external'] === true) && !w.admin) {
        throw new HttpError(403, `(rule:create_network and rule:create_network:shared) is disallowed by policy`, {}, neutronError('PolicyNotAuthorized', '(rule:create_network and rule:create_network:shared) is disallowed by policy'))
      }
      const n = addNetwork(s, {
        name: str('name'),
        projectId,
        shared: b.shared === true,
        external: b['router:external'] === true,
        mtu: typeof b.mtu === 'number' ? b.mtu : undefined,
        description: str('description'),
        adminStateUp: b.admin_state_up !== false,
      })
      if (b.port_security_enabled === false) n.portSecurity = false
      sendJson(ctx.res, 201, {network: networkJson(n, w)})
      return
    }
    case 'subnets': {
      const netId = str('network_id')
      const net = s.networks.get(netId)
      if (!net || !networkVisible(net, w)) throw notFound('NetworkNotFound', `Network ${netId} could not be found.`)
      if (b.ip_version !== undefined && Number(b.ip_version) !== 4) throw badRequest('Invalid input for operation: the simulator only knows IPv4 subnets.')
      const cidr = str('cidr')
      if (!cidr) throw badRequest("Bad subnets request: a cidr must be specified in the absence of a subnet pool.")
      const sub = addSubnet(s, {name: str('name'), network: net, cidr, projectId, gateway: b.gateway_ip === null ? null : typeof b.gateway_ip === 'string' ? b.gateway_ip : undefined})
      if (b.enable_dhcp === false) sub.enableDhcp = false
      sendJson(ctx.res, 201, {subnet: subnetJson(sub)})
      return
    }
    case 'ports': {
      const netId = str('network_id')
      const net = s.networks.get(netId)
      if (!net || !networkVisible(net, w)) throw notFound('NetworkNotFound', `Network ${netId} could not be found.`)
      let fixedIp: string | undefined
      if (Array.isArray(b.fixed_ips) && isObject(b.fixed_ips[0]) && typeof b.fixed_ips[0].ip_address === 'string') fixedIp = b.fixed_ips[0].ip_address
      let sgs: string[] | undefined
      if (Array.isArray(b.security_groups)) {
        sgs = b.security_groups.map((g) => {
          const sg = s.securityGroups.get(String(g))
          if (!sg || !ownedVisible(sg.projectId, w)) throw notFoundFor('security-groups', String(g))
          return sg.id
        })
      }
      const port = createPort(ctx.inst, {networkId: net.id, projectId, deviceId: str('device_id'), deviceOwner: str('device_owner'), fixedIp, securityGroups: sgs, name: str('name')})
      sendJson(ctx.res, 201, {port: portJson(port, w)})
      return
    }
    case 'security-groups': {
      const name = str('name')
      if (name === 'default') {
        const msg = 'Default security group already exists.'
        throw new HttpError(409, msg, {}, neutronError('SecurityGroupDefaultAlreadyExists', msg))
      }
      const sg = addSecurityGroup(s, projectId, name, str('description'), false)
      sendJson(ctx.res, 201, {security_group: sgJson(sg)})
      return
    }
    default:
      throw new HttpError(405, 'The method is not allowed for this resource.')
  }
}

async function remove(ctx: Ctx, s: NeutronState, w: Who, collection: string, id: string): Promise<void> {
  const obj = findOne(s, w, collection, id)
  if (!w.admin && obj.project_id !== w.project) throw notFoundFor(collection, id)
  switch (collection) {
    case 'networks': {
      const inUse = [...s.ports.values()].some((p) => p.networkId === id)
      if (inUse) {
        const msg = `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`
        throw new HttpError(409, msg, {}, neutronError('NetworkInUse', msg))
      }
      const net = s.networks.get(id)!
      for (const sid of net.subnetIds) s.subnets.delete(sid)
      s.networks.delete(id)
      break
    }
    case 'subnets': {
      const sub = s.subnets.get(id)!
      if (usedIps(s, id).size) {
        const msg = `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`
        throw new HttpError(409, msg, {}, neutronError('SubnetInUse', msg))
      }
      s.subnets.delete(id)
      const net = s.networks.get(sub.networkId)
      if (net) net.subnetIds = net.subnetIds.filter((x) => x !== id)
      break
    }
    case 'ports': {
      s.ports.delete(id)
      break
    }
    case 'security-groups': {
      const sg = s.securityGroups.get(id)!
      if (sg.name === 'default' && !w.admin) {
        const msg = 'Insufficient rights for removing default security group.'
        throw new HttpError(409, msg, {}, neutronError('SecurityGroupCannotRemoveDefault', msg))
      }
      if ([...s.ports.values()].some((p) => p.securityGroups.includes(id))) {
        const msg = `Security Group ${id} in use.`
        throw new HttpError(409, msg, {}, neutronError('SecurityGroupInUse', msg))
      }
      s.securityGroups.delete(id)
      break
    }
    default:
      throw new HttpError(405, 'The method is not allowed for this resource.')
  }
  sendEmpty(ctx.res, 204)
}

