/**
 * What Nova asks of this instance's Cinder: reserve a volume for a server, attach it, detach it,
 * make a boot volume (from an image, a snapshot or blank) and release a deleted server's volumes.
 * Errors are returned as messages (Nova words its own replies).
 */
import {randomUUID} from 'node:crypto'
import {HttpError} from '../http.js'
import type {InstanceState} from '../state.js'
import {cinderState, type SimVolume} from './state.js'
import {makeVolume} from './volumes.js'

/** A volume the project can use, or Nova's 404 message. */
function visible(inst: InstanceState, projectId: string, admin: boolean, id: string): SimVolume | string {
  const v = cinderState(inst).volumes.get(id)
  if (!v || v.status === 'deleting' || (!admin && v.projectId !== projectId)) return `Volume ${id} could not be found.`
  return v
}

function settle(v: SimVolume): void {
  if (v.pending) {
    const p = v.pending
    v.pending = null
    p()
  }
}

/** Nova's attachment_create: the volume goes `reserved`. Returns the volume, or {status, message}. */
export function reserveVolume(inst: InstanceState, projectId: string, admin: boolean, id: string): SimVolume | {status: number; message: string} {
  const v = visible(inst, projectId, admin, id)
  if (typeof v === 'string') return {status: 404, message: v}
  settle(v)
  if (v.status !== 'available') return {status: 400, message: `Invalid volume: volume '${id}' status must be 'available'. Currently in '${v.status}'`}
  v.status = 'reserved'
  v.updated = Date.now()
  return v
}

export function unreserveVolume(inst: InstanceState, id: string): void {
  const v = cinderState(inst).volumes.get(id)
  if (v && v.status === 'reserved') v.status = 'available'
}

/** Attaches a (reserved) volume: `attaching` until the next GET of it, then `in-use` (at once when `now`). */
export function attachVolume(inst: InstanceState, id: string, serverId: string, device: string, now = false): void {
  const v = cinderState(inst).volumes.get(id)
  if (!v) return
  v.attachments = [{id: randomUUID(), serverId, device, attachedAt: Date.now()}]
  v.updated = Date.now()
  const done = () => {
    v.status = 'in-use'
  }
  if (now) done()
  else {
    v.status = 'attaching'
    v.pending = done
  }
}

/** Detaches: `detaching` until the next GET, then `available` (at once when `now`). */
export function detachVolume(inst: InstanceState, id: string, now = false): void {
  const v = cinderState(inst).volumes.get(id)
  if (!v) return
  settle(v)
  v.updated = Date.now()
  const done = () => {
    v.attachments = []
    v.status = 'available'
  }
  if (now) done()
  else {
    v.status = 'detaching'
    v.pending = done
  }
}

export interface BootVolume {
  projectId: string
  userId: string
  size: number
  imageId?: string
  snapshotId?: string
  name?: string
}

/** The volume the compute makes for a `destination_type: volume` mapping; throws Cinder's 413 text when over quota. */
export function bootVolumeFor(inst: InstanceState, b: BootVolume): SimVolume | {message: string} {
  const s = cinderState(inst)
  const image = b.imageId ? inst.images.get(b.imageId) : undefined
  const snap = b.snapshotId ? s.snapshots.get(b.snapshotId) : undefined
  const src = snap ? s.volumes.get(snap.volumeId) : undefined
  try {
    const v = makeVolume(inst, {projectId: b.projectId, userId: b.userId, size: b.size, name: b.name ?? '', description: '', image, snapshotId: b.snapshotId ?? null, status: 'reserved', typeId: src?.typeId})
    if (src) {
      v.bootable = src.bootable
      v.imageMetadata = src.imageMetadata ? {...src.imageMetadata} : null
    }
    return v
  } catch (e) {
    if (e instanceof HttpError) return {message: e.message}
    throw e
  }
}

/** A server is gone: its volumes are detached, those marked delete_on_termination deleted. */
export function releaseServerVolumes(inst: InstanceState, vols: {id: string; deleteOnTermination: boolean}[]): void {
  const s = cinderState(inst)
  for (const x of vols) {
    const v = s.volumes.get(x.id)
    if (!v) continue
    v.pending = null
    v.attachments = []
    v.status = 'available'
    v.updated = Date.now()
    // Cinder refuses to delete a volume with snapshots: Nova logs it and leaves the volume.
    if (x.deleteOnTermination && ![...s.snapshots.values()].some((snap) => snap.volumeId === v.id)) s.volumes.delete(v.id)
  }
}
