import {Formatted, type Cell, type ListView, type ShowView} from '../output/index.js'
import {str as pyStr} from '../output/python.js'
import type {FloatingIp, Router} from '../services/network.js'
import type {RouterDetail} from '../workflows/network-l3.js'
import {formatDict, listCell} from './columns.js'

/** OSC 6.0's router and floating IP views (openstackclient/network/v2/router.py, floating_ip.py). */

const cell = (value: unknown): Cell => (value === undefined ? null : (value as Cell))

/** Python's json.dumps (", " and ": " separators, ASCII escapes), keys in the reply's order. */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map((item) => pyJsonDumps(item)).join(', ')}]`
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${pyJsonDumps(key)}: ${pyJsonDumps(item)}`).join(', ')}}`
  if (typeof value === 'string') return JSON.stringify(value).replaceAll(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return JSON.stringify(value)
}

/** AdminStateColumn: UP / DOWN. */
const adminState = (value: unknown) => new Formatted(value ?? null, value ? 'UP' : 'DOWN')
/** RouterInfoColumn: json.dumps of the value. */
const routerInfo = (value: unknown) => new Formatted(value ?? null, pyJsonDumps(value ?? null))
/** RoutesColumn: each route's nexthop shown as gateway, one format_dict per line. */
function routes(value: unknown): Formatted {
  const list = ((value as Record<string, unknown>[] | null | undefined) ?? []).map((route) => {
    if (!('nexthop' in route)) return route
    const {nexthop, ...rest} = route
    return {...rest, gateway: nexthop}
  })
  return new Formatted(list, list.map((route) => formatDict(route)).join('\n'))
}

/** A raw list (a floating IP's tags) as cliff prints an unformatted Python list: "[]", "['a']". */
const rawList = (value: unknown) => new Formatted(value ?? [], pyStr(value ?? []))

export function routerListView(routers: Router[], long: boolean): ListView {
  const columns = ['ID', 'Name', 'Status', 'State', 'Project']
  const keys = ['id', 'name', 'status', 'admin_state_up', 'project_id']
  for (const r of routers) {
    if (r.distributed !== undefined && r.distributed !== null && !keys.includes('distributed')) keys.push('distributed') && columns.push('Distributed')
    if (r.ha !== undefined && r.ha !== null && !keys.includes('ha')) keys.push('ha') && columns.push('HA')
  }

  if (long) {
    keys.push('routes', 'external_gateway_info', 'tags')
    columns.push('Routes', 'External gateway info', 'Tags')
  }

  return {kind: 'list', columns, rows: routers.map((r) => keys.map((key) => routerCell(key, r[key] ?? (key === 'project_id' ? r.tenant_id : undefined))))}
}

function routerCell(key: string, value: unknown): Cell {
  switch (key) {
    case 'admin_state_up':
      return adminState(value)
    case 'external_gateway_info':
    case 'interfaces_info':
      return routerInfo(value)
    case 'availability_zones':
    case 'availability_zone_hints':
    case 'tags':
      return listCell(value as unknown[] | null | undefined)
    case 'routes':
      return routes(value)
    default:
      return cell(value)
  }
}

/** ShowRouter's fields: openstacksdk's Router attributes (ha/distributed only when the cloud says them), sorted. */
export function routerShowView(detail: RouterDetail): ShowView {
  const r = detail.router
  const wire: Record<string, unknown> = {...r, project_id: r.project_id ?? r.tenant_id, interfaces_info: detail.interfaces}
  const fields = ['admin_state_up', 'availability_zone_hints', 'availability_zones', 'created_at', 'description', 'distributed', 'enable_ndp_proxy', 'external_gateway_info', 'flavor_id', 'ha', 'id', 'interfaces_info', 'name', 'project_id', 'revision_number', 'routes', 'status', 'tags', 'tenant_id', 'updated_at'].filter(
    (field) => (field === 'interfaces_info' ? detail.interfaces !== undefined : ['distributed', 'ha'].includes(field) ? r[field] !== undefined && r[field] !== null : true),
  )
  return {kind: 'show', fields, values: fields.map((field) => routerCell(field, wire[field]))}
}

export function floatingIpListView(ips: FloatingIp[], long: boolean): ListView {
  const columns = ['ID', 'Floating IP Address', 'Fixed IP Address', 'Port', 'Floating Network', 'Project']
  const keys = ['id', 'floating_ip_address', 'fixed_ip_address', 'port_id', 'floating_network_id', 'project_id']
  if (long) {
    columns.push('Router', 'Status', 'Description', 'Tags', 'DNS Name', 'DNS Domain')
    keys.push('router_id', 'status', 'description', 'tags', 'dns_name', 'dns_domain')
  }

  return {
    kind: 'list',
    columns,
    rows: ips.map((ip) => keys.map((key) => (key === 'tags' ? rawList(ip.tags) : cell(key === 'project_id' ? (ip.project_id ?? ip.tenant_id) : ip[key])))),
  }
}

/** ShowFloatingIP: openstacksdk's FloatingIP attributes without location and tenant_id; name is the address. */
export function floatingIpShowView(ip: FloatingIp, formatPortDetails = true): ShowView {
  const fields = ['created_at', 'description', 'dns_domain', 'dns_name', 'fixed_ip_address', 'floating_ip_address', 'floating_network_id', 'id', 'name', 'port_details', 'port_id', 'project_id', 'qos_policy_id', 'revision_number', 'router_id', 'status', 'subnet_id', 'tags', 'updated_at']
  const wire: Record<string, unknown> = {...ip, name: ip.floating_ip_address, project_id: ip.project_id ?? ip.tenant_id}
  const values = fields.map((field): Cell => {
    if (field === 'tags') return rawList(wire.tags)
    if (field === 'port_details' && !formatPortDetails) return wire.port_details ? new Formatted(wire.port_details, pyStr(wire.port_details)) : null
    // osc-lib's format_dict is a plain function: its string is the value in every format.
    if (field === 'port_details') return wire.port_details ? formatDict(wire.port_details as Record<string, unknown>) : null
    return cell(wire[field])
  })
  return {kind: 'show', fields, values}
}
