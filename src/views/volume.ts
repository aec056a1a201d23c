import {Formatted, type Cell, type ListView, type ShowView} from '../output/index.js'
import {compareCodePoints, repr} from '../output/python.js'
import type {Volume, VolumeType} from '../services/volume.js'
import type {VolumeListing} from '../workflows/volume.js'
import {dictCell} from './columns.js'

/** OSC 6.0's volume views (volume/v2/volume.py, volume_type.py). */

/** A raw list or dict as cliff shows it: Python's repr in a table, the value itself in json/yaml. */
function raw(value: unknown): Cell {
  if (value !== null && typeof value === 'object') return new Formatted(value, repr(value))
  return value as Cell
}

/**
 * `volume show` and `volume create`: Cinder's volume as it came, metadata as properties (a
 * DictColumn), volume_type as type, links dropped, fields sorted.
 */
export function volumeView(volume: Volume): ShowView {
  const info: Record<string, unknown> = {...volume}
  const metadata = info.metadata as Record<string, unknown> | undefined
  delete info.metadata
  delete info.links
  const type = info.volume_type
  delete info.volume_type
  info.properties = dictCell(metadata ?? {})
  info.type = type
  const fields = Object.keys(info).sort(compareCodePoints)
  return {kind: 'show', fields, values: fields.map((field) => (field === 'properties' ? (info[field] as Formatted) : raw(info[field])))}
}

/** OSC's AttachmentsColumn: "Attached to <server name or ID> on <device> " per attachment. */
export function attachmentsCell(attachments: Volume['attachments'], servers: Map<string, string>): Formatted {
  const list = attachments ?? []
  const human = list.map((attachment) => `Attached to ${servers.get(attachment.server_id ?? '') ?? attachment.server_id ?? 'None'} on ${attachment.device ?? 'None'} `).join('')
  return new Formatted(list, human)
}

/** `volume list` (and --long: Type, Bootable, Properties). */
export function volumeListView(listing: VolumeListing, long: boolean): ListView {
  const columns = long ? ['ID', 'Name', 'Status', 'Size', 'Type', 'Bootable', 'Attached to', 'Properties'] : ['ID', 'Name', 'Status', 'Size', 'Attached to']
  const rows = listing.volumes.map((volume): Cell[] => {
    const attached = attachmentsCell(volume.attachments, listing.servers)
    const base: Cell[] = [volume.id, field(volume, 'name'), volume.status, volume.size]
    if (!long) return [...base, attached]
    return [...base, field(volume, 'volume_type'), field(volume, 'bootable'), attached, dictCell(volume.metadata ?? {})]
  })
  return {kind: 'list', columns, rows}
}

/** osc-lib's get_item_properties: an attribute the resource lacks is ''. */
function field(item: Record<string, unknown>, key: string): Cell {
  return key in item ? raw(item[key]) : ''
}

/** `volume type list` (and --long: Description, Properties). */
export function volumeTypeListView(types: VolumeType[], long: boolean): ListView {
  const columns = long ? ['ID', 'Name', 'Is Public', 'Description', 'Properties'] : ['ID', 'Name', 'Is Public']
  const rows = types.map((type): Cell[] => {
    const base: Cell[] = [type.id, field(type, 'name'), field(type, 'is_public')]
    if (!long) return base
    return [...base, field(type, 'description'), 'extra_specs' in type ? dictCell(type.extra_specs as Record<string, unknown>) : '']
  })
  return {kind: 'list', columns, rows}
}
