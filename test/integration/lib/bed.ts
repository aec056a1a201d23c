/**
 * The integration bed for mocha tests: cloud.sh, its clouds.yaml, and python-openstackclient
 * (the oracle) run against it. Shared by the test files under test/integration.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {runOsc, type Run} from '../../e2e/harness.js'

export const ROOT = resolve(import.meta.dirname, '../../../..')
export const BED_DIR = join(ROOT, 'test', 'integration')
export const CLOUD_SH = join(BED_DIR, 'cloud.sh')
export const STATE = join(BED_DIR, 'state')
export const CLOUDS = join(STATE, 'clouds.yaml')
/** The two instances cloud.sh starts; each also has a `<name>-demo` cloud (demo user, member). */
export const INSTANCES = ['InstanceOne', 'InstanceTwo'] as const
export type Cloud = (typeof INSTANCES)[number] | `${(typeof INSTANCES)[number]}-demo`

const KEEP = process.env.OID_KEEP_CLOUDS === '1'
let startedHere = false

export function cloudSh(...args: string[]): void {
  const result = spawnSync('bash', [CLOUD_SH, ...args], {stdio: 'inherit', timeout: 900_000})
  if (result.status !== 0) throw new Error(`cloud.sh ${args.join(' ')} failed (exit ${result.status}); see the logs under test/integration/state/`)
}

/** Both instances up (every recorded service of both running, both ready). */
export function bedRunning(): boolean {
  const status = spawnSync('bash', [CLOUD_SH, 'status', ...INSTANCES], {encoding: 'utf8'}).stdout ?? ''
  return existsSync(CLOUDS) && INSTANCES.every((name) => new RegExp(`${name} \\(base port \\d+\\): ready`).test(status)) && !/stopped/.test(status)
}

/** Starts the bed unless it is up already; bedDown() stops it only if this process started it. */
export function bedUp(): void {
  if (bedRunning()) return
  cloudSh('start')
  startedHere = true
}

export function bedDown(): void {
  if (startedHere && !KEEP) cloudSh('stop')
  startedHere = false
}

/** A private HOME/cache and the bed's clouds.yaml for the clients. */
export interface ClientEnv {
  dir: string
  env: Record<string, string>
  dispose(): void
}

export function clientEnv(): ClientEnv {
  const dir = mkdtempSync(join(tmpdir(), 'oid-bed-'))
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), OS_CLIENT_CONFIG_FILE: CLOUDS, COLUMNS: '200'}
  return {dir, env, dispose: () => rmSync(dir, {recursive: true, force: true})}
}

/** /usr/bin/openstack (OSC 6.0) on one cloud of the bed. */
export async function osc(args: string[], cloud: Cloud, env: Record<string, string>): Promise<Run> {
  return runOsc([...args, '--os-cloud', cloud], env)
}

/** OSC with -f json; fails with OSC's stderr when it exits non-zero. */
export async function oscJson<T = any>(args: string[], cloud: Cloud, env: Record<string, string>): Promise<T> {
  const r = await osc([...args, '-f', 'json'], cloud, env)
  if (r.code !== 0) throw new Error(`openstack ${args.join(' ')} (${cloud}) exited ${r.code}: ${r.stderr.trim()}`)
  return JSON.parse(r.stdout) as T
}

/**
 * Polls `probe` (about once a second) until it returns a value for which `done` holds; throws
 * with the last value after `seconds`.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, seconds = 120): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  let last: T
  for (;;) {
    last = await probe()
    if (done(last)) return last
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${seconds} s`)
    await new Promise((r) => setTimeout(r, 1000))
  }
}

/**
 * A direct API session on one cloud of the bed (password auth from clouds.yaml), for polling a
 * status cheaply: one OSC process costs ~1.5 s of CPU, a GET a few milliseconds.
 */
export interface ApiSession {
  get(serviceType: string, path: string): Promise<{status: number; body: any}>
}

export async function apiSession(cloud: Cloud): Promise<ApiSession> {
  const {parse} = await import('yaml')
  const {readFileSync} = await import('node:fs')
  const entry = parse(readFileSync(CLOUDS, 'utf8')).clouds[cloud]
  const a = entry.auth
  const response = await fetch(`${a.auth_url}/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({auth: {
      identity: {methods: ['password'], password: {user: {name: a.username, password: a.password, domain: {name: a.user_domain_name}}}},
      scope: {project: {name: a.project_name, domain: {name: a.project_domain_name}}},
    }}),
  })
  if (response.status !== 201) throw new Error(`keystone ${a.auth_url}: HTTP ${response.status}`)
  const token = response.headers.get('x-subject-token') ?? ''
  const catalog: {type: string; endpoints: {interface: string; region_id: string; url: string}[]}[] = (await response.json()).token.catalog
  return {
    async get(serviceType, path) {
      const url = catalog.find((s) => s.type === serviceType)?.endpoints.find((e) => e.interface === 'public' && e.region_id === entry.region_name)?.url
      if (!url) throw new Error(`no public ${serviceType} endpoint in ${cloud}`)
      const r = await fetch(url + path, {headers: {'X-Auth-Token': token, Accept: 'application/json'}})
      return {status: r.status, body: r.status === 204 ? null : await r.json().catch(() => null)}
    },
  }
}
