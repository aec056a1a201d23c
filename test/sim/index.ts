/**
 * The simulator: one Node process serving N independent OpenStack instances on 127.0.0.1.
 * Each instance has the devstack layout: one main port with /identity, /image, /compute and
 * /placement prefixes, and Neutron on a port of its own. It never imports the client (src/).
 */
import {mkdir, mkdtemp, rm} from 'node:fs/promises'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {handleImage, seedImage} from './glance.js'
import {HttpError, newRequestId, sendJson, sendServiceError} from './http.js'
import {cinderState, configureVolume, handleVolume} from './cinder/index.js'
import {handleIdentity} from './keystone.js'
import {requestScope, stripScope} from './openstackoid.js'
import {handleNetwork, neutronState} from './neutron.js'
import {configureNetworkQuotas} from './neutron/quotas.js'
import {configureCompute, failNextBoot, handleCompute, novaState} from './nova/index.js'
import {handlePlacement} from './placement.js'
import {defaultImageSeeds} from './seeds.js'
import {DEFAULT_USERS, InstanceState, fernetLike, hexId, type Ctx} from './state.js'
import type {Fault, RecordedRequest, RecordedServerCreate, SimAppCredential, SimImage, SimImageSeed, SimInstanceSpec, SimOptions, SimService, SimUser, SimVolumeInfo} from './types.js'

export type * from './types.js'
export {CIRROS_NAME, defaultImageSeeds, extraImageSeeds} from './seeds.js'
export {deterministicBytes, imageJson} from './glance.js'

export interface SimInstance {
  name: string
  /** http://127.0.0.1:PORT */
  baseUrl: string
  /** baseUrl + '/identity' */
  authUrl: string
  ports: {main: number; network: number}
  /** The admin user's application credential (unrestricted secret known, scoped to project admin). */
  appCredential: SimAppCredential
  /** Project id by name (ids are random per instance). */
  projectId(name: string): string
  /** User id by name. */
  userId(name: string): string
  issuedTokens(): Set<string>
  addImage(seed: SimImageSeed): SimImage
  images(): SimImage[]
  /** Every token issued so far becomes invalid (401), to test re-auth. */
  revokeTokens(): void
  fault(f: Fault): void
  clearFaults(): void
  /** The next `n` (default 1) server boots go ERROR with Nova's "No valid host was found. " fault. */
  failNextBoot(n?: number): void
  /** Every `POST /compute/v2.1/servers` received (valid or not), in order. */
  serverCreates(): RecordedServerCreate[]
  /** Servers Nova holds now (live objects; deleted ones disappear). */
  servers(): {id: string; name: string; status: string; projectId: string}[]
  /** Volumes Cinder holds now (deleted ones disappear). */
  volumes(): SimVolumeInfo[]
  /** Stop listening (connection refused), same ports kept for up(). */
  down(): Promise<void>
  up(): Promise<void>
}

export interface Sim {
  instances: SimInstance[]
  instance(name: string): SimInstance
  /** Every request received, in arrival order (live array). */
  requests: RecordedRequest[]
  clearRequests(): void
  /** Requests that carried a token issued by ANOTHER instance's keystone. */
  tokenLeaks(): RecordedRequest[]
  /** clouds.yaml with one cloud per instance (default user admin). */
  cloudsYaml(opts?: {user?: string}): string
  stop(): Promise<void>
}

const PREFIXES: [string, SimService][] = [
  ['/identity', 'identity'],
  ['/image', 'image'],
  ['/compute', 'compute'],
  ['/placement', 'placement'],
  ['/volume', 'block-storage'],
]

const HANDLERS: Record<SimService, (ctx: Ctx) => Promise<void>> = {
  identity: handleIdentity,
  image: handleImage,
  compute: handleCompute,
  network: handleNetwork,
  placement: handlePlacement,
  'block-storage': handleVolume,
  other: async () => {
    throw new HttpError(404, 'The resource could not be found.')
  },
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue
    out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e)
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve()
      return
    }
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** The service type a request path names (main port prefixes; the network port is Neutron). */
function serviceOf(kind: 'main' | 'network', pathname: string): SimService {
  if (kind === 'network') return 'network'
  for (const [prefix, s] of PREFIXES) if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return s
  return 'other'
}

class Instance implements SimInstance {
  readonly main: Server
  readonly network: Server
  appCredential!: SimAppCredential
  /** OpenStackoïd mode: every instance of the sim, to route by the request's scope. */
  peers?: Map<string, Instance>

  constructor(
    readonly state: InstanceState,
    private readonly record: (r: RecordedRequest) => void,
  ) {
    // No request timeout (image uploads stream for as long as they need); idle keep-alive
    // connections are kept 60 s so pooled clients rarely race a server-side close.
    const opts = {requestTimeout: 0, keepAliveTimeout: 60_000}
    this.main = createServer(opts, (req, res) => void this.serve('main', req, res))
    this.network = createServer(opts, (req, res) => void this.serve('network', req, res))
  }

  get name(): string {
    return this.state.name
  }
  get baseUrl(): string {
    return this.state.baseUrl
  }
  get authUrl(): string {
    return this.state.authUrl
  }
  get ports(): {main: number; network: number} {
    return {main: this.state.mainPort, network: this.state.networkPort}
  }

  projectId(name: string): string {
    const p = this.state.findProject(name)
    if (!p) throw new Error(`sim ${this.name}: no project ${name}`)
    return p.id
  }

  userId(name: string): string {
    const u = this.state.userByName(name)
    if (!u) throw new Error(`sim ${this.name}: no user ${name}`)
    return u.id
  }

  issuedTokens(): Set<string> {
    return new Set(this.state.tokens.keys())
  }

  addImage(seed: SimImageSeed): SimImage {
    return addImageSync(this.state, seed)
  }

  images(): SimImage[] {
    return [...this.state.images.values()]
  }

  revokeTokens(): void {
    for (const t of this.state.tokens.values()) t.revoked = true
  }

  fault(f: Fault): void {
    this.state.faults.push({fault: f, remaining: f.count ?? Infinity})
  }

  clearFaults(): void {
    this.state.faults = []
  }

  failNextBoot(n = 1): void {
    failNextBoot(this.state, n)
  }

  serverCreates(): RecordedServerCreate[] {
    return novaState(this.state).creates.slice()
  }

  servers(): {id: string; name: string; status: string; projectId: string}[] {
    return [...novaState(this.state).servers.values()]
  }

  volumes(): SimVolumeInfo[] {
    return [...cinderState(this.state).volumes.values()].map((v) => ({
      id: v.id,
      name: v.name,
      status: v.status,
      size: v.size,
      projectId: v.projectId,
      bootable: v.bootable,
      serverIds: v.attachments.map((a) => a.serverId),
    }))
  }

  /** OpenStackoïd's proxy: pick the instance the scope names for this request's service. */
  private route(kind: 'main' | 'network', req: IncomingMessage): Instance {
    const scope = requestScope(req)
    stripScope(req)
    if (!scope || req.headers['x-oid-forwarded']) return this
    const service = serviceOf(kind, (req.url ?? '/').split('?')[0])
    const target = scope[service] ? this.peers!.get(scope[service]) : undefined
    if (!target || target === this) return this
    req.headers['x-oid-forwarded'] = this.name
    return target
  }

  async down(): Promise<void> {
    await Promise.all([close(this.main), close(this.network)])
  }

  async up(): Promise<void> {
    if (!this.main.listening) await listen(this.main, this.state.mainPort)
    if (!this.network.listening) await listen(this.network, this.state.networkPort)
  }

  async start(mainPort: number, networkPort: number): Promise<void> {
    this.state.mainPort = await listen(this.main, mainPort)
    this.state.networkPort = await listen(this.network, networkPort)
    this.state.buildCatalog()
  }

  private async serve(kind: 'main' | 'network', req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.peers) {
      const target = this.route(kind, req)
      if (target !== this) return target.serve(kind, req, res)
    }

    const at = Date.now()
    const raw = req.url ?? '/'
    const qi = raw.indexOf('?')
    const pathname = qi < 0 ? raw : raw.slice(0, qi)
    const rawQuery = qi < 0 ? '' : raw.slice(qi + 1)
    let service: SimService = 'other'
    let sub = pathname
    if (kind === 'network') service = 'network'
    else {
      for (const [prefix, s] of PREFIXES) {
        if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
          service = s
          sub = pathname.slice(prefix.length)
          break
        }
      }
    }
    const headers = flatHeaders(req)
    const method = req.method ?? 'GET'
    const rec: RecordedRequest = {instance: this.name, service, method, path: raw, headers, status: 0, at}
    if (headers['x-auth-token'] !== undefined) rec.token = headers['x-auth-token']
    this.record(rec)
    res.on('finish', () => {
      rec.status = res.statusCode
    })
    const requestId = newRequestId()
    res.setHeader('x-openstack-request-id', requestId)
    if (service === 'compute') res.setHeader('x-compute-request-id', requestId)

    const fault = this.state.matchFault(service, method, pathname)
    if (fault) {
      if (fault.latencyMs) await sleep(fault.latencyMs)
      if (fault.drop) {
        req.socket.destroy()
        return
      }
      if (fault.status) {
        sendServiceError(res, service, fault.status, undefined, headers['accept'])
        return
      }
      applyStreamFaults(fault, req, res)
    }

    const ctx: Ctx = {
      req,
      res,
      inst: this.state,
      service,
      path: sub,
      query: new URLSearchParams(rawQuery),
      rawQuery,
      requestId,
      accept: headers['accept'],
    }
    try {
      await HANDLERS[service](ctx)
    } catch (e) {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (e instanceof HttpError) {
        if (e.body !== undefined) sendJson(res, e.status, e.body, e.headers)
        else sendServiceError(res, service, e.status, e.message, headers['accept'], e.headers)
        return
      }
      if (req.destroyed || (e as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE') {
        res.destroy()
        return
      }
      sendServiceError(res, service, 500, `Simulator error: ${(e as Error)?.message ?? String(e)}`, headers['accept'])
    }
  }
}

/** The faults that act on a reply or a request body while the handler runs (see Fault). */
function applyStreamFaults(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  if (fault.holdMs) {
    const hold = fault.holdMs
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    res.end = ((...args: unknown[]) => {
      setTimeout(() => {
        if (!res.destroyed) end(...args)
      }, hold)
      return res
    }) as typeof res.end
  }

  if (fault.cutAfterBytes !== undefined) {
    let left = fault.cutAfterBytes
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean
    const cut = (chunk: unknown, rest: unknown[]): boolean => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      if (buffer.length < left) {
        left -= buffer.length
        return write(buffer, ...rest)
      }

      if (left > 0) write(buffer.subarray(0, left))
      left = 0
      setImmediate(() => res.socket?.destroy())
      return false
    }

    res.write = ((chunk: unknown, ...rest: unknown[]) => cut(chunk, rest)) as typeof res.write
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') cut(chunk, [])
      if (left > 0) return end(...(typeof chunk === 'function' ? [chunk] : rest))
      return res
    }) as typeof res.end
  }

  if (fault.corruptByteAt !== undefined) {
    let offset = 0
    const at = fault.corruptByteAt
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      let buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      if (at >= offset && at < offset + buffer.length) {
        buffer = Buffer.from(buffer)
        buffer[at - offset] ^= 0xff
      }

      offset += buffer.length
      return write(buffer, ...rest)
    }) as typeof res.write
  }

  if (fault.slowBodyMs) {
    const pause = fault.slowBodyMs
    req.on('data', () => {
      req.pause()
      setTimeout(() => req.resume(), pause)
    })
  }
}

let seedClock = 0

function addImageSync(state: InstanceState, seed: SimImageSeed): SimImage {
  const created = seed.created_at ? Date.parse(seed.created_at) : Date.now() + seedClock++
  return seedImage(state, seed, created)
}

function specOf(s: string | SimInstanceSpec): SimInstanceSpec {
  return typeof s === 'string' ? {name: s} : s
}

export async function startSim(opts: SimOptions): Promise<Sim> {
  const requests: RecordedRequest[] = []
  const instances: Instance[] = []
  const dataRoot = await mkdtemp(join(tmpdir(), 'oid-sim-'))
  const names = new Set<string>()
  try {
    for (const [i, raw] of opts.instances.entries()) {
      const spec = specOf(raw)
      if (names.has(spec.name)) throw new Error(`sim: duplicate instance name ${spec.name}`)
      names.add(spec.name)
      const dataDir = join(dataRoot, String(i))
      await mkdir(dataDir)
      const state = new InstanceState(spec.name, spec.tokenTtlSeconds ?? 3600, dataDir)
      if (spec.imageHashAlgorithm) state.imageHashAlgorithm = spec.imageHashAlgorithm
      populate(state, spec)
      configureCompute(state, spec.compute)
      if (spec.volume === false) state.hasVolume = false
      else configureVolume(state, spec.volume)
      if (spec.network === false) state.hasNetwork = false
      else if (spec.network?.quotas) configureNetworkQuotas(neutronState(state), spec.network.quotas)
      const inst = new Instance(state, (r) => requests.push(r))
      const base = opts.portBase
      await inst.start(base ? base + 10 * i : 0, base ? base + 10 * i + 1 : 0)
      inst.appCredential = seedAppCredential(state)
      const seeds = spec.images ?? defaultImageSeeds()
      const start = Math.floor(Date.now() / 1000) * 1000 - seeds.length * 60_000
      for (const [k, seed] of seeds.entries()) {
        seedImage(state, seed, seed.created_at ? Date.parse(seed.created_at) : start + k * 60_000)
      }
      instances.push(inst)
    }

    if (opts.openstackoid) {
      // One federation: every proxy knows every instance, and services accept any member's tokens.
      const peers = new Map(instances.map((i) => [i.name, i]))
      for (const inst of instances) {
        inst.peers = peers
        inst.state.trusted = instances.map((i) => i.state)
      }
    }
  } catch (e) {
    await Promise.all(instances.map((i) => i.down()))
    await rm(dataRoot, {recursive: true, force: true})
    throw e
  }

  const byName = (name: string): Instance => {
    const i = instances.find((x) => x.name === name)
    if (!i) throw new Error(`sim: no instance ${name} (have ${instances.map((x) => x.name).join(', ')})`)
    return i
  }

  return {
    instances,
    instance: byName,
    requests,
    clearRequests() {
      requests.length = 0
    },
    tokenLeaks() {
      return requests.filter((r) => {
        if (!r.token) return false
        const owner = instances.find((i) => i.state.tokens.has(r.token!))
        return owner !== undefined && owner.name !== r.instance
      })
    },
    cloudsYaml(o = {}) {
      return cloudsYaml(instances, o.user ?? 'admin')
    },
    async stop() {
      await Promise.all(instances.map((i) => i.down()))
      await rm(dataRoot, {recursive: true, force: true})
    },
  }
}

function populate(state: InstanceState, spec: SimInstanceSpec): void {
  state.addProject('admin', 'Bootstrap project for initializing the cloud.')
  state.addProject('service')
  for (const p of ['demo', 'alt_demo', ...(spec.projects ?? [])]) state.addProject(p)
  const users: SimUser[] = [...DEFAULT_USERS]
  for (const u of spec.users ?? []) {
    const i = users.findIndex((x) => x.name === u.name)
    if (i >= 0) users[i] = u
    else users.push(u)
  }
  for (const u of users) state.addUser(u)
}

function seedAppCredential(state: InstanceState): SimAppCredential {
  const admin = state.userByName('admin')
  if (!admin) throw new Error('sim: the admin user is needed for the seeded application credential')
  const [projectId, roles] = [...admin.assignments.entries()][0]
  const ac = {
    id: hexId(),
    name: 'sim-admin-appcred',
    secret: fernetLike().slice(7, 7 + 86),
    user: admin.name,
    userId: admin.id,
    projectId,
    roles: state.rolesOn(admin, projectId).length ? state.rolesOn(admin, projectId) : roles,
  }
  state.appCreds.set(ac.id, ac)
  const {roles: _r, ...pub} = ac
  void _r
  return pub
}

function q(s: string): string {
  return JSON.stringify(s)
}

function cloudsYaml(instances: Instance[], userName: string): string {
  const lines = ['clouds:']
  for (const i of instances) {
    const u = i.state.userByName(userName)
    if (!u) throw new Error(`sim: no user ${userName} in ${i.name}`)
    const project = i.state.projects.get([...u.assignments.keys()][0])!
    lines.push(
      `  ${q(i.name)}:`,
      `    auth:`,
      `      auth_url: ${q(i.authUrl)}`,
      `      username: ${q(u.name)}`,
      `      password: ${q(u.password)}`,
      `      project_name: ${q(project.name)}`,
      `      user_domain_name: "Default"`,
      `      project_domain_name: "Default"`,
      `    region_name: ${q(i.name)}`,
      `    interface: "public"`,
      `    identity_api_version: 3`,
    )
  }
  return lines.join('\n') + '\n'
}
