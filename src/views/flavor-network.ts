import {Formatted, type ListView} from '../output/index.js'
import type {Flavor} from '../services/compute.js'
import type {Network} from '../services/network.js'
import {PyFloat} from '../output/python.js'
import {dictCell, listCell} from './columns.js'

/** OSC 6.0's `flavor list` (and --long). */
export function flavorListView(flavors: Flavor[], long: boolean): ListView {
  const columns = ['ID', 'Name', 'RAM', 'Disk', 'Ephemeral', 'VCPUs', 'Is Public']
  if (long) columns.push('Swap', 'RXTX Factor', 'Properties')
  return {
    kind: 'list',
    columns,
    rows: flavors.map((flavor) => {
      const row: unknown[] = [flavor.id, flavor.name, flavor.ram ?? null, flavor.disk ?? null, flavor['OS-FLV-EXT-DATA:ephemeral'] ?? 0, flavor.vcpus ?? null, flavor['os-flavor-access:is_public'] ?? true]
      if (long) row.push(flavor.swap ?? '', typeof flavor.rxtx_factor === 'number' ? new PyFloat(flavor.rxtx_factor) : (flavor.rxtx_factor ?? null), dictCell((flavor.extra_specs as Record<string, unknown>) ?? {}))
      return row as never[]
    }),
  }
}

const adminState = (value: unknown) => new Formatted(value, value ? 'UP' : 'DOWN')
const routerType = (value: unknown) => new Formatted(value, value ? 'External' : 'Internal')

/** OSC 6.0's `network list` (and --long). */
export function networkListView(networks: Network[], long: boolean): ListView {
  if (!long) return {kind: 'list', columns: ['ID', 'Name', 'Subnets'], rows: networks.map((network) => [network.id, network.name, listCell(network.subnets ?? [])])}
  return {
    kind: 'list',
    columns: ['ID', 'Name', 'Status', 'Project', 'State', 'Shared', 'Subnets', 'Network Type', 'Router Type', 'Availability Zones', 'Tags'],
    rows: networks.map((network) => [
      network.id,
      network.name,
      (network.status as string) ?? null,
      (network.project_id as string) ?? (network.tenant_id as string) ?? null,
      adminState(network.admin_state_up),
      (network.shared as boolean) ?? null,
      listCell(network.subnets ?? []),
      (network['provider:network_type'] as string) ?? null,
      routerType(network['router:external']),
      listCell((network.availability_zones as string[]) ?? []),
      listCell((network.tags as string[]) ?? []),
    ]),
  }
}
