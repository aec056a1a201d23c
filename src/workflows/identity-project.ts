import {ApiError} from '../errors.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'
import {findDomain, findProject, findUser, listProjects, type Project} from '../services/identity.js'

export interface ProjectListOptions {
  domain?: string
  parent?: string
  user?: string
  myProjects?: boolean
  tags?: string
  tagsAny?: string
  notTags?: string
  notTagsAny?: string
}

/**
 * `project list`, OSC's way: GET /projects with the filters; --my-projects (which supersedes the
 * other filters) and --user list GET /users/{id}/projects. Without filters, a 403 (a non-admin)
 * falls back to the user's own projects, as OSC does; with filters the 403 is the answer.
 */
export async function projectList(router: InstanceRouter, options: ProjectListOptions): Promise<Fanout<Project[]>> {
  return router.fanout('identity', 'read', async (client) => {
    const me = async () => (await client.session.authenticate()).user.id
    if (options.myProjects) return listProjects(client, {user: await me()})
    const domainId = options.domain ? (await findDomain(client, options.domain)).id : undefined
    const parentId = options.parent ? (await findProject(client, options.parent)).id : undefined
    const user = options.user ? (await findUser(client, options.user, domainId)).id : undefined
    const query = {domain_id: domainId, parent_id: parentId, tags: options.tags, 'tags-any': options.tagsAny, 'not-tags': options.notTags, 'not-tags-any': options.notTagsAny}
    const filtered = user !== undefined || Object.values(query).some((value) => value !== undefined)
    try {
      return await listProjects(client, {user, query})
    } catch (error) {
      if (filtered || !(error instanceof ApiError && error.status === 403)) throw error
      return listProjects(client, {user: await me()})
    }
  })
}
