import {OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {create, findNetwork, findPort, findQosPolicy, findSecurityGroup, findSubnet, setPortTags, updatePort, type Port} from '../services/network.js'

/**
 * `port create`, `port set`, `port unset` as OSC 6.0 (openstackclient/network/v2/port.py:
 * _get_attrs, _prepare_fixed_ips, CreatePort, SetPort, UnsetPort; osc_lib's tag helpers).
 * Flag texts are parsed here, before anything is sent, with osc-lib's wording (exit 1, as OSC's
 * argparse actions raise outside argparse's usage errors).
 */

type Dict = Record<string, string>

/** osc-lib's MultiKeyValueAction: "k=v,k=v" with required and optional keys. */
export function multiKeyValue(text: string, required: string[], optional: string[]): Dict {
  return checkKeys(pairs(text.split(',')), required, optional)
}

/** osc-lib's MultiKeyValueCommaAction: as above, but a part without '=' belongs to the previous value. */
export function multiKeyValueComma(text: string, required: string[], optional: string[]): Dict {
  const parts: string[] = []
  for (const part of text.split(',')) {
    if (part.includes('=') || parts.length === 0) parts.push(part)
    else parts[parts.length - 1] += `,${part}`
  }
  return checkKeys(pairs(parts), required, optional)
}

function pairs(parts: string[]): Dict {
  const out: Dict = {}
  for (const kv of parts) {
    const at = kv.indexOf('=')
    if (at < 0) throw new OidError(`Expected comma separated 'key=value' pairs, but got: ${kv}`)
    if (at === 0) throw new OidError(`Each property key must be specified: ${kv}`)
    out[kv.slice(0, at)] = kv.slice(at + 1)
  }
  return out
}

function checkKeys(out: Dict, required: string[], optional: string[]): Dict {
  const valid = [...required, ...optional].sort()
  const invalid = Object.keys(out).filter((key) => !valid.includes(key))
  if (invalid.length > 0) throw new OidError(`Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${valid.join(', ')}`)
  const missing = required.filter((key) => !(key in out))
  if (missing.length > 0) throw new OidError(`Missing required keys ${missing.sort().join(', ')}.\nRequired keys are: ${[...required].sort().join(', ')}`)
  return out
}

/** OSC's JSONKeyValueAction (--binding-profile): a JSON object, else key=value. */
export function jsonKeyValues(values: string[], flag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const value of values) {
    let parsed: unknown
    let reason = ''
    try {
      parsed = JSON.parse(value)
    } catch (error) {
      reason = pythonJsonError(value, error)
    }
    if (parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      Object.assign(out, parsed)
      continue
    }
    if (value.includes('=')) {
      const at = value.indexOf('=')
      out[value.slice(0, at)] = value.slice(at + 1)
      continue
    }
    throw new OidError(`Expected '<key>=<value>' or JSON data for option --${flag}, but encountered JSON parsing error: ${reason || 'Expecting value: line 1 column 1 (char 0)'}`)
  }
  return out
}

function pythonJsonError(text: string, error: unknown): string {
  const at = /position (\d+)/.exec(String((error as Error).message))
  const pos = at ? Number(at[1]) : 0
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  return `Expecting value: line ${line} column ${column} (char ${pos})`
}

/** Python's repr of a dict of strings (OSC's "Port does not contain fixed-ip {...}"). */
export function pyRepr(dict: Record<string, unknown>): string {
  const str = (s: unknown) => (typeof s === 'string' ? (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`) : String(s))
  return `{${Object.entries(dict)
    .map(([k, v]) => `${str(k)}: ${str(v)}`)
    .join(', ')}}`
}

export interface PortAttrOptions {
  name?: string
  description?: string
  device?: string
  macAddress?: string
  deviceOwner?: string
  vnicType?: string
  host?: string
  dnsDomain?: string
  dnsName?: string
  numaPolicy?: 'required' | 'preferred' | 'legacy'
  enable?: boolean
  disable?: boolean
  enablePortSecurity?: boolean
  disablePortSecurity?: boolean
  enableUplinkStatusPropagation?: boolean
  disableUplinkStatusPropagation?: boolean
  deviceProfile?: string
  qosPolicy?: string
  noQosPolicy?: boolean
  fixedIps?: string[]
  noFixedIp?: boolean
  bindingProfile?: string[]
  securityGroups?: string[]
  noSecurityGroup?: boolean
  allowedAddresses?: string[]
  extraDhcpOptions?: string[]
  tags?: string[]
  noTag?: boolean
}

export interface PortCreateOptions extends PortAttrOptions {
  name: string
  network: string
  project?: string
  projectDomain?: string
}

export interface PortSetOptions extends PortAttrOptions {
  noBindingProfile?: boolean
  noAllowedAddress?: boolean
  dataPlaneStatus?: string
}

interface Parsed {
  fixedIps: Dict[]
  bindingProfile?: Record<string, unknown>
  allowedAddresses: Dict[]
  extraDhcp: Dict[]
}

function parse(options: PortAttrOptions): Parsed {
  return {
    fixedIps: (options.fixedIps ?? []).map((text) => multiKeyValue(text, [], ['subnet', 'ip-address'])),
    bindingProfile: options.bindingProfile === undefined ? undefined : jsonKeyValues(options.bindingProfile, 'binding-profile'),
    allowedAddresses: (options.allowedAddresses ?? []).map((text) => multiKeyValue(text, ['ip-address'], ['mac-address'])),
    extraDhcp: (options.extraDhcpOptions ?? []).map((text) => multiKeyValueComma(text, ['name'], ['value', 'ip-version'])),
  }
}

/** _prepare_fixed_ips: subnet names become subnet_id, ip-address becomes ip_address (subnet_id first, as OSC's dict ends up). */
async function fixedIps(client: ServiceClient, specs: Dict[]): Promise<Dict[]> {
  const out: Dict[] = []
  for (const spec of specs) {
    const ip: Dict = {}
    for (const [key, value] of Object.entries(spec)) if (key !== 'subnet' && key !== 'ip-address') ip[key] = value
    if ('subnet' in spec) {
      if (spec.subnet) ip.subnet_id = (await findSubnet(client, spec.subnet)).id
      else ip.subnet = spec.subnet
    }
    if ('ip-address' in spec) ip.ip_address = spec['ip-address']
    out.push(ip)
  }
  return out
}

const addressPairs = (pairs: Dict[]) => pairs.map((pair) => ({ip_address: pair['ip-address'], ...(pair['mac-address'] === undefined ? {} : {mac_address: pair['mac-address']})}))

const dhcpOptions = (options: Dict[]) =>
  options.map((o) => ({opt_name: o.name, ...(o.value === undefined ? {} : {opt_value: o.value}), ...(o['ip-version'] === undefined ? {} : {ip_version: o['ip-version']})}))

/** OSC's _get_attrs: the attributes both create and set send. */
async function commonAttrs(client: ServiceClient, o: PortAttrOptions): Promise<Record<string, unknown>> {
  const attrs: Record<string, unknown> = {}
  if (o.description !== undefined) attrs.description = o.description
  if (o.device) attrs.device_id = o.device
  if (o.deviceOwner !== undefined) attrs.device_owner = o.deviceOwner
  if (o.enable) attrs.admin_state_up = true
  if (o.disable) attrs.admin_state_up = false
  if (o.vnicType !== undefined) attrs['binding:vnic_type'] = o.vnicType
  if (o.host) attrs['binding:host_id'] = o.host
  if (o.macAddress !== undefined) attrs.mac_address = o.macAddress
  if (o.dnsDomain !== undefined) attrs.dns_domain = o.dnsDomain
  if (o.dnsName !== undefined) attrs.dns_name = o.dnsName
  if (o.name !== undefined) attrs.name = o.name
  if (o.disablePortSecurity) attrs.port_security_enabled = false
  if (o.enablePortSecurity) attrs.port_security_enabled = true
  if (o.noQosPolicy) attrs.qos_policy_id = null
  if (o.qosPolicy) attrs.qos_policy_id = (await findQosPolicy(client, o.qosPolicy)).id
  if (o.enableUplinkStatusPropagation) attrs.propagate_uplink_status = true
  if (o.disableUplinkStatusPropagation) attrs.propagate_uplink_status = false
  if (o.numaPolicy) attrs.numa_affinity_policy = o.numaPolicy
  if (o.deviceProfile) attrs.device_profile = o.deviceProfile
  return attrs
}

/** osc-lib's update_tags_for_set: the union (or only the new ones with --no-tag), sorted, when it changed. */
function tagsForSet(current: string[], o: {tags?: string[]; noTag?: boolean}): string[] | undefined {
  const tags = new Set(o.noTag ? [] : current)
  for (const tag of o.tags ?? []) tags.add(tag)
  return sameSet(current, tags) ? undefined : [...tags].sort()
}

function sameSet(current: string[], next: Set<string>): boolean {
  const before = new Set(current)
  return before.size === next.size && [...before].every((tag) => next.has(tag))
}

/** `port create NAME --network NET …`: one port in each instance of `&`, on the network of that name there. */
export async function portCreate(router: InstanceRouter, options: PortCreateOptions): Promise<Fanout<Port>> {
  const parsed = parse(options)
  return router.fanout('network', 'create', async (client) => {
    const network = await findNetwork(client, options.network)
    const ips = await fixedIps(client, parsed.fixedIps)
    const attrs = await commonAttrs(client, options)
    attrs.network_id = network.id
    if (options.project !== undefined) attrs.project_id = (await findProject(router.beside(client, 'identity'), options.project, options.projectDomain)).id
    if (parsed.bindingProfile !== undefined) attrs['binding:profile'] = parsed.bindingProfile
    if (ips.length > 0) attrs.fixed_ips = ips
    else if (options.noFixedIp) attrs.fixed_ips = []
    if (options.securityGroups?.length) {
      const ids: string[] = []
      for (const sg of options.securityGroups) ids.push((await findSecurityGroup(client, sg)).id)
      attrs.security_groups = ids
    } else if (options.noSecurityGroup) attrs.security_groups = []
    if (parsed.allowedAddresses.length > 0) attrs.allowed_address_pairs = addressPairs(parsed.allowedAddresses)
    if (parsed.extraDhcp.length > 0) attrs.extra_dhcp_opts = dhcpOptions(parsed.extraDhcp)
    const port = await create<Port>(client, 'ports', attrs)
    // No tag-ports-during-bulk-creation here: tags go on afterwards, as OSC does.
    const tags = tagsForSet((port.tags as string[] | undefined) ?? [], options)
    if (tags !== undefined) {
      await setPortTags(client, port.id, tags)
      port.tags = tags
    }
    return port
  })
}

/** Runs an update in every instance of `&` that has the port (the first of `|`); notes say where under `&`. */
async function onPort(router: InstanceRouter, name: string, done: string, act: (client: ServiceClient) => Promise<void>): Promise<string[]> {
  const result = await router.fanout('network', 'each', async (client) => {
    await act(client)
    return client.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
  return result.multi ? [`${done} port ${name} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes] : result.notes
}

/** `port set PORT …`: OSC's merge rules (appends unless --no-…), one PUT, then the tags. */
export async function portSet(router: InstanceRouter, nameOrId: string, options: PortSetOptions): Promise<string[]> {
  const parsed = parse(options)
  return onPort(router, nameOrId, 'Set', async (client) => {
    const ips = await fixedIps(client, parsed.fixedIps)
    const port = await findPort(client, nameOrId)
    const attrs = await commonAttrs(client, options)
    if (options.noBindingProfile) attrs['binding:profile'] = {}
    if (parsed.bindingProfile !== undefined && Object.keys(parsed.bindingProfile).length > 0) {
      const base = (attrs['binding:profile'] as Record<string, unknown> | undefined) ?? structuredClone((port['binding:profile'] as Record<string, unknown> | null) ?? {})
      attrs['binding:profile'] = {...base, ...parsed.bindingProfile}
    }
    if (options.noFixedIp) attrs.fixed_ips = []
    if (ips.length > 0) attrs.fixed_ips = [...((attrs.fixed_ips as Dict[] | undefined) ?? ((port.fixed_ips as Dict[] | undefined) ?? []).filter((ip) => Object.keys(ip).length > 0)), ...ips]
    if (options.noSecurityGroup) attrs.security_groups = []
    if (options.securityGroups?.length) {
      const ids = [...((attrs.security_groups as string[] | undefined) ?? ((port.security_groups as string[] | undefined) ?? []))]
      for (const sg of options.securityGroups) ids.push((await findSecurityGroup(client, sg)).id)
      attrs.security_groups = ids
    }
    if (options.noAllowedAddress) attrs.allowed_address_pairs = []
    if (parsed.allowedAddresses.length > 0) {
      const base = (attrs.allowed_address_pairs as Dict[] | undefined) ?? ((port.allowed_address_pairs as Dict[] | undefined) ?? []).filter((pair) => Object.keys(pair).length > 0)
      attrs.allowed_address_pairs = [...base, ...addressPairs(parsed.allowedAddresses)]
    }
    if (parsed.extraDhcp.length > 0) attrs.extra_dhcp_opts = dhcpOptions(parsed.extraDhcp)
    if (options.dataPlaneStatus) attrs.data_plane_status = options.dataPlaneStatus
    if (Object.keys(attrs).length > 0) await updatePort(client, port.id, attrs)
    const tags = tagsForSet((port.tags as string[] | undefined) ?? [], options)
    if (tags !== undefined) await setPortTags(client, port.id, tags)
  })
}

export interface PortUnsetOptions {
  fixedIps?: string[]
  bindingProfile?: string[]
  securityGroups?: string[]
  allowedAddresses?: string[]
  qosPolicy?: boolean
  dataPlaneStatus?: boolean
  numaPolicy?: boolean
  host?: boolean
  tags?: string[]
  allTag?: boolean
}

const sameDict = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/** Python's list.remove of a dict: the first equal one, else the caller's error. */
function removeDict(list: Record<string, unknown>[], item: Record<string, unknown>, error: () => OidError): void {
  const at = list.findIndex((x) => sameDict(x, item))
  if (at < 0) throw error()
  list.splice(at, 1)
}

/** `port unset PORT …`: OSC's errors when a thing to remove is not on the port; one PUT, then the tags. */
export async function portUnset(router: InstanceRouter, nameOrId: string, options: PortUnsetOptions): Promise<string[]> {
  const ipSpecs = (options.fixedIps ?? []).map((text) => multiKeyValue(text, [], ['subnet', 'ip-address']))
  const pairSpecs = (options.allowedAddresses ?? []).map((text) => multiKeyValue(text, ['ip-address'], ['mac-address']))
  return onPort(router, nameOrId, 'Unset', async (client) => {
    const port = await findPort(client, nameOrId)
    const fixed = structuredClone((port.fixed_ips as Record<string, unknown>[] | undefined) ?? [])
    const profile = structuredClone((port['binding:profile'] as Record<string, unknown> | null | undefined) ?? {})
    const groups = [...((port.security_groups as string[] | undefined) ?? [])]
    const pairs = structuredClone((port.allowed_address_pairs as Record<string, unknown>[] | undefined) ?? [])
    const ips = await fixedIps(client, ipSpecs)
    const attrs: Record<string, unknown> = {}
    if (ips.length > 0) {
      for (const ip of ips) removeDict(fixed, ip, () => new OidError(`Port does not contain fixed-ip ${pyRepr(ip)}`))
      attrs.fixed_ips = fixed
    }
    if (options.bindingProfile?.length) {
      for (const key of options.bindingProfile) {
        if (!(key in profile)) throw new OidError(`Port does not contain binding-profile ${key}`)
        delete profile[key]
      }
      attrs['binding:profile'] = profile
    }
    if (options.securityGroups?.length) {
      for (const sg of options.securityGroups) {
        const id = (await findSecurityGroup(client, sg)).id
        const at = groups.indexOf(id)
        if (at < 0) throw new OidError(`Port does not contain security group ${sg}`)
        groups.splice(at, 1)
      }
      attrs.security_groups = groups
    }
    if (pairSpecs.length > 0) {
      for (const pair of addressPairs(pairSpecs)) removeDict(pairs, pair, () => new OidError(`Port does not contain allowed-address-pair ${pyRepr(pair)}`))
      attrs.allowed_address_pairs = pairs
    }
    if (options.qosPolicy) attrs.qos_policy_id = null
    if (options.dataPlaneStatus) attrs.data_plane_status = null
    if (options.numaPolicy) attrs.numa_affinity_policy = null
    if (options.host) attrs['binding:host_id'] = null
    if (Object.keys(attrs).length > 0) await updatePort(client, port.id, attrs)
    const current = (port.tags as string[] | undefined) ?? []
    const tags = new Set(options.allTag ? [] : current)
    for (const tag of options.tags ?? []) tags.delete(tag)
    if (!sameSet(current, tags)) await setPortTags(client, port.id, [...tags].sort())
  })
}
