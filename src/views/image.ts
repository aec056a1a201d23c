import {OidError} from '../errors.js'
import type {ListView, ShowView} from '../output/index.js'
import type {Image, Member} from '../services/image.js'
import {compareCodePoints, str as pyStr} from '../output/python.js'
import type {Fanout} from '../routing/index.js'
import type {CopyResult} from '../workflows/image-copy.js'
import type {PrunedCopy} from '../workflows/image-copy-command.js'
import {dictCell, listCell} from './columns.js'
import {report, type Report} from './report.js'

const LONG_COLUMNS = ['ID', 'Name', 'Disk Format', 'Container Format', 'Size', 'Checksum', 'Status', 'Visibility', 'Protected', 'Project', 'Tags']

export function imageListView(images: Image[], long: boolean): ListView {
  if (!long) return {kind: 'list', columns: ['ID', 'Name', 'Status'], rows: images.map((image) => [image.id, image.name ?? null, image.status])}
  return {
    kind: 'list',
    columns: LONG_COLUMNS,
    rows: images.map((image) => [
      image.id,
      image.name ?? null,
      image.disk_format ?? null,
      image.container_format ?? null,
      image.size ?? null,
      image.checksum ?? null,
      image.status,
      image.visibility ?? null,
      image.protected ?? null,
      image.owner ?? null,
      listCell(image.tags),
    ]),
  }
}

/** SDK attribute names that `--sort` accepts, mapped to Glance's wire names. */
const SORT_ALIASES: Record<string, string> = {owner_id: 'owner', is_protected: 'protected', is_hidden: 'os_hidden', hash_algo: 'os_hash_algo', hash_value: 'os_hash_value'}

/**
 * OSC's client-side `--sort key[:dir],…` (default name:asc): values compared as Python str(),
 * so sizes sort as text and None as 'None', exactly as OSC does.
 */
export function sortImages(images: Image[], sort: string): Image[] {
  const sorted = [...images]
  const keys = sort.trim().split(',')
  for (const spec of keys.reverse()) {
    const [rawKey, direction = 'asc'] = spec.includes(':') ? spec.split(/:(.*)/s) : [spec, 'asc']
    if (rawKey === '') throw new OidError("'<empty string>'' is not a valid sort key")
    if (direction !== 'asc' && direction !== 'desc') {
      throw new OidError(`'${direction || '<empty string>'}' is not a valid sort direction for sort key ${rawKey}, use 'asc' or 'desc' instead`)
    }

    const key = SORT_ALIASES[rawKey] ?? rawKey
    const value = (image: Image) => pyStr((image as Record<string, unknown>)[key])
    sorted.sort((a, b) => {
      const x = value(a)
      const y = value(b)
      const order = compareCodePoints(x, y)
      return direction === 'desc' ? -order : order
    })
  }

  return sorted
}

/** Fields OSC shows as they are; everything else but tags and location goes into `properties`. */
const SHOWN = new Set(['status', 'name', 'container_format', 'created_at', 'size', 'disk_format', 'updated_at', 'visibility', 'min_disk', 'protected', 'id', 'file', 'checksum', 'owner', 'virtual_size', 'min_ram', 'schema'])
const NOT_PROPERTIES = new Set(['tags', 'location', 'self', 'locations', 'direct_url'])

/** Every field imageShowView can show: what `-c` of `image create` is checked against before the image is created. */
export const IMAGE_SHOW_FIELDS: readonly string[] = [...SHOWN, 'properties', 'tags'].sort()

export function imageShowView(image: Image, humanReadable = false): ShowView {
  const info: Record<string, unknown> = {}
  const properties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(image)) {
    if (value === null || value === undefined) continue
    if (SHOWN.has(key)) info[key] = value
    else if (key === 'properties' && typeof value === 'object') Object.assign(properties, value)
    else if (!NOT_PROPERTIES.has(key)) properties[key] = value
  }

  if (humanReadable) info.size = formatSize(image.size ?? 0)
  info.tags = listCell(image.tags)
  if (Object.keys(properties).length > 0) info.properties = dictCell(properties)
  const fields = Object.keys(info).sort()
  return {kind: 'show', fields, values: fields.map((field) => info[field] as never)}
}

/** osc-lib's format_size: powers of 1000, one decimal, trailing zeros stripped ("1.5M", "13K", "0"). */
export function formatSize(size: number): string {
  const suffix = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z']
  let index = 0
  let value = size
  while (value >= 1000 && index < suffix.length - 1) {
    index++
    value /= 1000
  }

  // Python's '%.1f' rounds an exact binary tie to even (1.25 → 1.2); toFixed rounds it up.
  const scaled = value * 10
  const tie = scaled - Math.floor(scaled) === 0.5
  const text = tie ? ((Math.floor(scaled) % 2 === 0 ? Math.floor(scaled) : Math.floor(scaled) + 1) / 10).toFixed(1) : value.toFixed(1)
  return text.replace(/0+$/, '').replace(/\.$/, '') + suffix[index]
}

/** `image add project`: the new membership's fields, sorted (as OSC shows them). */
export function imageMemberView(member: Record<string, unknown>): ShowView {
  const fields = Object.keys(member).filter((key) => !['id', 'location', 'name'].includes(key)).sort()
  return {kind: 'show', fields, values: fields.map((field) => member[field] as never)}
}

/** `image member list`. */
export function memberListView(members: Member[]): ListView {
  return {kind: 'list', columns: ['Image ID', 'Member ID', 'Status'], rows: members.map((member) => [member.image_id, member.member_id, member.status])}
}

/** `image copy`: each copy's record, and a line on stderr per target saying what moved (or that a copy was reused). */
export function imageCopyReport({source, copies}: {source: {instance: string}; copies: Fanout<CopyResult>}): Report {
  const notes = copies.outcomes.flatMap((outcome) => {
    if (!outcome.ok) return []
    const result = outcome.value
    const name = result.image.name ?? result.image.id
    if (result.copied) return [`Copied ${name} from ${source.instance} to ${outcome.instance}: ${result.bytes} bytes in ${result.seconds?.toFixed(1)} s.`]
    if (result.waited) return [`${outcome.instance}: another client was copying ${name} from ${source.instance}; its verified copy is reused.`]
    return [`${outcome.instance} already has a verified copy of ${name} from ${source.instance}: reused.`]
  })
  const shown = report(copies, (result) => imageShowView(result.image))
  return {...shown, notes: [...notes, ...shown.notes]}
}

/** `image copy --prune`: the dead copies found, and what was done with each. */
export function prunedView(pruned: PrunedCopy[]): ListView {
  return {
    kind: 'list',
    columns: ['ID', 'Name', 'Status', 'Source Image', 'Reason', 'Action'],
    rows: pruned.map(({image, reason, deleted, error}) => [
      image.id,
      image.name ?? '',
      image.status ?? '',
      String(image.openstackoid_source_image_id ?? ''),
      reason,
      deleted ? 'deleted' : error ? `delete failed: ${error}` : 'would delete (--dry-run)',
    ]),
  }
}
