/**
 * The Neutron state of one simulated instance: its resources, IPv4 arithmetic, NeutronError
 * envelopes (neutron_lib's messages) and who sees what. Resource modules beside this one own
 * their JSON views and their create/update/delete rules.
 */
import {HttpError, isoSeconds} from '../http.js'
import type {InstanceState, TokenInfo} from '../state.js'

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

export interface SimPool {
  start: string
  end: string
}

export interface SimSubnet {
  id: string
  name: string
  networkId: string
  projectId: string
  cidr: string
  gateway: string | null
  pools: SimPool[]
  enableDhcp: boolean
  description: string
  created: string
  updated: string
  revision: number
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
  /** Set through POST/PUT /ports (port create/set); absent on ports made by Nova or the L3 code. */
  adminStateUp?: boolean
  description?: string
  portSecurity?: boolean
  allowedAddressPairs?: {ip_address: string; mac_address: string}[]
  extraDhcpOpts?: Record<string, unknown>[]
  hostId?: string
  profile?: Record<string, unknown>
  vnicType?: string
  dnsName?: string
  tags?: string[]
}

export interface SimSecurityGroup {
  id: string
  name: string
  description: string
  projectId: string
  rules: Record<string, unknown>[]
  created: string
  updated: string
  revision: number
}

export interface SimRouter {
  id: string
  name: string
  projectId: string
  description: string
  adminStateUp: boolean
  /** The gateway: external network and the router_gateway port. */
  gateway: {networkId: string; portId: string; enableSnat: boolean} | null
  created: string
  updated: string
  revision: number
}

export interface SimFloatingIp {
  id: string
  projectId: string
  address: string
  networkId: string
  /** The network:floatingip port that holds the address. */
  ownPortId: string
  portId: string | null
  fixedIp: string | null
  routerId: string | null
  description: string
  created: string
  updated: string
  revision: number
}

export interface NeutronState {
  networks: Map<string, SimNetwork>
  subnets: Map<string, SimSubnet>
  ports: Map<string, SimPort>
  securityGroups: Map<string, SimSecurityGroup>
  routers: Map<string, SimRouter>
  floatingIps: Map<string, SimFloatingIp>
  /** The quota limits of every project (neutron.conf's [quotas], or the instance's options). */
  quotas: Record<string, number>
  /** Per-project limits set with PUT /v2.0/quotas/{project_id}. */
  projectQuotas: Map<string, Record<string, number>>
}

/** Neutron's own defaults (neutron/conf/quota.py; subnetpool has no option of its own: default_quota -1). */
export const DEFAULT_NETWORK_QUOTAS: Readonly<Record<string, number>> = {
  network: 100,
  subnet: 100,
  subnetpool: -1,
  port: 500,
  router: 10,
  floatingip: 50,
  security_group: 10,
  security_group_rule: 100,
  rbac_policy: 10,
}

export function nowZ(): string {
  return isoSeconds(Date.now())
}

export function emptyState(): NeutronState {
  return {
    networks: new Map(),
    subnets: new Map(),
    ports: new Map(),
    securityGroups: new Map(),
    routers: new Map(),
    floatingIps: new Map(),
    quotas: {...DEFAULT_NETWORK_QUOTAS},
    projectQuotas: new Map(),
  }
}

// ---------------------------------------------------------------- IPv4 helpers

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number)
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function isIpv4(ip: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255)
}

/** An IPv4 prefix (`a.b.c.d/n`, 0 ≤ n ≤ 32): its network address and length; undefined if malformed. */
export function parsePrefix(text: string): {base: number; bits: number; ip: number} | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(text)
  if (!m || !isIpv4(m[1])) return undefined
  const bits = m[2] === undefined ? 32 : Number(m[2])
  if (bits > 32) return undefined
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  const ip = ipToInt(m[1])
  return {base: (ip & mask) >>> 0, bits, ip}
}

export function cidrRange(cidr: string): {first: number; last: number; bits: number} {
  const c = parsePrefix(cidr)!
  return {first: c.base, last: c.base + 2 ** (32 - c.bits) - 1, bits: c.bits}
}

export function ipInSubnet(sub: SimSubnet, ip: string): boolean {
  if (!isIpv4(ip)) return false
  const r = cidrRange(sub.cidr)
  const v = ipToInt(ip)
  return v >= r.first && v <= r.last
}

export function ipVersionOf(ip: string): number {
  return ip.includes(':') ? 6 : 4
}

// ---------------------------------------------------------------- errors

export function neutronError(type: string, message: string): unknown {
  return {NeutronError: {type, message, detail: ''}}
}

export function fail(status: number, type: string, message: string): HttpError {
  return new HttpError(status, message, {}, neutronError(type, message))
}

export function notFound(type: string, message: string): HttpError {
  return fail(404, type, message)
}

/** neutron_lib's BadRequest: "Bad <resource> request: <msg>." */
export function badRequestFor(resource: string, msg: string): HttpError {
  return fail(400, 'BadRequest', `Bad ${resource} request: ${msg}.`)
}

/** neutron_lib's InvalidInput: "Invalid input for operation: <msg>." */
export function invalidInput(msg: string): HttpError {
  return fail(400, 'InvalidInput', `Invalid input for operation: ${msg}.`)
}

/** An attribute validator's refusal: "Invalid input for <attr>. Reason: <reason>." */
export function invalidAttr(attr: string, reason: string): HttpError {
  return fail(400, 'HTTPBadRequest', `Invalid input for ${attr}. Reason: ${reason}.`)
}

export function inUse(type: string, message: string): HttpError {
  return fail(409, type, message)
}

// ---------------------------------------------------------------- visibility

export interface Who {
  project: string | null
  admin: boolean
}

export function who(inst: InstanceState, t: TokenInfo): Who {
  return {project: inst.tokenProjectId(t), admin: inst.isAdminToken(t)}
}

export function networkVisible(n: SimNetwork, w: Who): boolean {
  return w.admin || n.shared || n.external || n.projectId === w.project
}

export function ownedVisible(projectId: string, w: Who): boolean {
  return w.admin || projectId === w.project
}

export function usedIps(s: NeutronState, subnetId: string): Set<string> {
  const out = new Set<string>()
  for (const p of s.ports.values()) for (const f of p.fixedIps) if (f.subnet_id === subnetId) out.add(f.ip_address)
  return out
}
