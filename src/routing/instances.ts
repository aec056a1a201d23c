import {TokenCache, defaultCacheDir} from '../auth/cache.js'
import {Session, type RequestDecorator} from '../auth/session.js'
import {endpointRegion} from '../catalog/catalog.js'
import type {CloudConfig, ConfigInputs} from '../config/index.js'
import {UsageError} from '../errors.js'
import {HttpClient} from '../http/client.js'
import type {RequestLog} from '../http/log.js'

/** What the instances are built from: the OSC-style config inputs and the transport settings. */
export interface InstanceSettings {
  config: ConfigInputs
  env: Record<string, string | undefined>
  /** --os-compute-api-version */
  computeApiVersion?: string
  volumeApiVersion?: string
  /** --timeout */
  timeout?: number
  noTokenCache: boolean
  version: string
}

export interface Known {
  clouds: string[]
  regions: string[]
}

const DEFAULT_TIMEOUT = 60
const CONNECT_TIMEOUT = 10

/**
 * Instance resolution (DESIGN §2): a name is a cloud of clouds.yaml first, then a region of the
 * home cloud's catalog. One Session per instance, one HTTP client per cloud, one token cache.
 */
export class Instances {
  private homeCloud?: CloudConfig
  private homeSess?: Session
  private tokenCache?: TokenCache
  private readonly httpClients = new Map<string, HttpClient>()
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly settings: InstanceSettings,
    private readonly log: RequestLog,
  ) {}

  async home(): Promise<CloudConfig> {
    if (!this.homeCloud) {
      const {resolveHomeCloud} = await import('../config/index.js')
      this.homeCloud = await resolveHomeCloud(this.settings.config)
    }

    return this.homeCloud
  }

  /** The home session, made once (with the OpenStackoïd wire decorator, when the cloud is one). */
  async openHome(decorator: RequestDecorator): Promise<Session> {
    const cloud = await this.home()
    this.homeSess ??= new Session({name: cloud.name, cloud, region: cloud.regionName, ...this.apiVersions(cloud)}, this.http(cloud), this.cache, decorator)
    this.sessions.set(cloud.name, this.homeSess)
    return this.homeSess
  }

  homeSession(): Session {
    if (!this.homeSess) throw new Error('InstanceRouter.ready() was not awaited')
    return this.homeSess
  }

  /** A session made earlier (by ready() or open()). */
  existing(name: string): Session | undefined {
    return this.sessions.get(name)
  }

  get cache(): TokenCache {
    if (!this.tokenCache) {
      const {env} = this.settings
      const off = this.settings.noTokenCache || ['1', 'true', 'yes'].includes((env.OPENSTACKOID_NO_TOKEN_CACHE ?? '').toLowerCase())
      this.tokenCache = new TokenCache(off ? undefined : defaultCacheDir(env, this.settings.config.home))
    }

    return this.tokenCache
  }

  /** One HTTP client per cloud: its TLS settings and api_timeout apply (--timeout wins). */
  private http(cloud: CloudConfig): HttpClient {
    let client = this.httpClients.get(cloud.name)
    if (!client) {
      const timeout = this.settings.timeout ?? cloud.apiTimeout ?? DEFAULT_TIMEOUT
      client = new HttpClient({
        timeout,
        connectTimeout: Math.min(CONNECT_TIMEOUT, timeout),
        retries: 2,
        verify: cloud.verify,
        cacert: cloud.cacert,
        cert: cloud.cert,
        key: cloud.key,
        log: this.log,
        userAgent: `openstackoid/${this.settings.version} node/${process.version}`,
      })
      this.httpClients.set(cloud.name, client)
    }

    return client
  }

  /** Clouds of clouds.yaml, and (only when a name is not a cloud) the regions of the home catalog. */
  async known(names: string[]): Promise<Known> {
    const {listCloudNames} = await import('../config/index.js')
    const clouds = await listCloudNames(this.settings.config)
    const regions = names.some((name) => !clouds.includes(name)) ? await this.homeRegions() : []
    return {clouds, regions}
  }

  /** The session of an instance by name: a clouds.yaml cloud, else a region of the home cloud. */
  async open(name: string, known?: Known): Promise<Session> {
    const existing = this.sessions.get(name)
    if (existing) return existing
    const cloud = await this.home()
    const {clouds, regions} = known ?? (await this.known([name]))
    let session: Session
    if (clouds.includes(name)) {
      const {resolveNamedCloud} = await import('../config/index.js')
      const named = await resolveNamedCloud(name, this.settings.config)
      session = new Session({name, cloud: named, region: named.regionName, ...this.apiVersions(named)}, this.http(named), this.cache)
    } else if (regions.includes(name)) {
      session = new Session({name, cloud, region: name, ...this.apiVersions(cloud)}, this.http(cloud), this.cache, {}, this.homeSession())
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
   * The fixed API versions of an instance: for each, the flag, else the OS_* variable, else the
   * cloud's clouds.yaml key (compute_api_version, volume_api_version); unset when none says one.
   */
  private apiVersions(cloud: CloudConfig): {computeApiVersion?: string; volumeApiVersion?: string} {
    const fixed = (flag: string | undefined, variable: string, key: string) => {
      const value = flag ?? this.settings.env[variable] ?? cloud.extra[key]
      return value === undefined || value === null || value === '' ? undefined : String(value)
    }

    return {
      computeApiVersion: fixed(this.settings.computeApiVersion, 'OS_COMPUTE_API_VERSION', 'compute_api_version'),
      volumeApiVersion: fixed(this.settings.volumeApiVersion, 'OS_VOLUME_API_VERSION', 'volume_api_version'),
    }
  }
}
