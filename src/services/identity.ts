import {ApiError, NotFoundError, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
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
