import {UsageError} from '../errors.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'
import type {ServiceClient} from '../routing/client.js'
import {findDomain, findProject as findProjectRef} from '../services/identity.js'
import {findOrTrust, findRecord, listRecords, listRoleAssignments, type IdentityRecord, type RoleAssignment} from '../services/identity-read.js'

/**
 * OSC's _get_token_resource: a name that is the token's own project (or user) becomes its ID, so a
 * non-admin can show what it is scoped to without listing (which Keystone refuses it); a --domain
 * that is not the token's (by ID or name) leaves the name as given.
 */
async function fromToken(client: ServiceClient, kind: 'project' | 'user', nameOrId: string, domainId?: string): Promise<string> {
  try {
    const auth = await client.session.authenticate()
    const own = kind === 'project' ? auth.project : auth.user
    if (!own) return nameOrId
    if (domainId !== undefined && domainId !== own.domainId) return nameOrId
    return own.name === nameOrId ? own.id : nameOrId
  } catch {
    return nameOrId
  }
}

/**
 * `project show`: the token's project by name, else osc-lib's find_resource (ID, then name within
 * --domain). --parents and --children are refused before anything is sent: the simulator does not
 * model Keystone's project hierarchy, so their output could not be checked, and an ignored flag would lie.
 */
export async function projectShow(router: InstanceRouter, project: string, options: {domain?: string; parents?: boolean; children?: boolean} = {}): Promise<Fanout<IdentityRecord>> {
  for (const flag of ['parents', 'children'] as const) {
    if (options[flag]) {
      throw new UsageError(`openstackoid does not support project show --${flag} yet: it would print the project's ${flag === 'parents' ? 'parents' : 'subtree'} as IDs (GET /v3/projects/{id}?${flag === 'parents' ? 'parents_as_ids' : 'subtree_as_ids'}).`, {
        hint: `Run the command without --${flag}, or use python-openstackclient for the hierarchy.`,
      })
    }
  }

  const {domain} = options
  return router.fanout('identity', 'lookup', async (client) => {
    const domainId = domain === undefined ? undefined : (await findDomain(client, domain)).id
    return findRecord(client, 'projects', await fromToken(client, 'project', project, domainId), domainId)
  })
}

/** `user show`: the token's user by name, else find_resource (ID, then name within --domain). */
export async function userShow(router: InstanceRouter, user: string, domain?: string): Promise<Fanout<IdentityRecord>> {
  return router.fanout('identity', 'lookup', async (client) => {
    const domainId = domain === undefined ? undefined : (await findDomain(client, domain)).id
    return findRecord(client, 'users', await fromToken(client, 'user', user, domainId), domainId)
  })
}

export interface UserListOptions {
  domain?: string
  group?: string
  project?: string
}

/**
 * `user list`: GET /users (domain_id); with --project, the users that have a role assignment on
 * the project (GET /role_assignments?scope.project.id=…), each fetched by ID, as OSC does.
 */
export async function userList(router: InstanceRouter, options: UserListOptions): Promise<Fanout<IdentityRecord[]>> {
  return router.fanout('identity', 'read', async (client) => {
    const domainId = options.domain === undefined ? undefined : (await findDomain(client, options.domain)).id
    if (options.group !== undefined) {
      const group = await findOrTrust(client, 'groups', options.group, domainId)
      return listRecords(client, `/groups/${encodeURIComponent(group.id)}/users`, 'users', {domain_id: domainId})
    }

    if (options.project === undefined) return listRecords(client, '/users', 'users', {domain_id: domainId})
    const project = await findRecord(client, 'projects', options.project, domainId)
    const assignments = await listRoleAssignments(client, {'scope.project.id': project.id})
    const ids = [...new Set(assignments.flatMap((assignment) => (assignment.user ? [assignment.user.id] : [])))]
    return Promise.all(ids.map(async (id) => findRecord(client, 'users', id)))
  })
}

/** `role list`: GET /roles, or the roles of a domain (GET /roles?domain_id=…) with that domain's name. */
export async function roleList(router: InstanceRouter, domain?: string): Promise<Fanout<{roles: IdentityRecord[]; domainName?: string}>> {
  return router.fanout('identity', 'read', async (client) => {
    if (domain === undefined) return {roles: await listRecords(client, '/roles', 'roles')}
    const found = await findDomain(client, domain)
    return {roles: await listRecords(client, '/roles', 'roles', {domain_id: found.id}), domainName: found.name ?? ''}
  })
}

export interface RoleAssignmentOptions {
  user?: string
  userDomain?: string
  group?: string
  groupDomain?: string
  roleDomain?: string
  project?: string
  projectDomain?: string
  domain?: string
  role?: string
  system?: string
  names?: boolean
  effective?: boolean
  inherited?: boolean
  authUser?: boolean
  authProject?: boolean
}

/** `role assignment list`: the filters resolved as OSC resolves them, then GET /role_assignments. */
export async function roleAssignmentList(router: InstanceRouter, options: RoleAssignmentOptions): Promise<Fanout<RoleAssignment[]>> {
  return router.fanout('identity', 'read', async (client) => {
    const roleDomain = options.roleDomain === undefined ? undefined : (await findDomain(client, options.roleDomain)).id
    const role = options.role === undefined ? undefined : (await findRecord(client, 'roles', options.role, roleDomain)).id
    let user: string | undefined
    if (options.user !== undefined) {
      const userDomain = options.userDomain === undefined ? undefined : (await findDomain(client, options.userDomain)).id
      user = (await findOrTrust(client, 'users', options.user, userDomain)).id
    } else if (options.authUser) {
      user = (await client.session.authenticate()).user.id
    }

    const domain = options.domain === undefined ? undefined : (await findDomain(client, options.domain)).id
    let project: string | undefined
    if (options.project !== undefined) {
      project = (await findProjectRef(client, await fromToken(client, 'project', options.project), options.projectDomain)).id
    } else if (options.authProject) {
      project = (await client.session.authenticate()).project?.id
    }

    let group: string | undefined
    if (options.group !== undefined) {
      const groupDomain = options.groupDomain === undefined ? undefined : (await findDomain(client, options.groupDomain)).id
      group = (await findOrTrust(client, 'groups', options.group, groupDomain)).id
    }

    return listRoleAssignments(client, {
      'user.id': user,
      'group.id': group,
      'scope.project.id': project,
      'scope.domain.id': domain,
      'scope.system': options.system,
      'role.id': role,
      effective: options.effective ? 'True' : undefined,
      'scope.OS-INHERIT:inherited_to': options.inherited ? 'projects' : undefined,
      include_names: options.names ? 'True' : undefined,
    })
  })
}
