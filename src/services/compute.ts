import {ApiError, NotFoundError, OidError, UsageError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'

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
  // OSC asks for every flavor, public or not: the string None is what it sends.
  const body = await nova<{flavors: Flavor[]}>(client, {method: 'GET', path: '/flavors/detail', query: {is_public: 'None'}, headers: await flavorHeaders(client)})
  return body.flavors
}

/** osc-lib's find_resource on flavors: ID, then exact name; its wording when missing. */
export async function findFlavor(client: ServiceClient, nameOrId: string): Promise<Flavor> {
  try {
    const body = await nova<{flavor: Flavor}>(client, {method: 'GET', path: `/flavors/${encodeURIComponent(nameOrId)}`, headers: await flavorHeaders(client)})
    return body.flavor
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }

  const matches = (await listFlavors(client)).filter((flavor) => flavor.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one flavor exists with the name '${nameOrId}'.`)
  throw new NotFoundError(`No flavor with a name or ID of '${nameOrId}' exists.`)
}

export async function createServer(client: ServiceClient, body: Record<string, unknown>): Promise<Server> {
  const reply = await nova<{server?: Server; reservation_id?: string}>(client, {method: 'POST', path: '/servers', json: body})
  if (!reply.server) throw new OidError(`${client.instance}'s Nova accepted the request but returned no server (reservation ${reply.reservation_id ?? 'unknown'}).`)
  return reply.server
}

export async function getServer(client: ServiceClient, id: string): Promise<Server | undefined> {
  try {
    return (await nova<{server: Server}>(client, {method: 'GET', path: `/servers/${encodeURIComponent(id)}`})).server
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
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

/** GET /servers[/detail], following servers_links (rel=next) by marker; never their host. */
export async function listServers(client: ServiceClient, query: ServerQuery = {}): Promise<Server[]> {
  const servers: Server[] = []
  let marker = query.marker
  const seen = new Set<string>()
  for (;;) {
    const body = await nova<{servers: Server[]; servers_links?: {rel?: string; href?: string}[]}>(client, {
      method: 'GET',
      path: query.detail === false ? '/servers' : '/servers/detail',
      query: {name: query.name, status: query.status, all_tenants: query.allProjects ? 'True' : undefined, limit: query.limit, marker, ...query.extra},
    })
    servers.push(...body.servers)
    const next = body.servers_links?.find((link) => link.rel === 'next')?.href
    if (query.limit !== undefined || !next || body.servers.length === 0) return servers
    marker = new URL(next).searchParams.get('marker') ?? undefined
    if (!marker || seen.has(marker)) return servers
    seen.add(marker)
  }
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
}

export async function getKeypair(client: ServiceClient, name: string): Promise<Keypair | undefined> {
  try {
    return (await nova<{keypair: Keypair}>(client, {method: 'GET', path: `/os-keypairs/${encodeURIComponent(name)}`})).keypair
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
}
