import {ApiError, NotFoundError, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import type {ZodType} from '../startup/zod.js'
import {allPages, keystoneNext} from './pager.js'

/** Keystone v3 resources (projects, domains), looked up the way osc-lib's find_resource does. */

export interface IdentityRef {
  id: string
  name?: string
  domain_id?: string
}

type Kind = 'projects' | 'domains' | 'users'

const SINGULAR: Record<Kind, string> = {projects: 'project', domains: 'domain', users: 'user'}

/**
 * ID first, then exact name (optionally within a domain). When the user may not look
 * (403, a non-admin), the value is taken as the ID, as OSC does.
 */
async function find(client: ServiceClient, kind: Kind, nameOrId: string, domainId?: string): Promise<IdentityRef> {
  try {
    const response = await client.request({method: 'GET', path: `/${kind}/${encodeURIComponent(nameOrId)}`})
    const found = (response.body as Record<string, unknown> | null)?.[SINGULAR[kind]]
    if (isRef(found)) return found
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 403) return {id: nameOrId, name: nameOrId}
    if (error.status !== 404) throw error
  }

  let matches: IdentityRef[]
  try {
    const all = await list(client, kind, {name: nameOrId, domain_id: domainId})
    matches = all.filter((item) => item.name === nameOrId)
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return {id: nameOrId, name: nameOrId}
    throw error
  }

  if (matches.length === 1) return matches[0]
  if (matches.length > 1) {
    throw new OidError(`More than one ${SINGULAR[kind]} exists with the name '${nameOrId}'.`, {hint: `Give the ${SINGULAR[kind]} ID, or its domain.`})
  }

  throw new NotFoundError(`No ${SINGULAR[kind]} with a name or ID of '${nameOrId}' exists.`)
}

/** An entry Keystone describes: a string id, and a string name if any. */
function isRef(value: unknown): value is IdentityRef {
  const ref = value as Partial<Record<keyof IdentityRef, unknown>> | null | undefined
  return typeof ref?.id === 'string' && (ref.name === undefined || typeof ref.name === 'string')
}

/** GET /<kind> with filters, following `links.next` (Keystone sends null on the last page). */
export async function list(client: ServiceClient, kind: Kind, query: Record<string, string | undefined> = {}): Promise<IdentityRef[]> {
  return allPages({
    first: {path: `/${kind}`, query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items(body) {
      const items = (body as Record<string, unknown> | null)?.[kind]
      if (Array.isArray(items) && items.every((item) => isRef(item))) return items
      throw new OidError(`${client.instance}'s Keystone sent a ${SINGULAR[kind]} list that openstackoid cannot read: expected {"${kind}": [{"id": "…", "name": "…"}, …]}.`)
    },
    next: keystoneNext,
  })
}

export async function findDomain(client: ServiceClient, nameOrId: string): Promise<IdentityRef> {
  return find(client, 'domains', nameOrId)
}

export async function findProject(client: ServiceClient, nameOrId: string, domain?: string): Promise<IdentityRef> {
  const domainId = domain ? (await findDomain(client, domain)).id : undefined
  return find(client, 'projects', nameOrId, domainId)
}

/**
 * osc-lib's find_resource for users (`project list --user`): by ID, then by name; unlike
 * findProject, a 403 on the list is the answer (a non-admin may not list users).
 */
export async function findUser(client: ServiceClient, nameOrId: string, domainId?: string): Promise<IdentityRef> {
  try {
    const response = await client.request({method: 'GET', path: `/users/${encodeURIComponent(nameOrId)}`})
    const found = (response.body as Record<string, unknown> | null)?.user
    if (isRef(found)) return found
  } catch (error) {
    if (!(error instanceof ApiError) || ![403, 404].includes(error.status)) throw error
  }

  const matches = (await list(client, 'users', {name: nameOrId, domain_id: domainId})).filter((user) => user.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one user exists with the name '${nameOrId}'.`, {hint: 'Give the user ID, or its domain (--domain).'})
  throw new NotFoundError(`No user with a name or ID of '${nameOrId}' exists.`)
}

/** A Keystone v3 endpoint, as GET /v3/endpoints gives it. */
export interface KeystoneEndpoint {
  id: string
  interface: string
  region_id?: string | null
  region?: string | null
  service_id: string
  url: string
  enabled: boolean
}

/** A Keystone v3 service (the catalog entry: type, name). */
export interface KeystoneService {
  id: string
  type: string
  name?: string
  enabled?: boolean
}

/** A Keystone v3 project, with the fields `project list --long` shows. */
export interface Project extends Record<string, unknown> {
  id: string
  name: string
  domain_id?: string | null
  description?: string | null
  enabled?: boolean
}

async function schemas() {
  const z = await import('../startup/zod.js')
  const nullableString = z.optional(z.nullable(z.string()))
  return {
    endpoint: z.looseObject({id: z.string(), interface: z.string(), region_id: nullableString, region: nullableString, service_id: z.string(), url: z.string(), enabled: z.boolean()}),
    service: z.looseObject({id: z.string(), type: z.string(), name: z.optional(z.string()), enabled: z.optional(z.boolean())}),
    project: z.looseObject({id: z.string(), name: z.string(), domain_id: nullableString, description: nullableString, enabled: z.optional(z.boolean())}),
    array: z.array,
  }
}

/** Every item of a Keystone collection (`key` in the reply), each checked by `schema`; pages followed. */
async function collection<T>(client: ServiceClient, path: string, key: string, pick: (s: Awaited<ReturnType<typeof schemas>>) => unknown, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const s = await schemas()
  const {checkOnly} = await import('./reply.js')
  const item = pick(s) as Parameters<typeof s.array>[0]
  return allPages({
    first: {path, query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items: (body) => checkOnly(s.array(item), (body as Record<string, unknown> | null)?.[key], 'Keystone', `a ${key} list`, client.instance) as T[],
    next: keystoneNext,
  })
}

/** GET /endpoints, with Keystone's filters (service_id, interface, region_id). */
export async function listEndpoints(client: ServiceClient, query: {service_id?: string; interface?: string; region_id?: string} = {}): Promise<KeystoneEndpoint[]> {
  return collection(client, '/endpoints', 'endpoints', (s) => s.endpoint, query)
}

/** GET /services (optionally filtered by name or type). */
export async function listServices(client: ServiceClient, query: {name?: string; type?: string} = {}): Promise<KeystoneService[]> {
  return collection(client, '/services', 'services', (s) => s.service, query)
}

/** GET /projects, or GET /users/{user}/projects when a user is given; Keystone's filters. */
export async function listProjects(client: ServiceClient, options: {user?: string; query?: Record<string, string | undefined>} = {}): Promise<Project[]> {
  const path = options.user ? `/users/${encodeURIComponent(options.user)}/projects` : '/projects'
  return collection(client, path, 'projects', (s) => s.project, options.query)
}

/** GET /OS-EP-FILTER/projects/{id}/endpoints: the endpoints associated with a project. */
export async function projectEndpoints(client: ServiceClient, projectId: string): Promise<KeystoneEndpoint[]> {
  return collection(client, `/OS-EP-FILTER/projects/${encodeURIComponent(projectId)}/endpoints`, 'endpoints', (s) => s.endpoint)
}

/** GET /OS-EP-FILTER/endpoints/{id}/projects: the projects associated with an endpoint. */
export async function endpointProjects(client: ServiceClient, endpointId: string): Promise<Project[]> {
  return collection(client, `/OS-EP-FILTER/endpoints/${encodeURIComponent(endpointId)}/projects`, 'projects', (s) => s.project)
}

/** GET /<kind>/<id>: the entry, or undefined on a 404 (other errors, a 403 among them, are thrown). */
async function getById<T>(client: ServiceClient, path: string, key: string, pick: (s: Awaited<ReturnType<typeof schemas>>) => unknown): Promise<T | undefined> {
  let body: unknown
  try {
    body = (await client.request({method: 'GET', path})).body
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }

  const s = await schemas()
  const {checkOnly} = await import('./reply.js')
  return checkOnly(pick(s) as ZodType<T>, (body as Record<string, unknown> | null)?.[key], 'Keystone', `a ${key}`, client.instance)
}

/**
 * OSC's identity common.find_service: by ID (GET /services/{id}: a 403 is the user's answer), then
 * by name, then by type; several matches of a name or type are an error.
 */
export async function findService(client: ServiceClient, nameTypeOrId: string): Promise<KeystoneService> {
  const byId = await getById<KeystoneService>(client, `/services/${encodeURIComponent(nameTypeOrId)}`, 'service', (s) => s.service)
  if (byId) return byId
  for (const filter of ['name', 'type'] as const) {
    const found = await listServices(client, {[filter]: nameTypeOrId})
    if (found.length === 1) return found[0]
    if (found.length > 1) throw new OidError(`Multiple service matches found for '${nameTypeOrId}', use an ID to be more specific.`)
  }

  throw new NotFoundError(`No service with a type, name or ID of '${nameTypeOrId}' exists.`)
}

/**
 * osc-lib's find_resource for endpoints: by ID, else by "name" (Keystone ignores that filter, so
 * every endpoint matches: osc-lib's "More than one" unless the instance has a single endpoint).
 */
export async function findEndpointById(client: ServiceClient, id: string): Promise<KeystoneEndpoint> {
  try {
    const byId = await getById<KeystoneEndpoint>(client, `/endpoints/${encodeURIComponent(id)}`, 'endpoint', (s) => s.endpoint)
    if (byId) return byId
  } catch (error) {
    // osc-lib swallows any failure of the GET by ID and goes on with the find.
    if (!(error instanceof ApiError && error.status === 403)) throw error
  }

  const all = await listEndpoints(client, {name: id} as Record<string, string>)
  if (all.length === 1) return all[0]
  if (all.length > 1) throw new OidError(`More than one endpoint exists with the name '${id}'.`)
  throw new NotFoundError(`No endpoint with a name or ID of '${id}' exists.`)
}

/** DELETE /auth/tokens with X-Subject-Token: Keystone revokes that token. */
export async function revokeToken(client: ServiceClient, token: string): Promise<void> {
  await client.request({method: 'DELETE', path: '/auth/tokens', headers: {'X-Subject-Token': token}})
}
