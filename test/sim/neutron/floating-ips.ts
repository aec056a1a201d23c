/**
 * Floating IPs (l3_db): an address on an external network held by a network:floatingip port,
 * associated with a port only when a router joins the port's subnet to that network.
 */
import {randomUUID} from 'node:crypto'
import type {InstanceState} from '../state.js'
import {createPort, subnetsOfNetwork} from './ports.js'
import {routerBetween} from './routers.js'
import {neutronState} from './seed.js'
import {badRequestFor, fail, inUse, notFound, nowZ, type NeutronState, type SimFloatingIp, type Who} from './state.js'

const requiredAttr = (name: string) => fail(400, 'HTTPBadRequest', `Failed to parse request. Required attribute '${name}' not specified`)

export function floatingIpJson(s: NeutronState, f: SimFloatingIp): Record<string, unknown> {
  const port = f.portId ? s.ports.get(f.portId) : undefined
  return {
    id: f.id,
    tenant_id: f.projectId,
    project_id: f.projectId,
    floating_ip_address: f.address,
    floating_network_id: f.networkId,
    router_id: f.routerId,
    port_id: f.portId,
    fixed_ip_address: f.fixedIp,
    status: f.portId ? 'ACTIVE' : 'DOWN',
    description: f.description,
    port_details: port
      ? {name: port.name, network_id: port.networkId, mac_address: port.mac, admin_state_up: true, status: port.deviceId ? 'ACTIVE' : 'DOWN', device_id: port.deviceId, device_owner: port.deviceOwner}
      : null,
    dns_domain: '',
    dns_name: '',
    qos_policy_id: null,
    port_forwardings: [],
    tags: [],
    created_at: f.created,
    updated_at: f.updated,
    revision_number: f.revision,
  }
}

/** Points the floating IP at a port (or, with null, at nothing). */
export function associate(s: NeutronState, w: Who, f: SimFloatingIp, portId: string | null, fixedIp?: string): void {
  if (portId === null) {
    Object.assign(f, {portId: null, fixedIp: null, routerId: null})
    return
  }
  const port = s.ports.get(portId)
  if (!port || !(w.admin || port.projectId === w.project)) throw notFound('PortNotFound', `Port ${portId} could not be found.`)
  let fixed = port.fixedIps[0]
  if (fixedIp !== undefined) {
    const hit = port.fixedIps.find((x) => x.ip_address === fixedIp)
    if (!hit) throw badRequestFor('floatingip', `Port ${portId} does not have fixed ip ${fixedIp}`)
    fixed = hit
  }
  if (!fixed) throw badRequestFor('floatingip', `Port ${portId} does not have any IPv4 addresses`)
  const taken = [...s.floatingIps.values()].find((x) => x.id !== f.id && x.portId === portId && x.fixedIp === fixed.ip_address && x.networkId === f.networkId)
  if (taken) {
    throw inUse(
      'FloatingIPPortAlreadyAssociated',
      `Cannot associate floating IP ${f.address} (${f.id}) with port ${portId} using fixed IP ${fixed.ip_address}, as that fixed IP already has a floating IP on external network ${f.networkId}.`,
    )
  }
  const router = routerBetween(s, fixed.subnet_id, f.networkId)
  if (!router) {
    throw notFound('ExternalGatewayForFloatingIPNotFound', `External network ${f.networkId} is not reachable from subnet ${fixed.subnet_id}.  Therefore, cannot associate Port ${portId} with a Floating IP.`)
  }
  Object.assign(f, {portId, fixedIp: fixed.ip_address, routerId: router.id})
}

/** POST /floatingips. */
export function createFloatingIp(inst: InstanceState, w: Who, projectId: string, b: Record<string, unknown>): SimFloatingIp {
  const s = neutronState(inst)
  if (typeof b.floating_network_id !== 'string') throw requiredAttr('floating_network_id')
  const netId = b.floating_network_id
  const net = s.networks.get(netId)
  if (!net) throw notFound('NetworkNotFound', `Network ${netId} could not be found.`)
  if (!net.external) throw badRequestFor('floatingip', `Network ${netId} is not a valid external network`)
  if (!subnetsOfNetwork(s, netId).length) throw badRequestFor('floatingip', `Network ${netId} does not contain any IPv4 subnet`)
  const t = nowZ()
  const id = randomUUID()
  const port = createPort(inst, {
    networkId: netId,
    projectId: '',
    deviceId: id,
    deviceOwner: 'network:floatingip',
    fixedIp: typeof b.floating_ip_address === 'string' ? b.floating_ip_address : undefined,
    subnetId: typeof b.subnet_id === 'string' ? b.subnet_id : undefined,
  })
  const f: SimFloatingIp = {
    id,
    projectId,
    address: port.fixedIps[0].ip_address,
    networkId: netId,
    ownPortId: port.id,
    portId: null,
    fixedIp: null,
    routerId: null,
    description: typeof b.description === 'string' ? b.description : '',
    created: t,
    updated: t,
    revision: 0,
  }
  try {
    if (typeof b.port_id === 'string') associate(s, w, f, b.port_id, typeof b.fixed_ip_address === 'string' ? b.fixed_ip_address : undefined)
  } catch (error) {
    s.ports.delete(port.id)
    throw error
  }
  s.floatingIps.set(f.id, f)
  return f
}

/** PUT /floatingips/{id}: port_id (null to disassociate), fixed_ip_address, description. */
export function updateFloatingIp(s: NeutronState, w: Who, f: SimFloatingIp, b: Record<string, unknown>): void {
  if ('port_id' in b) associate(s, w, f, typeof b.port_id === 'string' ? b.port_id : null, typeof b.fixed_ip_address === 'string' ? b.fixed_ip_address : undefined)
  if (typeof b.description === 'string') f.description = b.description
  f.updated = nowZ()
  f.revision++
}

export function deleteFloatingIp(s: NeutronState, f: SimFloatingIp): void {
  s.ports.delete(f.ownPortId)
  s.floatingIps.delete(f.id)
}
