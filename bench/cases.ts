/**
 * The benchmark cases. Each case prepares a cloud (its own simulator, or the real instances), and
 * gives two sides, openstackoid (A) and the peer (B: OSC, or curl for the copy), run interleaved.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import YAML from 'yaml'

import {extraImageSeeds, startSim, type Sim, type SimImageSeed, type SimInstanceSpec} from '../test/sim/index.js'
import {Admin, assertLocal, type CloudEntry} from './admin.js'
import {runOnce, type Cmd, type Sample} from './measure.js'

export interface Side {
  label: string
  cmd(i: number): Cmd
  before?(i: number): Promise<void>
  after?(i: number, s: Sample): Promise<void>
  /** An error message when a run's output is not what the command must print. */
  check?(s: Sample): string | undefined
}

export interface Prepared {
  a: Side
  b: Side
  /** Bytes moved per run (throughput cases). */
  bytes?: number
  /** What the case ran against, for the table. */
  cloud: string
  note?: string
  teardown(): Promise<void>
}

export interface CaseDef {
  name: string
  title: string
  setup(h: Harness): Promise<Prepared | {skip: string}>
}

export interface Harness {
  root: string
  bin: string
  tmp: string
  quick: boolean
  /** The real instances' clouds.yaml (when --real found them running). */
  realClouds?: string
}

export const OSC_BIN = '/usr/bin/openstack'

// ---------------------------------------------------------------- environments

const STRIP = /^(OS_|OPENSTACKOID_|https?_proxy$|HTTPS?_PROXY$|all_proxy$|ALL_PROXY$|no_proxy$|NO_PROXY$)/

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!STRIP.test(k)) env[k] = v
  env.NO_PROXY = env.no_proxy = '127.0.0.1,localhost'
  env.LC_ALL = 'C.UTF-8'
  return env
}

function oidEnv(cloudsFile: string, cacheDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {...baseEnv(), OS_CLIENT_CONFIG_FILE: cloudsFile, XDG_CACHE_HOME: cacheDir, ...extra}
}

/** Debian's OSC: /usr/bin first (the pyenv python on PATH cannot import it). */
function oscEnv(cloudsFile: string): NodeJS.ProcessEnv {
  const env = baseEnv()
  env.PATH = '/usr/bin:/bin'
  for (const k of ['PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV', 'PYENV_VERSION']) delete env[k]
  env.OS_CLIENT_CONFIG_FILE = cloudsFile
  return env
}

/**
 * openstackoid as its users run it: the bin/run.js program (its #!/bin/sh line starts `node` from
 * PATH, without NODE_EXTRA_CA_CERTS in Node's start-up: see bin/run.js), as OSC is /usr/bin/openstack.
 */
function oid(h: Harness, args: string[], env: NodeJS.ProcessEnv): Cmd {
  return {argv: [h.bin, ...args], env: {...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? '/usr/bin:/bin'}`}, cwd: h.root}
}

function osc(args: string[], env: NodeJS.ProcessEnv): Cmd {
  return {argv: [OSC_BIN, ...args], env}
}

function sh(script: string, env: NodeJS.ProcessEnv, args: string[] = []): Cmd {
  return {argv: ['/bin/bash', '-c', `set -eo pipefail\n${script}`, 'bench', ...args], env}
}

// ---------------------------------------------------------------- simulator plumbing

interface SimCloud {
  sim: Sim
  dir: string
  cloudsFile: string
  admins: Map<string, Admin>
  oidEnv: NodeJS.ProcessEnv
  oidEnvNoCache: NodeJS.ProcessEnv
  oscEnv: NodeJS.ProcessEnv
  stop(): Promise<void>
}

let caseSeq = 0

function caseDir(h: Harness, name: string): string {
  const dir = join(h.tmp, `${String(caseSeq++).padStart(2, '0')}-${name}`)
  mkdirSync(dir, {recursive: true})
  return dir
}

function cloudsOf(yamlText: string): Record<string, CloudEntry> {
  return (YAML.parse(yamlText) as {clouds?: Record<string, CloudEntry>})?.clouds ?? {}
}

async function simCloud(h: Harness, name: string, instances: SimInstanceSpec[]): Promise<SimCloud> {
  const dir = caseDir(h, name)
  const sim = await startSim({instances})
  const cloudsFile = join(dir, 'clouds.yaml')
  const text = sim.cloudsYaml()
  writeFileSync(cloudsFile, text)
  const admins = new Map(Object.entries(cloudsOf(text)).map(([n, c]) => [n, new Admin(n, c)]))
  return {
    sim,
    dir,
    cloudsFile,
    admins,
    oidEnv: oidEnv(cloudsFile, join(dir, 'cache')),
    oidEnvNoCache: oidEnv(cloudsFile, join(dir, 'cache-unused'), {OPENSTACKOID_NO_TOKEN_CACHE: '1'}),
    oscEnv: oscEnv(cloudsFile),
    async stop() {
      await sim.stop()
      await rm(dir, {recursive: true, force: true})
    },
  }
}

const NOVA_SKIP = 'the simulator has no Nova yet'

async function novaReady(c: SimCloud, instance: string): Promise<boolean> {
  return c.admins.get(instance)!.hasCompute()
}

/** Lines of a table with at least `rows` data rows (header and 3 rules = 4 more lines). */
function tableRows(rows: number): (s: Sample) => string | undefined {
  return (s) => (s.lines >= rows + 4 ? undefined : `expected a table of ${rows} rows, got ${s.lines} lines`)
}

function publicImages(n: number, prefix = 'image'): SimImageSeed[] {
  if (prefix === 'image') return extraImageSeeds(n)
  return extraImageSeeds(n).map((s) => ({...s, name: s.name.replace(/^image/, prefix)}))
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes / 1024 ** 2} MiB`
}

// ---------------------------------------------------------------- cases on the simulator

const startup: CaseDef = {
  name: 'startup',
  title: 'start-up (`--version`)',
  async setup(h) {
    const dir = caseDir(h, 'startup')
    const clouds = join(dir, 'clouds.yaml')
    writeFileSync(clouds, 'clouds: {}\n')
    return {
      cloud: 'none',
      a: {label: 'openstackoid', cmd: () => oid(h, ['--version'], oidEnv(clouds, join(dir, 'cache')))},
      b: {label: 'OSC', cmd: () => osc(['--version'], oscEnv(clouds))},
      teardown: () => rm(dir, {recursive: true, force: true}),
    }
  },
}

function tokenCase(warm: boolean): CaseDef {
  return {
    name: warm ? 'token-warm' : 'token-cold',
    title: warm ? '`token issue`, warm token cache' : '`token issue`, no token cache',
    async setup(h) {
      const c = await simCloud(h, this.name, [{name: 'One', images: []}])
      const args = ['token', 'issue', '--os-cloud', 'One']
      return {
        cloud: 'simulator',
        note: warm ? 'openstackoid reads the token cached by the warm-up run; OSC never caches' : 'openstackoid with OPENSTACKOID_NO_TOKEN_CACHE=1; OSC as always',
        a: {label: 'openstackoid', cmd: () => oid(h, args, warm ? c.oidEnv : c.oidEnvNoCache), check: tableRows(4)},
        b: {label: 'OSC', cmd: () => osc(args, c.oscEnv), check: tableRows(4)},
        teardown: () => c.stop(),
      }
    },
  }
}

function imageListCase(n: number, quickN: number): CaseDef {
  return {
    name: `image-list-${n}`,
    title: `\`image list\`, ${n} images`,
    async setup(h) {
      const count = h.quick ? quickN : n
      const c = await simCloud(h, this.name, [{name: 'One', images: publicImages(count)}])
      const args = ['image', 'list', '--os-cloud', 'One']
      return {
        cloud: 'simulator',
        note: count !== n ? `${count} images (--quick)` : 'openstackoid with a warm token cache',
        a: {label: 'openstackoid', cmd: () => oid(h, args, c.oidEnv), check: tableRows(count)},
        b: {label: 'OSC', cmd: () => osc(args, c.oscEnv), check: tableRows(count)},
        teardown: () => c.stop(),
      }
    },
  }
}

const imageShow: CaseDef = {
  name: 'image-show',
  title: '`image show` by name',
  async setup(h) {
    const c = await simCloud(h, this.name, [{name: 'One', images: [...publicImages(30), {name: 'bench-show-me', data: 4096, disk_format: 'qcow2', container_format: 'bare', visibility: 'public', tags: ['bench'], properties: {os_distro: 'cirros'}}]}])
    const args = ['image', 'show', 'bench-show-me', '--os-cloud', 'One']
    return {
      cloud: 'simulator',
      note: '31 images; openstackoid with a warm token cache',
      a: {label: 'openstackoid', cmd: () => oid(h, args, c.oidEnv), check: tableRows(10)},
      b: {label: 'OSC', cmd: () => osc(args, c.oscEnv), check: tableRows(10)},
      teardown: () => c.stop(),
    }
  },
}

/** A read command of the field's chores, side by side with OSC on one simulated instance (warm token cache). */
function choreCase(name: string, title: string, args: string[], rows: number, prepare?: (c: SimCloud) => Promise<void>): CaseDef {
  return {
    name,
    title,
    async setup(h) {
      const c = await simCloud(h, this.name, [{name: 'One', compute: {buildPolls: 1}}])
      await prepare?.(c)
      const full = [...args, '--os-cloud', 'One']
      return {
        cloud: 'simulator',
        note: `${full.join(' ')}; openstackoid with a warm token cache`,
        a: {label: 'openstackoid', cmd: () => oid(h, full, c.oidEnv), check: tableRows(rows)},
        b: {label: 'OSC', cmd: () => osc(full, c.oscEnv), check: tableRows(rows)},
        teardown: () => c.stop(),
      }
    },
  }
}

const keypairList = choreCase('keypair-list', '`keypair list`', ['keypair', 'list'], 3, async (c) => {
  const admin = c.admins.get('One')!
  const compute = await admin.endpoint('compute')
  for (const name of ['bench-key-1', 'bench-key-2', 'bench-key-3']) {
    const r = await admin.json('POST', `${compute}/os-keypairs`, {keypair: {name, public_key: BENCH_PUBLIC_KEY}})
    if (r.status !== 200 && r.status !== 201) throw new Error(`keypair create answered ${r.status}`)
  }
})
const securityGroupList = choreCase('security-group-list', '`security group list`', ['security', 'group', 'list'], 1)
const limitsShow = choreCase('limits-show', '`limits show --absolute`', ['limits', 'show', '--absolute'], 10)
const volumeList = choreCase('volume-list', '`volume list`', ['volume', 'list'], 3, async (c) => {
  const admin = c.admins.get('One')!
  const cinder = await admin.endpoint('block-storage')
  for (const name of ['bench-vol-1', 'bench-vol-2', 'bench-vol-3']) {
    const r = await admin.json('POST', `${cinder}/volumes`, {volume: {size: 1, name}})
    if (r.status !== 202) throw new Error(`volume create answered ${r.status}`)
  }
})

/** A fixed public key for the keypair case (its private half was never kept). */
const BENCH_PUBLIC_KEY =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7fVbJ2Y4ZpN1bJ3Q0wR9m1sYb7m0cJ8yYkq2m9nq2vH1bS0tq1m7d0n9d2f3b4a5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8 bench@openstackoid'

const computeSpec = {buildPolls: 1, maxInstances: 10_000}

const serverCreate: CaseDef = {
  name: 'server-create',
  title: '`server create --wait`, one instance',
  async setup(h) {
    const c = await simCloud(h, this.name, [{name: 'One', compute: computeSpec}])
    if (!(await novaReady(c, 'One'))) {
      await c.stop()
      return {skip: NOVA_SKIP}
    }
    const image = 'cirros-0.6.2-x86_64-disk'
    return {
      cloud: 'simulator',
      note: 'a server is BUILD on the first poll, ACTIVE on the next; OSC sleeps 5 s between polls (as users see it), openstackoid 0.25 s then doubling',
      a: {label: 'openstackoid', cmd: (i) => oid(h, ['server', 'create', `bench-oid-${i}`, '--flavor', 'm1.tiny', '--image', image, '--no-network', '--wait', '--os-cloud', 'One'], c.oidEnv)},
      b: {
        label: 'OSC',
        cmd: (i) => osc(['--os-cloud', 'One', '--os-compute-api-version', '2.37', 'server', 'create', `bench-osc-${i}`, '--flavor', 'm1.tiny', '--image', image, '--nic', 'none', '--wait'], c.oscEnv),
      },
      teardown: () => c.stop(),
    }
  },
}

const crossBoot: CaseDef = {
  name: 'cross-boot',
  title: 'cross-instance boot (image in B, server in A)',
  async setup(h) {
    const size = h.quick ? 1024 ** 2 : 16 * 1024 ** 2
    const src = 'bench-cirros'
    const c = await simCloud(h, this.name, [
      {name: 'A', compute: computeSpec, images: []},
      {name: 'B', compute: computeSpec, images: [{name: src, data: size, disk_format: 'qcow2', container_format: 'bare', visibility: 'public'}]},
    ])
    if (!(await novaReady(c, 'A'))) {
      await c.stop()
      return {skip: NOVA_SKIP}
    }
    const a = c.admins.get('A')!
    const file = join(c.dir, 'image.qcow2')
    const scope = JSON.stringify({compute: 'A', image: 'B'})
    const script = [
      'openstack --os-cloud B image save --file "$1" "$2"',
      'openstack --os-cloud A image create --file "$1" --disk-format qcow2 --container-format bare "$3"',
      'openstack --os-cloud A --os-compute-api-version 2.37 server create --flavor m1.tiny --image "$3" --nic none --wait "$4"',
    ].join('\n')
    return {
      cloud: 'simulator',
      note: `${sizeLabel(size)} image; OSC by hand: image save from B to a file, image create --file in A, server create --wait in A (one script, 3 processes); openstackoid: one server create --scope '${scope}' --wait, its copy deleted after each run so that every run copies`,
      a: {
        label: 'openstackoid',
        cmd: (i) => oid(h, ['server', 'create', `bench-oid-${i}`, '--flavor', 'm1.tiny', '--image', src, '--no-network', '--scope', scope, '--wait', '--os-cloud', 'A'], c.oidEnv),
        after: async () => {
          await a.deleteImagesNamed(src)
        },
      },
      b: {
        label: 'OSC by hand',
        cmd: (i) => sh(script, c.oscEnv, [file, src, `bench-osc-copy-${i}`, `bench-osc-${i}`]),
        after: async (i) => {
          await rm(file, {force: true})
          await a.deleteImagesNamed(`bench-osc-copy-${i}`)
        },
      },
      teardown: () => c.stop(),
    }
  },
}

function fanoutCase(n: number): CaseDef {
  return {
    name: `fanout-${n}`,
    title: `\`image list\` across ${n} instance${n > 1 ? 's' : ''}`,
    async setup(h) {
      const names = Array.from({length: n}, (_, k) => `F${k + 1}`)
      const c = await simCloud(h, this.name, names.map((name) => ({name})))
      const scope = JSON.stringify({image: names.join(' & ')})
      return {
        cloud: 'simulator',
        note: `openstackoid: one image list --scope '${scope}' (warm token cache); OSC: for c in ${names.join(' ')}; do openstack --os-cloud $c image list; done`,
        a: {label: 'openstackoid', cmd: () => oid(h, ['image', 'list', '--scope', scope, '--os-cloud', 'F1'], c.oidEnv), check: tableRows(5 * n)},
        b: {label: 'OSC loop', cmd: () => sh('for c in "$@"; do openstack --os-cloud "$c" image list; done', c.oscEnv, names), check: (s) => (s.lines >= 9 * n ? undefined : `expected ${n} tables, got ${s.lines} lines`)},
        teardown: () => c.stop(),
      }
    },
  }
}

const copy: CaseDef = {
  name: 'copy',
  title: 'image copy between two instances',
  async setup(h) {
    const size = h.quick ? 64 * 1024 ** 2 : 1024 ** 3
    const c = await simCloud(h, this.name, [
      {name: 'A', images: []},
      {name: 'B', images: []},
    ])
    const a = c.admins.get('A')!
    const b = c.admins.get('B')!
    const name = 'bench-big'
    // The seed would build the bytes in memory: create a queued image and stream them in instead.
    const id = await a.createImage({name, disk_format: 'raw', container_format: 'bare', visibility: 'public'})
    await a.uploadGenerated(id, size)
    const [ta, tb] = [await a.authToken(), await b.authToken()]
    const [ia, ib] = [await a.imageUrl(), await b.imageUrl()]
    let target = ''
    const pipe = [
      'curl -sS -f -H "X-Auth-Token: $TA" "$SRC_URL" \\',
      '  | curl -sS -f -X PUT -H "X-Auth-Token: $TB" -H "Content-Type: application/octet-stream" -T - "$DST_URL"',
    ].join('\n')
    return {
      cloud: 'simulator',
      bytes: size,
      note: `${sizeLabel(size)}; openstackoid image copy (warm token cache; its time includes auth, lookups, creating the image and checking the hash) against curl GET …/file | curl PUT …/file of an image created beforehand (untimed); the copy is deleted after each run`,
      a: {
        label: 'openstackoid',
        cmd: () => oid(h, ['image', 'copy', name, '--to', 'B', '--os-cloud', 'A', '-f', 'value', '-c', 'id'], c.oidEnv),
        after: async () => {
          await b.deleteImagesNamed(() => true)
        },
        check: (s) => (s.lines === 1 ? undefined : `expected one id, got ${JSON.stringify(s.stdout.slice(0, 200))}`),
      },
      b: {
        label: 'curl | curl',
        before: async (i) => {
          target = await b.createImage({name: `bench-pipe-${i}`, disk_format: 'raw', container_format: 'bare'})
        },
        cmd: () => sh(pipe, {...c.oscEnv, TA: ta, TB: tb, SRC_URL: `${ia}/v2/images/${id}/file`, DST_URL: `${ib}/v2/images/${target}/file`}),
        after: async () => {
          await b.deleteImagesNamed(() => true)
        },
      },
      teardown: () => c.stop(),
    }
  },
}

/**
 * The world of the fleet cases: A and B, an image `src` of `size` bytes in B, and the scripts that
 * boot in A from it, one HOME per boot (`boot`), or `n` of them at once (`fleet`).
 */
async function fleetWorld(h: Harness, name: string, src: string, size: number, n: number) {
  const c = await simCloud(h, name, [
    {name: 'A', compute: computeSpec, images: []},
    {name: 'B', compute: computeSpec, images: []},
  ])
  const b = c.admins.get('B')!
  const id = await b.createImage({name: src, disk_format: 'qcow2', container_format: 'bare', visibility: 'public'})
  await b.uploadGenerated(id, size)
  const scope = JSON.stringify({compute: 'A', image: 'B'})
  const homes = join(c.dir, 'homes')
  const home = (i: number | string, k: number) => `${homes}/${i}-${k}`
  const boot = (i: number | string, k: number) => `HOME=${home(i, k)} XDG_CACHE_HOME=${home(i, k)}/cache "$BIN" server create ${src}-${i}-${k} --flavor m1.tiny --image ${src} --no-network --scope '${scope}' --wait --os-cloud A -f value -c status`
  const fleet = (i: number) => [`mkdir -p ${Array.from({length: n}, (_, k) => home(i, k)).join(' ')}`, ...Array.from({length: n}, (_, k) => `${boot(i, k)} & pids="$pids $!"`), 'for p in $pids; do wait $p; done'].join('\n')
  const env = {...c.oidEnv, PATH: `${dirname(process.execPath)}:${c.oidEnv.PATH ?? '/usr/bin:/bin'}`, BIN: h.bin}
  const uploadsIntoA = () => c.sim.requests.filter((r) => r.instance === 'A' && r.method === 'PUT' && r.path.endsWith('/file')).length
  return {c, scope, home, boot, fleet, env, uploadsIntoA}
}

/**
 * A CI fleet starting its workers: N machines (a HOME and token cache each) boot at once in A from
 * the same image of B. One copy must be made (checked after every run: one upload into A), and the
 * slowest boot must take at most 1.3× a single boot (the peer side here is one openstackoid boot).
 */
function fleetBoot(n: number): CaseDef {
  return {
    name: `fleet-boot-${n}`,
    title: `${n} concurrent cross-instance boots (separate HOMEs) vs one`,
    async setup(h) {
      const size = h.quick ? 16 * 1024 ** 2 : 256 * 1024 ** 2
      const src = 'bench-fleet'
      const {c, scope, boot, fleet, env, uploadsIntoA} = await fleetWorld(h, this.name, src, size, n)
      const a = c.admins.get('A')!
      let uploadsBefore = 0
      const oneCopy = async () => {
        const made = uploadsIntoA() - uploadsBefore
        if (made !== 1) throw new Error(`expected the image to be uploaded into A once, it was ${made} times`)
        await a.deleteImagesNamed(src)
      }
      return {
        cloud: 'simulator',
        bytes: size,
        note: `${sizeLabel(size)} image in B; openstackoid ×${n}: ${n} server create --scope '${scope}' --wait started at once, each with its own HOME (no shared token cache), the copy deleted after each run so that every run copies; checked after every run: exactly one upload into A (bytes moved = 1× the image); peer: one such boot alone`,
        a: {label: `openstackoid ×${n}`, cmd: (i) => sh(fleet(i), env), before: async () => void (uploadsBefore = uploadsIntoA()), after: oneCopy, check: (s) => (s.lines === n ? undefined : `expected ${n} statuses, got ${JSON.stringify(s.stdout.slice(0, 200))}`)},
        b: {label: 'openstackoid ×1', cmd: (i) => sh(boot(1000 + i, 0), env), before: async () => void (uploadsBefore = uploadsIntoA()), after: oneCopy},
        teardown: () => c.stop(),
      }
    },
  }
}

/**
 * What the machine itself costs a fleet, with no copy to make: N processes started at once
 * (`--version`, then a boot whose copy already exists in A), each against one alone. On a shared
 * machine this contention is in the fleet's figure before the protocol adds anything.
 */
function startupCrowd(n: number): CaseDef {
  return {
    name: `startup-${n}`,
    title: `${n} start-ups at once (\`--version\`) vs one`,
    async setup(h) {
      const dir = caseDir(h, this.name)
      const clouds = join(dir, 'clouds.yaml')
      writeFileSync(clouds, 'clouds: {}\n')
      const env = {...oidEnv(clouds, join(dir, 'cache')), PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`, BIN: h.bin}
      const crowd = [...Array.from({length: n}, () => '"$BIN" --version & pids="$pids $!"'), 'for p in $pids; do wait $p; done'].join('\n')
      return {
        cloud: 'none',
        note: `openstackoid ×${n}: ${n} \`openstackoid --version\` started at once; peer: one alone`,
        a: {label: `openstackoid ×${n}`, cmd: () => sh(crowd, env), check: (x) => (x.lines === n ? undefined : `expected ${n} lines, got ${x.lines}`)},
        b: {label: 'openstackoid ×1', cmd: () => sh('"$BIN" --version', env)},
        teardown: () => rm(dir, {recursive: true, force: true}),
      }
    },
  }
}

function fleetReuse(n: number): CaseDef {
  return {
    name: `fleet-reuse-${n}`,
    title: `${n} concurrent boots from an existing copy (separate HOMEs) vs one`,
    async setup(h) {
      const size = h.quick ? 16 * 1024 ** 2 : 256 * 1024 ** 2
      const src = 'bench-reuse'
      const {c, scope, home, boot, fleet, env, uploadsIntoA} = await fleetWorld(h, this.name, src, size, n)
      // The copy every run reuses, made once, untimed.
      const made = await runOnce(sh(`mkdir -p ${home('seed', 0)}\n${boot('seed', 0)}`, env), c.dir)
      if (made.code !== 0 || uploadsIntoA() !== 1) throw new Error(`the seed boot did not copy the image once: ${made.stderrTail.slice(-300)}`)
      const noCopy = async () => {
        if (uploadsIntoA() !== 1) throw new Error(`a boot copied the image again (${uploadsIntoA()} uploads into A)`)
      }
      return {
        cloud: 'simulator',
        note: `${sizeLabel(size)} image in B, copied into A once before the runs; openstackoid ×${n}: ${n} server create --scope '${scope}' --wait started at once from separate HOMEs, all reusing that copy (checked: no other upload); peer: one such boot alone. The fleet case's floor on this machine: its contention without a copy`,
        a: {label: `openstackoid ×${n}`, cmd: (i) => sh(fleet(i), env), after: noCopy, check: (x) => (x.lines === n ? undefined : `expected ${n} statuses, got ${JSON.stringify(x.stdout.slice(0, 200))}`)},
        b: {label: 'openstackoid ×1', cmd: (i) => sh(boot(1000 + i, 0), env), after: noCopy},
        teardown: () => c.stop(),
      }
    },
  }
}

/** `image copy --to "T1 & T2 & T3 & T4"`: the source read once, streamed to four instances at once. */
const copyFour: CaseDef = {
  name: 'copy-4',
  title: 'image copy to four instances at once',
  async setup(h) {
    const size = h.quick ? 64 * 1024 ** 2 : 1024 ** 3
    const targets = ['T1', 'T2', 'T3', 'T4']
    const c = await simCloud(h, this.name, [{name: 'S', images: []}, ...targets.map((name) => ({name, images: []}))])
    const s = c.admins.get('S')!
    const name = 'bench-big4'
    const id = await s.createImage({name, disk_format: 'raw', container_format: 'bare', visibility: 'public'})
    await s.uploadGenerated(id, size)
    const admins = targets.map((t) => c.admins.get(t)!)
    const tokens = await Promise.all([s, ...admins].map(async (x) => x.authToken()))
    const urls = await Promise.all([s, ...admins].map(async (x) => x.imageUrl()))
    let ids: string[] = []
    const put = (k: number) => `curl -sS -f -X PUT -H "X-Auth-Token: $T${k}" -H "Content-Type: application/octet-stream" -T - "$U${k}"`
    const pipe = `curl -sS -f -H "X-Auth-Token: $T0" "$U0" | tee >(${put(1)}) >(${put(2)}) >(${put(3)}) | ${put(4)}\nwait`
    const clear = async () => {
      for (const admin of admins) await admin.deleteImagesNamed(() => true)
    }
    return {
      cloud: 'simulator',
      bytes: size,
      note: `${sizeLabel(size)}; openstackoid image copy --to "${targets.join(' & ')}" (warm token cache; includes auth, lookups, the reservations and their election, checking the hashes) against curl GET | tee >(curl PUT) ×3 | curl PUT into images created beforehand (untimed); the copies are deleted after each run`,
      a: {label: 'openstackoid', cmd: () => oid(h, ['image', 'copy', name, '--to', targets.join(' & '), '--os-cloud', 'S', '-f', 'value', '-c', 'id'], c.oidEnv), after: clear, check: (x) => (x.lines === 4 ? undefined : `expected four ids, got ${JSON.stringify(x.stdout.slice(0, 300))}`)},
      b: {
        label: 'curl | tee | curl ×4',
        before: async (i) => {
          ids = await Promise.all(admins.map(async (admin) => admin.createImage({name: `bench-pipe-${i}`, disk_format: 'raw', container_format: 'bare'})))
        },
        cmd: () => {
          const env: NodeJS.ProcessEnv = {...c.oscEnv, T0: tokens[0], U0: `${urls[0]}/v2/images/${id}/file`}
          ids.forEach((target, k) => {
            env[`T${k + 1}`] = tokens[k + 1]
            env[`U${k + 1}`] = `${urls[k + 1]}/v2/images/${target}/file`
          })
          return sh(pipe, env)
        },
        after: clear,
      },
      teardown: () => c.stop(),
    }
  },
}

export const SIM_CASES: CaseDef[] = [
  startup,
  tokenCase(false),
  tokenCase(true),
  imageListCase(30, 30),
  imageListCase(1000, 200),
  imageShow,
  serverCreate,
  crossBoot,
  fanoutCase(1),
  fanoutCase(2),
  fanoutCase(4),
  fanoutCase(8),
  copy,
  fleetBoot(8),
  startupCrowd(8),
  fleetReuse(8),
  copyFour,
  keypairList,
  securityGroupList,
  limitsShow,
  volumeList,
]

// ---------------------------------------------------------------- the real instances

export const REAL_CLOUDS = 'test/integration/state/clouds.yaml'
const REAL_NAMES = ['InstanceOne', 'InstanceTwo']

/** The real clouds.yaml when it names both instances and their Keystone answers; else why not. */
export async function realCloudsReady(root: string): Promise<{file: string} | {why: string}> {
  const file = join(root, REAL_CLOUDS)
  if (!existsSync(file)) return {why: `${REAL_CLOUDS} does not exist`}
  const clouds = cloudsOf(readFileSync(file, 'utf8'))
  const missing = REAL_NAMES.filter((n) => !clouds[n])
  if (missing.length) return {why: `${REAL_CLOUDS} has no ${missing.join(', ')}`}
  for (const n of REAL_NAMES) {
    const url = clouds[n].auth.auth_url
    try {
      assertLocal(url)
      const res = await fetch(url, {signal: AbortSignal.timeout(5000)})
      await res.arrayBuffer()
      if (res.status >= 500) return {why: `${n}'s Keystone (${url}) answers ${res.status}`}
    } catch (e) {
      return {why: `${n}'s Keystone (${url}) does not answer: ${(e as Error).message}`}
    }
  }
  return {file}
}

function realBase(h: Harness, name: string): {dir: string; file: string; oidEnv: NodeJS.ProcessEnv; oidEnvNoCache: NodeJS.ProcessEnv; oscEnv: NodeJS.ProcessEnv; admin(n: string): Admin} {
  const file = h.realClouds!
  const dir = caseDir(h, name)
  const clouds = cloudsOf(readFileSync(file, 'utf8'))
  return {
    dir,
    file,
    oidEnv: oidEnv(file, join(dir, 'cache')),
    oidEnvNoCache: oidEnv(file, join(dir, 'cache-unused'), {OPENSTACKOID_NO_TOKEN_CACHE: '1'}),
    oscEnv: oscEnv(file),
    admin: (n) => new Admin(n, clouds[n]),
  }
}

function realToken(warm: boolean): CaseDef {
  return {
    name: warm ? 'real-token-warm' : 'real-token-cold',
    title: warm ? '`token issue`, warm token cache [real]' : '`token issue`, no token cache [real]',
    async setup(h) {
      const r = realBase(h, this.name)
      const args = ['token', 'issue', '--os-cloud', 'InstanceOne']
      return {
        cloud: 'real (InstanceOne)',
        a: {label: 'openstackoid', cmd: () => oid(h, args, warm ? r.oidEnv : r.oidEnvNoCache), check: tableRows(4)},
        b: {label: 'OSC', cmd: () => osc(args, r.oscEnv), check: tableRows(4)},
        teardown: () => rm(r.dir, {recursive: true, force: true}),
      }
    },
  }
}

const realImageList: CaseDef = {
  name: 'real-image-list',
  title: '`image list` [real]',
  async setup(h) {
    const r = realBase(h, this.name)
    const n = (await r.admin('InstanceOne').images()).length
    const args = ['image', 'list', '--os-cloud', 'InstanceOne']
    return {
      cloud: 'real (InstanceOne)',
      note: `${n} images visible to the admin project`,
      a: {label: 'openstackoid', cmd: () => oid(h, args, r.oidEnv)},
      b: {label: 'OSC', cmd: () => osc(args, r.oscEnv)},
      teardown: () => rm(r.dir, {recursive: true, force: true}),
    }
  },
}

const realImageShow: CaseDef = {
  name: 'real-image-show',
  title: '`image show` by name [real]',
  async setup(h) {
    const r = realBase(h, this.name)
    const images = (await r.admin('InstanceOne').images()).filter((i) => i.name)
    const names = images.map((i) => i.name!)
    const name = names.find((n) => names.indexOf(n) === names.lastIndexOf(n))
    if (!name) {
      await rm(r.dir, {recursive: true, force: true})
      return {skip: 'InstanceOne has no uniquely named image'}
    }
    const args = ['image', 'show', name, '--os-cloud', 'InstanceOne']
    return {
      cloud: 'real (InstanceOne)',
      note: `image ${name}`,
      a: {label: 'openstackoid', cmd: () => oid(h, args, r.oidEnv), check: tableRows(10)},
      b: {label: 'OSC', cmd: () => osc(args, r.oscEnv), check: tableRows(10)},
      teardown: () => rm(r.dir, {recursive: true, force: true}),
    }
  },
}

function realFanout(n: 1 | 2): CaseDef {
  return {
    name: `real-fanout-${n}`,
    title: `\`image list\` across ${n} instance${n > 1 ? 's' : ''} [real]`,
    async setup(h) {
      const r = realBase(h, this.name)
      const names = REAL_NAMES.slice(0, n)
      const scope = JSON.stringify({image: names.join(' & ')})
      return {
        cloud: 'real',
        a: {label: 'openstackoid', cmd: () => oid(h, ['image', 'list', '--scope', scope, '--os-cloud', names[0]], r.oidEnv)},
        b: {label: 'OSC loop', cmd: () => sh('for c in "$@"; do openstack --os-cloud "$c" image list; done', r.oscEnv, names)},
        teardown: () => rm(r.dir, {recursive: true, force: true}),
      }
    },
  }
}

export const REAL_CASES: CaseDef[] = [realToken(false), realToken(true), realImageList, realImageShow, realFanout(1), realFanout(2)]
