/** Networks: Neutron's field set, `provider:*` null for non-admins, 409 NetworkInUse on delete. */
import {randomUUID} from 'node:crypto'
import {inUse, nowZ, type NeutronState, type SimNetwork, type Who} from './state.js'

export function addNetwork(
  s: NeutronState,
  o: {name: string; projectId: string; shared?: boolean; external?: boolean; mtu?: number; created?: string; description?: string; adminStateUp?: boolean},
): SimNetwork {
  const created = o.created ?? nowZ()
  const n: SimNetwork = {
    id: randomUUID(),
    name: o.name,
    projectId: o.projectId,
    shared: o.shared ?? false,
    external: o.external ?? false,
    adminStateUp: o.adminStateUp ?? true,
    mtu: o.mtu ?? 1442,
    description: o.description ?? '',
    portSecurity: true,
    segmentationId: 100 + s.networks.size,
    subnetIds: [],
    created,
    updated: created,
    revision: 1,
  }
  s.networks.set(n.id, n)
  return n
}

export function networkJson(n: SimNetwork, w: Who): Record<string, unknown> {
  return {
    id: n.id,
    name: n.name,
    tenant_id: n.projectId,
    project_id: n.projectId,
    admin_state_up: n.adminStateUp,
    mtu: n.mtu,
    status: 'ACTIVE',
    subnets: n.subnetIds.slice(),
    shared: n.shared,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    'router:external': n.external,
    description: n.description,
    port_security_enabled: n.portSecurity,
    l2_adjacency: true,
    dns_domain: '',
    is_default: n.external ? false : undefined,
    'provider:network_type': w.admin ? (n.external ? 'flat' : 'geneve') : null,
    'provider:physical_network': w.admin && n.external ? 'public' : null,
    'provider:segmentation_id': w.admin && !n.external ? n.segmentationId : null,
    tags: [],
    created_at: n.created,
    updated_at: n.updated,
    revision_number: n.revision,
  }
}

export function deleteNetwork(s: NeutronState, id: string): void {
  if ([...s.ports.values()].some((p) => p.networkId === id)) {
    throw inUse('NetworkInUse', `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`)
  }
  const net = s.networks.get(id)!
  for (const sid of net.subnetIds) s.subnets.delete(sid)
  s.networks.delete(id)
}
