/** Ports: addresses from the subnet's pools, router/floating-IP ports guarded like l3_db does. */
import {randomBytes, randomUUID} from 'node:crypto'
import type {InstanceState} from '../state.js'
import {ensureDefaultSecurityGroup} from './security-groups.js'
import {neutronState} from './seed.js'
import {nextFreeIp} from './subnets.js'
import {fail, inUse, invalidInput, ipInSubnet, notFound, nowZ, usedIps, type NeutronState, type SimPort, type SimSubnet, type Who} from './state.js'

export const ROUTER_OWNERS = ['network:router_interface', 'network:router_gateway', 'network:floatingip']

export function newMac(): string {
  const b = randomBytes(3)
  return `fa:16:3e:${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`
}

export function subnetsOfNetwork(s: NeutronState, networkId: string): SimSubnet[] {
  const net = s.networks.get(networkId)
  return (net?.subnetIds ?? []).map((id) => s.subnets.get(id)).filter((x): x is SimSubnet => x !== undefined)
}

/** Creates a port (first subnet, next free IP unless `fixedIp`/`subnetId`), as Nova's compute does on boot. */
export function createPort(
  inst: InstanceState,
  o: {networkId: string; projectId: string; deviceId?: string; deviceOwner?: string; fixedIp?: string; subnetId?: string; securityGroups?: string[]; name?: string},
): SimPort {
  const s = neutronState(inst)
  const net = s.networks.get(o.networkId)
  if (!net) throw notFound('NetworkNotFound', `Network ${o.networkId} could not be found.`)
  const subs = subnetsOfNetwork(s, net.id)
  const fixedIps: SimPort['fixedIps'] = []
  if (o.fixedIp) {
    const sub = subs.find((x) => (o.subnetId ? x.id === o.subnetId : true) && ipInSubnet(x, o.fixedIp!))
    if (!sub) throw invalidInput(`IP address ${o.fixedIp} is not a valid IP for the specified subnet`)
    if (usedIps(s, sub.id).has(o.fixedIp)) throw inUse('IpAddressAlreadyAllocated', `IP address ${o.fixedIp} already allocated in subnet ${sub.id}`)
    fixedIps.push({subnet_id: sub.id, ip_address: o.fixedIp})
  } else if (o.subnetId) {
    const sub = subs.find((x) => x.id === o.subnetId)
    if (!sub) throw notFound('SubnetNotFound', `Subnet ${o.subnetId} could not be found.`)
    fixedIps.push({subnet_id: sub.id, ip_address: nextFreeIp(s, sub)})
  } else if (subs.length) {
    fixedIps.push({subnet_id: subs[0].id, ip_address: nextFreeIp(s, subs[0])})
  }
  const owner = o.deviceOwner ?? ''
  const service = ROUTER_OWNERS.includes(owner)
  const sgs = o.securityGroups ?? (net.portSecurity && !service ? [ensureDefaultSecurityGroup(inst, o.projectId).id] : [])
  const t = nowZ()
  const port: SimPort = {
    id: randomUUID(),
    name: o.name ?? '',
    networkId: net.id,
    projectId: o.projectId,
    mac: newMac(),
    fixedIps,
    deviceId: o.deviceId ?? '',
    deviceOwner: owner,
    securityGroups: sgs,
    created: t,
    updated: t,
    revision: 1,
  }
  s.ports.set(port.id, port)
  return port
}

/** Removes a port and lets go of the floating IPs that pointed at it (Nova's delete of a server). */
export function deletePort(inst: InstanceState, id: string): void {
  const s = neutronState(inst)
  for (const fip of s.floatingIps.values()) {
    if (fip.portId === id) Object.assign(fip, {portId: null, fixedIp: null, routerId: null, updated: nowZ(), revision: fip.revision + 1})
  }
  s.ports.delete(id)
}

/** DELETE /ports/{id}: router and floating-IP ports go through their own APIs. */
export function deletePortApi(inst: InstanceState, id: string): void {
  const port = neutronState(inst).ports.get(id)!
  if (ROUTER_OWNERS.includes(port.deviceOwner)) throw fail(409, 'ServicePortInUse', `Port ${id} cannot be deleted directly via the port API: has device owner ${port.deviceOwner}.`)
  deletePort(inst, id)
}

export function portJson(p: SimPort, w: Who): Record<string, unknown> {
  const host = (ip: string) => (p.dnsName ? p.dnsName : `host-${ip.replace(/\./g, '-')}`)
  const up = p.adminStateUp ?? true
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    network_id: p.networkId,
    tenant_id: p.projectId,
    project_id: p.projectId,
    mac_address: p.mac,
    admin_state_up: up,
    status: p.deviceId && up ? 'ACTIVE' : 'DOWN',
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    fixed_ips: p.fixedIps.map((f) => ({...f})),
    allowed_address_pairs: (p.allowedAddressPairs ?? []).map((a) => ({...a})),
    extra_dhcp_opts: (p.extraDhcpOpts ?? []).map((o) => ({...o})),
    security_groups: p.securityGroups.slice(),
    description: p.description ?? '',
    'binding:vnic_type': p.vnicType ?? 'normal',
    port_security_enabled: p.portSecurity ?? !ROUTER_OWNERS.includes(p.deviceOwner),
    dns_name: p.dnsName ?? '',
    dns_assignment: p.fixedIps.map((f) => ({ip_address: f.ip_address, hostname: host(f.ip_address), fqdn: `${host(f.ip_address)}.openstacklocal.`})),
    tags: (p.tags ?? []).slice(),
    created_at: p.created,
    updated_at: p.updated,
    revision_number: p.revision,
  }
  if (w.admin) {
    const hostId = p.hostId ?? (p.deviceId ? 'compute' : '')
    Object.assign(out, {
      'binding:host_id': hostId,
      'binding:profile': {...p.profile},
      'binding:vif_details': hostId ? {port_filter: true, connectivity: 'l2'} : {},
      'binding:vif_type': hostId ? 'ovs' : 'unbound',
    })
  }
  return out
}
