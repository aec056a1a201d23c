import {ApiError, OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findServer} from '../services/compute.js'
import {findProject} from '../services/identity.js'
import {
  addRouterInterface,
  removeRouterInterface,
  findFloatingIp,
  findNetwork,
  findPort,
  findRouter,
  findSubnet,
  type FloatingIp,
  l3Create,
  l3Delete,
  l3Update,
  listFloatingIps,
  listPorts,
  listRouters,
  type Port,
  type Router,
} from '../services/network.js'
import {deleteEach} from './delete.js'

/** Routers and floating IPs (OSC 6.0's network/v2/router.py, floating_ip.py; compute/v2/server.py Add/RemoveFloatingIP). */

export interface RouterListOptions {
  name?: string
  enable?: boolean
  disable?: boolean
  project?: string
  projectDomain?: string
  query?: Record<string, string | undefined>
}

const projectId = async (router: InstanceRouter, client: ServiceClient, project: string | undefined, domain?: string) =>
  project === undefined ? undefined : (await findProject(router.beside(client, 'identity'), project, domain)).id

export async function routerList(router: InstanceRouter, options: RouterListOptions): Promise<Fanout<Router[]>> {
  return router.fanout('network', 'read', async (client) => {
    const query: Record<string, string | undefined> = {name: options.name, ...options.query}
    if (options.enable) query.admin_state_up = 'true'
    else if (options.disable) query.admin_state_up = 'false'
    query.project_id = await projectId(router, client, options.project, options.projectDomain)
    return listRouters(client, query)
  })
}

/** A router and, as OSC's `router show` adds, its interfaces (the non-gateway ports' fixed IPs). */
export interface RouterDetail {
  router: Router
  interfaces?: {port_id: string; ip_address?: string; subnet_id?: string}[]
}

async function withInterfaces(client: ServiceClient, found: Router): Promise<RouterDetail> {
  const ports = await listPorts(client, {device_id: found.id})
  const interfaces = ports
    .filter((port) => port.device_owner !== 'network:router_gateway')
    .flatMap((port) => ((port.fixed_ips as {ip_address?: string; subnet_id?: string}[] | undefined) ?? []).map((ip) => ({port_id: port.id, ip_address: ip.ip_address, subnet_id: ip.subnet_id})))
  return {router: found, interfaces}
}

export async function routerShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<RouterDetail>> {
  return router.fanout('network', 'lookup', async (client) => withInterfaces(client, await findRouter(client, nameOrId)))
}

export interface RouterCreateOptions {
  name: string
  enable?: boolean
  disable?: boolean
  description?: string
  externalGateway?: string
  enableSnat?: boolean
  disableSnat?: boolean
}

function gatewayNeeded(options: {externalGateway?: string; enableSnat?: boolean; disableSnat?: boolean}, verb: string): void {
  if ((options.enableSnat || options.disableSnat) && !options.externalGateway) throw new OidError(`You must specify '--external-gateway' in order to ${verb} SNAT or fixed-ip values`)
}

async function gatewayInfo(client: ServiceClient, options: {externalGateway?: string; enableSnat?: boolean; disableSnat?: boolean}): Promise<Record<string, unknown> | undefined> {
  if (!options.externalGateway) return undefined
  const info: Record<string, unknown> = {network_id: (await findNetwork(client, options.externalGateway)).id}
  if (options.disableSnat) info.enable_snat = false
  if (options.enableSnat) info.enable_snat = true
  return info
}

/** `router create NAME`: one router in each instance of `&` (its gateway network found there). */
export async function routerCreate(router: InstanceRouter, options: RouterCreateOptions): Promise<Fanout<RouterDetail>> {
  return router.fanout('network', 'create', async (client) => {
    const body: Record<string, unknown> = {name: options.name}
    if (options.enable) body.admin_state_up = true
    if (options.disable) body.admin_state_up = false
    if (options.description !== undefined) body.description = options.description
    const gateway = await gatewayInfo(client, options)
    if (gateway) body.external_gateway_info = gateway
    const made = await l3Create<Router>(client, 'routers', body)
    gatewayNeeded(options, 'specify')
    return {router: made}
  })
}

export async function routerDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'router', remove: async (client, name) => l3Delete(client, 'routers', (await findRouter(client, name)).id)}, names)
}

/** Runs `act` on a named router in every instance of `&` that has it, the first of `|`; notes say where under `&`. */
async function onRouter(router: InstanceRouter, name: string, done: string, act: (client: ServiceClient) => Promise<void>): Promise<string[]> {
  const result = await router.fanout('network', 'each', async (client) => {
    await act(client)
    return client.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
  return result.multi ? [`${done} router ${name} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes] : result.notes
}

/** `router add subnet ROUTER SUBNET` (OSC finds the subnet first, then the router). */
export async function routerAddSubnet(router: InstanceRouter, routerName: string, subnetName: string): Promise<string[]> {
  return onRouter(router, routerName, 'Added a subnet to', async (client) => {
    const subnet = await findSubnet(client, subnetName)
    await addRouterInterface(client, (await findRouter(client, routerName)).id, {subnet_id: subnet.id})
  })
}

/** `router remove subnet ROUTER SUBNET`: the counterpart (needed before the subnet or router can go). */
export async function routerRemoveSubnet(router: InstanceRouter, routerName: string, subnetName: string): Promise<string[]> {
  return onRouter(router, routerName, 'Removed a subnet from', async (client) => {
    const subnet = await findSubnet(client, subnetName)
    await removeRouterInterface(client, (await findRouter(client, routerName)).id, {subnet_id: subnet.id})
  })
}

export interface RouterSetOptions {
  name?: string
  description?: string
  enable?: boolean
  disable?: boolean
  externalGateway?: string
  enableSnat?: boolean
  disableSnat?: boolean
}

/** `router set ROUTER [--external-gateway NETWORK] …`: one PUT with the changed attributes. */
export async function routerSet(router: InstanceRouter, nameOrId: string, options: RouterSetOptions): Promise<string[]> {
  return onRouter(router, nameOrId, 'Set', async (client) => {
    const found = await findRouter(client, nameOrId)
    const attrs: Record<string, unknown> = {}
    if (options.name !== undefined) attrs.name = options.name
    if (options.enable) attrs.admin_state_up = true
    if (options.disable) attrs.admin_state_up = false
    if (options.description !== undefined) attrs.description = options.description
    const gateway = await gatewayInfo(client, options)
    if (gateway) attrs.external_gateway_info = gateway
    gatewayNeeded(options, 'update the')
    if (Object.keys(attrs).length > 0) await l3Update<Router>(client, 'routers', found.id, attrs)
  })
}

export interface FloatingIpListOptions {
  network?: string
  port?: string
  fixedIpAddress?: string
  floatingIpAddress?: string
  status?: string
  project?: string
  projectDomain?: string
  router?: string
  query?: Record<string, string | undefined>
}

export async function floatingIpList(router: InstanceRouter, options: FloatingIpListOptions): Promise<Fanout<FloatingIp[]>> {
  return router.fanout('network', 'read', async (client) => {
    const query: Record<string, string | undefined> = {}
    if (options.network !== undefined) query.floating_network_id = (await findNetwork(client, options.network)).id
    if (options.port !== undefined) query.port_id = (await findPort(client, options.port)).id
    query.fixed_ip_address = options.fixedIpAddress
    query.floating_ip_address = options.floatingIpAddress
    if (options.status) query.status = options.status
    query.project_id = await projectId(router, client, options.project, options.projectDomain)
    if (options.router !== undefined) query.router_id = (await findRouter(client, options.router)).id
    return listFloatingIps(client, {...query, ...options.query})
  })
}

export async function floatingIpShow(router: InstanceRouter, addressOrId: string): Promise<Fanout<FloatingIp>> {
  return router.fanout('network', 'lookup', async (client) => findFloatingIp(client, addressOrId))
}

export interface FloatingIpCreateOptions {
  network: string
  subnet?: string
  port?: string
  floatingIpAddress?: string
  fixedIpAddress?: string
  description?: string
}

/** `floating ip create NETWORK`: one floating IP in each instance of `&` (network, subnet, port found there). */
export async function floatingIpCreate(router: InstanceRouter, options: FloatingIpCreateOptions): Promise<Fanout<FloatingIp>> {
  return router.fanout('network', 'create', async (client) => {
    const body: Record<string, unknown> = {floating_network_id: (await findNetwork(client, options.network)).id}
    if (options.subnet) body.subnet_id = (await findSubnet(client, options.subnet)).id
    if (options.port) body.port_id = (await findPort(client, options.port)).id
    if (options.floatingIpAddress) body.floating_ip_address = options.floatingIpAddress
    if (options.fixedIpAddress) body.fixed_ip_address = options.fixedIpAddress
    if (options.description !== undefined) body.description = options.description
    return l3Create<FloatingIp>(client, 'floatingips', body)
  })
}

export async function floatingIpDelete(router: InstanceRouter, ids: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'network', noun: 'floating_ip', remove: async (client, id) => l3Delete(client, 'floatingips', (await findFloatingIp(client, id)).id)}, ids, 'floating_ips')
}

/** Runs `act` with the server's compute and the Neutron of that same instance (colocation enforced by beside). */
async function onServerNetwork(router: InstanceRouter, server: string, done: string, act: (compute: ServiceClient, network: ServiceClient) => Promise<void>): Promise<string[]> {
  const result = await router.fanout('compute', 'each', async (compute) => {
    await act(compute, router.beside(compute, 'network'))
    return compute.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
  return result.multi ? [`${done} server ${server} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes] : result.notes
}

/**
 * `server add floating ip SERVER IP [--fixed-ip-address A]`: the server in the compute instance,
 * its ports and the floating IP in that instance's Neutron. Without a fixed address, each port is
 * tried until Neutron accepts one (a port with no router to the external network gives 404).
 */
export async function serverAddFloatingIp(router: InstanceRouter, server: string, address: string, fixedIpAddress?: string): Promise<string[]> {
  return onServerNetwork(router, server, 'Added a floating IP to', async (compute, network) => {
    const fip = await findFloatingIp(network, address)
    const found = await findServer(compute, server)
    const ports = await listPorts(network, {device_id: found.id})
    if (ports.length === 0) throw new OidError('No attached ports found to associate floating IP with')
    if (fixedIpAddress) {
      const port = ports.find((p: Port) => ((p.fixed_ips as {ip_address?: string}[] | undefined) ?? []).some((ip) => ip.ip_address === fixedIpAddress))
      if (!port) throw new OidError(`No port found for fixed IP address ${fixedIpAddress}`)
      await l3Update<FloatingIp>(network, 'floatingips', fip.id, {fixed_ip_address: fixedIpAddress, port_id: port.id})
      return
    }

    let last: unknown
    for (const port of ports) {
      try {
        await l3Update<FloatingIp>(network, 'floatingips', fip.id, {port_id: port.id})
        return
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error
        last = error
      }
    }

    throw last
  })
}

/** `server remove floating ip SERVER IP`: OSC's Neutron path clears the floating IP's port (the server is not looked up). */
export async function serverRemoveFloatingIp(router: InstanceRouter, server: string, address: string): Promise<string[]> {
  return onServerNetwork(router, server, 'Removed a floating IP from', async (_compute, network) => {
    const fip = await findFloatingIp(network, address)
    await l3Update<FloatingIp>(network, 'floatingips', fip.id, {port_id: null})
  })
}
