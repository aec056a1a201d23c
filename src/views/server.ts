import type {ListView, ShowView} from '../output/index.js'
import {Formatted} from '../output/index.js'
import type {Server} from '../services/compute.js'
import type {CreatedServer} from '../workflows/server-create.js'
import type {ServerListing, ShownServer} from '../workflows/server-read.js'
import {dictCell, dictListCell, listCell, listDictCell} from './columns.js'

/** What OSC prints for a server booted from a volume. */
export const IMAGE_STRING_FOR_BFV = 'N/A (booted from volume)'

const POWER_STATES = ['NOSTATE', 'Running', '', 'Paused', 'Shutdown', '', 'Crashed', 'Suspended']

export function powerState(value: unknown): Formatted {
  const human = typeof value === 'number' && value >= 0 && value < POWER_STATES.length ? POWER_STATES[value] : 'N/A'
  return new Formatted(value, human)
}

/** novaclient's server.networks: {network label: [addresses]}. */
export function networksOf(server: Server): Record<string, string[]> {
  const addresses = (server.addresses ?? {}) as Record<string, {addr?: string}[]>
  const out: Record<string, string[]> = {}
  for (const [label, list] of Object.entries(addresses)) out[label] = (list ?? []).map((entry) => entry.addr ?? '')
  return out
}

export interface ServerLabels {
  /** "name (id)" of the image, or its id when it cannot be read. */
  image?: string
  /** "name (id)" of the flavor (before 2.47), from the flavor list. */
  flavor?: string
  /** Where a cross-instance image came from, shown as image_origin. */
  imageOrigin?: string
}

/**
 * Every field serverDetailView can show for a created server, at any microversion from 2.1 to
 * 2.96 (Nova's server body after OSC's renames), plus adminPass and image_origin: what `-c` of
 * `server create` is checked against before the server is created.
 */
export const SERVER_DETAIL_FIELDS: readonly string[] = [
  'OS-DCF:diskConfig', 'OS-EXT-AZ:availability_zone', 'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:hostname',
  'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-SRV-ATTR:instance_name', 'OS-EXT-SRV-ATTR:kernel_id',
  'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:ramdisk_id', 'OS-EXT-SRV-ATTR:reservation_id',
  'OS-EXT-SRV-ATTR:root_device_name', 'OS-EXT-SRV-ATTR:user_data', 'OS-EXT-STS:power_state', 'OS-EXT-STS:task_state',
  'OS-EXT-STS:vm_state', 'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at', 'accessIPv4', 'accessIPv6', 'addresses',
  'adminPass', 'config_drive', 'created', 'description', 'fault', 'flavor', 'hostId', 'host_status', 'id', 'image',
  'image_origin', 'key_name', 'locked', 'locked_reason', 'name', 'pinned_availability_zone', 'progress', 'project_id',
  'properties', 'security_groups', 'server_groups', 'status', 'tags', 'trusted_image_certificates', 'updated', 'user_id',
  'volumes_attached',
]

/** OSC's _prep_server_detail: Nova's body renamed and formatted, links dropped, fields sorted. */
export function serverDetailView(server: Server, labels: ServerLabels, extra: Record<string, unknown> = {}): ShowView {
  const info: Record<string, unknown> = {...extra, ...server}
  const image = server.image as {id?: string} | string | undefined
  info.image = image && typeof image === 'object' ? (labels.image ?? image.id ?? '') : IMAGE_STRING_FOR_BFV
  const flavor = (server.flavor ?? {}) as Record<string, unknown>
  info.flavor = 'id' in flavor ? (labels.flavor ?? flavor.id) : dictCell(flavor)
  if ('os-extended-volumes:volumes_attached' in info) {
    info.volumes_attached = listDictCell(info['os-extended-volumes:volumes_attached'] as Record<string, unknown>[])
    delete info['os-extended-volumes:volumes_attached']
  }

  if ('security_groups' in info) info.security_groups = listDictCell(info.security_groups as Record<string, unknown>[])
  if ('tags' in info) info.tags = listCell(info.tags as string[])
  info.addresses = dictListCell(networksOf(server))
  info.properties = dictCell(info.metadata as Record<string, unknown>)
  delete info.metadata
  if ('tenant_id' in info) {
    info.project_id = info.tenant_id
    delete info.tenant_id
  }

  if ('OS-EXT-STS:power_state' in info) info['OS-EXT-STS:power_state'] = powerState(info['OS-EXT-STS:power_state'])
  delete info.links
  if (labels.imageOrigin) info.image_origin = labels.imageOrigin
  const fields = Object.keys(info).sort()
  return {kind: 'show', fields, values: fields.map((field) => info[field] as never)}
}

/**
 * OSC 6.0's `server list` columns (and --long). From microversion 2.47 Nova embeds the flavor
 * without its id, so there is one Flavor column (its original_name), as OSC prints it.
 */
export function serverListView(
  servers: Server[],
  options: {long: boolean; flavorEmbedded: boolean; hostStatus: boolean},
  images: Map<string, string>,
  flavors: Map<string, string>,
  origins: Map<string, string> = new Map(),
): ListView {
  const {long, flavorEmbedded} = options
  const columns = ['ID', 'Name', 'Status']
  if (long) columns.push('Task State', 'Power State')
  columns.push('Networks')
  columns.push(...(long ? ['Image Name', 'Image ID'] : ['Image']))
  if (flavorEmbedded) columns.push('Flavor')
  else columns.push(...(long ? ['Flavor Name', 'Flavor ID'] : ['Flavor']))
  if (long) columns.push('Availability Zone', 'Host', 'Properties')
  const withHostStatus = long && options.hostStatus && servers.some((server) => 'host_status' in server)
  if (withHostStatus) columns.push('Host Status')
  // openstackoid's addition, only with --long and only when a listed server runs a cross-instance copy.
  const imageIdOf = (server: Server) => (server.image as {id?: string} | undefined)?.id ?? ''
  const withOrigin = long && servers.some((server) => origins.has(imageIdOf(server)))
  if (withOrigin) columns.push('Image Origin')
  const rows = servers.map((server) => {
    const image = server.image as {id?: string} | string | undefined
    const bfv = !image || typeof image !== 'object' || !image.id
    const imageName = bfv ? IMAGE_STRING_FOR_BFV : (images.get(image.id!) ?? '')
    const imageId = bfv ? IMAGE_STRING_FOR_BFV : image.id!
    const flavor = (server.flavor ?? {}) as {id?: string; original_name?: string}
    const row: unknown[] = [server.id, server.name ?? '', server.status ?? '']
    if (long) row.push(server['OS-EXT-STS:task_state'] ?? null, powerState(server['OS-EXT-STS:power_state']))
    row.push(dictListCell(networksOf(server)))
    row.push(...(long ? [imageName, imageId] : [imageName]))
    if (flavorEmbedded) row.push(flavor.original_name ?? '')
    else row.push(...(long ? [flavors.get(flavor.id ?? '') ?? '', flavor.id ?? ''] : [flavors.get(flavor.id ?? '') ?? '']))
    if (long) row.push(server['OS-EXT-AZ:availability_zone'] ?? '', server['OS-EXT-SRV-ATTR:host'] ?? '', dictCell(server.metadata as Record<string, unknown>))
    if (withHostStatus) row.push(server.host_status ?? '')
    if (withOrigin) row.push(origins.get(imageIdOf(server)) ?? '')
    return row as never[]
  })
  return {kind: 'list', columns, rows}
}

/** `server list`: one instance's listing (workflows/server-read.ts). */
export function serverListingView(listing: ServerListing, long: boolean): ListView {
  return serverListView(listing.servers, {long, flavorEmbedded: listing.flavorEmbedded, hostStatus: listing.hostStatus}, listing.images, listing.flavors, listing.origins)
}

/** `server show`: OSC's detail with the labels looked up in the server's own instance. */
export function shownServerView(shown: ShownServer): ShowView {
  return serverDetailView(shown.server, shown.labels)
}

/** OSC's server detail for a created server: image and flavor labels, adminPass, and where the image came from. */
export function createdServerView(created: CreatedServer): ShowView {
  const flavor = created.server.flavor as {id?: string} | undefined
  const labels = {
    image: created.image ? `${created.image.name ?? ''} (${created.image.id})` : undefined,
    flavor: flavor?.id ? `${created.flavor.name} (${flavor.id})` : undefined,
    imageOrigin: created.origin
      ? `${created.origin.instance}: ${created.origin.image.name ?? ''} (${created.origin.image.id}), ${created.origin.copied ? 'copied' : 'copy reused'}`
      : undefined,
  }
  return serverDetailView(created.server, labels, created.adminPass ? {adminPass: created.adminPass} : {})
}

/** `server rebuild`: OSC's detail of the server Nova answered, with the new image's label. */
export function rebuiltServerView(rebuilt: {server: Server; image: {id: string; name?: string | null}}): ShowView {
  return serverDetailView(rebuilt.server, {image: `${rebuilt.image.name ?? ''} (${rebuilt.image.id})`})
}
