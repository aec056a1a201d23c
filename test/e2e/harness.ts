/** End-to-end harness: the real bin/run.js, spawned, against the simulator running in this process. */
import {strict as assert} from 'node:assert'
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {startSim, type Sim, type SimOptions} from '../sim/index.js'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const BIN = join(ROOT, 'bin', 'run.js')

export interface Run {
  stdout: string
  stderr: string
  code: number
}

export interface World {
  sim: Sim
  dir: string
  cloudsFile: string
  env: Record<string, string>
  run(args: string[], env?: Record<string, string | undefined>, onSpawn?: (child: ChildProcess) => void): Promise<Run>
  stop(): Promise<void>
}

/** Starts a simulator and a private HOME / cache / clouds.yaml for the CLI. */
export async function world(options: SimOptions, cloudsYaml?: (sim: Sim) => string): Promise<World> {
  const sim = await startSim(options)
  const dir = mkdtempSync(join(tmpdir(), 'oid-e2e-'))
  const cloudsFile = join(dir, 'clouds.yaml')
  writeFileSync(cloudsFile, cloudsYaml ? cloudsYaml(sim) : sim.cloudsYaml())
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    OS_CLIENT_CONFIG_FILE: cloudsFile,
    COLUMNS: '200',
  }
  return {
    sim,
    dir,
    cloudsFile,
    env,
    run: async (args, extra = {}, onSpawn) => runCli(args, {...env, ...extra}, dir, onSpawn),
    async stop() {
      await sim.stop()
      rmSync(dir, {recursive: true, force: true})
    },
  }
}

/** Runs a program to its end, collecting stdout and stderr (never throws on a non-zero exit). */
export async function spawnCollect(
  command: string,
  args: string[],
  options: {env: Record<string, string | undefined>; cwd?: string; onSpawn?: (child: ChildProcess) => void},
): Promise<Run> {
  const clean: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) clean[key] = value
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {env: clean, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']})
    options.onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({stdout, stderr, code: code ?? -1}))
  })
}

/** openstackoid (bin/run.js) with this environment. */
export async function runCli(args: string[], env: Record<string, string | undefined>, cwd: string, onSpawn?: (child: ChildProcess) => void): Promise<Run> {
  return spawnCollect(process.execPath, [BIN, ...args], {env, cwd, onSpawn})
}

/** Debian's python-openstackclient, the oracle. */
export const OSC = '/usr/bin/openstack'

/** python-openstackclient with this environment (PATH reduced to the system's, so it never finds a developer's venv). */
export async function runOsc(args: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  return spawnCollect(OSC, args, {env: {...env, PATH: '/usr/bin:/bin'}, cwd})
}

/**
 * The network suites' world: InstanceOne and InstanceTwo, started before the suite and checked
 * after it for a token that crossed instances. Returns a runner of `--os-cloud InstanceOne …`.
 */
export function twoInstanceSuite(): (...args: string[]) => Promise<Run> {
  let w: World
  before(async () => {
    w = await world({instances: ['InstanceOne', 'InstanceTwo']})
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })
  return async (...args) => w.run(['--os-cloud', 'InstanceOne', ...args])
}
