import {ApiError, NotFoundError, OidError, UsageError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import {allPages, linksNext, type PageRequest} from './pager.js'

/**
 * Nova v2.1: one function per API call, microversion negotiated per instance (both headers sent,
 * capped at what this code understands), replies read loosely (new microversions add fields).
 */

/** The highest compute microversion whose bodies this code reads. */
export const MAX_MICROVERSION = '2.96'

export type Server = Record<string, unknown> & {id: string; name?: string; status?: string; fault?: {code?: number; message?: string}}
export type Flavor = Record<string, unknown> & {id: string; name: string}

export function parseVersion(version: string): [number, number] {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10))
  return [major || 0, minor || 0]
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)]
  return x[0] - y[0] || x[1] - y[1]
}

/** The microversion both sides support: min(server max, ours); 2.1 when the server gives no range. */
export async function microversion(client: ServiceClient): Promise<string> {
  const info = await client.session.service('compute')
  const fixed = client.session.target.computeApiVersion
  if (fixed) return checkFixed(fixed, info.minMicroversion, info.maxMicroversion, client.instance)
  const max = info.maxMicroversion
  if (!max) return '2.1'
  return compareVersions(max, MAX_MICROVERSION) < 0 ? max : MAX_MICROVERSION
}

function checkFixed(fixed: string, min: string | undefined, max: string | undefined, instance: string): string {
  if (fixed === 'latest') return max && compareVersions(max, MAX_MICROVERSION) < 0 ? max : MAX_MICROVERSION
  if (!/^2\.\d+$/.test(fixed)) throw new UsageError(`Invalid compute API version '${fixed}'.`, {hint: 'Use 2.<n>, e.g. --os-compute-api-version 2.79.'})
  if (compareVersions(fixed, MAX_MICROVERSION) > 0) throw new UsageError(`versions supported by client: 2.1 - ${MAX_MICROVERSION} (asked for ${fixed}).`)
  if ((min && compareVersions(fixed, min) < 0) || (max && compareVersions(fixed, max) > 0)) {
    throw new UsageError(`${instance}'s Nova supports compute API versions ${min ?? '2.1'} - ${max ?? '2.1'}, not ${fixed}.`)
  }

  return fixed
}

export async function supports(client: ServiceClient, version: string): Promise<boolean> {
  return compareVersions(await microversion(client), version) >= 0
}

/** The schemas, loaded when a reply is read (a command that reads none does not load zod). */
async function schema() {
  return import('./compute-schema.js')
}

async function nova<T>(client: ServiceClient, req: Parameters<ServiceClient['request']>[0]): Promise<T> {
  const version = await microversion(client)
  const response = await client.request<T>({...req, headers: {'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version, ...req.headers}})
  return response.body
}

/**
 * Flavors are read at most at 2.61, as openstacksdk's Flavor resource does, so that `swap` is ""
 * when there is none and the output is OSC's (unless a microversion is fixed by the user).
 */
const FLAVOR_MAX = '2.61'

async function flavorHeaders(client: ServiceClient): Promise<Record<string, string>> {
  if (client.session.target.computeApiVersion) return {}
  const version = await microversion(client)
  const capped = compareVersions(version, FLAVOR_MAX) > 0 ? FLAVOR_MAX : version
  return {'OpenStack-API-Version': `compute ${capped}`, 'X-OpenStack-Nova-API-Version': capped}
}

export async function listFlavors(client: ServiceClient): Promise<Flavor[]> {
  const {check, flavorList} = await schema()
  const headers = await flavorHeaders(client)
  return allPages({
    // OSC asks for every flavor, public or not: the string None is what it sends.
    first: {path: '/flavors/detail', query: {is_public: 'None'}},
    send: async (request) => nova(client, {method: 'GET', ...request, headers}),
    items: (body) => check(flavorList, body, 'a flavor list', client.instance).flavors as Flavor[],
    next: linksNext('flavors_links'),
  })
}

/** osc-lib's find_resource on flavors: ID, then exact name; its wording when missing. */
export async function findFlavor(client: ServiceClient, nameOrId: string): Promise<Flavor> {
  try {
    const body = await nova(client, {method: 'GET', path: `/flavors/${encodeURIComponent(nameOrId)}`, headers: await flavorHeaders(client)})
    const {check, flavorReply} = await schema()
    return check(flavorReply, body, 'a flavor', client.instance).flavor as Flavor
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }

  const matches = (await listFlavors(client)).filter((flavor) => flavor.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one flavor exists with the name '${nameOrId}'.`)
  throw new NotFoundError(`No flavor with a name or ID of '${nameOrId}' exists.`)
}

export async function createServer(client: ServiceClient, body: Record<string, unknown>): Promise<Server> {
  const {check, serverCreated} = await schema()
  const reply = check(serverCreated, await nova(client, {method: 'POST', path: '/servers', json: body}), 'the created server', client.instance)
  if (!reply.server) throw new OidError(`${client.instance}'s Nova accepted the request but returned no server (reservation ${reply.reservation_id ?? 'unknown'}).`)
  return reply.server as Server
}

export async function getServer(client: ServiceClient, id: string): Promise<Server | undefined> {
  const {check, serverReply} = await schema()
  let body: unknown
  try {
    body = await nova(client, {method: 'GET', path: `/servers/${encodeURIComponent(id)}`})
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }

  return check(serverReply, body, 'a server', client.instance).server as Server
}

export interface ServerQuery {
  name?: string
  status?: string
  allProjects?: boolean
  limit?: number
  marker?: string
  detail?: boolean
  extra?: Record<string, string | undefined>
}

/**
 * GET /servers[/detail], following servers_links (rel=next) by their marker, never their host.
 * With a limit (OSC's --limit), one page only.
 */
export async function listServers(client: ServiceClient, query: ServerQuery = {}): Promise<Server[]> {
  const {check, serverList} = await schema()
  return allPages({
    first: {
      path: query.detail === false ? '/servers' : '/servers/detail',
      query: {name: query.name, status: query.status, all_tenants: query.allProjects ? 'True' : undefined, limit: query.limit, marker: query.marker, ...query.extra},
    },
    send: async (request) => nova(client, {method: 'GET', ...request}),
    items: (body) => check(serverList, body, 'a server list', client.instance).servers as Server[],
    next: linksNext('servers_links'),
    onePage: query.limit !== undefined,
  })
}

/** ID first, then an exact name among Nova's regex matches (as OSC does). */
export async function findServer(client: ServiceClient, nameOrId: string, allProjects = false): Promise<Server> {
  const byId = await getServer(client, nameOrId)
  if (byId) return byId
  const matches = (await listServers(client, {name: `^${escapeRegex(nameOrId)}$`, allProjects})).filter((server) => server.name === nameOrId)
  // The list's records lack what only GET /servers/{id} gives (server_groups from 2.71): fetch it.
  if (matches.length === 1) return (await getServer(client, matches[0].id)) ?? matches[0]
  if (matches.length > 1) throw new OidError(`More than one server exists with the name '${nameOrId}'.`, {hint: 'Use the server ID.'})
  throw new NotFoundError(`No server with a name or ID of '${nameOrId}' exists.`)
}

function escapeRegex(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export async function deleteServer(client: ServiceClient, id: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/servers/${encodeURIComponent(id)}`, accept: (status) => status === 204 || status === 202})
}

export interface Keypair {
  name: string
  fingerprint?: string
  public_key?: string
  type?: string
}

export async function getKeypair(client: ServiceClient, name: string): Promise<Keypair | undefined> {
  const {check, keypairReply} = await schema()
  let body: unknown
  try {
    body = await nova(client, {method: 'GET', path: `/os-keypairs/${encodeURIComponent(name)}`})
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }

  return check(keypairReply, body, 'a keypair', client.instance).keypair
}

/** GET /os-keypairs: Nova wraps each entry ({keypair: {…}}); keypairs_links (rel=next) from 2.35. */
export async function listKeypairs(client: ServiceClient, query: {limit?: number; marker?: string} = {}): Promise<Keypair[]> {
  const {check, keypairList} = await schema()
  const first: PageRequest = {path: '/os-keypairs', query: {limit: query.limit, marker: query.marker}}
  return allPages({
    first,
    send: async (request) => nova(client, {method: 'GET', ...request}),
    items: (body) => check(keypairList, body, 'a keypair list', client.instance).keypairs.map((entry) => entry.keypair),
    next: linksNext('keypairs_links'),
    onePage: query.limit !== undefined,
  })
}

/** A request at most at `max` (openstacksdk caps some resources: keypairs at 2.10), unless the user fixed a microversion. */
export async function capped<T>(client: ServiceClient, max: string, req: Parameters<ServiceClient['request']>[0]): Promise<T> {
  if (client.session.target.computeApiVersion) return nova<T>(client, req)
  const version = await microversion(client)
  const use = compareVersions(version, max) > 0 ? max : version
  const response = await client.request<T>({...req, headers: {'OpenStack-API-Version': `compute ${use}`, 'X-OpenStack-Nova-API-Version': use, ...req.headers}})
  return response.body
}

/** Keypairs are read and written at most at 2.10, as openstacksdk's Keypair resource does. */
export const KEYPAIR_MAX = '2.10'

export type CreatedKeypair = Keypair & Record<string, unknown> & {private_key?: string; user_id?: string}

export async function createKeypair(client: ServiceClient, body: {name: string; public_key?: string; type?: string}): Promise<CreatedKeypair> {
  const {check, keypairReply} = await schema()
  const reply = await capped(client, KEYPAIR_MAX, {method: 'POST', path: '/os-keypairs', json: {keypair: body}})
  return check(keypairReply, reply, 'the created keypair', client.instance).keypair as CreatedKeypair
}

/** GET /os-keypairs/{name} at most at 2.10; osc's SDK wording when missing. */
export async function findKeypair(client: ServiceClient, name: string): Promise<CreatedKeypair> {
  const {check, keypairReply} = await schema()
  try {
    const body = await capped(client, KEYPAIR_MAX, {method: 'GET', path: `/os-keypairs/${encodeURIComponent(name)}`})
    return check(keypairReply, body, 'a keypair', client.instance).keypair as CreatedKeypair
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new NotFoundError(`No Keypair found for ${name}`)
    throw error
  }
}

export async function deleteKeypair(client: ServiceClient, name: string): Promise<void> {
  try {
    await capped(client, KEYPAIR_MAX, {method: 'DELETE', path: `/os-keypairs/${encodeURIComponent(name)}`, accept: (status) => status === 204 || status === 202})
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new NotFoundError(`No keypair with a name of '${name}' exists.`)
    throw error
  }
}

/** POST /servers/{id}/action: the reply body (often empty) and its Location header (createImage before 2.45). */
export async function serverAction(client: ServiceClient, id: string, body: Record<string, unknown>): Promise<{body: unknown; location?: string}> {
  const version = await microversion(client)
  const response = await client.request({
    method: 'POST',
    path: `/servers/${encodeURIComponent(id)}/action`,
    json: body,
    headers: {'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version},
  })
  const location = response.headers.location
  return {body: response.body, location: Array.isArray(location) ? location[0] : (location as string | undefined)}
}

export type InstanceAction = Record<string, unknown> & {request_id?: string; action?: string}

/** GET /servers/{id}/os-instance-actions, at 2.1 as novaclient does by default (unless a microversion is fixed). */
export async function listInstanceActions(client: ServiceClient, id: string): Promise<InstanceAction[]> {
  const {check, instanceActions} = await schema()
  const body = await capped(client, '2.1', {method: 'GET', path: `/servers/${encodeURIComponent(id)}/os-instance-actions`})
  return check(instanceActions, body, 'an instance action list', client.instance).instanceActions as InstanceAction[]
}

export async function consoleOutput(client: ServiceClient, id: string, length?: number): Promise<string> {
  const {body} = await serverAction(client, id, {'os-getConsoleOutput': {length: length ?? null}})
  const output = (body as {output?: unknown} | undefined)?.output
  return typeof output === 'string' ? output : ''
}

/** GET /limits (reserved=1 with --reserved, tenant_id with --project), at 2.1 as novaclient does. */
export async function getLimits(client: ServiceClient, reserved: boolean, projectId?: string): Promise<Record<string, unknown>> {
  const {check, limitsReply} = await schema()
  const query = {...(reserved ? {reserved: 1} : {}), ...(projectId ? {tenant_id: projectId} : {})}
  const body = await capped(client, '2.1', {method: 'GET', path: '/limits', query: Object.keys(query).length > 0 ? query : undefined})
  return check(limitsReply, body, 'the limits', client.instance).limits.absolute ?? {}
}

/** GET /os-quota-sets/{project}[/defaults], at 2.1 as novaclient does (network quotas included). */
export async function getQuotaSet(client: ServiceClient, projectId: string, defaults: boolean): Promise<Record<string, unknown>> {
  const {check, quotaSetReply} = await schema()
  const path = `/os-quota-sets/${encodeURIComponent(projectId)}${defaults ? '/defaults' : ''}`
  return check(quotaSetReply, await capped(client, '2.1', {method: 'GET', path}), 'a quota set', client.instance).quota_set
}

export type AvailabilityZone = {zoneName?: string; zoneState?: {available?: boolean}; hosts?: Record<string, Record<string, {active?: boolean; available?: boolean; updated_at?: string | null}>> | null}

/** GET /os-availability-zone/detail (or the plain list when the policy forbids the detail). */
export async function listAvailabilityZones(client: ServiceClient): Promise<AvailabilityZone[]> {
  const {check, availabilityZones} = await schema()
  let body: unknown
  try {
    body = await nova(client, {method: 'GET', path: '/os-availability-zone/detail'})
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 403)) throw error
    body = await nova(client, {method: 'GET', path: '/os-availability-zone'})
  }

  return check(availabilityZones, body, 'the availability zones', client.instance).availabilityZoneInfo as AvailabilityZone[]
}

/** POST /flavors (openstacksdk's create_flavor, at most 2.61): the new flavor. */
export async function createFlavor(client: ServiceClient, flavor: Record<string, unknown>): Promise<Flavor> {
  const {check, flavorReply} = await schema()
  const body = await nova(client, {method: 'POST', path: '/flavors', json: {flavor}, headers: await flavorHeaders(client)})
  return check(flavorReply, body, 'the created flavor', client.instance).flavor as Flavor
}

/** DELETE /flavors/{id}. */
export async function deleteFlavor(client: ServiceClient, id: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/flavors/${encodeURIComponent(id)}`, headers: await flavorHeaders(client)})
}

/** PUT /flavors/{id} {"flavor": {"description": …}} (2.55). */
export async function updateFlavorDescription(client: ServiceClient, id: string, description: string): Promise<void> {
  await nova(client, {method: 'PUT', path: `/flavors/${encodeURIComponent(id)}`, json: {flavor: {description}}, headers: await flavorHeaders(client)})
}

/** POST /flavors/{id}/os-extra_specs: merges the given specs; returns them as Nova stored them. */
export async function createFlavorExtraSpecs(client: ServiceClient, id: string, specs: Record<string, string>): Promise<Record<string, string>> {
  const body = await nova<{extra_specs?: Record<string, string>}>(client, {method: 'POST', path: `/flavors/${encodeURIComponent(id)}/os-extra_specs`, json: {extra_specs: specs}, headers: await flavorHeaders(client)})
  return body?.extra_specs ?? {}
}

/** GET /flavors/{id}/os-extra_specs. */
export async function getFlavorExtraSpecs(client: ServiceClient, id: string): Promise<Record<string, string>> {
  const body = await nova<{extra_specs?: Record<string, string>}>(client, {method: 'GET', path: `/flavors/${encodeURIComponent(id)}/os-extra_specs`, headers: await flavorHeaders(client)})
  return body?.extra_specs ?? {}
}

/** DELETE /flavors/{id}/os-extra_specs/{key}. */
export async function deleteFlavorExtraSpec(client: ServiceClient, id: string, key: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/flavors/${encodeURIComponent(id)}/os-extra_specs/${encodeURIComponent(key)}`, headers: await flavorHeaders(client)})
}

/** POST /flavors/{id}/action {"addTenantAccess": {"tenant": …}} (sent without a microversion, as openstacksdk does). */
export async function addFlavorAccess(client: ServiceClient, id: string, project: string): Promise<void> {
  await client.request({method: 'POST', path: `/flavors/${encodeURIComponent(id)}/action`, json: {addTenantAccess: {tenant: project}}})
}

/** GET /flavors/{id}/os-flavor-access: the projects of a private flavor. */
export async function flavorAccess(client: ServiceClient, id: string): Promise<string[]> {
  const body = await nova<{flavor_access?: {tenant_id?: string}[]}>(client, {method: 'GET', path: `/flavors/${encodeURIComponent(id)}/os-flavor-access`})
  return (body?.flavor_access ?? []).map((access) => access.tenant_id ?? '')
}

/** PUT /servers/{id} {"server": {name, description, hostname}} (novaclient's update: only what is given; description null unsets it). */
export async function updateServer(client: ServiceClient, id: string, fields: {name?: string; description?: string | null; hostname?: string}): Promise<void> {
  await nova(client, {method: 'PUT', path: `/servers/${encodeURIComponent(id)}`, json: {server: fields}})
}

/** POST /servers/{id}/metadata: merges the given keys into the server's metadata. */
export async function setServerMetadata(client: ServiceClient, id: string, metadata: Record<string, string>): Promise<void> {
  await nova(client, {method: 'POST', path: `/servers/${encodeURIComponent(id)}/metadata`, json: {metadata}})
}

/** DELETE /servers/{id}/metadata/{key}. */
export async function deleteServerMetadata(client: ServiceClient, id: string, key: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/servers/${encodeURIComponent(id)}/metadata/${encodeURIComponent(key)}`, accept: (status) => status === 204 || status === 200})
}

/** PUT /servers/{id}/tags/{tag} (2.26): 201 when added, 204 when it was there. */
export async function addServerTag(client: ServiceClient, id: string, tag: string): Promise<void> {
  await nova(client, {method: 'PUT', path: `/servers/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`, accept: (status) => status === 201 || status === 204})
}

/** DELETE /servers/{id}/tags/{tag} (2.26). */
export async function deleteServerTag(client: ServiceClient, id: string, tag: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/servers/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`, accept: (status) => status === 204})
}

/** DELETE /servers/{id}/os-server-password: clears the password the metadata service keeps. */
export async function clearServerPassword(client: ServiceClient, id: string): Promise<void> {
  await nova(client, {method: 'DELETE', path: `/servers/${encodeURIComponent(id)}/os-server-password`, accept: (status) => status === 204 || status === 202})
}
