/**
 * Routers (l3_db): a gateway port on an external network, interface ports holding the subnet's
 * gateway address, 409 while ports or floating IPs still need them.
 */
import {randomUUID} from 'node:crypto'
import {isObject} from '../http.js'
import type {InstanceState} from '../state.js'
import {createPort} from './ports.js'
import {neutronState} from './seed.js'
import {badRequestFor, fail, inUse, notFound, nowZ, usedIps, type NeutronState, type SimRouter, type Who} from './state.js'

export function addRouter(s: NeutronState, o: {name: string; projectId: string; description?: string; adminStateUp?: boolean}): SimRouter {
  const t = nowZ()
  const r: SimRouter = {id: randomUUID(), name: o.name, projectId: o.projectId, description: o.description ?? '', adminStateUp: o.adminStateUp ?? true, gateway: null, created: t, updated: t, revision: 1}
  s.routers.set(r.id, r)
  return r
}

function touch(r: SimRouter): void {
  r.updated = nowZ()
  r.revision++
}

export function routerJson(s: NeutronState, r: SimRouter, w: Who): Record<string, unknown> {
  let gateway: Record<string, unknown> | null = null
  if (r.gateway) {
    const port = s.ports.get(r.gateway.portId)
    gateway = {network_id: r.gateway.networkId, external_fixed_ips: (port?.fixedIps ?? []).map((f) => ({...f})), enable_snat: r.gateway.enableSnat}
  }
  const out: Record<string, unknown> = {
    id: r.id,
    name: r.name,
    tenant_id: r.projectId,
    project_id: r.projectId,
    admin_state_up: r.adminStateUp,
    status: 'ACTIVE',
    external_gateway_info: gateway,
    description: r.description,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    routes: [],
    flavor_id: null,
    tags: [],
    created_at: r.created,
    updated_at: r.updated,
    revision_number: r.revision,
  }
  if (w.admin) Object.assign(out, {distributed: false, ha: false})
  return out
}

function fipsThrough(s: NeutronState, routerId: string) {
  return [...s.floatingIps.values()].filter((f) => f.routerId === routerId)
}

/** Sets (or with null/{} clears) the gateway, as PUT /routers/{id} with external_gateway_info does. */
export function setGateway(inst: InstanceState, r: SimRouter, info: unknown): void {
  const s = neutronState(inst)
  const networkId = isObject(info) && typeof info.network_id === 'string' ? info.network_id : undefined
  if (r.gateway && r.gateway.networkId !== networkId) {
    if (fipsThrough(s, r.id).length) {
      throw inUse('RouterExternalGatewayInUseByFloatingIp', `Gateway cannot be updated for router ${r.id}, since a gateway to external network ${r.gateway.networkId} is required by one or more floating IPs.`)
    }
    s.ports.delete(r.gateway.portId)
    r.gateway = null
  }
  if (networkId !== undefined) {
    const net = s.networks.get(networkId)
    if (!net) throw notFound('NetworkNotFound', `Network ${networkId} could not be found.`)
    if (!net.external) throw badRequestFor('router', `Network ${networkId} is not an external network`)
    const enableSnat = isObject(info) && info.enable_snat === false ? false : true
    if (r.gateway) r.gateway.enableSnat = enableSnat
    else {
      const ips = isObject(info) && Array.isArray(info.external_fixed_ips) && isObject(info.external_fixed_ips[0]) ? info.external_fixed_ips[0] : {}
      const port = createPort(inst, {
        networkId,
        projectId: '',
        deviceId: r.id,
        deviceOwner: 'network:router_gateway',
        fixedIp: typeof ips.ip_address === 'string' ? ips.ip_address : undefined,
        subnetId: typeof ips.subnet_id === 'string' ? ips.subnet_id : undefined,
      })
      r.gateway = {networkId, portId: port.id, enableSnat}
    }
  }
  touch(r)
}

function interfaceBody(r: SimRouter, port: {id: string; networkId: string}, subnetId: string): Record<string, unknown> {
  return {id: r.id, tenant_id: r.projectId, project_id: r.projectId, port_id: port.id, subnet_id: subnetId, subnet_ids: [subnetId], network_id: port.networkId}
}

/** PUT /routers/{id}/add_router_interface with subnet_id or port_id. */
export function addInterface(inst: InstanceState, r: SimRouter, b: Record<string, unknown>, w: Who = {project: null, admin: true}): Record<string, unknown> {
  const s = neutronState(inst)
  const subnetId = typeof b.subnet_id === 'string' ? b.subnet_id : undefined
  const portId = typeof b.port_id === 'string' ? b.port_id : undefined
  if (subnetId && portId) throw badRequestFor('router', 'Cannot specify both subnet-id and port-id')
  if (!subnetId && !portId) throw badRequestFor('router', 'Either subnet_id or port_id must be specified')
  const mine = [...s.ports.values()].filter((p) => p.deviceId === r.id && p.deviceOwner === 'network:router_interface')
  if (portId) {
    const port = s.ports.get(portId)
    if (!port || !(w.admin || port.projectId === w.project)) throw notFound('PortNotFound', `Port ${portId} could not be found.`)
    if (port.deviceId) throw fail(409, 'PortInUse', `Unable to complete operation on port ${portId} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`)
    if (!port.fixedIps.length) throw badRequestFor('router', `Router port must have at least one fixed IP`)
    const sub = port.fixedIps[0].subnet_id
    if (mine.some((p) => p.fixedIps.some((f) => f.subnet_id === sub))) throw badRequestFor('router', `Router already has a port on subnet ${sub}`)
    Object.assign(port, {deviceId: r.id, deviceOwner: 'network:router_interface', securityGroups: []})
    touch(r)
    return interfaceBody(r, port, sub)
  }
  const sub = s.subnets.get(subnetId!)
  if (!sub || !(w.admin || sub.projectId === w.project || s.networks.get(sub.networkId)?.shared)) throw notFound('SubnetNotFound', `Subnet ${subnetId} could not be found.`)
  if (mine.some((p) => p.fixedIps.some((f) => f.subnet_id === sub.id))) throw badRequestFor('router', `Router already has a port on subnet ${sub.id}`)
  if (!sub.gateway) throw badRequestFor('router', 'Subnet for router interface must have a gateway IP')
  if (usedIps(s, sub.id).has(sub.gateway)) throw inUse('IpAddressAlreadyAllocated', `IP address ${sub.gateway} already allocated in subnet ${sub.id}`)
  const port = createPort(inst, {networkId: sub.networkId, projectId: r.projectId, deviceId: r.id, deviceOwner: 'network:router_interface', fixedIp: sub.gateway, subnetId: sub.id})
  touch(r)
  return interfaceBody(r, port, sub.id)
}

/** PUT /routers/{id}/remove_router_interface with subnet_id or port_id. */
export function removeInterface(inst: InstanceState, r: SimRouter, b: Record<string, unknown>): Record<string, unknown> {
  const s = neutronState(inst)
  const subnetId = typeof b.subnet_id === 'string' ? b.subnet_id : undefined
  const portId = typeof b.port_id === 'string' ? b.port_id : undefined
  if (!subnetId && !portId) throw badRequestFor('router', 'Either subnet_id or port_id must be specified')
  const mine = [...s.ports.values()].filter((p) => p.deviceId === r.id && p.deviceOwner === 'network:router_interface')
  const port = portId ? mine.find((p) => p.id === portId) : mine.find((p) => p.fixedIps.some((f) => f.subnet_id === subnetId))
  if (!port) {
    if (portId) throw notFound('RouterInterfaceNotFound', `Router ${r.id} does not have an interface with id ${portId}`)
    throw notFound('RouterInterfaceNotFoundForSubnet', `Router ${r.id} has no interface on subnet ${subnetId}`)
  }
  const sub = subnetId ?? port.fixedIps[0]?.subnet_id ?? ''
  const needed = fipsThrough(s, r.id).some((f) => {
    const fixed = f.portId ? s.ports.get(f.portId) : undefined
    return fixed?.fixedIps.some((x) => x.subnet_id === sub)
  })
  if (needed) throw inUse('RouterInterfaceInUseByFloatingIP', `Router interface for subnet ${sub} on router ${r.id} cannot be deleted, as it is required by one or more floating IPs.`)
  s.ports.delete(port.id)
  touch(r)
  return interfaceBody(r, port, sub)
}

export function deleteRouter(s: NeutronState, r: SimRouter): void {
  if ([...s.ports.values()].some((p) => p.deviceId === r.id && p.deviceOwner === 'network:router_interface')) throw inUse('RouterInUse', `Router ${r.id} still has ports`)
  if (r.gateway) s.ports.delete(r.gateway.portId)
  s.routers.delete(r.id)
}

/** The router that joins `subnetId` to external network `networkId`, if any. */
export function routerBetween(s: NeutronState, subnetId: string, networkId: string): SimRouter | undefined {
  return [...s.routers.values()].find(
    (r) => r.gateway?.networkId === networkId && [...s.ports.values()].some((p) => p.deviceId === r.id && p.deviceOwner === 'network:router_interface' && p.fixedIps.some((f) => f.subnet_id === subnetId)),
  )
}

