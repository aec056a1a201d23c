/** Simulated Keystone v3 (devstack layout: mounted at /identity on the main port). */
import {HttpError, isObject, isoMicro, keystoneErrorBody, readJson, sendEmpty, sendJson} from './http.js'
import {DEFAULT_DOMAIN, type Ctx, type InstanceState, type TokenInfo, type TokenScope, type User} from './state.js'

const GENERIC_401 = 'The request you have made requires authentication.'

function v3Entry(inst: InstanceState): unknown {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{rel: 'self', href: `${inst.authUrl}/v3/`}],
    'media-types': [{base: 'application/json', type: 'application/vnd.openstack.identity-v3+json'}],
  }
}

export async function handleIdentity(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')

  if (p === '' && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 300, {versions: {values: [v3Entry(inst)]}})
    return
  }
  if (p === '/v3' && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, {version: v3Entry(inst)})
    return
  }
  if (p === '/v3/auth/tokens') {
    if (method === 'POST') return issue(ctx)
    if (method === 'GET' || method === 'HEAD') return validate(ctx, method === 'HEAD')
    if (method === 'DELETE') return revoke(ctx)
    throw new HttpError(405, 'The method is not allowed for the requested URL.')
  }
  if (!p.startsWith('/v3/')) throw new HttpError(404, 'The resource could not be found.')
  if (method !== 'GET' && method !== 'HEAD') {
    inst.authenticate(ctx)
    throw new HttpError(405, 'The method is not allowed for the requested URL.')
  }

  const tok = inst.authenticate(ctx)
  const user = inst.users.get(tok.userId)!
  const admin = inst.isAdminToken(tok)
  const self = `${inst.authUrl}${p}`
  const links = {self, previous: null, next: null}
  const seg = p.slice('/v3/'.length).split('/')

  const forbid = (action: string): never => {
    throw new HttpError(403, `You are not authorized to perform the requested action: identity:${action}.`)
  }

  switch (seg[0]) {
    case 'auth': {
      if (seg[1] === 'catalog' && seg.length === 2) {
        if (tok.scope.kind === 'unscoped') throw new HttpError(403, 'The authenticated user should match the trustor')
        sendJson(res, 200, {catalog: inst.catalogJson(inst.tokenProjectId(tok)), links})
        return
      }
      if (seg[1] === 'projects' && seg.length === 2) {
        const projects = [...inst.projects.values()].filter((pr) => inst.rolesOn(user, pr.id).length > 0)
        sendJson(res, 200, {projects: projects.map((pr) => projectJson(inst, pr.id)), links})
        return
      }
      if (seg[1] === 'domains' && seg.length === 2) {
        sendJson(res, 200, {domains: inst.isAdminUser(user) ? [domainJson(inst)] : [], links})
        return
      }
      if (seg[1] === 'system' && seg.length === 2) {
        sendJson(res, 200, {system: inst.isAdminUser(user) ? [{all: true}] : [], links})
        return
      }
      break
    }
    case 'projects': {
      if (seg.length === 1) {
        if (!admin) forbid('list_projects')
        let list = [...inst.projects.values()]
        const name = ctx.query.get('name')
        if (name !== null) list = list.filter((pr) => pr.name === name)
        const dom = ctx.query.get('domain_id')
        if (dom !== null) list = list.filter((pr) => pr.domainId === dom)
        const parent = ctx.query.get('parent_id')
        if (parent !== null) list = list.filter((pr) => pr.domainId === parent)
        // Keystone's tag filters; the sim's projects carry no tags.
        if (ctx.query.get('tags') !== null || ctx.query.get('tags-any') !== null) list = []
        sendJson(res, 200, {projects: list.map((pr) => projectJson(inst, pr.id)), links})
        return
      }
      if (seg.length === 2) {
        const pr = inst.projects.get(seg[1])
        if (!admin && !(pr && tok.scope.kind === 'project' && tok.scope.projectId === pr.id)) forbid('get_project')
        if (!pr) throw new HttpError(404, `Could not find project: ${seg[1]}.`)
        sendJson(res, 200, {project: projectJson(inst, pr.id)})
        return
      }
      break
    }
    case 'users': {
      if (seg.length === 1) {
        if (!admin) forbid('list_users')
        let list = [...inst.users.values()]
        const name = ctx.query.get('name')
        if (name !== null) list = list.filter((u) => u.name === name)
        const dom = ctx.query.get('domain_id')
        if (dom !== null) list = list.filter((u) => u.domainId === dom)
        sendJson(res, 200, {users: list.map((u) => userJson(inst, u)), links})
        return
      }
      const u = inst.users.get(seg[1])
      if (!admin && seg[1] !== user.id) forbid(seg.length === 2 ? 'get_user' : 'list_user_projects')
      if (!u) throw new HttpError(404, `Could not find user: ${seg[1]}.`)
      if (seg.length === 2) {
        sendJson(res, 200, {user: userJson(inst, u)})
        return
      }
      if (seg.length === 3 && seg[2] === 'projects') {
        const projects = [...inst.projects.values()].filter((pr) => inst.rolesOn(u, pr.id).length > 0)
        sendJson(res, 200, {projects: projects.map((pr) => projectJson(inst, pr.id)), links})
        return
      }
      break
    }
    case 'domains': {
      if (seg.length === 1) {
        // Keystone filters domains by name (a find by name must not match every domain).
        const name = ctx.query.get('name')
        sendJson(res, 200, {domains: name === null || name === DEFAULT_DOMAIN.name ? [domainJson(inst)] : [], links})
        return
      }
      if (seg.length === 2) {
        if (seg[1] !== DEFAULT_DOMAIN.id) throw new HttpError(404, `Could not find domain: ${seg[1]}.`)
        sendJson(res, 200, {domain: domainJson(inst)})
        return
      }
      break
    }
    case 'groups': {
      // The sim has no groups (a fresh Keystone has none): lists are empty, a group by ID is not found.
      if (!admin) forbid(seg.length === 1 ? 'list_groups' : seg.length === 2 ? 'get_group' : 'list_users_in_group')
      if (seg.length === 1) {
        sendJson(res, 200, {groups: [], links})
        return
      }
      if (seg.length === 2 || (seg.length === 3 && seg[2] === 'users')) throw new HttpError(404, `Could not find group: ${seg[1]}.`)
      break
    }
    case 'roles': {
      // Keystone's global roles (domain_id null); a domain_id filter finds the domain's own roles: none here.
      const view = (r: {id: string; name: string}) => ({id: r.id, name: r.name, domain_id: null, description: null, options: {}, links: {self: `${inst.authUrl}/v3/roles/${r.id}`}})
      if (seg.length === 1) {
        if (!admin) forbid('list_roles')
        const name = ctx.query.get('name')
        const dom = ctx.query.get('domain_id')
        const roles = [...inst.roles.values()].filter((r) => (name === null || r.name === name) && dom === null)
        sendJson(res, 200, {roles: roles.map(view), links})
        return
      }
      if (seg.length === 2) {
        if (!admin) forbid('get_role')
        const r = [...inst.roles.values()].find((x) => x.id === seg[1])
        if (!r) throw new HttpError(404, `Could not find role: ${seg[1]}.`)
        sendJson(res, 200, {role: view(r)})
        return
      }
      break
    }
    case 'role_assignments': {
      if (seg.length === 1) {
        if (!admin) forbid('list_role_assignments')
        sendJson(res, 200, {role_assignments: roleAssignments(inst, ctx.query), links})
        return
      }
      break
    }
    case 'services': {
      if (!admin) forbid(seg.length === 1 ? 'list_services' : 'get_service')
      const view = (s: (typeof inst.catalog)[number]) => ({id: s.id, type: s.type, name: s.name, enabled: true, description: null, links: {self: `${inst.authUrl}/v3/services/${s.id}`}})
      if (seg.length === 1) {
        // Keystone filters services by type and by name (keystone/api/services.py).
        const type = ctx.query.get('type')
        const name = ctx.query.get('name')
        sendJson(res, 200, {services: inst.catalog.filter((s) => (type === null || s.type === type) && (name === null || s.name === name)).map(view), links})
        return
      }
      if (seg.length === 2) {
        const s = inst.catalog.find((x) => x.id === seg[1])
        if (!s) throw new HttpError(404, `Could not find service: ${seg[1]}.`)
        sendJson(res, 200, {service: view(s)})
        return
      }
      break
    }
    case 'endpoints': {
      if (!admin) forbid(seg.length === 1 ? 'list_endpoints' : 'get_endpoint')
      const all = inst.catalog.flatMap((s) =>
        s.endpoints.map((e) => ({
          id: e.id,
          interface: e.interface,
          region_id: inst.name,
          region: inst.name,
          service_id: s.id,
          url: e.url,
          enabled: true,
          links: {self: `${inst.authUrl}/v3/endpoints/${e.id}`},
        })),
      )
      if (seg.length === 1) {
        const q = ctx.query
        const endpoints = all.filter(
          (e) =>
            (q.get('interface') === null || e.interface === q.get('interface')) &&
            (q.get('service_id') === null || e.service_id === q.get('service_id')) &&
            (q.get('region_id') === null || e.region_id === q.get('region_id')),
        )
        sendJson(res, 200, {endpoints, links})
        return
      }
      if (seg.length === 2) {
        const e = all.find((x) => x.id === seg[1])
        if (!e) throw new HttpError(404, `Could not find endpoint: ${seg[1]}.`)
        sendJson(res, 200, {endpoint: e})
        return
      }
      break
    }
    case 'OS-EP-FILTER': {
      // Endpoint filtering (project ↔ endpoint associations): the sim has none, as a fresh Keystone.
      if (!admin) forbid(seg[1] === 'projects' ? 'list_endpoints_for_project' : 'list_projects_for_endpoint')
      if (seg.length === 4 && seg[1] === 'projects' && seg[3] === 'endpoints') {
        if (!inst.projects.get(seg[2])) throw new HttpError(404, `Could not find project: ${seg[2]}.`)
        sendJson(res, 200, {endpoints: [], links})
        return
      }
      if (seg.length === 4 && seg[1] === 'endpoints' && seg[3] === 'projects') {
        if (!inst.catalog.some((s) => s.endpoints.some((e) => e.id === seg[2]))) throw new HttpError(404, `Could not find endpoint: ${seg[2]}.`)
        sendJson(res, 200, {projects: [], links})
        return
      }
      break
    }
    case 'regions': {
      const region = {id: inst.name, description: '', parent_region_id: null, links: {self: `${inst.authUrl}/v3/regions/${inst.name}`}}
      if (seg.length === 1) {
        sendJson(res, 200, {regions: [region], links})
        return
      }
      if (seg.length === 2) {
        if (seg[1] !== inst.name) throw new HttpError(404, `Could not find region: ${seg[1]}.`)
        sendJson(res, 200, {region})
        return
      }
      break
    }
  }
  throw new HttpError(404, 'The resource could not be found.')
}

/**
 * GET /v3/role_assignments as Keystone answers it: one entry per (user, project, role) as assigned,
 * or, with `effective`, with the implied roles too (member implies reader); filters user.id,
 * group.id, scope.project.id, scope.domain.id, scope.system, role.id and
 * scope.OS-INHERIT:inherited_to (the sim has no groups, domain, system or inherited assignments);
 * include_names adds names (and the domains of users and projects).
 */
function roleAssignments(inst: InstanceState, q: URLSearchParams): unknown[] {
  const truthy = (key: string) => q.has(key) && !['0', 'false', 'no', 'off'].includes((q.get(key) ?? '').toLowerCase())
  const effective = truthy('effective')
  const names = truthy('include_names')
  if (q.get('group.id') !== null || q.get('scope.domain.id') !== null || q.get('scope.system') !== null || q.get('scope.OS-INHERIT:inherited_to') !== null) return []
  const domain = {id: DEFAULT_DOMAIN.id, name: DEFAULT_DOMAIN.name}
  const out: unknown[] = []
  for (const u of inst.users.values()) {
    if (q.get('user.id') !== null && q.get('user.id') !== u.id) continue
    for (const [projectId, assigned] of u.assignments) {
      if (q.get('scope.project.id') !== null && q.get('scope.project.id') !== projectId) continue
      const pr = inst.projects.get(projectId)
      if (!pr) continue
      for (const roleName of effective ? inst.rolesOn(u, projectId) : assigned) {
        const r = inst.roles.get(roleName)
        if (!r) continue
        if (q.get('role.id') !== null && q.get('role.id') !== r.id) continue
        const prior = assigned.includes(roleName) ? undefined : inst.roles.get(assigned[0])
        const link = `${inst.authUrl}/v3/projects/${pr.id}/users/${u.id}/roles/${prior?.id ?? r.id}`
        out.push({
          role: names ? {id: r.id, name: r.name} : {id: r.id},
          user: names ? {id: u.id, name: u.name, domain} : {id: u.id},
          scope: {project: names ? {id: pr.id, name: pr.name, domain} : {id: pr.id}},
          links: prior ? {assignment: link, prior_role: `${inst.authUrl}/v3/roles/${prior.id}`} : {assignment: link},
        })
      }
    }
  }
  return out
}

function domainJson(inst: InstanceState): unknown {
  return {
    id: DEFAULT_DOMAIN.id,
    name: DEFAULT_DOMAIN.name,
    description: 'The default domain',
    enabled: true,
    tags: [],
    options: {},
    links: {self: `${inst.authUrl}/v3/domains/${DEFAULT_DOMAIN.id}`},
  }
}

function projectJson(inst: InstanceState, id: string): unknown {
  const pr = inst.projects.get(id)!
  return {
    id: pr.id,
    name: pr.name,
    domain_id: pr.domainId,
    description: pr.description,
    enabled: true,
    parent_id: pr.domainId,
    is_domain: false,
    tags: [],
    options: {},
    links: {self: `${inst.authUrl}/v3/projects/${pr.id}`},
  }
}

function userJson(inst: InstanceState, u: User): unknown {
  const out: Record<string, unknown> = {
    id: u.id,
    name: u.name,
    domain_id: u.domainId,
    enabled: true,
    password_expires_at: null,
    options: {},
    links: {self: `${inst.authUrl}/v3/users/${u.id}`},
  }
  if (u.defaultProjectId) out.default_project_id = u.defaultProjectId
  return out
}

function resolveDomainId(d: unknown): string | undefined {
  if (!isObject(d)) return undefined
  if (typeof d.id === 'string') return d.id === DEFAULT_DOMAIN.id ? d.id : undefined
  if (typeof d.name === 'string') return d.name === DEFAULT_DOMAIN.name ? DEFAULT_DOMAIN.id : undefined
  return undefined
}

function findUser(inst: InstanceState, u: unknown): User | undefined {
  if (!isObject(u)) throw new HttpError(400, 'Expecting to find user in password. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
  if (typeof u.id === 'string') return inst.users.get(u.id)
  if (typeof u.name === 'string') {
    if (!isObject(u.domain)) throw new HttpError(400, 'Expecting to find domain in user. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
    const dom = resolveDomainId(u.domain)
    return dom ? inst.userByName(u.name, dom) : undefined
  }
  throw new HttpError(400, 'Expecting to find id or name in user. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
}

async function issue(ctx: Ctx): Promise<void> {
  const {inst} = ctx
  const body = await readJson(ctx.req)
  const auth = isObject(body) ? body.auth : undefined
  if (!isObject(auth) || !isObject(auth.identity)) {
    throw new HttpError(400, 'Expecting to find identity in auth. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
  }
  const identity = auth.identity
  const methods = identity.methods
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string')) {
    throw new HttpError(400, 'Expecting to find methods in identity. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
  }

  let user: User | undefined
  let fromToken: TokenInfo | undefined
  let appCred: ReturnType<InstanceState['appCreds']['get']>
  for (const m of methods as string[]) {
    const data = identity[m]
    if (m === 'password') {
      const pw = isObject(data) ? data : {}
      const u = findUser(inst, pw.user)
      const password = isObject(pw.user) ? pw.user.password : undefined
      if (!u || u.password !== password) throw inst.unauthorized(GENERIC_401)
      user = checkSameUser(inst, user, u)
    } else if (m === 'token') {
      const id = isObject(data) ? data.id : undefined
      const t = inst.validToken(typeof id === 'string' ? id : undefined)
      if (!t) throw inst.unauthorized(GENERIC_401)
      fromToken = t
      if (t.appCredId) appCred = inst.appCreds.get(t.appCredId)
      user = checkSameUser(inst, user, inst.users.get(t.userId)!)
    } else if (m === 'application_credential') {
      const ac = isObject(data) ? data : {}
      if (auth.scope !== undefined) throw inst.unauthorized('Application credentials cannot request a scope.')
      let found: typeof appCred
      if (typeof ac.id === 'string') found = inst.appCreds.get(ac.id)
      else if (typeof ac.name === 'string') {
        const u = findUser(inst, ac.user)
        found = u ? [...inst.appCreds.values()].find((c) => c.name === ac.name && c.userId === u.id) : undefined
      } else {
        throw new HttpError(400, 'Expecting to find id or name in application_credential. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
      }
      if (!found || found.secret !== ac.secret) throw inst.unauthorized(GENERIC_401)
      appCred = found
      user = checkSameUser(inst, user, inst.users.get(found.userId)!)
    } else {
      throw inst.unauthorized('Attempted to authenticate with an unsupported method.')
    }
  }
  if (!user) throw inst.unauthorized(GENERIC_401)

  let scope: TokenScope
  let roles: string[] = []
  if (appCred) {
    scope = {kind: 'project', projectId: appCred.projectId}
    roles = appCred.roles
  } else {
    scope = resolveScope(inst, auth.scope, user)
    if (scope.kind === 'unscoped' && fromToken && auth.scope === undefined) scope = fromToken.scope
    if (scope.kind === 'project') roles = inst.rolesOn(user, scope.projectId)
    else if (scope.kind === 'domain' || scope.kind === 'system') roles = inst.isAdminUser(user) ? ['admin', 'member', 'reader'] : []
    if (scope.kind !== 'unscoped' && roles.length === 0) throw inst.unauthorized(GENERIC_401)
  }

  const tokMethods = fromToken ? ['token', ...fromToken.methods.filter((m) => m !== 'token')] : (methods as string[]).slice()
  const tok = inst.issueToken({
    userId: user.id,
    methods: tokMethods,
    scope,
    roles,
    appCredId: appCred?.id,
    expiresAt: fromToken?.expiresAt,
  })
  if (fromToken) tok.auditIds = [tok.auditIds[0], fromToken.auditIds[0]]
  const nocatalog = ctx.query.has('nocatalog')
  sendJson(ctx.res, 201, tokenBody(inst, tok, !nocatalog), {'X-Subject-Token': tok.id, Vary: 'X-Auth-Token'})
}

function checkSameUser(inst: InstanceState, prev: User | undefined, next: User): User {
  if (prev && prev.id !== next.id) throw inst.unauthorized(GENERIC_401)
  return next
}

function resolveScope(inst: InstanceState, scope: unknown, user: User): TokenScope {
  if (scope === undefined || scope === null || scope === 'unscoped') return {kind: 'unscoped'}
  if (!isObject(scope)) throw new HttpError(400, 'Invalid scope. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
  if (isObject(scope.project)) {
    const pj = scope.project
    let id: string | undefined
    if (typeof pj.id === 'string') id = inst.projects.has(pj.id) ? pj.id : undefined
    else if (typeof pj.name === 'string') {
      if (!isObject(pj.domain)) throw new HttpError(400, 'Expecting to find domain in project. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
      const dom = resolveDomainId(pj.domain)
      const pr = dom ? inst.projectByName(pj.name) : undefined
      id = pr?.id
    }
    if (!id) throw inst.unauthorized(GENERIC_401)
    void user
    return {kind: 'project', projectId: id}
  }
  if (isObject(scope.domain)) {
    const dom = resolveDomainId(scope.domain)
    if (!dom) throw inst.unauthorized(GENERIC_401)
    return {kind: 'domain', domainId: dom}
  }
  if (isObject(scope.system)) {
    if (scope.system.all !== true) throw new HttpError(400, 'Invalid system scope.')
    return {kind: 'system'}
  }
  throw new HttpError(400, 'Invalid scope. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.')
}

export function tokenBody(inst: InstanceState, t: TokenInfo, includeCatalog: boolean): unknown {
  const user = inst.users.get(t.userId)!
  const token: Record<string, unknown> = {
    methods: t.methods,
    user: {domain: {...DEFAULT_DOMAIN}, id: user.id, name: user.name, password_expires_at: null},
    audit_ids: t.auditIds,
    expires_at: isoMicro(t.expiresAt),
    issued_at: isoMicro(t.issuedAt),
  }
  if (t.scope.kind === 'project') {
    const pr = inst.projects.get(t.scope.projectId)!
    token.project = {domain: {...DEFAULT_DOMAIN}, id: pr.id, name: pr.name}
    token.is_domain = false
  } else if (t.scope.kind === 'domain') {
    token.domain = {...DEFAULT_DOMAIN}
  } else if (t.scope.kind === 'system') {
    token.system = {all: true}
  }
  if (t.scope.kind !== 'unscoped') {
    token.roles = t.roles.map((r) => ({id: inst.roles.get(r)?.id ?? r, name: r}))
    if (includeCatalog) token.catalog = inst.catalogJson(inst.tokenProjectId(t))
  }
  if (t.appCredId) {
    const ac = inst.appCreds.get(t.appCredId)!
    token.application_credential = {id: ac.id, name: ac.name, restricted: true}
  }
  return {token}
}

function subjectToken(ctx: Ctx): string | undefined {
  const h = ctx.req.headers['x-subject-token']
  return Array.isArray(h) ? h[0] : h
}

async function validate(ctx: Ctx, head: boolean): Promise<void> {
  const {inst} = ctx
  inst.authenticate(ctx)
  const sid = subjectToken(ctx)
  const t = inst.validToken(sid)
  if (!t) {
    if (head) {
      sendEmpty(ctx.res, 404)
      return
    }
    sendJson(ctx.res, 404, keystoneErrorBody(404, `Could not find token: ${sid ?? ''}.`))
    return
  }
  if (head) {
    sendEmpty(ctx.res, 200, {'X-Subject-Token': t.id})
    return
  }
  sendJson(ctx.res, 200, tokenBody(inst, t, !ctx.query.has('nocatalog')), {'X-Subject-Token': t.id, Vary: 'X-Auth-Token'})
}

async function revoke(ctx: Ctx): Promise<void> {
  const {inst} = ctx
  inst.authenticate(ctx)
  const sid = subjectToken(ctx)
  const t = inst.validToken(sid)
  if (!t) {
    sendJson(ctx.res, 404, keystoneErrorBody(404, `Could not find token: ${sid ?? ''}.`))
    return
  }
  t.revoked = true
  sendEmpty(ctx.res, 204)
}
