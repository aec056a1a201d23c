import {Formatted, Munch, type ListView, type ShowView} from '../output/index.js'
import {PyFloat, compareCodePoints, repr} from '../output/python.js'
import type {CreatedKeypair, Flavor, InstanceAction} from '../services/compute.js'
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
  return show(flavorFields(flavor, {access_project_ids: accessProjects === null ? null : new Formatted(accessProjects, repr(accessProjects))}))
}

/** `flavor create`: OSC shows the created resource itself, without access_project_ids. */
export function flavorCreatedView(flavor: Flavor): ShowView {
  return show(flavorFields(flavor, {}))
}

function flavorFields(flavor: Flavor, access: Record<string, unknown>): Record<string, unknown> {
  return {
    'OS-FLV-DISABLED:disabled': flavor['OS-FLV-DISABLED:disabled'] ?? false,
    'OS-FLV-EXT-DATA:ephemeral': flavor['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    ...access,
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
  }
}

/** `limits show --absolute`: Nova's absolute limits in its order, then Cinder's. */
export function limitsView({absolute}: ShownLimits): ListView {
  return {kind: 'list', columns: ['Name', 'Value'], rows: absolute.map(([name, value]) => [name, value as never])}
}

/** OSC 6.0's renames (quota.py), applied in its order: COMPUTE_QUOTAS, NOVA_NETWORK_QUOTAS, VOLUME_QUOTAS, NETWORK_QUOTAS. */
const QUOTA_RENAMES: ReadonlyArray<[string, string]> = [
  ['fixed_ips', 'fixed-ips'],
  ['injected_file_content_bytes', 'injected-file-size'],
  ['injected_file_path_bytes', 'injected-path-size'],
  ['injected_files', 'injected-files'],
  ['key_pairs', 'key-pairs'],
  ['metadata_items', 'properties'],
  ['server_groups', 'server-groups'],
  ['server_group_members', 'server-group-members'],
  ['floating_ips', 'floating-ips'],
  ['security_group_rules', 'secgroup-rules'],
  ['security_groups', 'secgroups'],
  ['backup_gigabytes', 'backup-gigabytes'],
  ['per_volume_gigabytes', 'per-volume-gigabytes'],
  ['floatingip', 'floating-ips'],
  ['security_group_rule', 'secgroup-rules'],
  ['security_group', 'secgroups'],
  ['network', 'networks'],
  ['subnet', 'subnets'],
  ['port', 'ports'],
  ['router', 'routers'],
  ['rbac_policy', 'rbac-policies'],
  ['subnetpool', 'subnetpools'],
]

/**
 * openstacksdk's network Quota: wire name → attribute name. Its to_dict() has these attributes
 * only (a key of the reply it does not declare is dropped), plus id, name and location.
 */
const SDK_QUOTA_ATTRIBUTES: Readonly<Record<string, string>> = {
  check_limit: 'check_limit',
  floatingip: 'floating_ips',
  healthmonitor: 'health_monitors',
  listener: 'listeners',
  loadbalancer: 'load_balancers',
  l7policy: 'l7_policies',
  network: 'networks',
  pool: 'pools',
  port: 'ports',
  tenant_id: 'project_id',
  rbac_policy: 'rbac_policies',
  router: 'routers',
  subnet: 'subnets',
  subnetpool: 'subnet_pools',
  security_group_rule: 'security_group_rules',
  security_group: 'security_groups',
  name: 'name',
}

/** OSC's dict of the network part: Quota.to_dict() without its None values. */
export function networkQuotaDict({network, networkId, location}: ShownQuota): Record<string, unknown> {
  if (!network) return {}
  const out: Record<string, unknown> = {}
  for (const [wire, value] of Object.entries(network)) {
    const attribute = Object.hasOwn(SDK_QUOTA_ATTRIBUTES, wire) ? SDK_QUOTA_ATTRIBUTES[wire] : undefined
    if (attribute !== undefined && value !== null && value !== undefined) out[attribute] = value
  }

  if (networkId) out.id = networkId
  if (location) {
    const {project} = location
    const munch = new Munch([
      ['cloud', location.cloud],
      ['region_name', location.region_name],
      ['zone', location.zone],
      ['project', new Munch([['id', project.id], ['name', project.name], ['domain_id', project.domain_id], ['domain_name', project.domain_name]])],
    ])
    out.location = new Formatted(munch, repr(munch))
  }

  return out
}

/**
 * OSC 6.0's `quota show`: Nova's part, Cinder's, then the network part over them (its
 * floating_ips, security_groups and security_group_rules replace Nova's), renamed, `id` as
 * `project` with project_name, sorted.
 */
export function quotaView(shown: ShownQuota): ShowView {
  const info: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(shown.quota)) if (value !== null && value !== undefined) info[key] = value
  Object.assign(info, networkQuotaDict(shown))
  for (const [from, to] of QUOTA_RENAMES) {
    if (from !== to && info[from] !== null && info[from] !== undefined) {
      info[to] = info[from]
      delete info[from]
    }
  }

  if ('id' in info) {
    info.project = info.id
    delete info.id
    delete info.project_id
    info.project_name = shown.projectName ?? null
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
