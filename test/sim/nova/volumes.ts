/**
 * Nova and this instance's Cinder: block_device_mapping_v2 checked at create (volumes reserved),
 * boot volumes made when the build finishes (ERROR when Cinder refuses), volumes released when the
 * server goes, and /servers/{id}/os-volume_attachments (list, show, attach, detach).
 */
import {attachVolume, bootVolumeFor, cinderState, detachVolume, releaseServerVolumes, reserveVolume, unreserveVolume} from '../cinder/index.js'
import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import type {InstanceState} from '../state.js'
import {recordAction} from './instance-actions.js'
import {atLeast, bad, byMethod, notFound, pyRepr, schemaError, type Req, type Route} from './request.js'
import {visibleServer} from './server-lifecycle.js'
import type {SimServer} from './state.js'

export interface PendingBdm {
  sourceType: 'image' | 'volume' | 'snapshot' | 'blank'
  destinationType: 'volume' | 'local'
  uuid: string | null
  bootIndex: number | null
  volumeSize: number | null
  deleteOnTermination: boolean
  deviceName: string | null
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const BDM_KEYS = ['source_type', 'destination_type', 'uuid', 'boot_index', 'volume_size', 'delete_on_termination', 'device_name', 'device_type', 'disk_bus', 'guest_format', 'no_device', 'connection_info', 'snapshot_id', 'volume_id', 'image_id', 'tag', 'volume_type', 'encrypted', 'encryption_secret_uuid', 'encryption_format', 'encryption_options']

function intOrNull(v: unknown, field: string, bdm: unknown): number | null {
  if (v === undefined || v === null || v === 'none' || v === 'None') return null
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError(`block_device_mapping_v2/${field}`, v, `${pyRepr(v)} is not valid under any of the given schemas`)
  void bdm
  return n
}

/** Parses and checks block_device_mapping_v2 (no reservation yet). */
export function parseBdms(r: Req, sv: Record<string, unknown>): PendingBdm[] {
  const raw = sv.block_device_mapping_v2
  if (raw === undefined) return []
  if (!Array.isArray(raw)) throw schemaError('block_device_mapping_v2', raw, `${pyRepr(raw)} is not of type 'array'`)
  const out: PendingBdm[] = []
  for (const b of raw) {
    if (!isObject(b)) throw schemaError('block_device_mapping_v2', raw, `${pyRepr(b)} is not of type 'object'`)
    for (const k of Object.keys(b)) if (!BDM_KEYS.includes(k)) throw schemaError('block_device_mapping_v2', raw, `Additional properties are not allowed ('${k}' was unexpected)`)
    const sourceType = b.source_type ?? (b.volume_id ? 'volume' : b.snapshot_id ? 'snapshot' : b.image_id ? 'image' : undefined)
    if (!['image', 'volume', 'snapshot', 'blank'].includes(String(sourceType))) throw bad(`Block Device Mapping is Invalid: Missing device UUID.`)
    const destinationType = b.destination_type ?? (sourceType === 'image' || sourceType === 'blank' ? 'local' : 'volume')
    if (!['volume', 'local'].includes(String(destinationType))) {
      throw schemaError('block_device_mapping_v2/destination_type', destinationType, `${pyRepr(destinationType)} is not one of ['local', 'volume']`)
    }
    const uuidRaw = b.uuid ?? b.volume_id ?? b.snapshot_id ?? b.image_id
    const uuid = uuidRaw === undefined || uuidRaw === null ? null : String(uuidRaw)
    if (sourceType !== 'blank' && !uuid) throw bad('Block Device Mapping is Invalid: Missing device UUID.')
    const dot = b.delete_on_termination
    const bdm: PendingBdm = {
      sourceType: sourceType as PendingBdm['sourceType'],
      destinationType: destinationType as PendingBdm['destinationType'],
      uuid,
      bootIndex: intOrNull(b.boot_index, 'boot_index', b),
      volumeSize: intOrNull(b.volume_size, 'volume_size', b),
      deleteOnTermination: dot === true || (typeof dot === 'string' && /^(true|1|yes|t|y|on)$/i.test(dot)),
      deviceName: typeof b.device_name === 'string' ? b.device_name : null,
    }
    if (bdm.volumeSize !== null && bdm.volumeSize < 0) throw schemaError('block_device_mapping_v2/volume_size', b.volume_size, `${bdm.volumeSize} is less than the minimum of 0`)
    if (bdm.destinationType === 'volume' && (bdm.sourceType === 'image' || bdm.sourceType === 'blank') && !bdm.volumeSize) {
      throw bad(`Images with destination_type 'volume' need to have a non-zero size specified`)
    }
    if (bdm.sourceType === 'volume' && bdm.destinationType === 'local') throw bad('Block Device Mapping is Invalid: Mapping image to local is not supported.')
    checkSource(r, bdm)
    out.push(bdm)
  }
  const boot = out.filter((b) => b.bootIndex !== null && b.bootIndex >= 0).map((b) => b.bootIndex!).sort((a, b) => a - b)
  if (boot.some((x, i) => x !== i)) throw bad('Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.')
  return out
}

function checkSource(r: Req, b: PendingBdm): void {
  const inst = r.ctx.inst
  const cs = cinderState(inst)
  if (b.sourceType === 'volume') {
    const v = cs.volumes.get(b.uuid!)
    if (!v || v.status === 'deleting' || (!r.admin && v.projectId !== r.project)) throw bad(`Block Device Mapping is Invalid: failed to get volume ${b.uuid}.`)
    if (v.status !== 'available') throw bad(`Invalid volume: volume '${v.id}' status must be 'available'. Currently in '${v.status}'`)
  } else if (b.sourceType === 'snapshot') {
    const x = cs.snapshots.get(b.uuid!)
    if (!x || (!r.admin && x.projectId !== r.project)) throw bad(`Block Device Mapping is Invalid: failed to get snapshot ${b.uuid}.`)
    if (x.status !== 'available' && x.status !== 'creating') throw bad(`Invalid snapshot: snapshot ${x.id} status must be 'available'. Currently in '${x.status}'`)
    if (b.volumeSize !== null && b.volumeSize > 0 && b.volumeSize < x.size) throw bad(`Volume size ${b.volumeSize}GB is smaller than the snapshot size ${x.size}GB.`)
    b.volumeSize ??= x.size
    if (!b.volumeSize) b.volumeSize = x.size
  } else if (b.sourceType === 'image') {
    const img = inst.images.get(b.uuid!)
    if (!img || img.status === 'deleted') throw bad(`Image ${b.uuid} could not be found.`)
    if (img.status !== 'active') throw bad(`Image ${b.uuid} is not active.`)
    if (b.destinationType === 'volume' && b.volumeSize !== null && img.min_disk > b.volumeSize) {
      throw bad(`Volume is smaller than the minimum size specified in image metadata. Volume size is ${b.volumeSize * 1024 ** 3} bytes, minimum size is ${img.min_disk * 1024 ** 3} bytes.`)
    }
  }
  if (b.uuid && UUID.test(b.uuid) === false && b.sourceType !== 'blank') throw bad(`Block Device Mapping is Invalid: failed to get ${b.sourceType} ${b.uuid}.`)
}

/** The image the root disk comes from, when the boot device is a local image. */
export function bootImageOf(bdms: PendingBdm[]): string | null {
  const root = bdms.find((b) => b.bootIndex === 0)
  return root && root.sourceType === 'image' && root.destinationType === 'local' ? root.uuid : null
}

/** True when the root disk is a volume (the server then shows `image: ""`). */
export function bootsFromVolume(bdms: PendingBdm[]): boolean {
  const root = bdms.find((b) => b.bootIndex === 0)
  return root !== undefined && root.destinationType === 'volume'
}

/** Reserves the volumes the mappings name (after every other check passed). */
export function reserveBdmVolumes(r: Req, bdms: PendingBdm[]): void {
  const done: string[] = []
  for (const b of bdms) {
    if (b.sourceType !== 'volume') continue
    const got = reserveVolume(r.ctx.inst, r.project, r.admin, b.uuid!)
    if ('status' in got && typeof got.status === 'number' && 'message' in got) {
      for (const id of done) unreserveVolume(r.ctx.inst, id)
      throw new HttpError(400, got.message as string)
    }
    done.push(b.uuid!)
  }
}

function deviceFor(srv: SimServer, wanted: string | null): string {
  const used = new Set(srv.volumes.map((v) => v.device))
  if (srv.imageId) used.add('/dev/vda')
  if (wanted && !used.has(wanted)) return wanted
  for (let c = 97; c < 123; c++) {
    const d = `/dev/vd${String.fromCharCode(c)}`
    if (!used.has(d)) return d
  }
  return '/dev/vdz'
}

/** The compute's part of the build: boot volumes made and every volume attached. An error message when Cinder refuses. */
export function buildVolumes(inst: InstanceState, srv: SimServer): string | null {
  const bdms = srv.bdms
  srv.bdms = []
  const ordered = [...bdms].sort((a, b) => (a.bootIndex ?? 99) - (b.bootIndex ?? 99))
  for (const b of ordered) {
    if (b.destinationType !== 'volume') continue
    let id = b.uuid!
    if (b.sourceType !== 'volume') {
      const made = bootVolumeFor(inst, {
        projectId: srv.projectId,
        userId: srv.userId,
        size: b.volumeSize ?? 1,
        imageId: b.sourceType === 'image' ? b.uuid! : undefined,
        snapshotId: b.sourceType === 'snapshot' ? b.uuid! : undefined,
        name: b.sourceType === 'blank' ? `${srv.id}-blank-vol` : '',
      })
      if ('message' in made) {
        // The volumes already made are cleaned up like a failed build does (delete_on_termination or not).
        for (const b2 of ordered) if (b2.sourceType === 'volume') unreserveVolume(inst, b2.uuid!)
        releaseServerVolumes(inst, srv.volumes.map((v) => ({id: v.id, deleteOnTermination: v.deleteOnTermination})))
        srv.volumes = []
        return `Build of instance ${srv.id} aborted: ${made.message}`
      }
      id = made.id
    }
    const device = b.bootIndex === 0 ? '/dev/vda' : deviceFor(srv, b.deviceName)
    attachVolume(inst, id, srv.id, device, true)
    srv.volumes.push({id, deleteOnTermination: b.deleteOnTermination, device, tag: null})
  }
  return null
}

/** A failed schedule: the volumes passed by id are released (nothing was made yet). */
export function abandonBdms(inst: InstanceState, srv: SimServer): void {
  for (const b of srv.bdms) if (b.sourceType === 'volume') unreserveVolume(inst, b.uuid!)
  srv.bdms = []
}

/** The server is gone: detach everything, delete the delete_on_termination volumes. */
export function releaseVolumes(inst: InstanceState, srv: SimServer): void {
  abandonBdms(inst, srv)
  releaseServerVolumes(inst, srv.volumes.map((v) => ({id: v.id, deleteOnTermination: v.deleteOnTermination})))
  srv.volumes = []
}

export function volumesAttachedJson(r: Req, srv: SimServer): unknown[] {
  return srv.volumes.map((v) => (atLeast(r, 2, 3) ? {id: v.id, delete_on_termination: v.deleteOnTermination} : {id: v.id}))
}

// ---------------------------------------------------------------- os-volume_attachments

function attachmentJson(r: Req, srv: SimServer, v: SimServer['volumes'][number], full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {device: v.device, serverId: srv.id, volumeId: v.id}
  if (!atLeast(r, 2, 89)) out.id = v.id
  if (atLeast(r, 2, 70)) out.tag = v.tag
  if (atLeast(r, 2, 79)) out.delete_on_termination = v.deleteOnTermination
  if (atLeast(r, 2, 89)) {
    const cv = cinderState(r.ctx.inst).volumes.get(v.id)
    out.attachment_id = cv?.attachments.find((a) => a.serverId === srv.id)?.id ?? null
    out.bdm_uuid = v.id.split('').reverse().join('')
  }
  void full
  return out
}

const ATTACH_STATES = ['active', 'paused', 'stopped', 'soft_deleted', 'suspended', 'shelved', 'shelved_offloaded']

async function attach(r: Req, srv: SimServer): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.volumeAttachment)) throw schemaError('root', body, `'volumeAttachment' is a required property`)
  const a = body.volumeAttachment
  const allowed = ['volumeId', 'device']
  if (atLeast(r, 2, 49)) allowed.push('tag')
  if (atLeast(r, 2, 79)) allowed.push('delete_on_termination')
  for (const k of Object.keys(a)) if (!allowed.includes(k)) throw schemaError('volumeAttachment', a, `Additional properties are not allowed ('${k}' was unexpected)`)
  if (typeof a.volumeId !== 'string') throw schemaError('volumeAttachment', a, `'volumeId' is a required property`)
  if (!UUID.test(a.volumeId)) throw schemaError('volumeAttachment/volumeId', a.volumeId, `'${a.volumeId}' is not a 'uuid'`)
  if (a.device !== undefined && a.device !== null && (typeof a.device !== 'string' || !/^\/dev\/[a-z]+$/.test(a.device))) {
    throw schemaError('volumeAttachment/device', a.device, `${pyRepr(a.device)} does not match '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'`)
  }
  if (!ATTACH_STATES.includes(srv.vmState) || srv.taskState !== null || srv.deleting) {
    throw new HttpError(409, `Cannot 'attach_volume' instance ${srv.id} while it is in ${srv.taskState ? `task_state ${srv.taskState}` : `vm_state ${srv.vmState}`}`)
  }
  if (srv.volumes.some((v) => v.id === a.volumeId)) throw bad(`Invalid volume: volume ${a.volumeId} already attached`)
  const got = reserveVolume(r.ctx.inst, r.project, r.admin, a.volumeId)
  if ('message' in got && typeof (got as {status?: unknown}).status === 'number') {
    const e = got as {status: number; message: string}
    throw new HttpError(e.status, e.message)
  }
  const device = deviceFor(srv, (a.device as string | undefined) ?? null)
  const dot = a.delete_on_termination === true
  attachVolume(r.ctx.inst, a.volumeId, srv.id, device)
  const entry = {id: a.volumeId, deleteOnTermination: dot, device, tag: typeof a.tag === 'string' ? a.tag : null}
  srv.volumes.push(entry)
  recordAction(r, srv, 'attach_volume')
  sendJson(r.ctx.res, 200, {volumeAttachment: attachmentJson(r, srv, entry, false)})
}

function detach(r: Req, srv: SimServer, volumeId: string): void {
  const i = srv.volumes.findIndex((v) => v.id === volumeId)
  if (i < 0) throw notFound(`Volume ${volumeId} is not attached to server ${srv.id}.`)
  if (srv.volumes[i].device === '/dev/vda' && !srv.imageId) throw bad(`Cannot detach a root device volume`)
  if (!ATTACH_STATES.includes(srv.vmState) || srv.taskState !== null || srv.deleting) {
    throw new HttpError(409, `Cannot 'detach_volume' instance ${srv.id} while it is in ${srv.taskState ? `task_state ${srv.taskState}` : `vm_state ${srv.vmState}`}`)
  }
  const [entry] = srv.volumes.splice(i, 1)
  detachVolume(r.ctx.inst, volumeId)
  // delete_on_termination applies to the server's deletion only: a detached volume stays.
  void entry
  recordAction(r, srv, 'detach_volume')
  sendEmpty(r.ctx.res, 202)
}

export const routeVolumeAttachments: Route = (r, s, seg) => {
  const srv = () => visibleServer(r, s, seg[1], false)
  if (seg.length === 3) {
    return byMethod(r, {
      GET: () => sendJson(r.ctx.res, 200, {volumeAttachments: srv().volumes.map((v) => attachmentJson(r, srv(), v, true))}),
      POST: () => attach(r, srv()),
    })
  }
  if (seg.length === 4) {
    return byMethod(r, {
      GET: () => {
        const x = srv()
        const v = x.volumes.find((y) => y.id === seg[3])
        if (!v) throw notFound(`Volume ${seg[3]} is not attached to server ${x.id}.`)
        sendJson(r.ctx.res, 200, {volumeAttachment: attachmentJson(r, x, v, true)})
      },
      DELETE: () => detach(r, srv(), seg[3]),
    })
  }
  return undefined
}
