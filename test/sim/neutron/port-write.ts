/**
 * POST/PUT /v2.0/ports and the tags sub-resource, checked in Neutron's order: attributes the
 * loaded extensions do not know ("Unrecognized attribute(s)"), read-only ones, value validators,
 * admin-only binding attributes, then the plugin's rules (network, fixed IPs and IPAM, MAC,
 * port security with security groups and address pairs), with neutron_lib's messages.
 */
import {randomUUID} from 'node:crypto'
import {isObject} from '../http.js'
import type {InstanceState} from '../state.js'
import {newMac, ROUTER_OWNERS, subnetsOfNetwork} from './ports.js'
import {ensureDefaultSecurityGroup} from './security-groups.js'
import {neutronState} from './seed.js'
import {fail, intToIp, inUse, invalidInput, ipInSubnet, ipToInt, isIpv4, networkVisible, notFound, nowZ, ownedVisible, parsePrefix, usedIps, type NeutronState, type SimPort, type Who} from './state.js'

/** The port attributes of core + the loaded extensions (binding, port-security, allowed-address-pairs, extra_dhcp_opt, security-group, dns-integration, standard-attr-*). */
const POSTABLE = [
  'name', 'network_id', 'admin_state_up', 'mac_address', 'fixed_ips', 'device_id', 'device_owner', 'tenant_id', 'project_id', 'description', 'security_groups',
  'port_security_enabled', 'allowed_address_pairs', 'extra_dhcp_opts', 'binding:host_id', 'binding:profile', 'binding:vnic_type', 'dns_name',
]
const PUTTABLE = POSTABLE.filter((k) => !['network_id', 'tenant_id', 'project_id'].includes(k))
const READ_ONLY = ['id', 'status', 'binding:vif_type', 'binding:vif_details', 'dns_assignment', 'tags', 'created_at', 'updated_at', 'revision_number', 'network_id', 'tenant_id', 'project_id']
const VNIC_TYPES = ['normal', 'direct', 'macvtap', 'baremetal', 'direct-physical', 'virtio-forwarder', 'smart-nic', 'vdpa', 'accelerator-direct', 'accelerator-direct-physical', 'remote-managed']
const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/

const badRequest = (message: string) => fail(400, 'HTTPBadRequest', message)

function checkKeys(b: Record<string, unknown>, allowed: string[], verb: 'POST' | 'PUT'): void {
  const known = new Set([...allowed, ...READ_ONLY])
  const extra = Object.keys(b).filter((k) => !known.has(k))
  if (extra.length > 0) throw badRequest(`Unrecognized attribute(s) '${extra.join(', ')}'`)
  for (const k of Object.keys(b)) {
    if (allowed.includes(k)) continue
    throw badRequest(verb === 'POST' ? `Attribute '${k}' not allowed in POST` : `Cannot update read-only attribute ${k}`)
  }
}

function validate(b: Record<string, unknown>, w: Who, verb: 'create' | 'update'): void {
  const attr = (name: string, reason: string) => badRequest(`Invalid input for ${name}. Reason: ${reason}.`)
  for (const k of ['name', 'description', 'device_id', 'device_owner', 'dns_name']) {
    if (k in b && typeof b[k] !== 'string') throw attr(k, `'${String(b[k])}' is not a valid string`)
  }
  for (const k of ['admin_state_up', 'port_security_enabled']) {
    if (k in b && typeof b[k] !== 'boolean') throw attr(k, `'${String(b[k])}' cannot be converted to boolean`)
  }
  if ('mac_address' in b && (typeof b.mac_address !== 'string' || !MAC.test(b.mac_address))) throw attr('mac_address', `'${String(b.mac_address)}' is not a valid MAC address`)
  if ('binding:vnic_type' in b && !VNIC_TYPES.includes(String(b['binding:vnic_type']))) throw attr('binding:vnic_type', `${String(b['binding:vnic_type'])} is not in [${VNIC_TYPES.map((v) => `'${v}'`).join(', ')}]`)
  if ('binding:profile' in b && b['binding:profile'] !== null && !isObject(b['binding:profile'])) throw attr('binding:profile', `'${String(b['binding:profile'])}' is not a dictionary`)
  if ('fixed_ips' in b) {
    if (!Array.isArray(b.fixed_ips)) throw attr('fixed_ips', `Invalid data format for fixed IP: '${String(b.fixed_ips)}'`)
    for (const ip of b.fixed_ips) {
      if (!isObject(ip)) throw attr('fixed_ips', `Invalid data format for fixed IP: '${String(ip)}'`)
      const extra = Object.keys(ip).filter((k) => k !== 'subnet_id' && k !== 'ip_address')
      if (extra.length > 0) throw attr('fixed_ips', `Unrecognized attribute(s) '${extra.join(', ')}'`)
      if ('ip_address' in ip && !isIpv4(String(ip.ip_address))) throw attr('fixed_ips', `'${String(ip.ip_address)}' is not a valid IP address`)
    }
  }
  if ('allowed_address_pairs' in b) {
    if (!Array.isArray(b.allowed_address_pairs)) throw badRequest(`Allowed address pairs must be a list.`)
    const seen = new Set<string>()
    for (const pair of b.allowed_address_pairs) {
      if (!isObject(pair)) throw attr('allowed_address_pairs', `'${String(pair)}' is not a dictionary`)
      if ('mac_address' in pair && (typeof pair.mac_address !== 'string' || !MAC.test(pair.mac_address))) throw badRequest(`'${String(pair.mac_address)}' is not a valid MAC address`)
      if (!('ip_address' in pair)) throw fail(400, 'AllowedAddressPairsMissingIP', 'AllowedAddressPair must contain ip_address')
      const key = `${String(pair.ip_address)}|${String(pair.mac_address ?? '')}`
      if (seen.has(key)) throw fail(400, 'DuplicateAddressPairInRequest', `Request contains duplicate address pair: mac_address ${String(pair.mac_address ?? 'None')} ip_address ${String(pair.ip_address)}.`)
      seen.add(key)
      const extra = Object.keys(pair).filter((k) => k !== 'ip_address' && k !== 'mac_address')
      if (extra.length > 0) throw badRequest(`Unrecognized attribute(s) '${extra.join(', ')}'`)
      const text = String(pair.ip_address)
      if (!(text.includes('/') ? parsePrefix(text) : isIpv4(text))) throw badRequest(text.includes('/') ? `'${text}' is not a valid IP subnet` : `'${text}' is not a valid IP address`)
    }
  }
  // Neutron's policy: the binding attributes are the admin's (and the service's) only.
  if (!w.admin) {
    for (const k of ['binding:host_id', 'binding:profile']) {
      if (k in b) throw fail(403, 'PolicyNotAuthorized', `(rule:${verb}_port and rule:${verb}_port:${k}) is disallowed by policy`)
    }
  }
}

interface FixedIp {
  subnet_id: string
  ip_address: string
}

/** IPAM for a request's fixed_ips (Neutron's _test_fixed_ips_for_port and the IPAM driver); `keep` are the port's own (update). */
function allocate(s: NeutronState, networkId: string, requested: Record<string, unknown>[], verb: 'create' | 'update', keep: FixedIp[] = []): FixedIp[] {
  const subs = subnetsOfNetwork(s, networkId)
  const out: FixedIp[] = []
  const spare = keep.slice()
  for (const spec of requested) {
    const subnetId = typeof spec.subnet_id === 'string' ? spec.subnet_id : undefined
    const ip = typeof spec.ip_address === 'string' ? spec.ip_address : undefined
    let sub = subnetId === undefined ? undefined : subs.find((x) => x.id === subnetId)
    if (subnetId !== undefined && !sub) {
      throw invalidInput(`Failed to ${verb} port on network ${networkId}, because fixed_ips included invalid subnet ${subnetId}`)
    }
    if (ip !== undefined) {
      if (sub && !ipInSubnet(sub, ip)) throw fail(400, 'InvalidIpForSubnet', `IP address ${ip} is not a valid IP for the specified subnet.`)
      sub ??= subs.find((x) => ipInSubnet(x, ip))
      if (!sub) throw fail(400, 'InvalidIpForNetwork', `IP address ${ip} is not a valid IP for any of the subnets on the specified network.`)
      const mine = spare.findIndex((f) => f.subnet_id === sub!.id && f.ip_address === ip)
      if (mine >= 0) spare.splice(mine, 1)
      else if (usedIps(s, sub.id).has(ip) || out.some((f) => f.ip_address === ip)) throw inUse('IpAddressAlreadyAllocated', `IP address ${ip} already allocated in subnet ${sub.id}`)
      out.push({subnet_id: sub.id, ip_address: ip})
      continue
    }
    if (!sub) throw invalidInput('IP allocation requires subnet_id or ip_address')
    const mine = spare.findIndex((f) => f.subnet_id === sub!.id)
    if (mine >= 0) {
      out.push(spare.splice(mine, 1)[0])
      continue
    }
    const taken = new Set([...usedIps(s, sub.id), ...out.map((f) => f.ip_address)])
    const next = sub.pools.flatMap((pool) => range(pool.start, pool.end, taken)).at(0)
    if (next === undefined) throw inUse('IpAddressGenerationFailure', `No more IP addresses available on network ${networkId}.`)
    out.push({subnet_id: sub.id, ip_address: next})
  }
  return out
}

/** The first free address of a pool (Neutron's IPAM takes them in order here, as the boot path does). */
function range(start: string, end: string, taken: Set<string>): string[] {
  for (let v = ipToInt(start); v <= ipToInt(end); v++) if (!taken.has(intToIp(v))) return [intToIp(v)]
  return []
}

function sgIds(s: NeutronState, w: Who, raw: unknown): string[] {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for security_groups. Reason: '${String(raw)}' is not a list.`)
  return raw.map((g) => {
    const sg = s.securityGroups.get(String(g))
    if (!sg || !ownedVisible(sg.projectId, w)) throw notFound('SecurityGroupNotFound', `Security group ${String(g)} does not exist`)
    return sg.id
  })
}

function pairsOf(raw: unknown, mac: string): {ip_address: string; mac_address: string}[] {
  return (raw as Record<string, unknown>[]).map((p) => ({ip_address: String(p.ip_address), mac_address: typeof p.mac_address === 'string' ? p.mac_address.toLowerCase() : mac}))
}

function macInUse(s: NeutronState, networkId: string, mac: string, self?: string): void {
  for (const p of s.ports.values()) {
    if (p.id !== self && p.networkId === networkId && p.mac.toLowerCase() === mac.toLowerCase()) {
      throw inUse('MacAddressInUse', `Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`)
    }
  }
}

const SG_NEEDS = 'Port security must be enabled and port must have an IP address in order to use security groups.'
const PAIRS_NEED = 'Port Security must be enabled in order to have allowed address pairs on a port.'

/** POST /v2.0/ports. */
export function createPortApi(inst: InstanceState, w: Who, b: Record<string, unknown>, projectId: string): SimPort {
  const s = neutronState(inst)
  checkKeys(b, POSTABLE, 'POST')
  if (typeof b.network_id !== 'string') throw badRequest("Failed to parse request. Required attribute 'network_id' not specified")
  validate(b, w, 'create')
  const net = s.networks.get(b.network_id)
  if (!net || !networkVisible(net, w)) throw notFound('NetworkNotFound', `Network ${b.network_id} could not be found.`)
  const requested = Array.isArray(b.fixed_ips) ? (b.fixed_ips as Record<string, unknown>[]) : undefined
  const fixedIps = requested === undefined ? (subnetsOfNetwork(s, net.id).length ? allocate(s, net.id, [{subnet_id: subnetsOfNetwork(s, net.id)[0].id}], 'create') : []) : allocate(s, net.id, requested, 'create')
  if (typeof b.mac_address === 'string') macInUse(s, net.id, b.mac_address)
  const owner = typeof b.device_owner === 'string' ? b.device_owner : ''
  const portSecurity = typeof b.port_security_enabled === 'boolean' ? b.port_security_enabled : net.portSecurity
  const hasIp = fixedIps.length > 0
  let groups: string[]
  if (b.security_groups === undefined || b.security_groups === null) {
    groups = portSecurity && hasIp && !ROUTER_OWNERS.includes(owner) && !owner.startsWith('network:') ? [ensureDefaultSecurityGroup(inst, projectId).id] : []
  } else {
    groups = sgIds(s, w, b.security_groups)
    if (groups.length > 0 && !(portSecurity && hasIp)) throw fail(400, 'PortSecurityAndIPRequiredForSecurityGroups', SG_NEEDS)
  }
  const pairs = Array.isArray(b.allowed_address_pairs) ? b.allowed_address_pairs : []
  if (pairs.length > 0 && !portSecurity) throw inUse('AddressPairAndPortSecurityRequired', PAIRS_NEED)
  const t = nowZ()
  const port: SimPort = {
    id: randomUUID(),
    name: typeof b.name === 'string' ? b.name : '',
    networkId: net.id,
    projectId,
    mac: typeof b.mac_address === 'string' ? b.mac_address.toLowerCase().replace(/-/g, ':') : newMac(),
    fixedIps,
    deviceId: typeof b.device_id === 'string' ? b.device_id : '',
    deviceOwner: owner,
    securityGroups: groups,
    created: t,
    updated: t,
    revision: 1,
  }
  port.adminStateUp = b.admin_state_up !== false
  port.description = typeof b.description === 'string' ? b.description : ''
  port.portSecurity = portSecurity
  port.allowedAddressPairs = pairsOf(pairs, port.mac)
  port.extraDhcpOpts = Array.isArray(b.extra_dhcp_opts) ? (b.extra_dhcp_opts as Record<string, unknown>[]).map((o) => ({opt_name: o.opt_name, opt_value: o.opt_value ?? null, ip_version: o.ip_version === undefined ? 4 : Number(o.ip_version)})) : []
  port.hostId = typeof b['binding:host_id'] === 'string' ? b['binding:host_id'] : port.deviceId ? 'compute' : ''
  port.profile = isObject(b['binding:profile']) ? {...b['binding:profile']} : {}
  port.vnicType = typeof b['binding:vnic_type'] === 'string' ? b['binding:vnic_type'] : 'normal'
  port.dnsName = typeof b.dns_name === 'string' ? b.dns_name : ''
  port.tags = []
  s.ports.set(port.id, port)
  return port
}

/** PUT /v2.0/ports/{id}: the same rules, against what the port has; revision_number and updated_at move. */
export function updatePortApi(inst: InstanceState, w: Who, port: SimPort, b: Record<string, unknown>): SimPort {
  const s = neutronState(inst)
  checkKeys(b, PUTTABLE, 'PUT')
  validate(b, w, 'update')
  if (ROUTER_OWNERS.includes(port.deviceOwner) && ('fixed_ips' in b || 'device_owner' in b || 'device_id' in b)) {
    throw inUse('PortInUse', `Unable to complete operation on port ${port.id} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`)
  }
  const fixedIps = Array.isArray(b.fixed_ips) ? allocate(s, port.networkId, b.fixed_ips as Record<string, unknown>[], 'update', port.fixedIps) : port.fixedIps
  if (typeof b.mac_address === 'string') {
    if (port.deviceOwner.startsWith('compute:') || port.hostId) throw inUse('PortBound', `Unable to complete operation on port ${port.id}, port is already bound, port type: ovs, old_mac ${port.mac}, new_mac ${b.mac_address}.`)
    macInUse(s, port.networkId, b.mac_address, port.id)
  }
  const portSecurity = typeof b.port_security_enabled === 'boolean' ? b.port_security_enabled : (port.portSecurity ?? !ROUTER_OWNERS.includes(port.deviceOwner))
  const groups = 'security_groups' in b ? sgIds(s, w, b.security_groups ?? []) : port.securityGroups
  const hasIp = fixedIps.length > 0
  if (groups.length > 0 && !(portSecurity && hasIp)) {
    if ('security_groups' in b) throw fail(400, 'PortSecurityAndIPRequiredForSecurityGroups', SG_NEEDS)
    throw inUse('PortSecurityPortHasSecurityGroup', 'Port has security group associated. Cannot disable port security or IP address until security group is removed.')
  }
  const pairs = Array.isArray(b.allowed_address_pairs) ? pairsOf(b.allowed_address_pairs, typeof b.mac_address === 'string' ? b.mac_address.toLowerCase() : port.mac) : (port.allowedAddressPairs ?? [])
  if (pairs.length > 0 && !portSecurity) throw inUse('AddressPairAndPortSecurityRequired', PAIRS_NEED)

  port.fixedIps = fixedIps
  port.securityGroups = groups
  port.portSecurity = portSecurity
  port.allowedAddressPairs = pairs
  if (typeof b.mac_address === 'string') port.mac = b.mac_address.toLowerCase().replace(/-/g, ':')
  if (typeof b.name === 'string') port.name = b.name
  if (typeof b.description === 'string') port.description = b.description
  if (typeof b.device_id === 'string') port.deviceId = b.device_id
  if (typeof b.device_owner === 'string') port.deviceOwner = b.device_owner
  if (typeof b.admin_state_up === 'boolean') port.adminStateUp = b.admin_state_up
  if ('binding:host_id' in b) port.hostId = typeof b['binding:host_id'] === 'string' ? b['binding:host_id'] : ''
  if ('binding:profile' in b) port.profile = isObject(b['binding:profile']) ? {...b['binding:profile']} : {}
  if (typeof b['binding:vnic_type'] === 'string') port.vnicType = b['binding:vnic_type']
  if (typeof b.dns_name === 'string') port.dnsName = b.dns_name
  if (Array.isArray(b.extra_dhcp_opts)) {
    const opts = new Map((port.extraDhcpOpts ?? []).map((o) => [String(o.opt_name), o]))
    for (const o of b.extra_dhcp_opts as Record<string, unknown>[]) {
      if (o.opt_value === null) opts.delete(String(o.opt_name))
      else opts.set(String(o.opt_name), {opt_name: o.opt_name, opt_value: o.opt_value ?? null, ip_version: o.ip_version === undefined ? 4 : Number(o.ip_version)})
    }
    port.extraDhcpOpts = [...opts.values()]
  }
  touch(port)
  return port
}

function touch(port: SimPort): void {
  port.updated = nowZ()
  port.revision += 1
}

const MAX_TAG = 255

function checkTag(tag: unknown): string {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_TAG || tag.includes(',')) {
    throw invalidInput(`'${String(tag)}' is not a valid tag`)
  }
  return tag
}

/**
 * The tags sub-resource (standard-attr-tag): GET/PUT/DELETE /ports/{id}/tags and
 * GET/PUT/DELETE /ports/{id}/tags/{tag}. Returns the status and body to send.
 */
export function portTags(port: SimPort, method: string, tag: string | undefined, body: unknown): {status: number; body?: unknown} {
  const tags = port.tags ?? []
  if (tag === undefined) {
    if (method === 'GET') return {status: 200, body: {tags: tags.slice()}}
    if (method === 'PUT') {
      if (!isObject(body) || !Array.isArray(body.tags)) throw badRequest("Invalid input for tags. Reason: Invalid tags body: 'tags' must be a list.")
      port.tags = [...new Set(body.tags.map(checkTag))]
      touch(port)
      return {status: 200, body: {tags: port.tags.slice()}}
    }
    if (method === 'DELETE') {
      port.tags = []
      touch(port)
      return {status: 204}
    }
    throw fail(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
  }
  if (method === 'GET') {
    if (!tags.includes(tag)) throw notFound('TagNotFound', `Tag ${tag} could not be found for port ${port.id}.`)
    return {status: 204}
  }
  if (method === 'PUT') {
    checkTag(tag)
    if (!tags.includes(tag)) {
      port.tags = [...tags, tag]
      touch(port)
    }
    return {status: 201}
  }
  if (method === 'DELETE') {
    if (!tags.includes(tag)) throw notFound('TagNotFound', `Tag ${tag} could not be found for port ${port.id}.`)
    port.tags = tags.filter((t) => t !== tag)
    touch(port)
    return {status: 204}
  }
  throw fail(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
}
