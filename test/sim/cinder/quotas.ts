/** Cinder quotas (os-quota-sets with usage, the 413 refusals) and absolute limits. */
import {sendJson} from '../http.js'
import {byMethod, cinderError, forbidden, type VHandler, type VReq} from './request.js'
import type {CinderState, VolumeQuotaName} from './state.js'

export interface VolumeUsage {
  volumes: number
  gigabytes: number
  snapshots: number
  /** Per volume type name. */
  byType: Map<string, {volumes: number; gigabytes: number; snapshots: number}>
}

export function usageOf(s: CinderState, projectId: string): VolumeUsage {
  const u: VolumeUsage = {volumes: 0, gigabytes: 0, snapshots: 0, byType: new Map()}
  for (const t of s.types.values()) u.byType.set(t.name, {volumes: 0, gigabytes: 0, snapshots: 0})
  for (const v of s.volumes.values()) {
    if (v.projectId !== projectId) continue
    u.volumes++
    u.gigabytes += v.size
    const t = u.byType.get(s.types.get(v.typeId)?.name ?? '')
    if (t) {
      t.volumes++
      t.gigabytes += v.size
    }
  }
  for (const snap of s.snapshots.values()) {
    if (snap.projectId !== projectId) continue
    u.snapshots++
    u.gigabytes += snap.size
    const v = s.volumes.get(snap.volumeId)
    const t = v ? u.byType.get(s.types.get(v.typeId)?.name ?? '') : undefined
    if (t) {
      t.snapshots++
      t.gigabytes += snap.size
    }
  }
  return u
}

function overLimit(message: string): never {
  throw cinderError(413, message, {'Retry-After': '0'})
}

/** Cinder's refusals (FaultWrapper prefixes the exception's class name). */
export function checkVolumeQuota(s: CinderState, projectId: string, volumes: number, gigabytes: number): void {
  const u = usageOf(s, projectId)
  const q = s.quotas
  if (q.per_volume_gigabytes >= 0 && gigabytes > q.per_volume_gigabytes && volumes > 0) {
    overLimit(`VolumeSizeExceedsLimit: Requested volume size ${gigabytes}G is larger than maximum allowed limit ${q.per_volume_gigabytes}G.`)
  }
  if (q.volumes >= 0 && volumes > 0 && u.volumes + volumes > q.volumes) {
    overLimit(`VolumeLimitExceeded: Maximum number of volumes allowed (${q.volumes}) exceeded for quota 'volumes'.`)
  }
  if (q.gigabytes >= 0 && u.gigabytes + gigabytes > q.gigabytes) {
    overLimit(`VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested ${gigabytes}G, quota is ${q.gigabytes}G and ${u.gigabytes}G has been consumed.`)
  }
}

export function checkSnapshotQuota(s: CinderState, projectId: string, gigabytes: number): void {
  const u = usageOf(s, projectId)
  const q = s.quotas
  if (q.snapshots >= 0 && u.snapshots + 1 > q.snapshots) {
    overLimit(`SnapshotLimitExceeded: Maximum number of snapshots allowed (${q.snapshots}) exceeded for quota 'snapshots'.`)
  }
  if (q.gigabytes >= 0 && u.gigabytes + gigabytes > q.gigabytes) {
    overLimit(`VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested ${gigabytes}G, quota is ${q.gigabytes}G and ${u.gigabytes}G has been consumed.`)
  }
}

function quotaSet(r: VReq, projectId: string, withUsage: boolean): Record<string, unknown> {
  const s = r.s
  const u = usageOf(s, projectId)
  const used: Record<string, number> = {volumes: u.volumes, gigabytes: u.gigabytes, snapshots: u.snapshots}
  const out: Record<string, unknown> = {id: projectId}
  const put = (k: string, limit: number, inUse: number) => {
    out[k] = withUsage ? {limit, in_use: inUse, reserved: 0} : limit
  }
  for (const k of Object.keys(s.quotas) as VolumeQuotaName[]) put(k, s.quotas[k], used[k] ?? 0)
  for (const [name, t] of u.byType) {
    put(`volumes_${name}`, -1, t.volumes)
    put(`gigabytes_${name}`, -1, t.gigabytes)
    put(`snapshots_${name}`, -1, t.snapshots)
  }
  return out
}

function showQuotas(r: VReq, projectId: string, defaults: boolean): void {
  if (projectId !== r.project && !r.admin) throw forbidden('volume_extension:quotas:show')
  const q = r.ctx.query.get('usage')
  const withUsage = !defaults && q !== null && ['true', '1', 'yes', 't', 'on', 'y'].includes(q.toLowerCase())
  const body = quotaSet(r, projectId, withUsage)
  if (defaults) for (const k of Object.keys(body)) if (k.includes('_') && /^(volumes|gigabytes|snapshots)_/.test(k)) body[k] = -1
  sendJson(r.ctx.res, 200, {quota_set: body})
}

export function routeQuotas(r: VReq, seg: string[]): VHandler | undefined {
  if (seg.length === 2) return byMethod(r, {GET: () => showQuotas(r, seg[1], false)})
  if (seg.length === 3 && seg[2] === 'defaults') return byMethod(r, {GET: () => showQuotas(r, seg[1], true)})
  return undefined
}

export function routeLimits(r: VReq, seg: string[]): VHandler | undefined {
  if (seg.length !== 1) return undefined
  return byMethod(r, {
    GET: () => {
      const s = r.s
      const u = usageOf(s, r.project)
      sendJson(r.ctx.res, 200, {
        limits: {
          rate: [],
          absolute: {
            totalSnapshotsUsed: u.snapshots,
            maxTotalBackups: s.quotas.backups,
            maxTotalVolumeGigabytes: s.quotas.gigabytes,
            maxTotalSnapshots: s.quotas.snapshots,
            maxTotalBackupGigabytes: s.quotas.backup_gigabytes,
            totalBackupGigabytesUsed: 0,
            maxTotalVolumes: s.quotas.volumes,
            totalVolumesUsed: u.volumes,
            totalBackupsUsed: 0,
            totalGigabytesUsed: u.gigabytes,
          },
        },
      })
    },
  })
}
