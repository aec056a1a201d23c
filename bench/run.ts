/**
 * `npm run bench`: openstackoid against python-openstackclient (OSC) on the same clouds.
 *
 *   node dist/bench/run.js [--quick] [--case NAME]... [--runs N] [--warmup N] [--real] [--list]
 *
 * See bench/README.md.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {cpus, hostname, loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'

import {OSC_BIN, REAL_CASES, REAL_CLOUDS, SIM_CASES, realCloudsReady, type CaseDef, type Harness, type Side} from './cases.js'
import {runOnce, stats, timeAvailable, TIME_BIN, type Sample} from './measure.js'
import {evaluateTargets, markdown, type CaseResult, type RunInfo} from './report.js'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/run.js')
const RESULTS = join(ROOT, 'bench/results')

function log(s: string): void {
  process.stderr.write(`${s}\n`)
}

function usage(): string {
  return [
    'usage: npm run bench -- [--quick] [--case NAME]... [--runs N] [--warmup N] [--real] [--list]',
    '  --quick      3 runs per side, smaller images (200 instead of 1,000; 64 MiB instead of 1 GiB)',
    '  --case NAME  run only the cases whose name is NAME or starts with NAME- (repeatable)',
    '  --runs N     measured runs per side (default 10, --quick 3)',
    '  --warmup N   warm-up runs per side (default 1)',
    '  --real       also run the cases against the real instances of test/integration (never started here)',
    '  --list       list the cases',
    'A full run (all cases, not --quick) writes bench/results/latest.{md,json}; any other run bench/results/partial.{md,json}.',
  ].join('\n')
}

function oscVersion(): Promise<string | undefined> {
  return new Promise((done) => {
    if (!existsSync(OSC_BIN)) return done(undefined)
    let out = ''
    const child = spawn(OSC_BIN, ['--version'], {env: {PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LC_ALL: 'C.UTF-8'}, stdio: ['ignore', 'pipe', 'pipe']})
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (out += d))
    child.on('error', () => done(undefined))
    child.on('close', (code) => done(code === 0 ? out.trim() : undefined))
  })
}

/**
 * Whether Debian's python3 can import osprofiler. It comes with the OpenStack services' packages
 * (test/integration/cloud.sh install), not with python3-openstackclient; when it is there,
 * keystoneauth1 imports it, and with it eventlet and oslo.concurrency: ~0.3 s more for every OSC
 * command on this machine. The report says which case it measured.
 */
function oscLoadsOsprofiler(): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn('/usr/bin/python3', ['-c', 'import osprofiler'], {env: {PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8'}, stdio: 'ignore'})
    child.on('error', () => done(false))
    child.on('close', (code) => done(code === 0))
  })
}

async function runSide(side: Side, i: number, tmp: string): Promise<Sample> {
  if (side.before) await side.before(i)
  const s = await runOnce(side.cmd(i), tmp)
  if (side.after) await side.after(i, s)
  if (s.code !== 0) throw new Error(`${side.label} exited ${s.code}: ${s.stderrTail.trim().split('\n').slice(-4).join(' / ')}`)
  const bad = side.check?.(s)
  if (bad) throw new Error(`${side.label}: ${bad}`)
  return s
}

async function runCase(def: CaseDef, h: Harness, runs: number, warmup: number): Promise<CaseResult> {
  const base = {name: def.name, title: def.title, cloud: '?'}
  let prepared
  try {
    prepared = await def.setup(h)
  } catch (e) {
    return {...base, status: 'failed', why: `set-up: ${(e as Error).message}`}
  }
  if ('skip' in prepared) return {...base, status: 'skipped', why: prepared.skip}
  const p = prepared
  const a: Sample[] = []
  const b: Sample[] = []
  let i = 0
  try {
    for (let k = 0; k < warmup; k++, i++) {
      await runSide(p.a, i, h.tmp)
      await runSide(p.b, i, h.tmp)
    }
    for (let k = 0; k < runs; k++, i++) {
      a.push(await runSide(p.a, i, h.tmp))
      b.push(await runSide(p.b, i, h.tmp))
      process.stderr.write(`\r  ${def.name}: run ${k + 1}/${runs}  ${(a[k].ms / 1000).toFixed(3)} s / ${(b[k].ms / 1000).toFixed(3)} s   `)
    }
    process.stderr.write('\n')
  } catch (e) {
    process.stderr.write('\n')
    await p.teardown().catch(() => {})
    return {...base, cloud: p.cloud, status: 'failed', why: (e as Error).message}
  }
  await p.teardown()
  const sa = stats(a)
  const sb = stats(b)
  return {
    ...base,
    cloud: p.cloud,
    note: p.note,
    status: 'ok',
    aLabel: p.a.label,
    bLabel: p.b.label,
    a: sa,
    b: sb,
    samples: {a: a.map((s) => ({ms: s.ms, rssKiB: s.rssKiB})), b: b.map((s) => ({ms: s.ms, rssKiB: s.rssKiB}))},
    bytes: p.bytes,
    ratio: sb.medianMs / sa.medianMs,
  }
}

async function main(): Promise<number> {
  const {values} = parseArgs({
    options: {
      quick: {type: 'boolean', default: false},
      case: {type: 'string', multiple: true},
      runs: {type: 'string'},
      warmup: {type: 'string'},
      real: {type: 'boolean', default: false},
      list: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false},
    },
  })
  if (values.help) {
    process.stdout.write(`${usage()}\n`)
    return 0
  }
  if (values.list) {
    for (const c of [...SIM_CASES, ...REAL_CASES]) process.stdout.write(`${c.name.padEnd(18)} ${c.title}\n`)
    return 0
  }

  // ---- the peer and the tools
  const osc = await oscVersion()
  if (!osc) {
    log(`The peer, Debian's python-openstackclient, is not installed (${OSC_BIN} is missing or does not run).`)
    log('Install it with: sudo apt-get install python3-openstackclient')
    return 2
  }
  if (!timeAvailable()) {
    log(`${TIME_BIN} (GNU time, used to measure peak RSS) is missing. Install it with: sudo apt-get install time`)
    return 2
  }
  if (!existsSync('/usr/bin/curl')) {
    log('/usr/bin/curl (the copy case\'s baseline) is missing. Install it with: sudo apt-get install curl')
    return 2
  }
  if (!existsSync(join(ROOT, 'dist/commands'))) {
    log('openstackoid is not built: run npm run build (npm run bench does it).')
    return 2
  }

  const runs = values.runs ? Number(values.runs) : values.quick ? 3 : 10
  const warmup = values.warmup ? Number(values.warmup) : 1
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
    log(usage())
    return 2
  }

  let cases = SIM_CASES
  let realState = 'not asked (--real)'
  const tmp = mkdtempSync(join(tmpdir(), 'oid-bench-'))
  const h: Harness = {root: ROOT, bin: BIN, tmp, quick: values.quick}
  if (values.real) {
    const ready = await realCloudsReady(ROOT)
    if ('file' in ready) {
      h.realClouds = ready.file
      cases = [...cases, ...REAL_CASES]
      realState = `running (${REAL_CLOUDS})`
    } else {
      realState = `not running (${ready.why})`
      log(`--real: the real OpenStack instances are not running: ${ready.why}.`)
      log('Start them with: bash test/integration/cloud.sh start   (the benchmark never starts or stops them). Running the simulator cases only.')
    }
  }
  const selected = values.case?.length ? cases.filter((c) => values.case!.some((n) => c.name === n || c.name.startsWith(`${n}-`))) : cases
  if (!selected.length) {
    log(`No case matches ${values.case!.join(', ')}; the cases are: ${cases.map((c) => c.name).join(', ')}`)
    return 2
  }
  const full = !values.quick && !values.case?.length && !values.runs

  const loadBefore = loadavg()
  const started = performance.now()
  log(`openstackoid vs ${osc}: ${selected.length} cases, ${warmup} warm-up + ${runs} runs per side, interleaved. Keep the machine otherwise idle.`)
  const results: CaseResult[] = []
  const stop = () => {
    void rm(tmp, {recursive: true, force: true}).finally(() => process.exit(130))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    for (const def of selected) {
      log(`- ${def.name}: ${def.title}`)
      const r = await runCase(def, h, runs, warmup)
      if (r.status !== 'ok') log(`  ${r.status}: ${r.why}`)
      else log(`  openstackoid ${(r.a!.medianMs / 1000).toFixed(3)} s, ${r.bLabel} ${(r.b!.medianMs / 1000).toFixed(3)} s (${r.ratio!.toFixed(2)}×)`)
      results.push(r)
    }
  } finally {
    await rm(tmp, {recursive: true, force: true})
  }
  evaluateTargets(results)

  const info: RunInfo = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    host: hostname(),
    cpus: cpus().length,
    loadBefore,
    node: process.version,
    osc,
    oscEnvironment: (await oscLoadsOsprofiler())
      ? 'python3-osprofiler installed (with the OpenStack services): OSC also loads osprofiler and eventlet'
      : 'only python3-openstackclient and its dependencies (no osprofiler)',
    runs,
    warmup,
    quick: values.quick,
    real: realState,
    totalSeconds: (performance.now() - started) / 1000,
  }
  const md = markdown(results, info)
  mkdirSync(RESULTS, {recursive: true})
  const stem = full ? 'latest' : 'partial'
  writeFileSync(join(RESULTS, `${stem}.md`), md)
  writeFileSync(join(RESULTS, `${stem}.json`), JSON.stringify({info, results}, null, 2) + '\n')
  process.stdout.write(md)
  log(`Wrote bench/results/${stem}.md and ${stem}.json`)
  return results.some((r) => r.status === 'failed') ? 1 : 0
}

process.exitCode = await main()
