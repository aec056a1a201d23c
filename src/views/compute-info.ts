import {Formatted, type ListView, type ShowView} from '../output/index.js'
import {PyFloat, compareCodePoints, repr} from '../output/python.js'
import type {CreatedKeypair, InstanceAction} from '../services/compute.js'
import type {ShownFlavor, ShownLimits, ShownQuota, ZoneListing} from '../workflows/compute-info.js'
import type {KeypairListing} from '../workflows/compute-keypair.js'
import {dictCell} from './columns.js'

function show(info: Record<string, unknown>): ShowView {
  const fields = Object.keys(info).sort(compareCodePoints)
  return {kind: 'show', fields, values: fields.map((field) => info[field] as never)}
}

/** OSC 6.0's `keypair list`: Type from microversion 2.2. */
export function keypairListView(listing: KeypairListing): ListView {
  const columns = ['Name', 'Fingerprint', ...(listing.withType ? ['Type'] : [])]
  return {
    kind: 'list',
    columns,
    rows: listing.keypairs.map((keypair) => [keypair.name, keypair.fingerprint ?? '', ...(listing.withType ? [keypair.type ?? 'ssh'] : [])]),
  }
}

/**
 * openstacksdk's Keypair as OSC shows it (keypair show; keypair create with a key file): id is
 * the name, `deleted` is is_deleted, type defaults to ssh; public_key hidden, and private_key
 * hidden too after a create.
 */
export function keypairView(keypair: CreatedKeypair, created = false): ShowView {
  const info: Record<string, unknown> = {
    created_at: keypair.created_at ?? null,
    fingerprint: keypair.fingerprint ?? null,
    id: keypair.name,
    is_deleted: keypair.deleted ?? null,
    name: keypair.name,
    type: keypair.type ?? 'ssh',
    user_id: keypair.user_id ?? null,
  }
  if (!created) info.private_key = keypair.private_key ?? null
  return show(info)
}

/** OSC 6.0's `flavor show`: the SDK's names, extra specs as properties, access projects of a private flavor. */
export function flavorShowView({flavor, accessProjects}: ShownFlavor): ShowView {
  return show({
    'OS-FLV-DISABLED:disabled': flavor['OS-FLV-DISABLED:disabled'] ?? false,
    'OS-FLV-EXT-DATA:ephemeral': flavor['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    access_project_ids: accessProjects === null ? null : new Formatted(accessProjects, repr(accessProjects)),
    description: flavor.description ?? null,
    disk: flavor.disk ?? null,
    id: flavor.id,
    name: flavor.name,
    'os-flavor-access:is_public': flavor['os-flavor-access:is_public'] ?? true,
    properties: dictCell((flavor.extra_specs as Record<string, unknown>) ?? {}),
    ram: flavor.ram ?? null,
    rxtx_factor: typeof flavor.rxtx_factor === 'number' ? new PyFloat(flavor.rxtx_factor) : (flavor.rxtx_factor ?? null),
    swap: flavor.swap ?? '',
    vcpus: flavor.vcpus ?? null,
  })
}

/** `limits show --absolute`: Nova's absolute limits in its order, then Cinder's. */
export function limitsView({absolute}: ShownLimits): ListView {
  return {kind: 'list', columns: ['Name', 'Value'], rows: absolute.map(([name, value]) => [name, value as never])}
}

/** OSC's renaming of Nova's quota keys (quota.py COMPUTE_QUOTAS, NOVA_NETWORK_QUOTAS). */
const QUOTA_NAMES: Record<string, string> = {
  fixed_ips: 'fixed-ips',
  injected_file_content_bytes: 'injected-file-size',
  injected_file_path_bytes: 'injected-path-size',
  injected_files: 'injected-files',
  key_pairs: 'key-pairs',
  metadata_items: 'properties',
  server_groups: 'server-groups',
  server_group_members: 'server-group-members',
  floating_ips: 'floating-ips',
  backup_gigabytes: 'backup-gigabytes',
  per_volume_gigabytes: 'per-volume-gigabytes',
  security_group_rules: 'secgroup-rules',
  security_groups: 'secgroups',
}

/** OSC 6.0's `quota show` for the compute and volume parts: renamed keys, project and project_name, sorted. */
export function quotaView({quota, projectName}: ShownQuota): ShowView {
  const info: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(quota)) if (value !== null && value !== undefined) info[QUOTA_NAMES[key] ?? key] = value
  if ('id' in info) {
    info.project = info.id
    delete info.id
    info.project_name = projectName ?? null
  }

  return show(info)
}

/**
 * OSC 6.0's `availability zone list`: compute zones (--long: one row per host service), then
 * volume zones, then network zones (with their resource).
 */
export function availabilityZoneView(zones: ZoneListing, long: boolean): ListView {
  const columns = ['Zone Name', 'Zone Status', ...(long ? ['Zone Resource', 'Host Name', 'Service Name', 'Service Status'] : [])]
  const rows: unknown[][] = []
  const status = (zone: {zoneState?: {available?: boolean}}) => (zone.zoneState ? (zone.zoneState.available ? 'available' : 'not available') : '')
  for (const zone of zones.compute) {
    const common = [zone.zoneName ?? '', status(zone)]
    if (!long) {
      rows.push(common)
      continue
    }

    const hosts = Object.entries(zone.hosts ?? {})
    if (hosts.length === 0) rows.push([...common, '', '', '', ''])
    for (const [host, services] of hosts) {
      for (const [service, state] of Object.entries(services)) {
        rows.push([...common, '', host, service, `${state.active ? 'enabled' : 'disabled'} ${state.available ? ':-)' : 'XXX'} ${state.updated_at ?? 'None'}`])
      }
    }
  }

  for (const zone of zones.volume) rows.push([zone.zoneName ?? '', status(zone), ...(long ? ['', '', '', ''] : [])])
  for (const zone of zones.network) {
    const state = zone.state === 'unavailable' ? 'not available' : (zone.state ?? '')
    rows.push([zone.name ?? '', state, ...(long ? [zone.resource ?? '', '', '', ''] : [])])
  }

  return {kind: 'list', columns, rows: rows as never[][]}
}

/** OSC 6.0's `server event list` (and --long). */
export function serverEventView(actions: InstanceAction[], long: boolean): ListView {
  const keys = ['request_id', 'instance_uuid', 'action', 'start_time', ...(long ? ['message', 'project_id', 'user_id'] : [])]
  const columns = ['Request ID', 'Server ID', 'Action', 'Start Time', ...(long ? ['Message', 'Project ID', 'User ID'] : [])]
  return {kind: 'list', columns, rows: actions.map((action) => keys.map((key) => (key in action ? (action[key] ?? null) : '') as never))}
}
