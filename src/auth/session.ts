import type {Readable} from 'node:stream'

import {findEndpoint, type Endpoint, type Interface} from '../catalog/catalog.js'
import {discover} from '../catalog/discovery.js'
import type {CloudConfig} from '../config/index.js'
import {ApiError, OidError} from '../errors.js'
import type {HttpClient, HttpRequest, HttpResponse} from '../http/client.js'
import {isFresh, type CacheEntry, type TokenCache} from './cache.js'
import {issueToken} from './keystone.js'
import type {AuthRef, VersionInfo} from './types.js'

/**
 * One Session per instance a command touches: it owns that instance's token and catalog (cached
 * on disk), finds its endpoints, and sends its requests. A token only ever goes to URLs from the
 * catalog that came with it, or to the Keystone that issued it.
 */

export interface InstanceTarget {
  /** The instance name: a clouds.yaml cloud, or a region of the home cloud. */
  name: string
  cloud: CloudConfig
  /** The region to pick endpoints in (the cloud's region_name, or the region the name denotes). */
  region?: string
  /** --os-compute-api-version / OS_COMPUTE_API_VERSION / compute_api_version: a fixed microversion. */
  computeApiVersion?: string
  /** --os-volume-api-version / OS_VOLUME_API_VERSION / volume_api_version: '3' (the default) or a fixed 3.x microversion. */
  volumeApiVersion?: string
}

export interface ServiceRequest {
  method: HttpRequest['method']
  /** Path relative to the versioned service URL ('/images'), or an absolute URL from the same service. */
  path: string
  query?: Record<string, string | number | boolean | string[] | undefined>
  json?: unknown
  body?: HttpRequest['body']
  headers?: Record<string, string>
  accept?: HttpRequest['accept']
  retry?: boolean
}

/** Extra headers for every request (OpenStackoïd deployments: X-Scope); token suffix. */
export interface RequestDecorator {
  headers?: Record<string, string>
  tokenSuffix?: string
  /** Where the deployment routes identity: part of the token's cache key (another Keystone, another token). */
  identityRoute?: string
}

export class Session {
  private auth?: AuthRef
  private pending?: Promise<AuthRef>
  private readonly discovery: Record<string, VersionInfo> = {}
  private readonly discovering = new Map<string, Promise<VersionInfo>>()
  private readonly cacheKey: string

  constructor(
    readonly target: InstanceTarget,
    private readonly http: HttpClient,
    private readonly cache: TokenCache,
    private readonly decorator: RequestDecorator = {},
    /** A region of the home cloud shares the home cloud's token (one Keystone). */
    private readonly parent?: Session,
  ) {
    this.cacheKey = cache.key(decorator.identityRoute ? {...cacheParams(target.cloud), identityRoute: decorator.identityRoute} : cacheParams(target.cloud))
  }

  get name(): string {
    return this.target.name
  }

  get interface(): Interface {
    return this.target.cloud.interface
  }

  /** The cached token, if there is a fresh one, without any network. */
  cached(): AuthRef | undefined {
    if (this.parent) return this.parent.cached()
    if (this.auth && isFresh(this.auth)) return this.auth
    const entry = this.cache.read(this.cacheKey)
    if (entry && isFresh(entry.auth)) {
      this.auth = entry.auth
      Object.assign(this.discovery, entry.discovery)
      return this.auth
    }

    return undefined
  }

  /** The token and catalog: cached, else issued (single-flight within the process). */
  async authenticate(): Promise<AuthRef> {
    if (this.parent) return this.parent.authenticate()
    const cached = this.cached()
    if (cached) return cached
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  private async issue(): Promise<AuthRef> {
    const {checkAuth, needsPassword} = await import('../config/index.js')
    // No password configured and a terminal: prompt, as OSC does. The password goes into this one
    // request only: target.cloud (and so the cache key, computed without it) is left unchanged, so
    // the next run without a password finds the cached token instead of prompting again.
    let cloud = this.target.cloud
    if (needsPassword(cloud)) {
      const {canPrompt, promptPassword} = await import('../config/prompt.js')
      if (canPrompt()) cloud = {...cloud, auth: {...cloud.auth, password: await promptPassword(this.name)}}
    }

    checkAuth(cloud)
    const auth = await issueToken(this.http, cloud, this.name, this.decorator.headers)
    this.auth = auth
    for (const key of Object.keys(this.discovery)) delete this.discovery[key]
    this.save()
    return auth
  }

  /** Forget the token (a service answered 401): here and on disk. */
  invalidate(): void {
    if (this.parent) return this.parent.invalidate()
    this.auth = undefined
    this.cache.drop(this.cacheKey)
  }

  private save(): void {
    if (!this.auth) return
    const entry: CacheEntry = {version: 1, auth: this.auth, discovery: this.discovery}
    try {
      this.cache.write(this.cacheKey, entry)
    } catch {
      // a cache that cannot be written (read-only home) costs speed, not correctness
    }
  }

  /** The catalog endpoint of a service type in this instance's region and interface. */
  async endpoint(type: string): Promise<Endpoint> {
    const auth = await this.authenticate()
    return findEndpoint(auth.catalog, {type, interface: this.interface, region: this.target.region, instance: this.name})
  }

  /** Versioned base URL (and microversion range) of a service, discovered once per URL. */
  async service(type: string): Promise<VersionInfo & {endpoint: Endpoint}> {
    const endpoint = await this.endpoint(type)
    // A region shares its parent's token, so its discovery results are cached with that token too.
    const owner = this.parent ?? this
    let info = owner.discovery[endpoint.url]
    if (!info) {
      // Lookups run side by side (a server create's flavor, image and network): one GET per URL.
      let pending = owner.discovering.get(endpoint.url)
      if (!pending) {
        pending = discover(this.http, type, endpoint.url, this.name).then((found) => {
          owner.discovery[endpoint.url] = found
          owner.save()
          return found
        })
        owner.discovering.set(endpoint.url, pending)
        pending.then(
          () => owner.discovering.delete(endpoint.url),
          () => owner.discovering.delete(endpoint.url),
        )
      }

      info = await pending
    }

    return {...info, endpoint}
  }

  async request<T = unknown>(type: string, req: ServiceRequest): Promise<HttpResponse<T>> {
    return this.withToken(type, req, true, async (url, headers) => this.http.request<T>({...this.base(type, req, url, headers), json: req.json}))
  }

  /** A streamed response (download) or a streamed request body (upload). */
  async stream(type: string, req: ServiceRequest): Promise<HttpResponse<Readable>> {
    const replayable = req.body === undefined || typeof req.body === 'string' || Buffer.isBuffer(req.body)
    return this.withToken(type, req, replayable, async (url, headers) => this.http.stream(this.base(type, req, url, headers)))
  }

  /** The versioned URL a request goes to, for messages and for callers that hand URLs around. */
  async url(type: string, path: string, query?: ServiceRequest['query']): Promise<string> {
    return resolveUrl((await this.service(type)).url, path, query)
  }

  private base(type: string, req: ServiceRequest, url: string, headers: Record<string, string>): HttpRequest {
    return {method: req.method, url, headers: {...headers, ...req.headers}, body: req.body, accept: req.accept, retry: req.retry, instance: this.name, service: type}
  }

  /** Sends with the token; on a 401, drops the token, re-authenticates once and sends again. */
  private async withToken<R>(type: string, req: ServiceRequest, replayable: boolean, send: (url: string, headers: Record<string, string>) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const auth = await this.authenticate()
      const info = await this.service(type)
      const url = resolveUrl(info.url, req.path, req.query)
      assertOwnUrl(url, auth, this.name)
      try {
        return await send(url, this.tokenHeaders(auth))
      } catch (error) {
        if (attempt === 1 && replayable && error instanceof ApiError && error.status === 401) {
          this.invalidate()
          continue
        }

        throw error
      }
    }
  }

  private tokenHeaders(auth: AuthRef): Record<string, string> {
    return {'X-Auth-Token': auth.token + (this.decorator.tokenSuffix ?? ''), ...this.decorator.headers}
  }
}

/** Resolves a request path against the versioned service URL; absolute URLs must stay on it. */
export function resolveUrl(serviceUrl: string, path: string, query?: ServiceRequest['query']): string {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(serviceUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`))
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item)
      else url.searchParams.append(key, String(value))
    }
  }

  return url.toString()
}

/** The parameters that identify a token: auth URL, type, who, scope. Secrets are hashed by the cache. */
export function cacheParams(cloud: CloudConfig): Record<string, unknown> {
  return {authType: cloud.authType, ...cloud.auth}
}

/**
 * A token goes only to the Keystone that issued it and to the endpoints of its own catalog.
 * Every URL a request is about to use (including `next` links from the cloud) is checked here.
 */
export function assertOwnUrl(url: string, auth: AuthRef, instance: string): void {
  const origin = new URL(url).origin
  if (new URL(auth.identityUrl).origin === origin) return
  for (const service of auth.catalog) {
    for (const endpoint of service.endpoints) {
      if (new URL(endpoint.url).origin === origin) return
    }
  }

  throw new OidError(`Refusing to send the token of ${instance} to ${origin}: that address is not in ${instance}'s catalog.`, {
    hint: 'A link in a response pointed outside the instance; this is a bug in the cloud or in openstackoid: please report it with --debug output.',
  })
}
