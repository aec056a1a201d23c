/**
 * A tiny Keystone/Glance/Nova client for the benchmark's own set-up and clean-up (never timed):
 * password auth from a clouds.yaml entry, endpoints from the catalog, 127.0.0.1 only.
 */
import {request} from 'node:http'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {randomBytes} from 'node:crypto'

export interface CloudAuth {
  auth_url: string
  username: string
  password: string
  project_name: string
  user_domain_name?: string
  project_domain_name?: string
}

export interface CloudEntry {
  auth: CloudAuth
  region_name?: string
  interface?: string
}

interface CatalogEntry {
  type: string
  endpoints: {interface: string; url: string; region?: string; region_id?: string}[]
}

/** Throws unless `url` is http(s)://127.0.0.1 or localhost: the benchmark contacts nothing else. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') throw new Error(`refusing to contact ${url}: the benchmark only talks to 127.0.0.1`)
}

export class Admin {
  private token?: string
  private catalog: CatalogEntry[] = []

  constructor(
    readonly name: string,
    private readonly cloud: CloudEntry,
  ) {
    assertLocal(cloud.auth.auth_url)
  }

  async authToken(): Promise<string> {
    if (this.token) return this.token
    const a = this.cloud.auth
    const base = a.auth_url.replace(/\/+$/, '').replace(/\/v3$/, '')
    const res = await fetch(`${base}/v3/auth/tokens`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({
        auth: {
          identity: {methods: ['password'], password: {user: {name: a.username, password: a.password, domain: {name: a.user_domain_name ?? 'Default'}}}},
          scope: {project: {name: a.project_name, domain: {name: a.project_domain_name ?? 'Default'}}},
        },
      }),
      signal: AbortSignal.timeout(30_000),
    })
    if (res.status !== 201) throw new Error(`${this.name}: Keystone answered ${res.status} to the benchmark's auth`)
    const body = (await res.json()) as {token: {catalog?: CatalogEntry[]}}
    this.token = res.headers.get('x-subject-token') ?? undefined
    this.catalog = body.token.catalog ?? []
    if (!this.token) throw new Error(`${this.name}: no X-Subject-Token`)
    return this.token
  }

  async endpoint(type: string): Promise<string | undefined> {
    await this.authToken()
    const iface = (this.cloud.interface ?? 'public').replace(/URL$/, '')
    const entry = this.catalog.find((c) => c.type === type)
    const ep = entry?.endpoints.find((e) => e.interface === iface && (!this.cloud.region_name || (e.region_id ?? e.region) === this.cloud.region_name)) ?? entry?.endpoints.find((e) => e.interface === iface)
    if (ep) assertLocal(ep.url)
    return ep?.url.replace(/\/+$/, '')
  }

  async imageUrl(): Promise<string> {
    const ep = await this.endpoint('image')
    if (!ep) throw new Error(`${this.name}: no image endpoint`)
    return ep.replace(/\/v2(\.\d+)?$/, '')
  }

  async json(method: string, url: string, body?: unknown): Promise<{status: number; body: unknown}> {
    const token = await this.authToken()
    const res = await fetch(url, {
      method,
      headers: {'x-auth-token': token, ...(body === undefined ? {} : {'content-type': 'application/json'})},
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON
    }
    return {status: res.status, body: parsed}
  }

  async images(name?: string): Promise<{id: string; name: string | null; status: string}[]> {
    const base = await this.imageUrl()
    const out: {id: string; name: string | null; status: string}[] = []
    let next: string | undefined = `/v2/images?limit=1000${name ? `&name=${encodeURIComponent(name)}` : ''}`
    while (next) {
      const r = await this.json('GET', `${base}${next.replace(/^\/image/, '')}`)
      if (r.status !== 200) throw new Error(`${this.name}: image list answered ${r.status}`)
      const b = r.body as {images: {id: string; name: string | null; status: string}[]; next?: string}
      out.push(...b.images)
      next = b.next
    }
    return out
  }

  async createImage(body: Record<string, unknown>): Promise<string> {
    const r = await this.json('POST', `${await this.imageUrl()}/v2/images`, body)
    if (r.status !== 201) throw new Error(`${this.name}: image create answered ${r.status}: ${JSON.stringify(r.body)}`)
    return (r.body as {id: string}).id
  }

  async deleteImage(id: string): Promise<void> {
    const r = await this.json('DELETE', `${await this.imageUrl()}/v2/images/${id}`)
    if (r.status !== 204 && r.status !== 404) throw new Error(`${this.name}: image delete answered ${r.status}`)
  }

  /** Deletes every image called `name` (or, with a predicate, every image it accepts). */
  async deleteImagesNamed(name: string | ((n: string | null) => boolean)): Promise<number> {
    const list = typeof name === 'string' ? await this.images(name) : (await this.images()).filter((i) => name(i.name))
    for (const i of list) await this.deleteImage(i.id)
    return list.length
  }

  /** Streams `size` bytes (a random 1 MiB block repeated) into image `id`: constant memory. */
  async uploadGenerated(id: string, size: number): Promise<void> {
    const url = new URL(`${await this.imageUrl()}/v2/images/${id}/file`)
    const token = await this.authToken()
    const block = randomBytes(1024 * 1024)
    async function* gen(): AsyncGenerator<Buffer> {
      let left = size
      while (left > 0) {
        const n = Math.min(left, block.length)
        yield n === block.length ? block : block.subarray(0, n)
        left -= n
      }
    }
    await new Promise<void>((resolve, reject) => {
      const req = request(url, {method: 'PUT', headers: {'x-auth-token': token, 'content-type': 'application/octet-stream', 'content-length': String(size)}}, (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`${this.name}: upload answered ${res.statusCode}`))))
      })
      req.on('error', reject)
      pipeline(Readable.from(gen()), req).catch(reject)
    })
  }

  /** True when the catalog has compute and Nova lists flavors. */
  async hasCompute(): Promise<boolean> {
    const ep = await this.endpoint('compute')
    if (!ep) return false
    try {
      const r = await this.json('GET', `${ep}/flavors`)
      return r.status === 200 && Array.isArray((r.body as {flavors?: unknown})?.flavors) && ((r.body as {flavors: unknown[]}).flavors.length > 0)
    } catch {
      return false
    }
  }
}
