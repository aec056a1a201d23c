import {ApiError, NotFoundError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import {capped} from './compute.js'
import {cinder, listOf, volumeSupports, type Snapshot} from './volume.js'

/**
 * Cinder snapshots (create, delete, limits, availability zones, quotas) and Nova's volume
 * attachments (os-volume_attachments), as OSC 6.0 sends them: cinderclient at the volume
 * microversion, openstacksdk's VolumeAttachment at most at 2.89.
 */

export type Attachment = Record<string, unknown> & {id?: string; attachment_id?: string; serverId?: string; volumeId?: string; device?: string | null; tag?: string | null; delete_on_termination?: boolean}

async function schema() {
  return import('./volume-schema.js')
}

/** GET /snapshots/detail with cinderclient's filters; with --limit one page of at most that many. */
export async function listSnapshotsPage(client: ServiceClient, query: Record<string, string | undefined>, onePage: boolean): Promise<Snapshot[]> {
  return listOf<Snapshot>(client, 'snapshots', query, {onePage})
}

/** POST /snapshots (cinderclient: force is sent up to 3.65, and from 3.66 only when true). 202. */
export async function createSnapshot(
  client: ServiceClient,
  options: {volumeId: string; name: string; description?: string; force: boolean; metadata: Record<string, string>},
): Promise<Snapshot> {
  const body: Record<string, unknown> = {volume_id: options.volumeId}
  if (options.force || !(await volumeSupports(client, '3.66'))) body.force = options.force
  Object.assign(body, {name: options.name, description: options.description ?? null, metadata: options.metadata})
  const reply = await cinder<unknown>(client, {method: 'POST', path: '/snapshots', json: {snapshot: body}, accept: (status) => status === 202 || status === 200})
  const {check, schemas} = await schema()
  return check(schemas.snapshots.one, reply.body, 'the created snapshot', client.instance).snapshot as Snapshot
}

/** DELETE /snapshots/{id}, or POST os-force_delete with --force. 202. */
export async function deleteSnapshot(client: ServiceClient, id: string, force: boolean): Promise<void> {
  const path = `/snapshots/${encodeURIComponent(id)}`
  if (force) await cinder(client, {method: 'POST', path: `${path}/action`, json: {'os-force_delete': null}, accept: (status) => status === 202})
  else await cinder(client, {method: 'DELETE', path, accept: (status) => status === 202})
}

/** GET /limits: Cinder's absolute limits, in the reply's order. */
export async function getVolumeLimits(client: ServiceClient): Promise<{absolute: Record<string, unknown>; rate: unknown[]}> {
  const {body} = await cinder<{limits?: {absolute?: Record<string, unknown>; rate?: unknown[]}}>(client, {method: 'GET', path: '/limits'})
  return {absolute: body?.limits?.absolute ?? {}, rate: body?.limits?.rate ?? []}
}

export type VolumeZone = {zoneName?: string; zoneState?: {available?: boolean}}

/** GET /os-availability-zone. */
export async function listVolumeZones(client: ServiceClient): Promise<VolumeZone[]> {
  const {body} = await cinder<{availabilityZoneInfo?: VolumeZone[]}>(client, {method: 'GET', path: '/os-availability-zone'})
  return body?.availabilityZoneInfo ?? []
}

/** GET /os-quota-sets/{project}[/defaults] (cinderclient: usage=False). */
export async function getVolumeQuotaSet(client: ServiceClient, projectId: string, defaults: boolean): Promise<Record<string, unknown>> {
  const path = `/os-quota-sets/${encodeURIComponent(projectId)}${defaults ? '/defaults' : ''}`
  const {body} = await cinder<{quota_set?: Record<string, unknown>}>(client, {method: 'GET', path, query: defaults ? undefined : {usage: 'False'}})
  return body?.quota_set ?? {}
}

/** openstacksdk's VolumeAttachment: at most 2.89, unless the user fixed a compute microversion. */
const ATTACHMENT_MAX = '2.89'

/** POST /servers/{id}/os-volume_attachments. */
export async function attachVolume(
  compute: ServiceClient,
  serverId: string,
  attachment: {volumeId: string; device?: string; tag?: string; delete_on_termination?: boolean},
): Promise<Attachment> {
  const body: Record<string, unknown> = {volumeId: attachment.volumeId, device: attachment.device ?? null}
  if (attachment.tag !== undefined) body.tag = attachment.tag
  if (attachment.delete_on_termination !== undefined) body.delete_on_termination = attachment.delete_on_termination
  const reply = await capped<{volumeAttachment?: Attachment}>(compute, ATTACHMENT_MAX, {
    method: 'POST',
    path: `/servers/${encodeURIComponent(serverId)}/os-volume_attachments`,
    json: {volumeAttachment: body},
  })
  const {check, attachment: shape} = await schema()
  return check(shape, reply?.volumeAttachment, 'the volume attachment', compute.instance) as Attachment
}

/** DELETE /servers/{id}/os-volume_attachments/{volume}: openstacksdk's wording when there is none. */
export async function detachVolume(compute: ServiceClient, serverId: string, volumeId: string): Promise<void> {
  try {
    await capped(compute, ATTACHMENT_MAX, {
      method: 'DELETE',
      path: `/servers/${encodeURIComponent(serverId)}/os-volume_attachments/${encodeURIComponent(volumeId)}`,
      accept: (status) => status === 202 || status === 204,
    })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new NotFoundError(`No VolumeAttachment found for ${volumeId}`)
    throw error
  }
}

export type NetworkZone = {name?: string; state?: string; resource?: string}

/**
 * Neutron's availability zones, when it has the extension (openstacksdk's find_extension:
 * GET /extensions, matched by alias or name); undefined when it has not.
 */
export async function listNetworkZones(network: ServiceClient): Promise<NetworkZone[] | undefined> {
  const extensions = (await network.request<{extensions?: Array<{alias?: string; name?: string}>}>({method: 'GET', path: '/extensions'})).body?.extensions ?? []
  if (!extensions.some((extension) => extension.alias === 'Availability Zone' || extension.name === 'Availability Zone')) return undefined
  return (await network.request<{availability_zones?: NetworkZone[]}>({method: 'GET', path: '/availability_zones'})).body?.availability_zones ?? []
}
