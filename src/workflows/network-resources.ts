import {OidError} from '../errors.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'
import {create, createSubnet, findNetwork, findPort, findSubnet, listPorts, listSubnets, remove, removeSubnet, type Network, type Port, type Subnet} from '../services/network.js'
import {deleteEach} from './delete.js'

/** Networks, subnets and ports (OSC 6.0's network/v2/{network,subnet,port}.py, Neutron only). */

type Query = Record<string, string | undefined>

export async function networkShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Network>> {
  return router.fanout('network', 'lookup', async (client) => findNetwork(client, nameOrId))
}

export interface NetworkCreateOptions {
  name: string
  adminStateUp?: boolean
  shared?: boolean
  external?: boolean
  description?: string
  mtu?: number
  portSecurity?: boolean
}

/** `network create NAME`: one network in each instance of `&` (OSC's _get_attrs_network body). */
export async function networkCreate(router: InstanceRouter, options: NetworkCreateOptions): Promise<Fanout<Network>> {
  const body: Record<string, unknown> = {name: options.name}
  if (options.adminStateUp !== undefined) body.admin_state_up = options.adminStateUp
  if (options.shared !== undefined) body.shared = options.shared
  if (options.description !== undefined) body.description = options.description
  if (options.mtu !== undefined) body.mtu = options.mtu
  if (options.portSecurity !== undefined) body.port_security_enabled = options.portSecurity
  if (options.external !== undefined) body['router:external'] = options.external
  return router.fanout('network', 'create', async (client) => create<Network>(client, 'networks', body))
}

export async function networkDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'network', remove: async (client, name) => remove(client, 'networks', (await findNetwork(client, name)).id)}, names)
}

/** `subnet list`: --network is found by name or ID in each instance. */
export async function subnetList(router: InstanceRouter, query: Query, network?: string): Promise<Fanout<Subnet[]>> {
  return router.fanout('network', network ? 'lookup' : 'read', async (client) => {
    const filters = {...query}
    if (network) filters.network_id = (await findNetwork(client, network)).id
    return listSubnets(client, filters)
  })
}

export async function subnetShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Subnet>> {
  return router.fanout('network', 'lookup', async (client) => findSubnet(client, nameOrId))
}

/** `subnet create NAME --network N`: in each instance of `&`, on the network of that name there. */
export async function subnetCreate(router: InstanceRouter, network: string, body: Record<string, unknown>): Promise<Fanout<Subnet>> {
  return router.fanout('network', 'create', async (client) => createSubnet(client, {...body, network_id: (await findNetwork(client, network)).id}))
}

export async function subnetDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'subnet', remove: async (client, name) => removeSubnet(client, (await findSubnet(client, name)).id)}, names)
}

/** `port list`: --network is found by name or ID in each instance. */
export async function portList(router: InstanceRouter, query: Query, network?: string): Promise<Fanout<Port[]>> {
  return router.fanout('network', network ? 'lookup' : 'read', async (client) => {
    const filters = {...query}
    if (network) filters.network_id = (await findNetwork(client, network)).id
    return listPorts(client, filters)
  })
}

export async function portShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Port>> {
  return router.fanout('network', 'lookup', async (client) => findPort(client, nameOrId))
}

export async function portDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'port', remove: async (client, name) => remove(client, 'ports', (await findPort(client, name)).id)}, names)
}

export interface SubnetCreateOptions {
  name: string
  subnetRange?: string
  dhcp?: boolean
  gateway: string
  ipVersion: number
  allocationPools?: string[]
  dnsNameservers?: string[]
  description?: string
}

/** osc-lib's MultiKeyValueAction with required keys start and end: "start=a,end=b" (its errors escape argparse: exit 1). */
function allocationPool(text: string): Record<string, string> {
  const pool: Record<string, string> = {}
  for (const kv of text.split(',')) {
    const at = kv.indexOf('=')
    if (at < 0) throw new OidError(`Expected comma separated 'key=value' pairs, but got: ${kv}`)
    if (at === 0) throw new OidError(`Each property key must be specified: ${kv}`)
    pool[kv.slice(0, at)] = kv.slice(at + 1)
  }
  const invalid = Object.keys(pool).filter((key) => key !== 'start' && key !== 'end')
  if (invalid.length > 0) throw new OidError(`Invalid keys ${invalid.join(', ')} specified.\nValid keys are: start, end`)
  const missing = ['start', 'end'].filter((key) => !(key in pool))
  if (missing.length > 0) throw new OidError(`Missing required keys ${missing.join(', ')}.\nRequired keys are: start, end`)
  return pool
}

/** The request body OSC 6.0 builds (subnet._get_attrs for create), before the network lookup. */
export function subnetBody(options: SubnetCreateOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {name: options.name}
  if (options.subnetRange !== undefined) body.cidr = options.subnetRange
  body.ip_version = options.ipVersion
  const gateway = options.gateway.toLowerCase()
  if (gateway === 'none') body.gateway_ip = null
  else if (gateway !== 'auto') body.gateway_ip = gateway
  if (options.allocationPools !== undefined) body.allocation_pools = options.allocationPools.map(allocationPool)
  if (options.dhcp !== undefined) body.enable_dhcp = options.dhcp
  if (options.dnsNameservers !== undefined) body.dns_nameservers = options.dnsNameservers
  if (options.description !== undefined) body.description = options.description
  return body
}
