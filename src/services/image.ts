import {ApiError, NotFoundError, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import type {Image} from './image-schema.js'
import {allPages, glanceNext} from './pager.js'

/**
 * Glance v2: one function per API call, zod-checked replies, no rendering.
 * Paths are relative to the versioned endpoint (…/image/v2).
 */

export type {Image, Member} from './image-schema.js'
/** Glance's `next` link as a path under the versioned endpoint (it lives with the pager). */
export {nextPath} from './pager.js'

export interface ImageQuery {
  visibility?: 'public' | 'private' | 'community' | 'shared' | 'all'
  name?: string
  status?: string
  memberStatus?: string
  owner?: string
  tags?: string[]
  hidden?: boolean
  /** One page of at most this many (OSC's --limit: no further pages). */
  limit?: number
  marker?: string
  /** Other filters, e.g. a property: {openstackoid_source_image_id: id}. */
  extra?: Record<string, string>
}

/** Server page size when we follow `next` links ourselves (Glance's api_limit_max). */
const PAGE_SIZE = 1000

async function schema() {
  return import('./image-schema.js')
}

export async function listImages(client: ServiceClient, query: ImageQuery = {}): Promise<Image[]> {
  const {check, imageList} = await schema()
  const params: Record<string, string | string[] | number | undefined> = {
    visibility: query.visibility,
    name: query.name,
    status: query.status,
    member_status: query.memberStatus,
    owner: query.owner,
    tag: query.tags && query.tags.length > 0 ? query.tags : undefined,
    os_hidden: query.hidden ? 'true' : undefined,
    limit: query.limit ?? PAGE_SIZE,
    marker: query.marker,
    ...query.extra,
  }
  return allPages({
    first: {path: '/images', query: params},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items: (body) => check(imageList, body, 'an image list', client.instance).images,
    next: glanceNext,
    onePage: query.limit !== undefined,
  })
}

export async function getImage(client: ServiceClient, id: string): Promise<Image | undefined> {
  const {check, image} = await schema()
  try {
    const response = await client.request({method: 'GET', path: `/images/${encodeURIComponent(id)}`})
    return check(image, response.body, 'an image', client.instance)
  } catch (error) {
    if (error instanceof ApiError && [400, 403, 404].includes(error.status)) return undefined
    throw error
  }
}

/**
 * openstacksdk's find: the value as an ID first, then an exact name among a name-filtered list,
 * then the same among hidden images. Several matches by name is an error, as in OSC.
 */
export async function findImage(client: ServiceClient, nameOrId: string): Promise<Image> {
  const byId = await getImage(client, nameOrId)
  if (byId) return byId
  for (const hidden of [false, true]) {
    // A copy being made by openstackoid (hidden, under a lease) is never a match: it is not usable yet.
    const matches = (await listImages(client, {name: nameOrId, hidden})).filter((image) => (image.id === nameOrId || image.name === nameOrId) && !('openstackoid_lease' in image && image.status !== 'active'))
    if (matches.length > 1) throw new OidError(`More than one Image exists with the name '${nameOrId}'.`, {hint: 'Use the image ID instead.'})
    if (matches.length === 1) return matches[0]
  }

  throw new NotFoundError(`No Image found for ${nameOrId}`)
}

/** POST /images: a queued image with its properties (top-level keys, as Glance wants them). */
export async function createImage(client: ServiceClient, body: Record<string, unknown>): Promise<Image> {
  const {check, image} = await schema()
  const response = await client.request({method: 'POST', path: '/images', json: body, accept: (status) => status === 201})
  return check(image, response.body, 'the created image', client.instance)
}

/**
 * PATCH /images/{id} with Glance's JSON-patch media type: `replace` for keys the image has,
 * `add` for new ones, `remove` for keys given as undefined. No change, no request.
 */
export async function updateImage(client: ServiceClient, current: Image, changes: Record<string, unknown>): Promise<Image> {
  const ops: {op: string; path: string; value?: unknown}[] = []
  for (const [key, value] of Object.entries(changes)) {
    const path = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
    const has = key in current && (current as Record<string, unknown>)[key] !== undefined
    if (value === undefined) {
      if (has) ops.push({op: 'remove', path})
    } else if (JSON.stringify((current as Record<string, unknown>)[key]) !== JSON.stringify(value)) {
      ops.push({op: has ? 'replace' : 'add', path, value})
    }
  }

  if (ops.length === 0) return current
  const {check, image} = await schema()
  const response = await client.request({
    method: 'PATCH',
    path: `/images/${current.id}`,
    body: JSON.stringify(ops),
    headers: {'Content-Type': 'application/openstack-images-v2.1-json-patch'},
  })
  return check(image, response.body, 'the updated image', client.instance)
}

/** DELETE /images/{id}/tags/{tag} (openstacksdk's remove_tag); Glance answers 404 when the image has no such tag. */
export async function removeImageTag(client: ServiceClient, imageId: string, tag: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/images/${imageId}/tags/${encodeURIComponent(tag)}`, accept: (status) => status === 204})
}

export async function deleteImage(client: ServiceClient, id: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/images/${id}`, accept: (status) => status === 204})
}

export async function listMembers(client: ServiceClient, imageId: string): Promise<import('./image-schema.js').Member[]> {
  const {check, memberList} = await schema()
  const response = await client.request({method: 'GET', path: `/images/${imageId}/members`})
  return check(memberList, response.body, 'a member list', client.instance).members
}

export async function addMember(client: ServiceClient, imageId: string, projectId: string): Promise<Record<string, unknown>> {
  return (await client.request<Record<string, unknown>>({method: 'POST', path: `/images/${imageId}/members`, json: {member: projectId}})).body
}

export async function removeMember(client: ServiceClient, imageId: string, projectId: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/images/${imageId}/members/${projectId}`, accept: (status) => status === 204})
}

export async function updateMember(client: ServiceClient, imageId: string, projectId: string, status: string): Promise<Record<string, unknown>> {
  return (await client.request<Record<string, unknown>>({method: 'PUT', path: `/images/${imageId}/members/${projectId}`, json: {status}})).body
}

/**
 * One page of images (up to Glance's maximum) with the server's clock from the reply's Date
 * header, for comparisons with `updated_at` that do not depend on this machine's clock.
 */
export async function listImagesAt(client: ServiceClient, query: ImageQuery): Promise<{images: Image[]; now: number}> {
  const {check, imageList} = await schema()
  const response = await client.request({
    method: 'GET',
    path: '/images',
    query: {visibility: query.visibility, os_hidden: query.hidden ? 'true' : undefined, limit: PAGE_SIZE, ...query.extra},
  })
  const date = Date.parse(String(response.headers.date ?? ''))
  return {images: check(imageList, response.body, 'an image list', client.instance).images, now: Number.isNaN(date) ? Date.now() : date}
}
