import {homedir} from 'node:os'

import {TokenCache, defaultCacheDir} from '../auth/cache.js'
import {Session} from '../auth/session.js'
import type {CloudConfig, ConfigInputs} from '../config/index.js'
import {AUTH_OPTIONS} from '../config/options.js'
import {HttpClient} from '../http/client.js'
import {RequestLog} from '../http/log.js'
import {ServiceClient, type Router} from '../router.js'

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
  private homeCloud?: CloudConfig
  private homeSess?: Session
  private httpClient?: HttpClient
  private tokenCache?: TokenCache
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

  http(cloud?: CloudConfig): HttpClient {
    // One client per run; the home cloud's TLS and timeout settings apply.
    if (!this.httpClient) {
      const timeout = this.flags.timeout ?? cloud?.apiTimeout ?? DEFAULT_TIMEOUT
      this.httpClient = new HttpClient({
        timeout,
        connectTimeout: Math.min(CONNECT_TIMEOUT, timeout),
        retries: 2,
        verify: cloud?.verify ?? true,
        cacert: cloud?.cacert,
        cert: cloud?.cert,
        key: cloud?.key,
        log: this.log,
        userAgent: `openstackoid/${this.version} node/${process.version}`,
      })
    }

    return this.httpClient
  }

  /** The session of the home instance. Call `await ctx.ready()` first. */
  homeSession(): Session {
    if (!this.homeSess) throw new Error('Context.ready() was not awaited')
    return this.homeSess
  }

  /** Resolves the configuration (and, later, the scope); must be awaited before routing. */
  async ready(): Promise<void> {
    const cloud = await this.home()
    this.homeSess ??= new Session({name: cloud.name, cloud, region: cloud.regionName}, this.http(cloud), this.cache)
    this.sessions.set(cloud.name, this.homeSess)
  }

  client(type: string): ServiceClient {
    return new ServiceClient(this.homeSession(), type)
  }
}
