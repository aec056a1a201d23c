import {randomUUID} from 'node:crypto'

import {OidError} from '../errors.js'
import {hasAnd, type Expr, type Fanout, type InstanceRouter, type ServiceClient} from '../routing/index.js'
import type {Server} from '../services/compute.js'
import {
  createVolume,
  defaultVolumeType,
  deleteVolume,
  deleteVolumeMetadata,
  findSnapshot,
  findVolume,
  findVolumeType,
  listVolumesUpTo,
  listVolumeTypes,
  setVolumeMetadata,
  updateVolume,
  volumeAction,
  volumeSupports,
  type Volume,
  type VolumeType,
} from '../services/volume.js'
import {deleteEach} from './delete.js'
import {findMarkedAgain} from './marker.js'

/** Volumes and volume types (OSC 6.0's volume/v2/volume.py and volume_type.py, over Cinder v3 at 3.0). */

/** Volume metadata that marks a create under `|`, so that a create whose reply was lost is found, never made twice (DESIGN §2). */
export const VOLUME_CREATE_MARKER = 'openstackoid_create_id'

export interface VolumeCreateOptions {
  name: string
  size?: number
  type?: string
  image?: string
  snapshot?: string
  source?: string
  description?: string
  availabilityZone?: string
  properties: Record<string, string>
  hints: Record<string, string>
  bootable?: boolean
  readOnly?: boolean
}

interface Sources {
  imageRef?: string
  snapshotId?: string
  sourceVolid?: string
  size?: number
}

/**
 * `volume create NAME`: one volume in each instance of `&` (the mirror volume per region). The
 * sources (--image, --snapshot, --source) are looked up in each instance's own Glance and Cinder
 * (Cinder reads only its own), all of them before anything is created: a missing image creates
 * nothing anywhere. Under `|`, the next instance is tried only when the previous certainly did
 * not create it; a lost reply is recovered by the marker in the volume's metadata.
 */
export async function volumeCreate(router: InstanceRouter, options: VolumeCreateOptions): Promise<Fanout<Volume>> {
  if (options.snapshot === undefined && options.source === undefined && options.size === undefined) {
    throw new OidError('--size is a required option if snapshot or source volume is not specified.')
  }

  if (options.size !== undefined && options.size < 1) {
    throw new OidError(`Invalid input for field/attribute size. Value: ${options.size}. ${options.size} is less than the minimum of 1.`)
  }

  const expr = router.expression('block-storage')
  const lookups = options.image !== undefined || options.snapshot !== undefined || options.source !== undefined
  const resolved = new Map<string, Sources>()
  if (lookups && expr && hasAnd(expr)) {
    // Every instance of `&` must have the source before any volume is made.
    const found = await router.fanout('block-storage', 'read', async (client) => ({instance: client.instance, sources: await sources(router, client, options)}))
    const missing = found.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
    if (missing.length > 0) throw new OidError(`${missing.map((m) => `${m.instance}: ${m.error.message}`).join(' ')} No volume was created.`, {cause: missing[0].error})
    for (const outcome of found.outcomes) if (outcome.ok) resolved.set(outcome.value.instance, outcome.value.sources)
  }

  const marker = expr && hasOr(expr) ? randomUUID() : undefined
  const created = await router.fanout(
    'block-storage',
    'create',
    async (client) => {
      const from = resolved.get(client.instance) ?? (await sources(router, client, options))
      const size = from.size === undefined ? options.size : Math.max(options.size ?? 0, from.size)
      const metadata = marker ? {...options.properties, [VOLUME_CREATE_MARKER]: marker} : options.properties
      const body: Record<string, unknown> = {size, name: options.name, metadata}
      if (from.snapshotId) body.snapshot_id = from.snapshotId
      if (options.description !== undefined) body.description = options.description
      if (options.type !== undefined) body.volume_type = options.type
      if (options.availabilityZone !== undefined) body.availability_zone = options.availabilityZone
      if (from.imageRef) body.imageRef = from.imageRef
      if (from.sourceVolid) body.source_volid = from.sourceVolid
      return {client, volume: await createVolume(client, body, options.hints)}
    },
    {
      recover: marker
        ? async (client) => {
            const volume = await findMarked(client, options.name, marker)
            return volume ? {client, volume} : undefined
          }
        : undefined,
    },
  )

  const notes = [...created.notes]
  for (const outcome of created.outcomes) {
    if (!outcome.ok) continue
    const {client, volume} = outcome.value
    if (marker) {
      await deleteVolumeMetadata(client, volume.id, [VOLUME_CREATE_MARKER]).catch(() => undefined)
      if (volume.metadata) delete volume.metadata[VOLUME_CREATE_MARKER]
    }

    if (options.bootable !== undefined) {
      await volumeAction(client, volume.id, 'os-set_bootable', {bootable: options.bootable}).catch((error: Error) => notes.push(`Failed to set volume bootable property: ${error.message}`))
    }

    if (options.readOnly !== undefined) {
      await volumeAction(client, volume.id, 'os-update_readonly_flag', {readonly: options.readOnly}).catch((error: Error) => notes.push(`Failed to set volume read-only access mode flag: ${error.message}`))
    }
  }

  const outcomes = created.outcomes.map((outcome) => (outcome.ok ? {...outcome, value: outcome.value.volume} : outcome))
  return {...created, outcomes, notes}
}

function hasOr(expr: Expr): boolean {
  if (expr.kind === 'name') return false
  return expr.kind === 'or' || expr.items.some(hasOr)
}

async function sources(router: InstanceRouter, client: ServiceClient, options: VolumeCreateOptions): Promise<Sources> {
  const from: Sources = {}
  if (options.source !== undefined) from.sourceVolid = (await findVolume(client, options.source)).id
  if (options.image !== undefined) {
    const {findImage} = await import('../services/image.js')
    from.imageRef = (await findImage(router.beside(client, 'image'), options.image)).id
  }

  if (options.snapshot !== undefined) {
    const snapshot = await findSnapshot(client, options.snapshot)
    from.snapshotId = snapshot.id
    from.size = snapshot.size
  }

  return from
}

/** The volume a create marked, if the create went through although its reply was lost (a few looks). */
async function findMarked(client: ServiceClient, name: string, marker: string): Promise<Volume | undefined> {
  return findMarkedAgain(async () => {
    const volumes = await listVolumesUpTo(client, {name}).catch(() => [])
    return volumes.find((volume) => volume.metadata?.[VOLUME_CREATE_MARKER] === marker)
  })
}

export interface VolumeListQuery {
  name?: string
  status?: string
  project?: string
  projectDomain?: string
  allProjects?: boolean
  marker?: string
  limit?: number
}

export interface VolumeListing {
  volumes: Volume[]
  /** Server ID → name, for "Attached to" (OSC's server cache; empty when Nova could not say). */
  servers: Map<string, string>
}

/** `volume list` in each instance of `&`; the servers of volumes that are attached are named from the same instance's Nova. */
export async function volumeList(router: InstanceRouter, query: VolumeListQuery): Promise<Fanout<VolumeListing>> {
  if (query.limit !== undefined && query.limit < 0) throw new OidError('--limit expected a non-negative integer')
  return router.fanout('block-storage', query.project ? 'lookup' : 'read', async (client) => {
    let projectId: string | undefined
    if (query.project) {
      const {findProject} = await import('../services/identity.js')
      projectId = (await findProject(router.beside(client, 'identity'), query.project, query.projectDomain)).id
    }

    const volumes = await listVolumesUpTo(
      client,
      {all_tenants: query.project || query.allProjects ? 'True' : undefined, project_id: projectId, name: query.name, status: query.status, marker: query.marker},
      query.limit,
    )
    const servers = new Map<string, string>()
    if (volumes.some((volume) => (volume.attachments ?? []).length > 0)) {
      try {
        const {listServers} = await import('../services/compute.js')
        for (const server of (await listServers(router.beside(client, 'compute'))) as Server[]) servers.set(server.id, server.name ?? server.id)
      } catch {
        // OSC: "Just forget it if there's any trouble": the server IDs are shown instead.
      }
    }

    return {volumes, servers}
  })
}

export async function volumeShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Volume>> {
  return router.fanout('block-storage', 'lookup', async (client) => findVolume(client, nameOrId))
}

export async function volumeDelete(router: InstanceRouter, names: string[], options: {force?: boolean; purge?: boolean}): Promise<string[]> {
  return deleteEach(
    router,
    {type: 'block-storage', noun: 'volume', remove: async (client, name) => deleteVolume(client, (await findVolume(client, name)).id, {force: options.force, cascade: options.purge})},
    names,
  )
}

export interface VolumeSetOptions {
  name?: string
  size?: number
  description?: string
  noProperty?: boolean
  properties?: Record<string, string>
  imageProperties?: Record<string, string>
  state?: string
  attached?: boolean
  detached?: boolean
  type?: string
  retypePolicy?: string
  bootable?: boolean
  readOnly?: boolean
}

/**
 * `volume set V`, OSC's order of operations, each failure logged and counted, then "One or more
 * of the set operations failed" (exit 1). In each instance of `&` that has the volume.
 */
export async function volumeSet(router: InstanceRouter, nameOrId: string, options: VolumeSetOptions): Promise<string[]> {
  const result = await router.fanout('block-storage', 'each', async (client) => setIn(client, nameOrId, options))
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join('\n'))
  const notes = result.outcomes.flatMap((outcome) => (outcome.ok ? outcome.value : []))
  if (options.retypePolicy && !options.type) notes.unshift("'--retype-policy' option will not work without '--type' option")
  return [...notes, ...(result.multi ? [`Set volume ${nameOrId} in ${result.outcomes.map((o) => o.instance).join(', ')}.`] : []), ...result.notes]
}

async function setIn(client: ServiceClient, nameOrId: string, options: VolumeSetOptions): Promise<string[]> {
  const volume = await findVolume(client, nameOrId)
  const errors: string[] = []
  const step = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action()
    } catch (error) {
      errors.push(`${what}: ${(error as Error).message}`)
    }
  }

  if (options.size) {
    const size = options.size
    await step('Failed to set volume size', async () => {
      if (size <= volume.size) throw new Error(`New size must be greater than ${volume.size} GB`)
      if (volume.status !== 'available' && !(await volumeSupports(client, '3.42'))) {
        throw new Error(`Volume is in ${volume.status} state, it must be available before size can be extended`)
      }

      await volumeAction(client, volume.id, 'os-extend', {new_size: size})
    })
  }

  if (options.noProperty) await step('Failed to clean volume properties', async () => deleteVolumeMetadata(client, volume.id, Object.keys(volume.metadata ?? {})))
  if (options.properties && Object.keys(options.properties).length > 0) {
    const properties = options.properties
    await step('Failed to set volume property', async () => setVolumeMetadata(client, volume.id, properties))
  }

  if (options.imageProperties && Object.keys(options.imageProperties).length > 0) {
    const metadata = options.imageProperties
    await step('Failed to set image property', async () => volumeAction(client, volume.id, 'os-set_image_metadata', {metadata}))
  }

  if (options.state) await step('Failed to set volume state', async () => volumeAction(client, volume.id, 'os-reset_status', {status: options.state}))
  if (options.attached) await step('Failed to set volume attach-status', async () => volumeAction(client, volume.id, 'os-reset_status', {attach_status: 'attached'}))
  if (options.detached) await step('Failed to set volume attach-status', async () => volumeAction(client, volume.id, 'os-reset_status', {attach_status: 'detached'}))
  if (options.bootable !== undefined) await step('Failed to set volume bootable property', async () => volumeAction(client, volume.id, 'os-set_bootable', {bootable: options.bootable}))
  if (options.readOnly !== undefined) {
    await step('Failed to set volume read-only access mode flag', async () => volumeAction(client, volume.id, 'os-update_readonly_flag', {readonly: options.readOnly}))
  }

  if (options.type) {
    const type = options.type
    await step('Failed to set volume type', async () => {
      const found = await findVolumeType(client, type)
      await volumeAction(client, volume.id, 'os-retype', {new_type: found.id, migration_policy: options.retypePolicy ?? 'never'})
    })
  }

  const fields: Record<string, string> = {}
  if (options.name) fields.name = options.name
  if (options.description) fields.description = options.description
  if (Object.keys(fields).length > 0) await step('Failed to update volume display name or display description', async () => updateVolume(client, volume.id, fields))
  if (errors.length > 0) throw new OidError(`${errors.join('\n')}\nOne or more of the set operations failed`)
  return []
}

export interface VolumeTypeListQuery {
  default?: boolean
  public?: boolean
  private?: boolean
}

/** `volume type list`: every type (is_public=None, as cinderclient sends it), the public or private ones, or the default. */
export async function volumeTypeList(router: InstanceRouter, query: VolumeTypeListQuery): Promise<Fanout<VolumeType[]>> {
  return router.fanout('block-storage', 'read', async (client) => {
    if (query.default) return [await defaultVolumeType(client)]
    return listVolumeTypes(client, {is_public: query.public ? 'True' : query.private ? 'False' : 'None'})
  })
}
