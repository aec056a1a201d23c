/** Snapshots (creating → available, deleting → gone) and volume types (list, show, default). */
import {randomUUID} from 'node:crypto'
import {isObject, readJson, sendEmpty, sendJson} from '../http.js'
import {checkSnapshotQuota} from './quotas.js'
import {atLeast, bad, boolParam, byMethod, cinderTime, notFound, paginate, schemaError, type VHandler, type VReq} from './request.js'
import type {CinderState, SimSnapshot, SimVolumeType} from './state.js'
import {visibleVolume} from './volumes.js'

function pollSnapshot(s: CinderState, x: SimSnapshot): boolean {
  if (x.status === 'deleting') {
    if (x.polls >= s.options.deletePolls) {
      s.snapshots.delete(x.id)
      return false
    }
    x.polls++
  } else if (x.status === 'creating') {
    if (x.polls >= s.options.createPolls) x.status = 'available'
    else x.polls++
  }
  return true
}

function snapshotJson(r: VReq, x: SimSnapshot, detail = true): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: x.id,
    name: x.name,
    description: x.description,
    status: x.status,
    size: x.size,
    volume_id: x.volumeId,
    metadata: {...x.metadata},
    created_at: cinderTime(x.created),
    updated_at: cinderTime(x.updated),
  }
  if (detail) {
    out['os-extended-snapshot-attributes:progress'] = x.status === 'available' ? '100%' : '0%'
    out['os-extended-snapshot-attributes:project_id'] = x.projectId
  }
  if (atLeast(r, 3, 14)) out.group_snapshot_id = null
  if (atLeast(r, 3, 41)) out.user_id = x.userId
  if (atLeast(r, 3, 65)) out.consumes_quota = true
  return out
}

function visibleSnapshot(r: VReq, id: string, doPoll: boolean): SimSnapshot {
  const x = r.s.snapshots.get(id)
  if (!x || (!r.admin && x.projectId !== r.project)) throw notFound(`Snapshot ${id} could not be found.`)
  if (doPoll && !pollSnapshot(r.s, x)) throw notFound(`Snapshot ${id} could not be found.`)
  return x
}

async function createSnapshot(r: VReq): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.snapshot)) throw bad(`Invalid input for field/attribute snapshot. Value: ${JSON.stringify(body)}. 'snapshot' is a required property`)
  const b = body.snapshot
  if (b.volume_id === undefined) throw schemaError('snapshot', b, `'volume_id' is a required property`)
  const v = visibleVolume(r, String(b.volume_id), false)
  const force = b.force === undefined ? false : boolParam(b.force)
  if (force === undefined) throw bad(`Invalid input received: Invalid value '${String(b.force)}' for force.`)
  if (v.status !== 'available' && !(force && v.status === 'in-use')) {
    throw bad(`Invalid volume: Volume ${v.id} status must be available, but current status is: ${v.status}.`)
  }
  checkSnapshotQuota(r.s, v.projectId, v.size)
  const md = b.metadata
  if (md !== undefined && !isObject(md)) throw schemaError('metadata', md, `${JSON.stringify(md)} is not of type 'object'`)
  const now = Date.now()
  const x: SimSnapshot = {
    id: randomUUID(),
    name: typeof (b.name ?? b.display_name) === 'string' ? String(b.name ?? b.display_name) : null,
    description: typeof (b.description ?? b.display_description) === 'string' ? String(b.description ?? b.display_description) : null,
    projectId: v.projectId,
    userId: r.tok.userId,
    volumeId: v.id,
    size: v.size,
    status: r.s.options.createPolls <= 0 ? 'available' : 'creating',
    metadata: Object.fromEntries(Object.entries(md ?? {}).map(([k, y]) => [k, String(y)])),
    created: now,
    updated: now,
    polls: 0,
  }
  r.s.snapshots.set(x.id, x)
  sendJson(r.ctx.res, 202, {snapshot: snapshotJson(r, x, false)})
}

function listSnapshots(r: VReq, detail: boolean): void {
  const q = r.ctx.query
  let items = [...r.s.snapshots.values()]
  const allTenants = q.has('all_tenants') && (q.get('all_tenants') === '' || boolParam(q.get('all_tenants')) !== false)
  if (!(allTenants && r.admin)) items = items.filter((x) => x.projectId === r.project)
  const name = q.get('name')
  if (name !== null) items = items.filter((x) => x.name === name)
  const status = q.get('status')
  if (status !== null) items = items.filter((x) => x.status === status)
  const volumeId = q.get('volume_id')
  if (volumeId !== null) items = items.filter((x) => x.volumeId === volumeId)
  const {page, links} = paginate(r, items, detail ? 'snapshots/detail' : 'snapshots', 'snapshots', 'snapshot')
  const body: Record<string, unknown> = {snapshots: page.map((x) => snapshotJson(r, x, detail))}
  if (links) body.snapshots_links = links
  sendJson(r.ctx.res, 200, body)
}

async function updateSnapshot(r: VReq, id: string): Promise<void> {
  const x = visibleSnapshot(r, id, false)
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.snapshot)) throw bad(`Invalid input for field/attribute snapshot. Value: ${JSON.stringify(body)}. 'snapshot' is a required property`)
  const b = body.snapshot
  if (typeof b.name === 'string' || b.name === null) x.name = b.name as string | null
  if (typeof b.description === 'string' || b.description === null) x.description = b.description as string | null
  x.updated = Date.now()
  sendJson(r.ctx.res, 200, {snapshot: snapshotJson(r, x)})
}

function deleteSnapshot(r: VReq, id: string): void {
  const x = visibleSnapshot(r, id, false)
  if (x.status === 'deleting') return sendEmpty(r.ctx.res, 202)
  if (!['available', 'error', 'error_deleting'].includes(x.status)) throw bad('Invalid snapshot: Snapshot status must be available or error and must not be part of a group.')
  if ([...r.s.volumes.values()].some((v) => v.snapshotId === x.id && v.status === 'creating')) throw bad('Invalid snapshot: Snapshot status must be available or error and must not be part of a group.')
  if (r.s.options.deletePolls <= 0) r.s.snapshots.delete(x.id)
  else {
    x.status = 'deleting'
    x.polls = 0
    x.updated = Date.now()
  }
  sendEmpty(r.ctx.res, 202)
}

export function routeSnapshots(r: VReq, seg: string[]): VHandler | undefined {
  if (seg.length === 1) return byMethod(r, {GET: () => listSnapshots(r, false), POST: () => createSnapshot(r)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => listSnapshots(r, true)})
  if (seg.length === 2) {
    return byMethod(r, {
      GET: () => sendJson(r.ctx.res, 200, {snapshot: snapshotJson(r, visibleSnapshot(r, seg[1], true))}),
      PUT: () => updateSnapshot(r, seg[1]),
      DELETE: () => deleteSnapshot(r, seg[1]),
    })
  }
  return undefined
}

// ---------------------------------------------------------------- volume types

function typeJson(r: VReq, t: SimVolumeType): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    is_public: t.isPublic,
    description: t.description,
    extra_specs: r.admin ? {...t.extraSpecs} : {},
    'os-volume-type-access:is_public': t.isPublic,
    qos_specs_id: null,
  }
}

export function routeTypes(r: VReq, seg: string[]): VHandler | undefined {
  if (seg.length === 1) {
    return byMethod(r, {
      GET: () => {
        let items = [...r.s.types.values()]
        const pub = r.ctx.query.get('is_public')
        if (pub !== null && boolParam(pub) === false) items = items.filter((t) => !t.isPublic)
        sendJson(r.ctx.res, 200, {volume_types: items.map((t) => typeJson(r, t))})
      },
    })
  }
  if (seg.length === 2) {
    return byMethod(r, {
      GET: () => {
        const t = seg[1] === 'default' ? r.s.types.get(r.s.defaultTypeId) : r.s.types.get(seg[1])
        if (!t) throw notFound(`Volume type ${seg[1]} could not be found.`)
        sendJson(r.ctx.res, 200, {volume_type: typeJson(r, t)})
      },
    })
  }
  if (seg.length === 3 && seg[2] === 'extra_specs') {
    return byMethod(r, {
      GET: () => {
        const t = r.s.types.get(seg[1])
        if (!t) throw notFound(`Volume type ${seg[1]} could not be found.`)
        sendJson(r.ctx.res, 200, {extra_specs: r.admin ? {...t.extraSpecs} : {}})
      },
    })
  }
  return undefined
}
