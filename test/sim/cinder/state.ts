/** Cinder's state per instance: volume types, volumes, snapshots, quotas, options. */
import type {InstanceState} from '../state.js'
import type {SimVolumeOptions} from '../types.js'

export type MV = [number, number]

export interface SimVolumeType {
  id: string
  name: string
  description: string | null
  isPublic: boolean
  extraSpecs: Record<string, string>
}

export interface SimVolumeAttachment {
  /** Cinder's attachment id. */
  id: string
  serverId: string
  device: string
  attachedAt: number
}

export interface SimVolume {
  id: string
  name: string | null
  description: string | null
  projectId: string
  userId: string
  size: number
  /** creating, available, reserved, attaching, in-use, detaching, deleting, error. */
  status: string
  az: string
  typeId: string
  snapshotId: string | null
  sourceVolid: string | null
  imageId: string | null
  /** volume_image_metadata (copied from the image it was made of). */
  imageMetadata: Record<string, string> | null
  bootable: boolean
  metadata: Record<string, string>
  attachments: SimVolumeAttachment[]
  created: number
  updated: number
  /** GETs seen since create (creating) or delete (deleting) or attach/detach. */
  polls: number
  /** What happens on the next GET (attaching → in-use, detaching → available). */
  pending: (() => void) | null
}

export interface SimSnapshot {
  id: string
  name: string | null
  description: string | null
  projectId: string
  userId: string
  volumeId: string
  size: number
  status: string
  metadata: Record<string, string>
  created: number
  updated: number
  polls: number
}

/** Cinder's quota names with Devstack's defaults (cinder.conf [DEFAULT] quota_*). */
export const DEFAULT_VOLUME_QUOTAS = {
  volumes: 10,
  snapshots: 10,
  gigabytes: 1000,
  backups: 10,
  backup_gigabytes: 1000,
  groups: 10,
  per_volume_gigabytes: -1,
}
export type VolumeQuotaName = keyof typeof DEFAULT_VOLUME_QUOTAS

export interface CinderState {
  options: {createPolls: number; deletePolls: number; maxMicroversion: string}
  maxMv: MV
  quotas: Record<VolumeQuotaName, number>
  types: Map<string, SimVolumeType>
  defaultTypeId: string
  volumes: Map<string, SimVolume>
  snapshots: Map<string, SimSnapshot>
}

export const MIN_VOLUME_MV: MV = [3, 0]

const states = new WeakMap<InstanceState, CinderState>()

function seedTypes(): Map<string, SimVolumeType> {
  const out = new Map<string, SimVolumeType>()
  const def: SimVolumeType = {id: '9e9e8a3a-0c2d-4b46-a8d2-3a2f8d1a0001', name: '__DEFAULT__', description: 'Default Volume Type', isPublic: true, extraSpecs: {}}
  const lvm: SimVolumeType = {id: '3f8a3a9c-57c1-4b1c-9a38-6b3b2b7b0002', name: 'lvmdriver-1', description: null, isPublic: true, extraSpecs: {volume_backend_name: 'lvmdriver-1'}}
  out.set(def.id, def)
  out.set(lvm.id, lvm)
  return out
}

export function cinderState(inst: InstanceState): CinderState {
  let s = states.get(inst)
  if (!s) {
    const types = seedTypes()
    s = {
      options: {createPolls: 1, deletePolls: 1, maxMicroversion: '3.70'},
      maxMv: [3, 70],
      quotas: {...DEFAULT_VOLUME_QUOTAS},
      types,
      // Devstack sets default_volume_type = lvmdriver-1.
      defaultTypeId: [...types.values()].find((t) => t.name === 'lvmdriver-1')!.id,
      volumes: new Map(),
      snapshots: new Map(),
    }
    states.set(inst, s)
  }
  return s
}

export function parseVolumeMv(s: string): MV | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(s.trim())
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

export function mvCmp(a: MV, b: MV): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]
}

/** Applies per-instance options (SimInstanceSpec.volume). */
export function configureVolume(inst: InstanceState, o: SimVolumeOptions = {}): void {
  const s = cinderState(inst)
  if (o.maxMicroversion !== undefined) {
    const v = parseVolumeMv(o.maxMicroversion)
    if (!v || v[0] !== 3) throw new Error(`sim: bad volume maxMicroversion ${o.maxMicroversion}`)
    s.maxMv = v
    s.options.maxMicroversion = `${v[0]}.${v[1]}`
  }
  if (o.createPolls !== undefined) s.options.createPolls = o.createPolls
  if (o.deletePolls !== undefined) s.options.deletePolls = o.deletePolls
  Object.assign(s.quotas, o.quotas ?? {})
}
