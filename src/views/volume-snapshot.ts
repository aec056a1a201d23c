import {Formatted, type ListView, type ShowView} from '../output/index.js'
import {compareCodePoints} from '../output/python.js'
import type {Snapshot} from '../services/volume.js'
import type {AddedVolume, SnapshotListing} from '../workflows/volume-snapshot.js'
import {dictCell} from './columns.js'

/** OSC 6.0's snapshot show/create: cinderclient's record, metadata as `properties`, sorted by key. */
export function snapshotView(snapshot: Snapshot): ShowView {
  const info: Record<string, unknown> = {...snapshot}
  info.properties = dictCell((info.metadata as Record<string, unknown> | undefined) ?? {})
  delete info.metadata
  const fields = Object.keys(info).sort(compareCodePoints)
  return {kind: 'show', fields, values: fields.map((field) => info[field] as never)}
}

/** OSC 6.0's `volume snapshot list` (--long: Created At, Volume by name, Properties). */
export function snapshotListView({snapshots, volumeNames}: SnapshotListing, long: boolean): ListView {
  const columns = ['ID', 'Name', 'Description', 'Status', 'Size', ...(long ? ['Created At', 'Volume', 'Properties'] : [])]
  const rows = snapshots.map((snapshot) => {
    const row: unknown[] = [snapshot.id, snapshot.name ?? null, snapshot.description ?? null, snapshot.status, snapshot.size]
    if (long) {
      const volumeName = volumeNames.has(snapshot.volume_id) ? volumeNames.get(snapshot.volume_id) : snapshot.volume_id
      row.push(snapshot.created_at ?? '', new Formatted(snapshot.volume_id, volumeName === null || volumeName === undefined ? 'None' : volumeName), dictCell((snapshot.metadata as Record<string, unknown>) ?? {}))
    }

    return row
  })
  return {kind: 'list', columns, rows: rows as never[][]}
}

/** OSC 6.0's `server add volume`: the attachment's fields, Tag from 2.49, Delete On Termination from 2.79. */
export function addedVolumeView({attachment, withTag, withDeleteOnTermination}: AddedVolume): ShowView {
  const fields = ['ID', 'Server ID', 'Volume ID', 'Device', ...(withTag ? ['Tag'] : []), ...(withDeleteOnTermination ? ['Delete On Termination'] : [])]
  // openstacksdk's id falls back on attachment_id (2.89 drops `id`).
  const values: unknown[] = [attachment.id ?? attachment.attachment_id ?? null, attachment.serverId ?? null, attachment.volumeId ?? null, attachment.device ?? null]
  if (withTag) values.push(attachment.tag ?? null)
  if (withDeleteOnTermination) values.push(attachment.delete_on_termination ?? null)
  return {kind: 'show', fields, values: values as never[]}
}
