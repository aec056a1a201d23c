/**
 * Volumes: create (size, image, snapshot, source volume, type, zone, metadata), list/detail with
 * filters and pages, show, update, metadata, delete (cascade), actions (os-force_delete,
 * os-set_bootable, os-extend, os-reset_status). States move on GETs: creating → available,
 * attaching → in-use, detaching → available, deleting → gone.
 */
import {randomUUID} from 'node:crypto'
import {isObject, readJson, sendEmpty, sendJson} from '../http.js'
import type {InstanceState} from '../state.js'
import type {SimImage} from '../types.js'
import {checkVolumeQuota} from './quotas.js'
import {atLeast, bad, boolParam, byMethod, cinderError, cinderTime, forbidden, notFound, paginate, schemaError, type VHandler, type VReq} from './request.js'
import {cinderState, type CinderState, type SimVolume, type SimVolumeType} from './state.js'

const GiB = 1024 ** 3

// ---------------------------------------------------------------- state moves

/** One GET of a volume: advances creating/deleting/attaching/detaching. False when it is gone. */
export function pollVolume(s: CinderState, v: SimVolume): boolean {
  if (v.status === 'deleting') {
    if (v.polls >= s.options.deletePolls) {
      s.volumes.delete(v.id)
      return false
    }
    v.polls++
    return true
  }
  if (v.status === 'creating') {
    if (v.polls >= s.options.createPolls) {
      v.status = 'available'
      v.updated = Date.now()
    } else v.polls++
    return true
  }
  if (v.pending) {
    const p = v.pending
    v.pending = null
    p()
  }
  return true
}

function settle(v: SimVolume): void {
  if (v.pending) {
    const p = v.pending
    v.pending = null
    p()
  }
}

export function removeVolume(s: CinderState, v: SimVolume): void {
  for (const snap of [...s.snapshots.values()]) if (snap.volumeId === v.id) s.snapshots.delete(snap.id)
  if (s.options.deletePolls <= 0) s.volumes.delete(v.id)
  else {
    v.status = 'deleting'
    v.polls = 0
    v.updated = Date.now()
  }
}

// ---------------------------------------------------------------- views

function volumeLinks(r: VReq, id: string): unknown[] {
  return [
    {href: `${r.base}/volumes/${id}`, rel: 'self'},
    {href: `${r.bookmark}/volumes/${id}`, rel: 'bookmark'},
  ]
}

export function volumeJson(r: VReq, v: SimVolume): Record<string, unknown> {
  const type = r.s.types.get(v.typeId)
  const out: Record<string, unknown> = {
    id: v.id,
    name: v.name,
    status: v.status,
    size: v.size,
    availability_zone: v.az,
    created_at: cinderTime(v.created),
    updated_at: cinderTime(v.updated),
    attachments: v.attachments.map((a) => {
      const at: Record<string, unknown> = {id: v.id, attachment_id: a.id, volume_id: v.id, server_id: a.serverId, host_name: r.admin ? 'compute' : null, device: a.device, attached_at: cinderTime(a.attachedAt)}
      return at
    }),
    description: v.description,
    volume_type: type?.name ?? null,
    snapshot_id: v.snapshotId,
    source_volid: v.sourceVolid,
    metadata: {...v.metadata},
    links: volumeLinks(r, v.id),
    user_id: v.userId,
    bootable: v.bootable ? 'true' : 'false',
    encrypted: false,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: false,
    'os-vol-tenant-attr:tenant_id': v.projectId,
  }
  if (v.imageMetadata) out.volume_image_metadata = {...v.imageMetadata}
  if (r.admin) {
    out['os-vol-host-attr:host'] = v.status === 'creating' ? null : 'compute@lvmdriver-1#lvmdriver-1'
    out['os-vol-mig-status-attr:migstat'] = null
    out['os-vol-mig-status-attr:name_id'] = null
  }
  if (atLeast(r, 3, 13)) out.group_id = null
  if (atLeast(r, 3, 21)) out.provider_id = null
  if (atLeast(r, 3, 48)) {
    out.service_uuid = v.status === 'creating' ? null : '5f2a9d4e-7f1b-4c1e-9e43-4f1c0d6f0a11'
    out.shared_targets = false
  }
  if (atLeast(r, 3, 61) && r.admin) out.cluster_name = null
  if (atLeast(r, 3, 63)) out.volume_type_id = v.typeId
  if (atLeast(r, 3, 64)) out.encryption_key_id = null
  if (atLeast(r, 3, 65)) out.consumes_quota = true
  return out
}

// ---------------------------------------------------------------- lookups

export function visibleVolume(r: VReq, id: string, doPoll: boolean): SimVolume {
  const v = r.s.volumes.get(id)
  if (!v || (!r.admin && v.projectId !== r.project)) throw notFound(`Volume ${id} could not be found.`)
  if (doPoll && !pollVolume(r.s, v)) throw notFound(`Volume ${id} could not be found.`)
  return v
}

function findType(s: CinderState, ref: string): SimVolumeType {
  const t = s.types.get(ref) ?? [...s.types.values()].find((x) => x.name === ref)
  if (!t) throw notFound(`Volume type with name ${ref} could not be found.`)
  return t
}

function imageVisible(img: SimImage, r: VReq): boolean {
  if (r.admin) return true
  if (img.visibility === 'public' || img.visibility === 'community') return true
  if (img.owner === r.project) return true
  return img.visibility === 'shared' && img.members.has(r.project)
}

/** Cinder accepts an image id or name (one match); anything else is this 400. */
function findImage(r: VReq, ref: string): SimImage {
  const inst = r.ctx.inst
  const bad400 = () => bad('Invalid image identifier or unable to access requested image.')
  let img = inst.images.get(ref)
  if (!img) {
    const named = [...inst.images.values()].filter((i) => i.name === ref && i.status !== 'deleted' && imageVisible(i, r))
    if (named.length !== 1) throw bad400()
    img = named[0]
  }
  if (img.status === 'deleted' || !imageVisible(img, r)) throw bad400()
  if (img.status !== 'active') throw bad(`Invalid input received: Image ${img.id} is not active.`)
  return img
}

/** What Cinder copies from the image into volume_image_metadata. */
export function imageMetadataOf(img: SimImage): Record<string, string> {
  const md: Record<string, string> = {...img.properties, image_id: img.id, image_name: img.name ?? '', checksum: img.checksum ?? '', container_format: img.container_format ?? '', disk_format: img.disk_format ?? '', min_disk: String(img.min_disk), min_ram: String(img.min_ram), size: String(img.size ?? 0)}
  return md
}

// ---------------------------------------------------------------- create

export interface NewVolume {
  projectId: string
  userId: string
  size: number
  name?: string | null
  description?: string | null
  typeId?: string
  az?: string
  image?: SimImage
  snapshotId?: string | null
  sourceVolid?: string | null
  metadata?: Record<string, string>
  bootable?: boolean
  status?: string
}

/** Makes a volume in `creating` (or the given status) after the quota check; used by the API and Nova. */
let lastCreated = 0

export function makeVolume(inst: InstanceState, n: NewVolume): SimVolume {
  const s = cinderState(inst)
  checkVolumeQuota(s, n.projectId, 1, n.size)
  // Distinct creation times keep the default order (created_at desc) deterministic.
  const now = Math.max(Date.now(), lastCreated + 1)
  lastCreated = now
  const v: SimVolume = {
    id: randomUUID(),
    name: n.name ?? null,
    description: n.description ?? null,
    projectId: n.projectId,
    userId: n.userId,
    size: n.size,
    status: n.status ?? 'creating',
    az: n.az ?? 'nova',
    typeId: n.typeId ?? s.defaultTypeId,
    snapshotId: n.snapshotId ?? null,
    sourceVolid: n.sourceVolid ?? null,
    imageId: n.image?.id ?? null,
    imageMetadata: n.image ? imageMetadataOf(n.image) : null,
    bootable: n.bootable ?? n.image !== undefined,
    metadata: {...(n.metadata ?? {})},
    attachments: [],
    created: now,
    updated: now,
    polls: 0,
    pending: null,
  }
  if (v.status === 'creating' && s.options.createPolls <= 0) v.status = 'available'
  s.volumes.set(v.id, v)
  return v
}

function sizeOf(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError('size', v, `${JSON.stringify(v)} is not valid under any of the given schemas`)
  if (n < 1) throw schemaError('size', v, `${n} is less than the minimum of 1`)
  return n
}

function metadataOf(v: unknown, field = 'metadata'): Record<string, string> {
  if (v === undefined || v === null) return {}
  if (!isObject(v)) throw schemaError(field, v, `${JSON.stringify(v)} is not of type 'object'`)
  const out: Record<string, string> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k.length < 1 || k.length > 255) throw schemaError(field, v, `'${k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'`)
    if (typeof x !== 'string') throw schemaError(`${field}/${k}`, x, `${JSON.stringify(x)} is not of type 'string'`)
    if (x.length > 255) throw schemaError(`${field}/${k}`, x, `'${x}' is too long`)
    out[k] = x
  }
  return out
}

function textOf(v: unknown, field: string): string | null | undefined {
  if (v === undefined) return undefined
  if (v === null) return null
  if (typeof v !== 'string') throw schemaError(field, v, `${JSON.stringify(v)} is not of type 'string', 'null'`)
  if (v.length > 255) throw schemaError(field, v, `'${v}' is too long`)
  return v
}

async function createVolume(r: VReq): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.volume)) throw bad(`Invalid input for field/attribute volume. Value: ${JSON.stringify(body)}. 'volume' is a required property`)
  const b = body.volume
  let size = sizeOf(b.size)
  const name = textOf(b.name ?? b.display_name, 'name')
  const description = textOf(b.description ?? b.display_description, 'description')
  const metadata = metadataOf(b.metadata)
  let typeId: string | undefined
  let az = 'nova'
  let image: SimImage | undefined
  let bootable = false
  let imageMetadata: Record<string, string> | null = null
  const snapshotId = b.snapshot_id === undefined || b.snapshot_id === null ? null : String(b.snapshot_id)
  const sourceVolid = b.source_volid === undefined || b.source_volid === null ? null : String(b.source_volid)
  if (snapshotId) {
    const snap = r.s.snapshots.get(snapshotId)
    if (!snap || (!r.admin && snap.projectId !== r.project)) throw notFound(`Snapshot ${snapshotId} could not be found.`)
    if (snap.status !== 'available') throw bad(`Invalid snapshot: Originating snapshot status must be one of 'available' values`)
    const src = r.s.volumes.get(snap.volumeId)
    size ??= snap.size
    if (size < snap.size) throw bad(`Invalid input received: Volume size '${size}'GB cannot be smaller than the snapshot size ${snap.size}GB. They must be >= original snapshot size.`)
    if (src) {
      typeId = src.typeId
      az = src.az
      bootable = src.bootable
      imageMetadata = src.imageMetadata
    }
  }
  if (sourceVolid) {
    const src = r.s.volumes.get(sourceVolid)
    if (!src || (!r.admin && src.projectId !== r.project)) throw notFound(`Volume ${sourceVolid} could not be found.`)
    if (!['available', 'in-use'].includes(src.status)) throw bad(`Invalid volume: Unable to clone volumes that are in an error state`)
    size ??= src.size
    if (size < src.size) throw bad(`Invalid input received: Volume size '${size}'GB cannot be smaller than original volume size  ${src.size}GB. They must be >= original volume size.`)
    typeId = src.typeId
    az = src.az
    bootable = src.bootable
    imageMetadata = src.imageMetadata
  }
  const imageRef = b.imageRef ?? b.image_id
  if (imageRef !== undefined && imageRef !== null && imageRef !== '') {
    image = findImage(r, String(imageRef))
    bootable = true
  }
  if (size === undefined) throw bad(`Invalid input received: Volume size 'None' must be an integer and greater than 0`)
  if (image) {
    const imageGb = Math.ceil((image.size ?? 0) / GiB)
    if (imageGb > size) throw bad(`Invalid input received: Size of specified image ${imageGb}GB is larger than volume size ${size}GB.`)
    if (image.min_disk > size) throw bad(`Invalid input received: Volume size ${size}GB cannot be smaller than the image minDisk size ${image.min_disk}GB.`)
  }
  if (b.volume_type !== undefined && b.volume_type !== null) typeId = findType(r.s, String(b.volume_type)).id
  if (b.availability_zone !== undefined && b.availability_zone !== null) {
    az = String(b.availability_zone)
    if (az !== 'nova') throw bad(`Invalid input received: Availability zone '${az}' is invalid.`)
  }
  const v = makeVolume(r.ctx.inst, {projectId: r.project, userId: r.tok.userId, size, name, description, typeId, az, image, snapshotId, sourceVolid, metadata, bootable})
  if (!image && imageMetadata) v.imageMetadata = {...imageMetadata}
  sendJson(r.ctx.res, 202, {volume: volumeJson(r, v)})
}

// ---------------------------------------------------------------- list, show, update, delete

function listVolumes(r: VReq, detail: boolean): void {
  const q = r.ctx.query
  let items = [...r.s.volumes.values()]
  const allTenants = q.has('all_tenants') && (q.get('all_tenants') === '' || boolParam(q.get('all_tenants')) !== false)
  if (!(allTenants && r.admin)) items = items.filter((v) => v.projectId === r.project)
  else {
    const pf = q.get('project_id')
    if (pf) items = items.filter((v) => v.projectId === pf)
  }
  const name = q.get('name') ?? q.get('display_name')
  if (name !== null) {
    // name~ (3.34) is a partial match.
    items = items.filter((v) => v.name === name)
  }
  const fuzzy = q.get('name~')
  if (fuzzy !== null) items = items.filter((v) => (v.name ?? '').includes(fuzzy))
  const status = q.get('status')
  if (status !== null) items = items.filter((v) => v.status === status)
  const bootable = q.get('bootable')
  if (bootable !== null) items = items.filter((v) => v.bootable === boolParam(bootable))
  const az = q.get('availability_zone')
  if (az !== null) items = items.filter((v) => v.az === az)
  const md = q.get('metadata')
  if (md !== null) {
    let want: Record<string, unknown> = {}
    try {
      // Cinder reads the filter as a Python literal: {'k': 'v'}.
      want = JSON.parse(md.replace(/'/g, '"')) as Record<string, unknown>
    } catch {
      throw bad(`Invalid input received: metadata filter ${md} is not a dict`)
    }
    items = items.filter((v) => Object.entries(want).every(([k, x]) => v.metadata[k] === String(x)))
  }
  const {page, links} = paginate(r, items, detail ? 'volumes/detail' : 'volumes', 'volumes', 'volume')
  const body: Record<string, unknown> = {volumes: page.map((v) => (detail ? volumeJson(r, v) : {id: v.id, name: v.name, links: volumeLinks(r, v.id)}))}
  if (links) body.volumes_links = links
  if (atLeast(r, 3, 45) && q.has('with_count')) body.count = items.length
  sendJson(r.ctx.res, 200, body)
}

async function updateVolume(r: VReq, id: string): Promise<void> {
  const v = visibleVolume(r, id, false)
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.volume)) throw bad(`Invalid input for field/attribute volume. Value: ${JSON.stringify(body)}. 'volume' is a required property`)
  const b = body.volume
  const allowed = ['name', 'description', 'metadata', 'display_name', 'display_description']
  for (const k of Object.keys(b)) if (!allowed.includes(k)) throw schemaError('volume', b, `Additional properties are not allowed ('${k}' was unexpected)`)
  if (Object.keys(b).length === 0) throw schemaError('volume', b, `{} does not have enough properties`)
  const name = textOf('name' in b ? b.name : b.display_name, 'name')
  const description = textOf('description' in b ? b.description : b.display_description, 'description')
  if (name !== undefined) v.name = name
  if (description !== undefined) v.description = description
  if (b.metadata !== undefined) v.metadata = metadataOf(b.metadata)
  v.updated = Date.now()
  sendJson(r.ctx.res, 200, {volume: volumeJson(r, v)})
}

const DELETE_REFUSED =
  'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.'

function deleteVolume(r: VReq, id: string): void {
  const v = visibleVolume(r, id, false)
  settle(v)
  const q = r.ctx.query
  const cascade = boolParam(q.get('cascade') ?? 'false') === true
  const hasSnapshots = [...r.s.snapshots.values()].some((x) => x.volumeId === v.id)
  if (v.status === 'deleting') {
    sendEmpty(r.ctx.res, 202)
    return
  }
  if (!['available', 'error', 'error_restoring', 'error_extending', 'error_managing'].includes(v.status) || v.attachments.length || (hasSnapshots && !cascade)) {
    throw bad(DELETE_REFUSED)
  }
  if (cascade && [...r.s.snapshots.values()].some((x) => x.volumeId === v.id && !['available', 'error'].includes(x.status))) {
    throw bad('Invalid volume: Snapshot of volume not in a state that can be deleted.')
  }
  removeVolume(r.s, v)
  sendEmpty(r.ctx.res, 202)
}

// ---------------------------------------------------------------- metadata

async function metadataCall(r: VReq, id: string, seg: string[]): Promise<void> {
  const v = visibleVolume(r, id, false)
  const res = r.ctx.res
  if (seg.length === 3) {
    if (r.method === 'GET') return sendJson(res, 200, {metadata: {...v.metadata}})
    const body = await readJson(r.ctx.req)
    if (!isObject(body) || !isObject(body.metadata)) throw bad('Malformed request body')
    const md = metadataOf(body.metadata)
    v.metadata = r.method === 'PUT' ? md : {...v.metadata, ...md}
    v.updated = Date.now()
    return sendJson(res, 200, {metadata: {...v.metadata}})
  }
  const key = seg[3]
  if (r.method === 'DELETE') {
    if (!(key in v.metadata)) throw notFound(`Volume ${id} has no metadata with key ${key}.`)
    delete v.metadata[key]
    return sendEmpty(res, 200)
  }
  if (r.method === 'GET') {
    if (!(key in v.metadata)) throw notFound(`Volume ${id} has no metadata with key ${key}.`)
    return sendJson(res, 200, {meta: {[key]: v.metadata[key]}})
  }
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.meta)) throw bad('Malformed request body')
  const md = metadataOf(body.meta, 'meta')
  if (Object.keys(md).length !== 1 || !(key in md)) throw bad('Request body and URI mismatch')
  v.metadata[key] = md[key]
  return sendJson(res, 200, {meta: {[key]: md[key]}})
}

// ---------------------------------------------------------------- actions

async function volumeAction(r: VReq, id: string): Promise<void> {
  const v = visibleVolume(r, id, false)
  settle(v)
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || Object.keys(body).length !== 1) throw bad('Invalid request body')
  const [name, arg] = Object.entries(body)[0]
  const res = r.ctx.res
  switch (name) {
    case 'os-force_delete': {
      if (!r.admin) throw forbidden('volume_extension:volume_admin_actions:force_delete')
      if (v.attachments.length) throw bad(DELETE_REFUSED)
      removeVolume(r.s, v)
      return sendEmpty(res, 202)
    }
    case 'os-set_bootable': {
      const b = isObject(arg) ? boolParam(arg.bootable) : undefined
      if (b === undefined) throw bad(`Invalid input received: bootable=${isObject(arg) ? String(arg.bootable) : 'None'} must be a boolean.`)
      v.bootable = b
      v.updated = Date.now()
      return sendEmpty(res, 200)
    }
    case 'os-extend': {
      const n = isObject(arg) ? Number(arg.new_size) : NaN
      if (!Number.isInteger(n) || n < 1) throw bad(`Invalid input for field/attribute new_size. Value: ${isObject(arg) ? String(arg.new_size) : 'None'}.`)
      if (v.status !== 'available' && !(v.status === 'in-use' && atLeast(r, 3, 42))) throw bad(`Invalid volume: Volume ${v.id} status must be '{'status': 'available'}' to extend, currently ${v.status}.`)
      if (n <= v.size) throw bad(`Invalid input received: New size for extend must be greater than current size. (current: ${v.size}, extended: ${n}).`)
      checkVolumeQuota(r.s, v.projectId, 0, n - v.size)
      v.size = n
      v.updated = Date.now()
      return sendEmpty(res, 202)
    }
    case 'os-update_readonly_flag': {
      // Cinder keeps it in the admin metadata and shows it in the volume's metadata (add_visible_admin_metadata).
      const b = isObject(arg) ? boolParam(arg.readonly) : undefined
      if (b === undefined) throw bad(`Invalid input received: readonly=${isObject(arg) ? String(arg.readonly) : 'None'} must be a boolean.`)
      v.metadata.readonly = b ? 'True' : 'False'
      v.updated = Date.now()
      return sendEmpty(res, 202)
    }
    case 'os-set_image_metadata': {
      if (!isObject(arg) || !isObject(arg.metadata)) throw bad('Malformed request body')
      v.imageMetadata = {...(v.imageMetadata ?? {}), ...metadataOf(arg.metadata)}
      v.updated = Date.now()
      return sendJson(res, 200, {metadata: {...v.imageMetadata}})
    }
    case 'os-retype': {
      if (!isObject(arg) || typeof arg.new_type !== 'string') throw bad('Invalid input received: new_type must be given.')
      if (!['available', 'in-use'].includes(v.status)) throw bad(`Invalid volume: Volume ${v.id} status must be available or in-use, but current status is: ${v.status}.`)
      const t = findType(r.s, arg.new_type)
      if (t.id === v.typeId) throw bad('Invalid input received: New volume type must be different from the current one.')
      v.typeId = t.id
      v.updated = Date.now()
      return sendEmpty(res, 202)
    }
    case 'os-reset_status': {
      if (!r.admin) throw forbidden('volume_extension:volume_admin_actions:reset_status')
      if (isObject(arg) && typeof arg.status === 'string') v.status = arg.status
      return sendEmpty(res, 202)
    }
    default:
      throw cinderError(400, `There is no such action: ${name}`)
  }
}

function showVolume(r: VReq, id: string): void {
  sendJson(r.ctx.res, 200, {volume: volumeJson(r, visibleVolume(r, id, true))})
}

export function routeVolumes(r: VReq, seg: string[]): VHandler | undefined {
  if (seg.length === 1) return byMethod(r, {GET: () => listVolumes(r, false), POST: () => createVolume(r)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => listVolumes(r, true)})
  if (seg.length === 2) return byMethod(r, {GET: () => showVolume(r, seg[1]), PUT: () => updateVolume(r, seg[1]), DELETE: () => deleteVolume(r, seg[1])})
  if (seg.length === 3 && seg[2] === 'action') return byMethod(r, {POST: () => volumeAction(r, seg[1])})
  if (seg.length === 3 && seg[2] === 'metadata') return byMethod(r, {GET: () => metadataCall(r, seg[1], seg), POST: () => metadataCall(r, seg[1], seg), PUT: () => metadataCall(r, seg[1], seg)})
  if (seg.length === 4 && seg[2] === 'metadata') return byMethod(r, {GET: () => metadataCall(r, seg[1], seg), PUT: () => metadataCall(r, seg[1], seg), DELETE: () => metadataCall(r, seg[1], seg)})
  return undefined
}
