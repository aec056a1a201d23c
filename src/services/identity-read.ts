import {ApiError, NotFoundError, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import {allPages, keystoneNext} from './pager.js'

/**
 * Keystone v3 reads for `project show`, `user list|show`, `role list` and `role assignment list`:
 * whole records (every field Keystone sent, as OSC prints them), looked up the way osc-lib's
 * find_resource does.
 */

export type IdentityKind = 'projects' | 'users' | 'roles' | 'groups'

/** A Keystone record as sent (links included); `id` always a string. */
export type IdentityRecord = Record<string, unknown> & {id: string; name?: string}

const SINGULAR: Record<IdentityKind, string> = {projects: 'project', users: 'user', roles: 'role', groups: 'group'}

function asRecord(client: ServiceClient, value: unknown, what: string): IdentityRecord {
  const record = value as Record<string, unknown> | null | undefined
  if (record && typeof record === 'object' && !Array.isArray(record) && typeof record.id === 'string' && (record.name === undefined || typeof record.name === 'string')) {
    return record as IdentityRecord
  }

  throw new OidError(`${client.instance}'s Keystone sent ${what} that openstackoid cannot read: expected an object with a string "id".`)
}

/** GET /<kind>/<id>: the record (errors, 403 and 404 among them, are thrown). */
export async function getRecord(client: ServiceClient, kind: IdentityKind, id: string): Promise<IdentityRecord> {
  const body = (await client.request({method: 'GET', path: `/${kind}/${encodeURIComponent(id)}`})).body as Record<string, unknown> | null
  return asRecord(client, body?.[SINGULAR[kind]], `a ${SINGULAR[kind]}`)
}

/** GET <path> with Keystone's filters, every page (`links.next`), each item a record. */
export async function listRecords(client: ServiceClient, path: string, key: string, query: Record<string, string | undefined> = {}): Promise<IdentityRecord[]> {
  return allPages({
    first: {path, query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items(body) {
      const items = (body as Record<string, unknown> | null)?.[key]
      if (!Array.isArray(items)) throw new OidError(`${client.instance}'s Keystone sent a reply that openstackoid cannot read: expected {"${key}": […]}.`)
      return items.map((item) => asRecord(client, item, `an entry of ${key}`))
    },
    next: keystoneNext,
  })
}

/**
 * osc-lib's find_resource on a keystoneclient manager: GET by ID (any refusal is passed over),
 * then GET /<kind>?name=… (with domain_id when given): one match is the answer, none is OSC's
 * "No <kind> with a name or ID of 'x' exists.", several its "More than one"; a refusal of the
 * list (a non-admin) is the answer.
 */
export async function findRecord(client: ServiceClient, kind: IdentityKind, nameOrId: string, domainId?: string): Promise<IdentityRecord> {
  try {
    return await getRecord(client, kind, nameOrId)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
  }

  const found = await listRecords(client, `/${kind}`, kind, {name: nameOrId, domain_id: domainId})
  if (found.length === 1) return found[0]
  if (found.length > 1) throw new OidError(`More than one ${SINGULAR[kind]} exists with the name '${nameOrId}'.`)
  throw new NotFoundError(`No ${SINGULAR[kind]} with a name or ID of '${nameOrId}' exists.`)
}

/**
 * OSC's identity common._find_identity_resource (find_user, find_project): find_resource, but a
 * refusal (403) of the lookup is taken to mean the value is the ID, as a non-admin can only give it.
 */
export async function findOrTrust(client: ServiceClient, kind: IdentityKind, nameOrId: string, domainId?: string): Promise<IdentityRecord> {
  try {
    return await findRecord(client, kind, nameOrId, domainId)
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return {id: nameOrId, name: nameOrId}
    throw error
  }
}

/** One entry of GET /role_assignments, as Keystone sends it (ids, and names with include_names). */
export interface RoleAssignment {
  role?: {id: string; name?: string; domain?: {id: string; name?: string}}
  user?: {id: string; name?: string; domain?: {id: string; name?: string}}
  group?: {id: string; name?: string; domain?: {id: string; name?: string}}
  scope: {
    project?: {id: string; name?: string; domain?: {id: string; name?: string}}
    domain?: {id: string; name?: string}
    system?: unknown
    'OS-INHERIT:inherited_to'?: string
  }
}

/** GET /role_assignments with keystoneclient's query parameters (user.id, scope.project.id, role.id, effective, include_names …). */
export async function listRoleAssignments(client: ServiceClient, query: Record<string, string | undefined>): Promise<RoleAssignment[]> {
  return allPages({
    first: {path: '/role_assignments', query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items(body) {
      const items = (body as Record<string, unknown> | null)?.role_assignments
      const ok = Array.isArray(items) && items.every((item) => item !== null && typeof item === 'object' && typeof (item as Record<string, unknown>).scope === 'object')
      if (!ok) throw new OidError(`${client.instance}'s Keystone sent a role assignment list that openstackoid cannot read: expected {"role_assignments": [{"role": …, "user": …, "scope": …}, …]}.`)
      return items as RoleAssignment[]
    },
    next: keystoneNext,
  })
}
