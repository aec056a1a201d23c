import {OidError, UsageError} from '../errors.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'
import {create, find, findSecurityGroup, get, listSecurityGroupRules, listSecurityGroups, remove, type SecurityGroup, type SecurityGroupRule} from '../services/network.js'
import {deleteEach} from './delete.js'

/** Security groups and their rules (OSC 6.0's network/v2/security_group*.py, Neutron only). */

export async function securityGroupList(router: InstanceRouter, query: Record<string, string | undefined>): Promise<Fanout<SecurityGroup[]>> {
  return router.fanout('network', 'read', async (client) => listSecurityGroups(client, query))
}

export async function securityGroupShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<SecurityGroup>> {
  return router.fanout('network', 'lookup', async (client) => findSecurityGroup(client, nameOrId))
}

/** `security group create`: one group in each instance of `&` (OSC: the description defaults to the name). */
export async function securityGroupCreate(router: InstanceRouter, options: {name: string; description?: string; stateful?: boolean}): Promise<Fanout<SecurityGroup>> {
  const body: Record<string, unknown> = {name: options.name, description: options.description ?? options.name}
  if (options.stateful !== undefined) body.stateful = options.stateful
  return router.fanout('network', 'create', async (client) => create<SecurityGroup>(client, 'security-groups', body))
}

export async function securityGroupDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'group', remove: async (client, name) => remove(client, 'security-groups', (await findSecurityGroup(client, name)).id)}, names)
}

export interface RuleListOptions {
  group?: string
  direction?: 'ingress' | 'egress'
  protocol?: string
}

/** `security group rule list [GROUP]`: with a group, only its rules (found by name or ID in each instance). */
export async function securityGroupRuleList(router: InstanceRouter, options: RuleListOptions): Promise<Fanout<SecurityGroupRule[]>> {
  return router.fanout('network', options.group ? 'lookup' : 'read', async (client) => {
    const query: Record<string, string | undefined> = {direction: options.direction, protocol: options.protocol}
    if (options.group) query.security_group_id = (await findSecurityGroup(client, options.group)).id
    return listSecurityGroupRules(client, query)
  })
}

export interface RuleCreateOptions {
  group: string
  protocol?: string
  dstPort?: [number, number]
  icmpType?: number
  icmpCode?: number
  remoteIp?: string
  remoteGroup?: string
  egress: boolean
  ethertype?: string
  description?: string
}

const ICMP = ['icmp', 'icmpv6', 'ipv6-icmp', '1', '58']
const isIpv6Protocol = (protocol: string | null) => protocol !== null && (protocol.startsWith('ipv6-') || ['icmpv6', '41', '43', '44', '58', '59', '60'].includes(protocol))

/** The request body OSC 6.0 builds (CreateSecurityGroupRule.take_action_network), before any lookup. */
export function ruleBody(options: RuleCreateOptions): Record<string, unknown> {
  const protocol = options.protocol === undefined || options.protocol === 'any' ? null : options.protocol
  const body: Record<string, unknown> = {protocol}
  if (options.description !== undefined) body.description = options.description
  body.direction = options.egress ? 'egress' : 'ingress'
  body.ethertype = options.ethertype ?? (isIpv6Protocol(protocol) ? 'IPv6' : 'IPv4')
  if (options.dstPort && (options.icmpType || options.icmpCode)) throw new OidError('Argument --dst-port not allowed with arguments --icmp-type and --icmp-code')
  if (options.icmpType === undefined && options.icmpCode !== undefined) throw new OidError('Argument --icmp-type required with argument --icmp-code')
  const icmp = ICMP.includes(String(protocol))
  if (!icmp && (options.icmpType || options.icmpCode)) throw new OidError('ICMP IP protocol required with arguments --icmp-type and --icmp-code')
  if (options.dstPort && !icmp) [body.port_range_min, body.port_range_max] = options.dstPort
  if (options.icmpType !== undefined && options.icmpType >= 0) body.port_range_min = options.icmpType
  if (options.icmpCode !== undefined && options.icmpCode >= 0) body.port_range_max = options.icmpCode
  if (options.remoteGroup === undefined) {
    if (options.remoteIp !== undefined) body.remote_ip_prefix = options.remoteIp
    else if (body.ethertype === 'IPv4') body.remote_ip_prefix = '0.0.0.0/0'
    else if (body.ethertype === 'IPv6') body.remote_ip_prefix = '::/0'
  }
  return body
}

/** `security group rule create GROUP`: in each instance of `&` (the group and a remote group found there). */
export async function securityGroupRuleCreate(router: InstanceRouter, options: RuleCreateOptions): Promise<Fanout<SecurityGroupRule>> {
  const body = ruleBody(options)
  return router.fanout('network', 'create', async (client) => {
    const group = await findSecurityGroup(client, options.group)
    const remote = options.remoteGroup === undefined ? {} : {remote_group_id: (await findSecurityGroup(client, options.remoteGroup)).id}
    return create<SecurityGroupRule>(client, 'security-group-rules', {security_group_id: group.id, ...body, ...remote})
  })
}

export async function securityGroupRuleShow(router: InstanceRouter, id: string): Promise<Fanout<SecurityGroupRule>> {
  return router.fanout('network', 'lookup', async (client) => get<SecurityGroupRule>(client, 'security-group-rules', id))
}

/** openstacksdk finds a rule by ID only (a rule has no name). */
export async function securityGroupRuleDelete(router: InstanceRouter, ids: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'rule', remove: async (client, id) => remove(client, 'security-group-rules', (await find<SecurityGroupRule>(client, 'security-group-rules', id)).id)}, ids)
}


/** osc-lib's RangeAction: "22" is 22:22, "22:24" a range; anything else is argparse's usage error. */
export function portRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined
  const parts = text.split(':', 2)
  const nums = (text.includes(':') ? [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)] : [text, text]).map((x) => (/^\s*[-+]?\d+\s*$/.test(x) ? Number(x) : Number.NaN))
  if (parts.length === 0 || nums.some((n) => Number.isNaN(n))) throw new UsageError('argument --dst-port: Invalid range, non-integer value supplied')
  if (nums[0] > nums[1]) throw new UsageError(`argument --dst-port: Invalid range, ${nums[0]} is not less than ${nums[1]}`)
  return [nums[0], nums[1]]
}
