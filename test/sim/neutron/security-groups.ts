/**
 * Security groups and their rules, validated in Neutron's order (attribute converters, then
 * securitygroups_db: canonical port range, port range, remote prefix vs ethertype, one remote,
 * remote group and group exist, duplicates) with its messages.
 */
import {randomUUID} from 'node:crypto'
import type {InstanceState} from '../state.js'
import {neutronState} from './seed.js'
import {fail, intToIp, inUse, invalidAttr, notFound, nowZ, parsePrefix, type NeutronState, type SimSecurityGroup, type Who} from './state.js'

const PROTOCOLS: Record<string, number> = {
  ah: 51, dccp: 33, egp: 8, esp: 50, gre: 47, hopopt: 0, icmp: 1, igmp: 2, ip: 0, ipip: 4, 'ipv6-encap': 41, 'ipv6-frag': 44, 'ipv6-icmp': 58, icmpv6: 58,
  'ipv6-nonxt': 59, 'ipv6-opts': 60, 'ipv6-route': 43, ospf: 89, pgm: 113, rsvp: 46, sctp: 132, tcp: 6, udp: 17, udplite: 136, vrrp: 112,
}
const PROTOCOL_LIST = `[None, ${Object.keys(PROTOCOLS).map((p) => `'${p}'`).join(', ')}]`
const PORT_PROTOCOLS = [33, 132, 6, 17, 136]
const IPV6_ONLY = ['ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', '41', '44', '58', '59', '60', '43']
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

export function sgRule(sg: SimSecurityGroup, o: {direction: string; ethertype: string; protocol?: string | null; min?: number | null; max?: number | null; prefix?: string | null; remoteGroup?: string | null; description?: string}): Record<string, unknown> {
  const t = nowZ()
  const p = o.prefix ? parsePrefix(o.prefix) : undefined
  return {
    id: randomUUID(),
    tenant_id: sg.projectId,
    project_id: sg.projectId,
    security_group_id: sg.id,
    ethertype: o.ethertype,
    direction: o.direction,
    protocol: o.protocol ?? null,
    port_range_min: o.min ?? null,
    port_range_max: o.max ?? null,
    remote_ip_prefix: o.prefix ?? null,
    remote_group_id: o.remoteGroup ?? null,
    remote_address_group_id: null,
    normalized_cidr: p ? `${intToIp(p.base)}/${p.bits}` : o.prefix ? o.prefix : null,
    description: o.description ?? null,
    tags: [],
    created_at: t,
    updated_at: t,
    revision_number: 0,
    belongs_to_default_sg: sg.name === 'default',
  }
}

export function addSecurityGroup(s: NeutronState, projectId: string, name: string, description: string, isDefault: boolean): SimSecurityGroup {
  const t = nowZ()
  const sg: SimSecurityGroup = {id: randomUUID(), name, description, projectId, rules: [], created: t, updated: t, revision: 1}
  if (isDefault) sg.rules.push(sgRule(sg, {direction: 'ingress', ethertype: 'IPv4', remoteGroup: sg.id}), sgRule(sg, {direction: 'ingress', ethertype: 'IPv6', remoteGroup: sg.id}))
  sg.rules.push(sgRule(sg, {direction: 'egress', ethertype: 'IPv4'}), sgRule(sg, {direction: 'egress', ethertype: 'IPv6'}))
  s.securityGroups.set(sg.id, sg)
  return sg
}

/** The project's `default` security group, created (with its four rules) on first use as Neutron does. */
export function ensureDefaultSecurityGroup(inst: InstanceState, projectId: string): SimSecurityGroup {
  const s = neutronState(inst)
  for (const sg of s.securityGroups.values()) if (sg.projectId === projectId && sg.name === 'default') return sg
  return addSecurityGroup(s, projectId, 'default', 'Default security group', true)
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

export function securityGroupName(inst: InstanceState, id: string): string | undefined {
  return neutronState(inst).securityGroups.get(id)?.name
}

export function sgJson(sg: SimSecurityGroup): Record<string, unknown> {
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
    revision_number: sg.revision,
  }
}

export function deleteSecurityGroup(s: NeutronState, w: Who, id: string): void {
  const sg = s.securityGroups.get(id)!
  if (sg.name === 'default' && !w.admin) throw inUse('SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.')
  if ([...s.ports.values()].some((p) => p.securityGroups.includes(id))) throw inUse('SecurityGroupInUse', `Security Group ${id} in use.`)
  s.securityGroups.delete(id)
  for (const other of s.securityGroups.values()) other.rules = other.rules.filter((r) => r.remote_group_id !== id)
}

const requiredAttr = (name: string) => fail(400, 'HTTPBadRequest', `Failed to parse request. Required attribute '${name}' not specified`)
const sgNotFound = (id: string) => notFound('SecurityGroupNotFound', `Security group ${id} does not exist`)

function portValue(v: unknown): number | null {
  if (v === undefined || v === null) return null
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw fail(400, 'SecurityGroupInvalidPortValue', `Invalid value for port ${String(v)}`)
  return n
}

function protocolValue(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const text = String(v)
  const bad = () => fail(400, 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${text} not supported. Only protocol values ${PROTOCOL_LIST} and integer representations [0 to 255] are supported.`)
  if (typeof v === 'number' || /^\d+$/.test(text)) {
    const n = Number(text)
    if (!Number.isInteger(n) || n < 0 || n > 255) throw bad()
    return String(n)
  }
  if (text.toLowerCase() in PROTOCOLS) return text.toLowerCase()
  throw bad()
}

const protoNumber = (p: string) => (/^\d+$/.test(p) ? Number(p) : PROTOCOLS[p])

function ruleKey(r: Record<string, unknown>): string {
  const norm = (k: string, v: unknown) => {
    if (k === 'remote_ip_prefix') return v === null || v === '0.0.0.0/0' || v === '::/0' ? '+' : String(v)
    if (v === null || v === undefined) return '+'
    if (k === 'protocol') return String(protoNumber(String(v)))
    return String(v)
  }
  return ['direction', 'ethertype', 'port_range_max', 'port_range_min', 'protocol', 'remote_group_id', 'remote_address_group_id', 'remote_ip_prefix', 'security_group_id'].map((k) => norm(k, r[k])).join('_')
}

/** POST /security-group-rules. */
export function createRule(s: NeutronState, w: Who, b: Record<string, unknown>): Record<string, unknown> {
  if (b.security_group_id === undefined) throw requiredAttr('security_group_id')
  if (b.direction === undefined) throw requiredAttr('direction')
  const sgId = String(b.security_group_id)
  if (!UUID.test(sgId)) throw invalidAttr('security_group_id', `'${sgId}' is not a valid UUID`)
  const direction = String(b.direction)
  if (!['ingress', 'egress'].includes(direction)) throw invalidAttr('direction', `'${direction}' is not in ['ingress', 'egress']`)
  const rawEther = b.ethertype === undefined ? 'IPv4' : String(b.ethertype)
  const ethertype = ({ipv4: 'IPv4', ipv6: 'IPv6'} as Record<string, string>)[rawEther.toLowerCase()]
  if (!ethertype) throw invalidAttr('ethertype', `'${rawEther}' is not in ['IPv4', 'IPv6']`)
  let protocol = protocolValue(b.protocol)
  let min = portValue(b.port_range_min)
  let max = portValue(b.port_range_max)
  let prefix: string | null = null
  if (b.remote_ip_prefix !== undefined && b.remote_ip_prefix !== null) {
    const text = String(b.remote_ip_prefix)
    if (text.includes(':')) {
      if (!/^[0-9a-f:]+(\/\d{1,3})?$/i.test(text)) throw fail(400, 'InvalidCIDR', `Invalid CIDR ${text} given as IP prefix.`)
      prefix = text.includes('/') ? text.toLowerCase() : `${text.toLowerCase()}/128`
    } else {
      const p = parsePrefix(text)
      if (!p) throw fail(400, 'InvalidCIDR', `Invalid CIDR ${text} given as IP prefix.`)
      prefix = `${intToIp(p.ip)}/${p.bits}`
    }
  }
  const remoteGroup = b.remote_group_id === undefined || b.remote_group_id === null ? null : String(b.remote_group_id)
  if (remoteGroup !== null && !UUID.test(remoteGroup)) throw invalidAttr('remote_group_id', `'${remoteGroup}' is not a valid UUID`)
  // securitygroups_db: IPv6 ICMP names, the whole range means no range, then the checks.
  if (ethertype === 'IPv6' && protocol !== null && ['icmp', 'icmpv6', 'ipv6-icmp'].includes(protocol)) protocol = 'ipv6-icmp'
  else if (ethertype === 'IPv6' && protocol === '1') protocol = '58'
  if (min === 1 && max === 65535) min = max = null
  if (min !== null || max !== null) {
    if (!protocol) throw fail(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.')
    const n = protoNumber(protocol)
    if (PORT_PROTOCOLS.includes(n)) {
      if (min === 0 || max === 0) throw fail(400, 'SecurityGroupInvalidPortValue', 'Invalid value for port 0')
      if (min === null || max === null || min > max) throw fail(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max')
    } else if (n === 1 || n === 58) {
      for (const [value, attr, field] of [[min, 'port_range_min', 'type'], [max, 'port_range_max', 'code']] as const) {
        if (value !== null && value > 255) throw fail(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP ${field} (${attr}) ${value}. It must be 0 to 255.`)
      }
      if (min === null && max !== null) throw fail(400, 'SecurityGroupMissingIcmpType', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`)
    } else {
      throw fail(400, 'SecurityGroupInvalidProtocolForPort', `Ports cannot be specified for protocol ${n}. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.`)
    }
  }
  if (prefix !== null && ethertype !== (prefix.includes(':') ? 'IPv6' : 'IPv4')) {
    throw fail(400, 'SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${ethertype} for CIDR ${String(b.remote_ip_prefix)}`)
  }
  if (protocol !== null && ethertype === 'IPv4' && IPV6_ONLY.includes(protocol)) throw fail(400, 'SecurityGroupEthertypeConflictWithProtocol', `Invalid ethertype ${ethertype} for protocol ${protocol}.`)
  if (prefix !== null && remoteGroup !== null) throw fail(400, 'SecurityGroupMultipleRemoteEntites', 'Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.')
  if (remoteGroup !== null) {
    const g = s.securityGroups.get(remoteGroup)
    if (!g || !(w.admin || g.projectId === w.project)) throw sgNotFound(remoteGroup)
  }
  const sg = s.securityGroups.get(sgId)
  if (!sg || !(w.admin || sg.projectId === w.project)) throw sgNotFound(sgId)
  const rule = sgRule(sg, {direction, ethertype, protocol, min, max, prefix, remoteGroup, description: typeof b.description === 'string' ? b.description : ''})
  const key = ruleKey(rule)
  const dup = sg.rules.find((r) => ruleKey(r) === key)
  if (dup) throw inUse('SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${String(dup.id)}.`)
  sg.rules.push(rule)
  sg.revision++
  return rule
}

export function deleteRule(s: NeutronState, id: string): void {
  for (const sg of s.securityGroups.values()) {
    const i = sg.rules.findIndex((r) => r.id === id)
    if (i >= 0) {
      sg.rules.splice(i, 1)
      sg.revision++
      return
    }
  }
}
