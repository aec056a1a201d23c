/** Nova's state per instance: flavors, servers, keypairs, recorded creates, options. */
import type {InstanceState} from '../state.js'
import type {RecordedServerCreate, SimComputeOptions} from '../types.js'
import {MIN_MV, mvCmp, mvStr, parseMv, type MV} from './microversions.js'
import type {PendingBdm} from './volumes.js'

type ComputeOptions = SimComputeOptions

export interface SimFlavor {
  id: string
  name: string
  ram: number
  disk: number
  vcpus: number
  ephemeral: number
  swap: number
  isPublic: boolean
  disabled: boolean
  rxtx: number
  description: string | null
  extraSpecs: Record<string, string>
}

export interface SimServer {
  id: string
  name: string
  projectId: string
  userId: string
  flavor: SimFlavor
  imageId: string | null
  /** Nova's status, derived from vm_state and task_state (see server-actions.ts). */
  status: string
  vmState: string
  taskState: string | null
  powerState: number
  host: string | null
  az: string
  requestedAz: string | null
  created: number
  updated: number
  launchedAt: number | null
  keyName: string | null
  metadata: Record<string, string>
  description: string | null
  tags: string[]
  configDrive: boolean
  userData: string | null
  reservationId: string
  launchIndex: number
  instanceName: string
  /** 'none', or the networks to plug on boot. */
  requested: {networkId?: string; portId?: string; fixedIp?: string; tag?: string}[]
  securityGroupIds: string[]
  securityGroupNames: string[]
  schedulerHints: Record<string, unknown>
  accessIPv4: string
  accessIPv6: string
  fault: {code: number; message: string; created: number; details?: string} | null
  /** GETs seen since create (BUILD) or since delete. */
  polls: number
  failBoot: boolean
  deleting: boolean
  /** Ports Nova created (deleted with the server) — ports passed by id are only unbound. */
  ownedPorts: string[]
  boundPorts: string[]
  /** What the running action does on the next GET (task_state is set meanwhile). */
  pending: (() => void) | null
  /** The flavor before a resize, until it is confirmed or reverted. */
  oldFlavor: SimFlavor | null
  /** The server's instance actions (os-instance-actions), oldest first. */
  actions: SimInstanceAction[]
  /** Console log lines (os-getConsoleOutput). */
  console: string[]
  /** block_device_mapping_v2 still to build (volumes made and attached when the build finishes). */
  bdms: PendingBdm[]
  /** Attached volumes of this instance's Cinder (os-extended-volumes:volumes_attached). */
  volumes: {id: string; deleteOnTermination: boolean; device: string; tag: string | null}[]
}

export interface SimInstanceAction {
  action: string
  requestId: string
  userId: string
  projectId: string
  start: number
  updated: number
  events: {event: string; start: number; finish: number; result: string; host: string}[]
}


export interface SimKeypair {
  name: string
  userId: string
  publicKey: string
  fingerprint: string
  type: string
  id: number
  created: number
}

/** Nova's quota names with Devstack's defaults (nova.conf [quota]). */
export const DEFAULT_QUOTAS = {
  instances: 10,
  cores: 20,
  ram: 51200,
  metadata_items: 128,
  key_pairs: 100,
  server_groups: 10,
  server_group_members: 10,
  injected_files: 5,
  injected_file_content_bytes: 10240,
  injected_file_path_bytes: 255,
}

export type QuotaName = keyof typeof DEFAULT_QUOTAS
export type Quotas = Record<QuotaName, number>

export interface NovaState {
  options: Required<Omit<ComputeOptions, 'quotas'>>
  /** The default quota of every project (-1: unlimited). */
  quotas: Quotas
  /** Per-project quotas set with PUT /os-quota-sets/{project_id}. */
  projectQuotas: Map<string, Partial<Quotas>>
  maxMv: MV
  flavors: Map<string, SimFlavor>
  servers: Map<string, SimServer>
  keypairs: SimKeypair[]
  creates: RecordedServerCreate[]
  failNextBoots: number
  instanceCounter: number
  keypairCounter: number
}

const states = new WeakMap<InstanceState, NovaState>()

function seedFlavors(): Map<string, SimFlavor> {
  const rows: [string, string, number, number, number][] = [
    ['1', 'm1.tiny', 512, 1, 1],
    ['2', 'm1.small', 2048, 20, 1],
    ['3', 'm1.medium', 4096, 40, 2],
    ['4', 'm1.large', 8192, 80, 4],
    ['5', 'm1.xlarge', 16384, 160, 8],
    ['42', 'm1.nano', 128, 1, 1],
    ['84', 'm1.micro', 192, 1, 1],
    ['c1', 'cirros256', 256, 1, 1],
    ['d1', 'ds512M', 512, 5, 1],
    ['d2', 'ds1G', 1024, 10, 1],
    ['d3', 'ds2G', 2048, 10, 2],
    ['d4', 'ds4G', 4096, 20, 4],
  ]
  const out = new Map<string, SimFlavor>()
  for (const [id, name, ram, disk, vcpus] of rows) {
    out.set(id, {id, name, ram, disk, vcpus, ephemeral: 0, swap: 0, isPublic: true, disabled: false, rxtx: 1.0, description: null, extraSpecs: {}})
  }
  // One private flavor, so is_public filtering is visible.
  out.set('p1', {id: 'p1', name: 'm1.private', ram: 1024, disk: 10, vcpus: 1, ephemeral: 0, swap: 0, isPublic: false, disabled: false, rxtx: 1.0, description: 'admin only', extraSpecs: {'hw:cpu_policy': 'shared'}})
  return out
}

/** The Nova state of an instance (created with defaults on first use). */
export function novaState(inst: InstanceState): NovaState {
  let s = states.get(inst)
  if (!s) {
    s = {
      options: {buildPolls: 2, deletePolls: 1, maxMicroversion: '2.96', maxInstances: 10},
      maxMv: [2, 96],
      quotas: {...DEFAULT_QUOTAS},
      projectQuotas: new Map(),
      flavors: seedFlavors(),
      servers: new Map(),
      keypairs: [],
      creates: [],
      failNextBoots: 0,
      instanceCounter: 0,
      keypairCounter: 0,
    }
    states.set(inst, s)
  }
  return s
}

/** Applies per-instance options (from SimInstanceSpec.compute). */
export function configureCompute(inst: InstanceState, o: ComputeOptions = {}): void {
  const s = novaState(inst)
  if (o.maxMicroversion !== undefined) {
    const v = parseMv(o.maxMicroversion)
    if (!v || v[0] !== 2 || mvCmp(v, MIN_MV) < 0) throw new Error(`sim: bad maxMicroversion ${o.maxMicroversion}`)
    s.maxMv = v
  }
  s.options = {
    buildPolls: o.buildPolls ?? s.options.buildPolls,
    deletePolls: o.deletePolls ?? s.options.deletePolls,
    maxMicroversion: mvStr(s.maxMv),
    maxInstances: o.maxInstances ?? s.options.maxInstances,
  }
  if (o.maxInstances !== undefined) {
    s.quotas.instances = o.maxInstances
    // More instances than Devstack's 10: cores and RAM grow with them, so the count is what limits.
    if (o.maxInstances > DEFAULT_QUOTAS.instances) {
      s.quotas.cores = Math.max(DEFAULT_QUOTAS.cores, 8 * o.maxInstances)
      s.quotas.ram = Math.max(DEFAULT_QUOTAS.ram, 16384 * o.maxInstances)
    }
  }
  Object.assign(s.quotas, o.quotas ?? {})
  s.options.maxInstances = s.quotas.instances
}

/** The quotas of a project: the defaults with its own on top. */
export function quotasOf(s: NovaState, projectId: string): Quotas {
  return {...s.quotas, ...s.projectQuotas.get(projectId)}
}

/** The next `n` boots go ERROR with "No valid host was found." */
export function failNextBoot(inst: InstanceState, n = 1): void {
  novaState(inst).failNextBoots += n
}
