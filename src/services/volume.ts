import {ApiError, NotFoundError, OidError, UsageError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import {compareVersions} from './compute.js'
import {allPages, linksNext} from './pager.js'
import type {Collection} from './volume-schema.js'

/**
 * Cinder v3 (`block-storage`; aliases volume, volumev3): one function per API call, at
 * microversion 3.0 as OSC 6.0 sends by default, or at the one the user fixed
 * (--os-volume-api-version / OS_VOLUME_API_VERSION / volume_api_version).
 */

/** The highest volume microversion whose bodies this code reads (Zed's Cinder: 3.70). */
export const MAX_VOLUME_MICROVERSION = '3.70'

export type Volume = Record<string, unknown> & {
  id: string
  name?: string | null
  status: string
  size: number
  bootable?: string | boolean
  attachments?: Array<{server_id?: string; attachment_id?: string; device?: string | null}>
  metadata?: Record<string, unknown>
}
export type Snapshot = Record<string, unknown> & {id: string; name?: string | null; status: string; size: number; volume_id: string}
export type VolumeType = Record<string, unknown> & {id: string; name?: string | null}

const NOUN: Record<Collection, string> = {volumes: 'volume', snapshots: 'snapshot', types: 'volume type'}
/** cinderclient's resource class names, lower-cased by osc-lib's "No <x> with a name or ID" message. */
const RESOURCE: Record<Collection, string> = {volumes: 'volume', snapshots: 'snapshot', types: 'volumetype'}
const ONE_KEY: Record<Collection, string> = {volumes: 'volume', snapshots: 'snapshot', types: 'volume_type'}
const LIST_KEY: Record<Collection, string> = {volumes: 'volumes', snapshots: 'snapshots', types: 'volume_types'}
const DETAIL: Record<Collection, string> = {volumes: '/volumes/detail', snapshots: '/snapshots/detail', types: '/types'}

async function schema() {
  return import('./volume-schema.js')
}

/**
 * The microversion sent: 3.0 unless the user fixed one. '2' and '3' mean 3.0 (Cinder v2 is gone
 * since Xena; OSC's default is 3); '3.N' is checked against what the instance's Cinder supports.
 */
export async function volumeMicroversion(client: ServiceClient): Promise<string> {
  const fixed = client.session.target.volumeApiVersion
  if (fixed === undefined || fixed === '3' || fixed === '2' || fixed === '3.0') return '3.0'
  const info = await client.session.service('block-storage')
  const [min, max] = [info.minMicroversion ?? '3.0', info.maxMicroversion ?? '3.0']
  if (fixed === 'latest') return compareVersions(max, MAX_VOLUME_MICROVERSION) < 0 ? max : MAX_VOLUME_MICROVERSION
  if (!/^3\.\d+$/.test(fixed)) throw new UsageError(`Invalid volume API version '${fixed}'.`, {hint: 'Use 3, or a microversion 3.<n>, e.g. --os-volume-api-version 3.42.'})
  if (compareVersions(fixed, MAX_VOLUME_MICROVERSION) > 0) throw new UsageError(`versions supported by client: 3.0 - ${MAX_VOLUME_MICROVERSION} (asked for ${fixed}).`)
  if (compareVersions(fixed, min) < 0 || compareVersions(fixed, max) > 0) {
    throw new UsageError(`${client.instance}'s Cinder supports volume API versions ${min} - ${max}, not ${fixed}.`)
  }

  return fixed
}

/** True when the microversion in use is at least `version`. */
export async function volumeSupports(client: ServiceClient, version: string): Promise<boolean> {
  return compareVersions(await volumeMicroversion(client), version) >= 0
}

/** A Cinder request with the volume microversion header. */
export async function cinder<T>(client: ServiceClient, req: Parameters<ServiceClient['request']>[0]): Promise<{status: number; body: T}> {
  const version = await volumeMicroversion(client)
  const response = await client.request<T>({...req, headers: {'OpenStack-API-Version': `volume ${version}`, ...req.headers}})
  return {status: response.status, body: response.body}
}

export interface ListOptions {
  /** Follow pages only until this many items are in hand, and return at most that many. */
  limit?: number
  /** OSC's --limit on snapshots: the first page only. */
  onePage?: boolean
}

/** GET /<collection>/detail with the caller's filters, following `<collection>_links` (rel=next). */
export async function listOf<T>(client: ServiceClient, collection: Collection, query: Record<string, string | undefined> = {}, options: ListOptions = {}): Promise<T[]> {
  const {check, schemas} = await schema()
  const {limit, onePage} = options
  const following = linksNext(`${LIST_KEY[collection]}_links`)
  let count = 0
  const all = await allPages({
    first: {path: DETAIL[collection], query},
    send: async (request) => (await cinder<unknown>(client, {method: 'GET', ...request})).body,
    items: (body) => {
      const items = check(schemas[collection].list, body, `a ${NOUN[collection]} list`, client.instance)[LIST_KEY[collection]] as T[]
      count += items.length
      return items
    },
    next: (body, current) => (limit && count >= limit ? undefined : following(body, current)),
    onePage,
  })
  return limit ? all.slice(0, limit) : all
}

/** GET /<collection>/{id}: the resource, or NotFoundError. */
export async function getOf<T>(client: ServiceClient, collection: Collection, id: string): Promise<T> {
  try {
    const {body} = await cinder<unknown>(client, {method: 'GET', path: `/${collection}/${encodeURIComponent(id)}`})
    const {check, schemas} = await schema()
    return check(schemas[collection].one, body, `a ${NOUN[collection]}`, client.instance)[ONE_KEY[collection]] as T
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new NotFoundError(`No ${RESOURCE[collection]} with a name or ID of '${id}' exists.`)
    throw error
  }
}

/**
 * osc-lib's find_resource over cinderclient: GET by ID, then a list filtered by name (all
 * projects where the token may, as cinderclient asks), matched exactly; OSC's wording for none
 * and for several.
 */
export async function findOf<T extends {id: string; name?: string | null}>(client: ServiceClient, collection: Collection, nameOrId: string): Promise<T> {
  try {
    return await getOf<T>(client, collection, nameOrId)
  } catch (error) {
    if (!(error instanceof NotFoundError) && !(error instanceof ApiError && [400, 404].includes(error.status))) throw error
  }

  const query: Record<string, string | undefined> = collection === 'types' ? {} : {all_tenants: '1', name: nameOrId}
  let found: T[]
  try {
    found = await listOf<T>(client, collection, query)
  } catch (error) {
    // A non-admin token may not list all projects: Cinder ignores all_tenants for it, or says 403.
    if (!(error instanceof ApiError && error.status === 403)) throw error
    found = await listOf<T>(client, collection, {name: nameOrId})
  }

  const matches = found.filter((item) => item.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one ${RESOURCE[collection]} exists with the name '${nameOrId}'.`, {hint: 'Use the ID instead.'})
  throw new NotFoundError(`No ${RESOURCE[collection]} with a name or ID of '${nameOrId}' exists.`)
}

export const listVolumes = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => listOf<Volume>(client, 'volumes', query)
export const getVolume = async (client: ServiceClient, id: string) => getOf<Volume>(client, 'volumes', id)
export const findVolume = async (client: ServiceClient, nameOrId: string) => findOf<Volume>(client, 'volumes', nameOrId)
export const listSnapshots = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => listOf<Snapshot>(client, 'snapshots', query)
export const findSnapshot = async (client: ServiceClient, nameOrId: string) => findOf<Snapshot>(client, 'snapshots', nameOrId)
export const listVolumeTypes = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => listOf<VolumeType>(client, 'types', query)
export const findVolumeType = async (client: ServiceClient, nameOrId: string) => findOf<VolumeType>(client, 'types', nameOrId)

/** DELETE /volumes/{id} (cascade: its snapshots too), or POST os-force_delete. 202. */
export async function deleteVolume(client: ServiceClient, id: string, options: {force?: boolean; cascade?: boolean} = {}): Promise<void> {
  if (options.force) {
    await cinder(client, {method: 'POST', path: `/volumes/${encodeURIComponent(id)}/action`, json: {'os-force_delete': null}, accept: (status) => status === 202})
    return
  }

  await cinder(client, {method: 'DELETE', path: `/volumes/${encodeURIComponent(id)}`, query: options.cascade ? {cascade: 'true'} : undefined, accept: (status) => status === 202})
}

// ------------------------------------------------------------------ volume commands (create, list, set) and types

/**
 * GET /volumes/detail as cinderclient's volumes.list sends it (search options with a value, marker,
 * limit, sorted). With a limit, pages are followed only until that many volumes are in hand.
 */
export async function listVolumesUpTo(client: ServiceClient, query: Record<string, string | undefined>, limit?: number): Promise<Volume[]> {
  const first = Object.fromEntries(Object.entries({...query, limit: limit ? String(limit) : undefined}).filter(([, value]) => value !== undefined && value !== '').sort(([a], [b]) => (a < b ? -1 : 1)))
  return listOf<Volume>(client, 'volumes', first, {limit})
}

/** POST /volumes: the new volume (202, status creating), as Cinder answers it. */
export async function createVolume(client: ServiceClient, volume: Record<string, unknown>, hints?: Record<string, unknown>): Promise<Volume> {
  const json: Record<string, unknown> = {volume}
  if (hints && Object.keys(hints).length > 0) json['OS-SCH-HNT:scheduler_hints'] = hints
  const {body} = await cinder<unknown>(client, {method: 'POST', path: '/volumes', json, accept: (status) => status === 202 || status === 200})
  const {check, schemas} = await schema()
  return check(schemas.volumes.one, body, 'a volume', client.instance).volume as Volume
}

/** PUT /volumes/{id}: name and description. */
export async function updateVolume(client: ServiceClient, id: string, fields: Record<string, unknown>): Promise<void> {
  await cinder(client, {method: 'PUT', path: `/volumes/${encodeURIComponent(id)}`, json: {volume: fields}})
}

/** POST /volumes/{id}/metadata: merges the given keys. */
export async function setVolumeMetadata(client: ServiceClient, id: string, metadata: Record<string, string>): Promise<void> {
  await cinder(client, {method: 'POST', path: `/volumes/${encodeURIComponent(id)}/metadata`, json: {metadata}})
}

/** DELETE /volumes/{id}/metadata/{key}, one per key (cinderclient at 3.0). */
export async function deleteVolumeMetadata(client: ServiceClient, id: string, keys: string[]): Promise<void> {
  for (const key of keys) await cinder(client, {method: 'DELETE', path: `/volumes/${encodeURIComponent(id)}/metadata/${encodeURIComponent(key)}`})
}

/** POST /volumes/{id}/action with one action (os-extend, os-set_bootable, os-update_readonly_flag, …). */
export async function volumeAction(client: ServiceClient, id: string, action: string, argument: unknown): Promise<void> {
  await cinder(client, {method: 'POST', path: `/volumes/${encodeURIComponent(id)}/action`, json: {[action]: argument}})
}

/** GET /types/default. */
export async function defaultVolumeType(client: ServiceClient): Promise<VolumeType> {
  const {body} = await cinder<unknown>(client, {method: 'GET', path: '/types/default'})
  const {check, schemas} = await schema()
  return check(schemas.types.one, body, 'a volume type', client.instance).volume_type as VolumeType
}
