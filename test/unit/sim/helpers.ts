/** Helpers for the simulator's unit tests: plain fetch, no client code. */
import {startSim, type Sim, type SimInstance, type SimOptions} from '../../sim/index.js'

export interface Reply {
  status: number
  headers: Headers
  text: string
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallInit {
  method?: string
  headers?: Record<string, string>
  token?: string
  /** A string or bytes are sent as they are; anything else as JSON. */
  body?: unknown
}

export async function call(url: string, init: CallInit = {}): Promise<Reply> {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('X-Auth-Token', init.token)
  let body: string | Uint8Array | undefined
  if (init.body === undefined) body = undefined
  else if (typeof init.body === 'string' || init.body instanceof Uint8Array) body = init.body
  else {
    body = JSON.stringify(init.body)
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  }
  if (!headers.has('accept')) headers.set('Accept', 'application/json')
  const res = await fetch(url, {method: init.method, headers, body: body as string | undefined})
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return {status: res.status, headers: res.headers, text, json}
}

export function passwordAuth(user: string, password: string, scope?: unknown): unknown {
  const auth: Record<string, unknown> = {
    identity: {methods: ['password'], password: {user: {name: user, domain: {name: 'Default'}, password}}},
  }
  if (scope !== undefined) auth.scope = scope
  return {auth}
}

export function projectScope(name: string): unknown {
  return {project: {name, domain: {name: 'Default'}}}
}

/** A project-scoped token for `user` (password `secret`) on its own project. */
export async function login(inst: SimInstance, user = 'admin', project = user === 'admin' ? 'admin' : user): Promise<string> {
  const r = await call(`${inst.authUrl}/v3/auth/tokens`, {method: 'POST', body: passwordAuth(user, 'secret', projectScope(project))})
  if (r.status !== 201) throw new Error(`login ${user} failed: ${r.status} ${r.text}`)
  return r.headers.get('x-subject-token')!
}

export function imageUrl(inst: SimInstance, path: string): string {
  return `${inst.baseUrl}/image${path}`
}

/**
 * The Neutron tests' world: a simulator with these instances, and InstanceOne's admin and demo
 * tokens and a URL maker for its Neutron.
 */
export async function neutronWorld(instances: SimOptions['instances']): Promise<{sim: Sim; one: SimInstance; admin: string; demo: string; net: (path: string) => string}> {
  const sim = await startSim({instances})
  const one = sim.instance('InstanceOne')
  return {sim, one, admin: await login(one), demo: await login(one, 'demo'), net: (path) => `http://127.0.0.1:${one.ports.network}${path}`}
}
