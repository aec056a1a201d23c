import {homedir} from 'node:os'

import {TokenCache, defaultCacheDir} from '../auth/cache.js'
import {Session, type RequestDecorator} from '../auth/session.js'
import {endpointRegion} from '../catalog/catalog.js'
import type {CloudConfig, ConfigInputs} from '../config/index.js'
import {AUTH_OPTIONS} from '../config/options.js'
import {UsageError} from '../errors.js'
import {HttpClient} from '../http/client.js'
import {RequestLog} from '../http/log.js'
import {ServiceClient, singleClient, type Router} from '../router.js'
import type {Expr} from '../scope/expr.js'
import type {Scope} from '../scope/scope.js'

/** Everything a command needs at run time, built once from the parsed global flags and the environment. */
export interface GlobalFlagValues {
  debug: boolean
  timing: boolean
  timeout?: number
  'no-token-cache': boolean
  scope?: string
  [flag: string]: unknown
}

const DEFAULT_TIMEOUT = 60
const CONNECT_TIMEOUT = 10

export class Context implements Router {
  readonly log: RequestLog
  readonly env: Record<string, string | undefined>
  scope: Scope = {entries: new Map(), source: 'none'}
  private homeCloud?: CloudConfig
  private homeSess?: Session
  private tokenCache?: TokenCache
  private readonly httpClients = new Map<string, HttpClient>()
  private readonly sessions = new Map<string, Session>()

  constructor(
    readonly flags: GlobalFlagValues,
    env: Record<string, string | undefined> = process.env,
    readonly version = '0.0.0',
  ) {
    this.env = env
    this.log = new RequestLog(flags.debug)
  }

  /** Inputs for src/config: the --os-* flags keyed by config key. */
  configInputs(): ConfigInputs {
    const flags: ConfigInputs['flags'] = {}
    for (const option of AUTH_OPTIONS) {
      const value = this.flags[option.flag]
      if (value !== undefined && value !== false) flags[option.key] = value as string | boolean
    }

    return {env: this.env, cwd: process.cwd(), home: this.env.HOME ?? homedir(), cloud: this.flags['os-cloud'] as string | undefined, flags}
  }

  async home(): Promise<CloudConfig> {
    if (!this.homeCloud) {
      const {resolveHomeCloud} = await import('../config/index.js')
      this.homeCloud = await resolveHomeCloud(this.configInputs())
    }

    return this.homeCloud
  }

  get cache(): TokenCache {
    if (!this.tokenCache) {
      const off = this.flags['no-token-cache'] || ['1', 'true', 'yes'].includes((this.env.OPENSTACKOID_NO_TOKEN_CACHE ?? '').toLowerCase())
      this.tokenCache = new TokenCache(off ? undefined : defaultCacheDir(this.env, this.env.HOME ?? homedir()))
    }

    return this.tokenCache
  }

  /** One HTTP client per cloud: its TLS settings and api_timeout apply (--timeout wins). */
  http(cloud: CloudConfig): HttpClient {
    let client = this.httpClients.get(cloud.name)
    if (!client) {
      const timeout = this.flags.timeout ?? cloud.apiTimeout ?? DEFAULT_TIMEOUT
      client = new HttpClient({
        timeout,
        connectTimeout: Math.min(CONNECT_TIMEOUT, timeout),
        retries: 2,
        verify: cloud.verify,
        cacert: cloud.cacert,
        cert: cloud.cert,
        key: cloud.key,
        log: this.log,
        userAgent: `openstackoid/${this.version} node/${process.version}`,
      })
      this.httpClients.set(cloud.name, client)
    }

    return client
  }

  /**
   * Resolves the home cloud and the scope (names checked against clouds.yaml, then the home
   * catalog's regions) and creates the sessions the scope names. Must be awaited before routing.
   */
  async ready(): Promise<void> {
    const cloud = await this.home()
    const {loadScope, checkInstances, toObject, toJson} = await import('../scope/scope.js')
    this.scope = loadScope(this.flags.scope, this.env)
    this.homeSess ??= new Session({name: cloud.name, cloud, region: cloud.regionName, computeApiVersion: this.computeApiVersion(cloud)}, this.http(cloud), this.cache, this.decorator(cloud, toObject, toJson))
    this.sessions.set(cloud.name, this.homeSess)
    if (this.scope.entries.size === 0 || cloud.openstackoid) return
    const {names} = await import('../scope/expr.js')
    const wanted = new Set([...this.scope.entries.values()].flatMap((entry) => names(entry.expr)))
    const known = await this.knownInstances([...wanted])
    checkInstances(this.scope, known)
    for (const name of wanted) await this.instanceSession(name, known)
  }

  /** Clouds of clouds.yaml, and (only when a name is not a cloud) the regions of the home catalog. */
  private async knownInstances(names: string[]): Promise<{clouds: string[]; regions: string[]}> {
    const {listCloudNames} = await import('../config/index.js')
    const clouds = await listCloudNames(this.configInputs())
    const regions = names.some((name) => !clouds.includes(name)) ? await this.homeRegions() : []
    return {clouds, regions}
  }

  /** The session of an instance by name: a clouds.yaml cloud, else a region of the home cloud. */
  async instanceSession(name: string, known?: {clouds: string[]; regions: string[]}): Promise<Session> {
    const existing = this.sessions.get(name)
    if (existing) return existing
    const cloud = await this.home()
    const {clouds, regions} = known ?? (await this.knownInstances([name]))
    let session: Session
    if (clouds.includes(name)) {
      const {resolveNamedCloud} = await import('../config/index.js')
      const named = await resolveNamedCloud(name, this.configInputs())
      session = new Session({name, cloud: named, region: named.regionName, computeApiVersion: this.computeApiVersion(named)}, this.http(named), this.cache)
    } else if (regions.includes(name)) {
      session = new Session({name, cloud, region: name, computeApiVersion: this.computeApiVersion(cloud)}, this.http(cloud), this.cache, {}, this.homeSession())
    } else {
      throw new UsageError(`Unknown instance "${name}". An instance is a cloud in clouds.yaml (${clouds.join(', ') || 'none'}) or a region of the home cloud (${regions.join(', ') || 'none'}).`)
    }

    this.sessions.set(name, session)
    return session
  }

  /** The regions of the home cloud's catalog (needs its token: cached, or issued now). */
  private async homeRegions(): Promise<string[]> {
    const auth = await this.homeSession().authenticate()
    const regions = new Set<string>()
    for (const service of auth.catalog) for (const endpoint of service.endpoints) regions.add(endpointRegion(endpoint) ?? '')
    regions.delete('')
    return [...regions].sort()
  }

  /**
   * OpenStackoïd deployments (`openstackoid: true` in clouds.yaml) route on the server side: the
   * client keeps one session with the home cloud and sends the whole scope with every request, as
   * OpenStackoïd's CLI did: `X-Scope: <json>` and `!SCOPE!<json>` appended to X-Auth-Token. The
   * JSON is the five default services bound to the home region, overlaid with --scope, written
   * with Python's json.dumps separators.
   */
  private decorator(cloud: CloudConfig, toObject: (scope: Scope) => Record<string, string>, toJson: (value: unknown) => string): RequestDecorator {
    if (!cloud.openstackoid || this.scope.entries.size === 0) return {}
    const local = cloud.regionName ?? cloud.name
    const scope = {compute: local, identity: local, image: local, network: local, placement: local, ...toObject(this.scope)}
    const json = toJson(scope)
    return {headers: {'X-Scope': json}, tokenSuffix: `!SCOPE!${json}`, identityRoute: scope.identity}
  }

  /** A fixed compute microversion: the flag, else OS_COMPUTE_API_VERSION, else the cloud's compute_api_version. */
  private computeApiVersion(cloud: CloudConfig): string | undefined {
    const value = (this.flags['os-compute-api-version'] as string | undefined) ?? this.env.OS_COMPUTE_API_VERSION ?? cloud.extra.compute_api_version
    return value === undefined || value === null || value === '' ? undefined : String(value)
  }

  homeSession(): Session {
    if (!this.homeSess) throw new Error('Context.ready() was not awaited')
    return this.homeSess
  }

  expression(type: string): Expr | undefined {
    if (this.homeCloud?.openstackoid) return undefined
    return this.scope.entries.get(type)?.expr
  }

  session(name: string): Session {
    const session = this.sessions.get(name)
    if (!session) throw new UsageError(`No session for instance "${name}": it is not in --scope.`)
    return session
  }

  client(type: string): ServiceClient {
    return singleClient(this, type)
  }
}
