/** The state of one simulated instance: identity data, tokens, catalog, images. */
import {createHash, randomBytes, randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {HttpError, keystoneErrorBody} from './http.js'
import type {Fault, SimAppCredential, SimImage, SimService, SimUser} from './types.js'

export const DEFAULT_DOMAIN = {id: 'default', name: 'Default'}

export interface Project {
  id: string
  name: string
  domainId: string
  description: string
}

export interface User {
  id: string
  name: string
  password: string
  domainId: string
  defaultProjectId: string | null
  /** project id → role names as assigned (implied roles are added when a token is made). */
  assignments: Map<string, string[]>
}

export interface Role {
  id: string
  name: string
}

export type TokenScope =
  | {kind: 'project'; projectId: string}
  | {kind: 'domain'; domainId: string}
  | {kind: 'system'}
  | {kind: 'unscoped'}

export interface TokenInfo {
  id: string
  userId: string
  methods: string[]
  scope: TokenScope
  /** Role names (with implied roles), empty when unscoped. */
  roles: string[]
  issuedAt: number
  expiresAt: number
  auditIds: string[]
  appCredId?: string
  revoked: boolean
}

export interface CatalogEndpoint {
  id: string
  interface: 'public' | 'internal' | 'admin'
  url: string
}

export interface CatalogService {
  id: string
  type: string
  name: string
  endpoints: CatalogEndpoint[]
}

/** The request context handed to a service handler. */
export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  inst: InstanceState
  service: SimService
  /** Path below the service prefix (e.g. `/v2/images` for `/image/v2/images`), no query. */
  path: string
  query: URLSearchParams
  /** Raw query string without `?` ('' when none). */
  rawQuery: string
  requestId: string
  accept: string | undefined
}

const IMPLIED: Record<string, string[]> = {admin: ['member', 'reader'], member: ['reader']}

export function withImplied(roles: string[]): string[] {
  const out: string[] = []
  const add = (r: string) => {
    if (out.includes(r)) return
    out.push(r)
    for (const i of IMPLIED[r] ?? []) add(i)
  }
  for (const r of roles) add(r)
  return out
}

export function hexId(): string {
  return randomUUID().replace(/-/g, '')
}

/** A fernet-looking token: `gAAAAAB` + url-safe base64, ~183 characters. */
export function fernetLike(): string {
  return 'gAAAAAB' + randomBytes(132).toString('base64url')
}

export const DEFAULT_USERS: SimUser[] = [
  {name: 'admin', password: 'secret', project: 'admin', roles: ['admin']},
  {name: 'demo', password: 'secret', project: 'demo', roles: ['member']},
  {name: 'alt_demo', password: 'secret', project: 'alt_demo', roles: ['member']},
]

export interface ActiveFault {
  fault: Fault
  remaining: number
}

export class InstanceState {
  readonly projects = new Map<string, Project>()
  readonly users = new Map<string, User>()
  readonly roles = new Map<string, Role>()
  readonly tokens = new Map<string, TokenInfo>()
  readonly images = new Map<string, SimImage>()
  readonly appCreds = new Map<string, SimAppCredential & {roles: string[]}>()
  faults: ActiveFault[] = []
  catalog: CatalogService[] = []
  /** False: the instance has no Cinder (no block-storage in its catalog), as a cloud without it. */
  hasVolume = true
  hasNetwork = true
  /** Glance's hashing_algorithm: the os_hash_algo of the data it stores (its md5 checksum always). */
  imageHashAlgorithm = 'sha512'
  mainPort = 0
  networkPort = 0

  constructor(
    readonly name: string,
    readonly tokenTtlSeconds: number,
    readonly dataDir: string,
  ) {
    for (const r of ['admin', 'member', 'reader', 'service']) this.roles.set(r, {id: hexId(), name: r})
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.mainPort}`
  }

  get authUrl(): string {
    return `${this.baseUrl}/identity`
  }

  get networkUrl(): string {
    return `http://127.0.0.1:${this.networkPort}/`
  }

  addProject(name: string, description = ''): Project {
    const existing = this.projectByName(name)
    if (existing) return existing
    const p: Project = {id: hexId(), name, domainId: DEFAULT_DOMAIN.id, description}
    this.projects.set(p.id, p)
    return p
  }

  projectByName(name: string): Project | undefined {
    for (const p of this.projects.values()) if (p.name === name) return p
    return undefined
  }

  /** A project by id, or by name. */
  findProject(nameOrId: string): Project | undefined {
    return this.projects.get(nameOrId) ?? this.projectByName(nameOrId)
  }

  addUser(u: SimUser): User {
    const domain = u.domain ?? 'default'
    if (domain.toLowerCase() !== 'default') throw new Error(`sim: only the Default domain exists (user ${u.name})`)
    const project = this.addProject(u.project)
    for (const existing of this.users.values()) {
      if (existing.name === u.name) this.users.delete(existing.id)
    }
    const user: User = {
      id: u.id ?? hexId(),
      name: u.name,
      password: u.password,
      domainId: DEFAULT_DOMAIN.id,
      defaultProjectId: null,
      assignments: new Map([[project.id, u.roles ?? ['member']]]),
    }
    for (const r of user.assignments.get(project.id) ?? []) {
      if (!this.roles.has(r)) this.roles.set(r, {id: hexId(), name: r})
    }
    this.users.set(user.id, user)
    return user
  }

  userByName(name: string, domainId = DEFAULT_DOMAIN.id): User | undefined {
    for (const u of this.users.values()) if (u.name === name && u.domainId === domainId) return u
    return undefined
  }

  /** Roles (with implied ones) the user has on a project; empty when none. */
  rolesOn(user: User, projectId: string): string[] {
    return withImplied(user.assignments.get(projectId) ?? [])
  }

  isAdminUser(user: User): boolean {
    for (const roles of user.assignments.values()) if (roles.includes('admin')) return true
    return false
  }

  issueToken(t: Omit<TokenInfo, 'id' | 'revoked' | 'issuedAt' | 'expiresAt' | 'auditIds'> & {expiresAt?: number; auditIds?: string[]}): TokenInfo {
    const now = Math.floor(Date.now() / 1000) * 1000
    const info: TokenInfo = {
      ...t,
      id: fernetLike(),
      issuedAt: now,
      expiresAt: t.expiresAt ?? now + this.tokenTtlSeconds * 1000,
      auditIds: t.auditIds ?? [randomBytes(16).toString('base64url').slice(0, 22)],
      revoked: false,
    }
    this.tokens.set(info.id, info)
    return info
  }

  /** A token of this instance that is neither revoked nor expired. */
  /** OpenStackoïd mode: the instances whose tokens this one's services accept (patched keystonemiddleware). */
  trusted?: InstanceState[]

  validToken(id: string | undefined): TokenInfo | undefined {
    if (!id) return undefined
    const t = this.tokens.get(id) ?? this.trusted?.map((peer) => peer.tokens.get(id)).find(Boolean)
    if (!t || t.revoked || t.expiresAt <= Date.now()) return undefined
    return t
  }

  /** The 401 keystonemiddleware (or keystone) sends for a missing/invalid token. */
  unauthorized(message = 'The request you have made requires authentication.'): HttpError {
    return new HttpError(401, message, {'WWW-Authenticate': `Keystone uri="${this.authUrl}"`}, keystoneErrorBody(401, message))
  }

  /** What every non-version request to a service checks first. */
  authenticate(ctx: Ctx): TokenInfo {
    const header = ctx.req.headers['x-auth-token']
    const id = Array.isArray(header) ? header[0] : header
    const t = this.validToken(id)
    if (!t) throw this.unauthorized()
    return t
  }

  tokenProjectId(t: TokenInfo): string | null {
    return t.scope.kind === 'project' ? t.scope.projectId : null
  }

  isAdminToken(t: TokenInfo): boolean {
    return t.roles.includes('admin')
  }

  matchFault(service: SimService, method: string, path: string): Fault | undefined {
    for (const af of this.faults) {
      const f = af.fault
      if (f.service && f.service !== service) continue
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue
      if (f.pathPrefix && !path.startsWith(f.pathPrefix)) continue
      if (af.remaining !== Infinity) {
        af.remaining--
        if (af.remaining <= 0) this.faults = this.faults.filter((x) => x !== af)
      }
      return f
    }
    return undefined
  }

  /** Builds the catalog once the ports are known; service order is shuffled deterministically. */
  buildCatalog(): void {
    const b = this.baseUrl
    const ep = (iface: CatalogEndpoint['interface'], url: string): CatalogEndpoint => ({id: hexId(), interface: iface, url})
    const services: CatalogService[] = [
      {id: hexId(), type: 'identity', name: 'keystone', endpoints: [ep('public', `${b}/identity`), ep('internal', `${b}/identity`), ep('admin', `${b}/identity`)]},
      {id: hexId(), type: 'image', name: 'glance', endpoints: [ep('public', `${b}/image`), ep('internal', `${b}/image`)]},
      {id: hexId(), type: 'compute', name: 'nova', endpoints: [ep('public', `${b}/compute/v2.1`)]},
      {id: hexId(), type: 'network', name: 'neutron', endpoints: [ep('public', this.networkUrl), ep('internal', this.networkUrl)]},
      {id: hexId(), type: 'placement', name: 'placement', endpoints: [ep('public', `${b}/placement`)]},
      // Devstack registers Cinder twice (lib/cinder): block-storage (cinder) and volumev3 (cinderv3), same URL.
      {id: hexId(), type: 'block-storage', name: 'cinder', endpoints: [ep('public', `${b}/volume/v3/$(project_id)s`)]},
      {id: hexId(), type: 'volumev3', name: 'cinderv3', endpoints: [ep('public', `${b}/volume/v3/$(project_id)s`)]},
    ]
    const offered = services.filter((s) => (this.hasVolume || (s.type !== 'block-storage' && s.type !== 'volumev3')) && (this.hasNetwork || s.type !== 'network'))
    this.catalog = deterministicShuffle(offered, this.name).map((s, i) => ({
      ...s,
      endpoints: deterministicShuffle(s.endpoints, `${this.name}/${i}`),
    }))
  }

  /**
   * The catalog a token carries: `$(project_id)s` (and `%(project_id)s`) replaced by the token's
   * project; an endpoint whose URL cannot be completed (domain or system scope) is left out, as
   * Keystone does.
   */
  catalogJson(projectId: string | null = null): unknown[] {
    const fill = (url: string): string | null => {
      const t = url.replace(/[$%]\((project_id|tenant_id)\)s/g, projectId ?? '\u0000')
      return t.includes('\u0000') ? null : t
    }
    return this.catalog.map((s) => ({
      endpoints: s.endpoints.flatMap((e) => {
        const url = fill(e.url)
        return url === null ? [] : [{id: e.id, interface: e.interface, region_id: this.name, url, region: this.name}]
      }),
      id: s.id,
      type: s.type,
      name: s.name,
    }))
  }
}

/** Fisher-Yates driven by sha256(seed): same order every run, never alphabetical by accident. */
export function deterministicShuffle<T>(items: T[], seed: string): T[] {
  const out = items.slice()
  let h = createHash('sha256').update(seed).digest()
  let k = 0
  for (let i = out.length - 1; i > 0; i--) {
    if (k + 4 > h.length) {
      h = createHash('sha256').update(h).digest()
      k = 0
    }
    const j = h.readUInt32BE(k) % (i + 1)
    k += 4
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  if (out.length > 2 && out.every((x, i) => x === items[i])) out.push(out.shift()!)
  return out
}
