import {NotFoundError, OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findServer, supports} from '../services/compute.js'
import {findProject} from '../services/identity.js'
import {findSnapshot, findVolume, listVolumes, type Snapshot, type Volume} from '../services/volume.js'
import {attachVolume, createSnapshot, deleteSnapshot, detachVolume, listSnapshotsPage, type Attachment} from '../services/volume-snapshot.js'
import {deleteEach} from './delete.js'

/**
 * Volume snapshots (create, list, show, delete) in the Cinder the scope gives block-storage, and
 * a server's volumes (add, remove): found in the Cinder of the server's own instance.
 */

export interface SnapshotCreateOptions {
  name: string
  volume?: string
  description?: string
  force: boolean
  properties: Record<string, string>
}

/** `volume snapshot create`: the volume (default: the snapshot's name) found in each instance, one snapshot there. */
export async function snapshotCreate(router: InstanceRouter, options: SnapshotCreateOptions): Promise<Fanout<Snapshot>> {
  return router.fanout('block-storage', 'create', async (cinder) => {
    const volume = await findVolume(cinder, options.volume ?? options.name)
    return createSnapshot(cinder, {volumeId: volume.id, name: options.name, description: options.description, force: options.force, metadata: options.properties})
  })
}

export interface SnapshotListOptions {
  allProjects: boolean
  project?: string
  projectDomain?: string
  name?: string
  status?: string
  volume?: string
  marker?: string
  limit?: number
}

export interface SnapshotListing {
  snapshots: Snapshot[]
  /** Volume names by ID (OSC's volume cache: empty when the volume list fails). */
  volumeNames: Map<string, string | null | undefined>
}

export async function snapshotList(router: InstanceRouter, options: SnapshotListOptions): Promise<Fanout<SnapshotListing>> {
  return router.fanout('block-storage', 'read', async (cinder) => {
    const volumeNames = new Map<string, string | null | undefined>()
    try {
      for (const volume of await listVolumes(cinder)) volumeNames.set(volume.id, volume.name)
    } catch {
      // OSC ignores a failure to read the volumes: the Volume column then shows IDs.
    }

    const volumeId = options.volume ? (await findVolume(cinder, options.volume)).id : undefined
    const projectId = options.project ? (await findProject(router.beside(cinder, 'identity'), options.project, options.projectDomain)).id : undefined
    const query: Record<string, string | undefined> = {
      all_tenants: options.project || options.allProjects ? 'True' : undefined,
      project_id: projectId,
      name: options.name,
      status: options.status,
      volume_id: volumeId,
      marker: options.marker,
      limit: options.limit ? String(options.limit) : undefined,
    }
    for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key]
    const snapshots = await listSnapshotsPage(cinder, query, options.limit !== undefined && options.limit > 0)
    return {snapshots, volumeNames}
  })
}

export async function snapshotShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Snapshot>> {
  return router.fanout('block-storage', 'lookup', async (cinder) => findSnapshot(cinder, nameOrId))
}

/** `volume snapshot delete S… [--force]`: each one in every instance of `&` that has it, OSC's wording. */
export async function snapshotDelete(router: InstanceRouter, names: string[], force: boolean): Promise<string[]> {
  return deleteEach(
    router,
    {
      type: 'block-storage',
      noun: 'snapshot',
      remove: async (cinder, name) => deleteSnapshot(cinder, (await findSnapshot(cinder, name)).id, force),
    },
    names,
  )
}

export interface VolumeAddOptions {
  device?: string
  tag?: string
  deleteOnTermination?: boolean
}

export interface AddedVolume {
  attachment: Attachment
  /** The columns OSC adds at 2.49 (Tag) and 2.79 (Delete On Termination). */
  withTag: boolean
  withDeleteOnTermination: boolean
}

/** openstacksdk's find_server / find_volume wording (server add|remove volume go through the SDK). */
async function serverAndVolume(router: InstanceRouter, compute: ServiceClient, serverName: string, volumeName: string): Promise<{server: {id: string}; volume: Volume; cinder: ServiceClient}> {
  const server = await findServer(compute, serverName).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`No Server found for ${serverName}`) : error
  })
  const cinder = router.beside(compute, 'block-storage')
  const volume = await findVolume(cinder, volumeName).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`No Volume found for ${volumeName}`) : error
  })
  return {server, volume, cinder}
}

/** `server add volume SERVER VOLUME`: in every instance of `&` that has the server (`|`: the first). */
export async function serverAddVolume(router: InstanceRouter, serverName: string, volumeName: string, options: VolumeAddOptions): Promise<Fanout<AddedVolume>> {
  return router.fanout('compute', 'each', async (compute) => {
    const [withTag, withDeleteOnTermination] = [await supports(compute, '2.49'), await supports(compute, '2.79')]
    if (options.tag !== undefined && !withTag) throw new OidError('--os-compute-api-version 2.49 or greater is required to support the --tag option')
    if (options.deleteOnTermination !== undefined && !withDeleteOnTermination) {
      const flag = options.deleteOnTermination ? '--enable-delete-on-termination' : '--disable-delete-on-termination'
      throw new OidError(`--os-compute-api-version 2.79 or greater is required to support the ${flag} option.`)
    }

    const {server, volume} = await serverAndVolume(router, compute, serverName, volumeName)
    const attachment = await attachVolume(compute, server.id, {volumeId: volume.id, device: options.device, tag: options.tag, delete_on_termination: options.deleteOnTermination})
    return {attachment, withTag, withDeleteOnTermination}
  })
}

/** `server remove volume SERVER VOLUME`: notes for stderr under `&`. */
export async function serverRemoveVolume(router: InstanceRouter, serverName: string, volumeName: string): Promise<string[]> {
  const result = await router.fanout('compute', 'each', async (compute) => {
    const {server, volume} = await serverAndVolume(router, compute, serverName, volumeName)
    await detachVolume(compute, server.id, volume.id)
    return compute.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) {
    if (failed.length === 1 && !result.multi) throw failed[0].error
    throw new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
  }

  if (!result.multi) return result.notes
  return [`Removed volume ${volumeName} from server ${serverName} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes]
}
