import {Formatted, type Cell, type ListView, type ShowView} from '../output/index.js'
import type {Network, Port, Subnet} from '../services/network.js'
import {dictCell, formatDict, listCell, listDictCell} from './columns.js'

/** OSC 6.0's network, subnet and port views (openstackclient/network/v2/{network,subnet,port}.py). */

const cell = (value: unknown): Cell => (value === undefined ? null : (value as Cell))
const adminState = (value: unknown) => new Formatted(value ?? null, value ? 'UP' : 'DOWN')
const routerType = (value: unknown) => new Formatted(value ?? null, value ? 'External' : 'Internal')
const list = (value: unknown) => listCell((value as unknown[] | null | undefined) ?? [])

/** A show view from [field, wire key or formatter] pairs, in OSC's (sorted) field order. */
function show(item: Record<string, unknown>, spec: [string, string | ((item: Record<string, unknown>) => Cell)][]): ShowView {
  return {kind: 'show', fields: spec.map(([field]) => field), values: spec.map(([, from]) => (typeof from === 'string' ? cell(item[from]) : from(item)))}
}

const project = (item: Record<string, unknown>) => cell(item.project_id ?? item.tenant_id)

export function networkShowView(network: Network): ShowView {
  return show(network, [
    ['admin_state_up', (n) => adminState(n.admin_state_up)],
    ['availability_zone_hints', (n) => list(n.availability_zone_hints)],
    ['availability_zones', (n) => list(n.availability_zones)],
    ['created_at', 'created_at'],
    ['description', 'description'],
    ['dns_domain', 'dns_domain'],
    ['id', 'id'],
    ['ipv4_address_scope', 'ipv4_address_scope'],
    ['ipv6_address_scope', 'ipv6_address_scope'],
    ['is_default', 'is_default'],
    ['is_vlan_transparent', 'vlan_transparent'],
    ['mtu', 'mtu'],
    ['name', 'name'],
    ['port_security_enabled', 'port_security_enabled'],
    ['project_id', project],
    ['provider:network_type', 'provider:network_type'],
    ['provider:physical_network', 'provider:physical_network'],
    ['provider:segmentation_id', 'provider:segmentation_id'],
    ['qos_policy_id', 'qos_policy_id'],
    ['revision_number', 'revision_number'],
    ['router:external', (n) => routerType(n['router:external'])],
    ['segments', 'segments'],
    ['shared', 'shared'],
    ['status', 'status'],
    ['subnets', (n) => list(n.subnets)],
    ['tags', (n) => list(n.tags)],
    ['updated_at', 'updated_at'],
  ])
}

type Pool = {start?: string; end?: string}
/** AllocationPoolsColumn: "start-end,start-end". */
const pools = (value: unknown) => new Formatted(value ?? [], ((value as Pool[] | null) ?? []).map((pool) => `${pool.start ?? ''}-${pool.end ?? ''}`).join(','))
/** HostRoutesColumn: format_list_of_dicts with nexthop shown as gateway (--host-route's keys). */
const routes = (value: unknown) => {
  const entries = ((value as Record<string, unknown>[] | null) ?? []).map(({nexthop, ...rest}) => (nexthop === undefined ? rest : {...rest, gateway: nexthop}))
  return new Formatted(value ?? [], entries.map((entry) => formatDict(entry)).join(', '))
}

export function subnetListView(subnets: Subnet[], long: boolean): ListView {
  const columns = ['ID', 'Name', 'Network', 'Subnet']
  if (long) columns.push('Project', 'DHCP', 'Name Servers', 'Allocation Pools', 'Host Routes', 'IP Version', 'Gateway', 'Service Types', 'Tags')
  return {
    kind: 'list',
    columns,
    rows: subnets.map((s) => {
      const row: Cell[] = [s.id, s.name, cell(s.network_id), cell(s.cidr)]
      if (long) row.push(project(s), cell(s.enable_dhcp), list(s.dns_nameservers), pools(s.allocation_pools), routes(s.host_routes), cell(s.ip_version), cell(s.gateway_ip), list(s.service_types), list(s.tags))
      return row
    }),
  }
}

export function subnetShowView(subnet: Subnet): ShowView {
  return show(subnet, [
    ['allocation_pools', (s) => pools(s.allocation_pools)],
    ['cidr', 'cidr'],
    ['created_at', 'created_at'],
    ['description', 'description'],
    ['dns_nameservers', (s) => list(s.dns_nameservers)],
    ['dns_publish_fixed_ip', 'dns_publish_fixed_ip'],
    ['enable_dhcp', 'enable_dhcp'],
    ['gateway_ip', 'gateway_ip'],
    ['host_routes', (s) => routes(s.host_routes)],
    ['id', 'id'],
    ['ip_version', 'ip_version'],
    ['ipv6_address_mode', 'ipv6_address_mode'],
    ['ipv6_ra_mode', 'ipv6_ra_mode'],
    ['name', 'name'],
    ['network_id', 'network_id'],
    ['project_id', project],
    ['revision_number', 'revision_number'],
    ['segment_id', 'segment_id'],
    ['service_types', (s) => list(s.service_types)],
    ['subnetpool_id', 'subnetpool_id'],
    ['tags', (s) => list(s.tags)],
    ['updated_at', 'updated_at'],
  ])
}

/** `port list`: OSC asks Neutron for fields=security_group_ids, which Neutron does not know: the column is always None. */
export function portListView(ports: Port[], long: boolean): ListView {
  const columns = ['ID', 'Name', 'MAC Address', 'Fixed IP Addresses', 'Status']
  if (long) columns.push('Security Groups', 'Device Owner', 'Tags')
  return {
    kind: 'list',
    columns,
    rows: ports.map((p) => {
      const row: Cell[] = [p.id, cell(p.name), cell(p.mac_address), listDictCell(p.fixed_ips as Record<string, unknown>[]), cell(p.status)]
      if (long) row.push(null, cell(p.device_owner), list(p.tags))
      return row
    }),
  }
}

const listDict = (value: unknown) => listDictCell(value as Record<string, unknown>[] | null)

export function portShowView(port: Port): ShowView {
  return show(port, [
    ['admin_state_up', (p) => adminState(p.admin_state_up)],
    ['allowed_address_pairs', (p) => listDict(p.allowed_address_pairs)],
    ['binding_host_id', 'binding:host_id'],
    ['binding_profile', (p) => dictCell(p['binding:profile'] as Record<string, unknown> | null)],
    ['binding_vif_details', (p) => dictCell(p['binding:vif_details'] as Record<string, unknown> | null)],
    ['binding_vif_type', 'binding:vif_type'],
    ['binding_vnic_type', 'binding:vnic_type'],
    ['created_at', 'created_at'],
    ['data_plane_status', 'data_plane_status'],
    ['description', 'description'],
    ['device_id', 'device_id'],
    ['device_owner', 'device_owner'],
    ['device_profile', 'device_profile'],
    ['dns_assignment', (p) => listDict(p.dns_assignment)],
    ['dns_domain', 'dns_domain'],
    ['dns_name', 'dns_name'],
    ['extra_dhcp_opts', (p) => listDict(p.extra_dhcp_opts)],
    ['fixed_ips', (p) => listDict(p.fixed_ips)],
    ['id', 'id'],
    ['ip_allocation', 'ip_allocation'],
    ['mac_address', 'mac_address'],
    ['name', 'name'],
    ['network_id', 'network_id'],
    ['numa_affinity_policy', 'numa_affinity_policy'],
    ['port_security_enabled', 'port_security_enabled'],
    ['project_id', project],
    ['propagate_uplink_status', 'propagate_uplink_status'],
    ['qos_network_policy_id', 'qos_network_policy_id'],
    ['qos_policy_id', 'qos_policy_id'],
    ['resource_request', 'resource_request'],
    ['revision_number', 'revision_number'],
    ['security_group_ids', (p) => list(p.security_groups)],
    ['status', 'status'],
    ['tags', (p) => list(p.tags)],
    ['trunk_details', 'trunk_details'],
    ['updated_at', 'updated_at'],
  ])
}
