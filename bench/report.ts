/** Targets, and the markdown/JSON report. */
import type {Stats} from './measure.js'

export interface CaseResult {
  name: string
  title: string
  cloud: string
  note?: string
  status: 'ok' | 'skipped' | 'failed'
  why?: string
  aLabel?: string
  bLabel?: string
  a?: Stats
  b?: Stats
  /** Every run's wall time (ms) and peak RSS (KiB), in order. */
  samples?: {a: {ms: number; rssKiB: number}[]; b: {ms: number; rssKiB: number}[]}
  bytes?: number
  /** B's median / A's median (> 1: openstackoid is faster; for copies, its throughput ratio). */
  ratio?: number
  target?: {text: string; value?: string; met?: boolean}
}

const MiB = 1024

/** The issue's targets, evaluated on the results of the same run. */
export function evaluateTargets(results: CaseResult[]): void {
  const byName = new Map(results.map((r) => [r.name, r]))
  for (const r of results) {
    if (r.status !== 'ok' || !r.a || !r.b) continue
    const ratio = r.ratio!
    if (r.name === 'token-warm' || r.name === 'real-token-warm' || ['keypair-list', 'security-group-list', 'limits-show', 'volume-list'].includes(r.name)) {
      r.target = {text: '≥ 5× faster than OSC', value: `${ratio.toFixed(1)}×`, met: ratio >= 5}
    } else if (/^(real-)?image-list/.test(r.name)) {
      r.target = {text: '≥ 4× faster than OSC', value: `${ratio.toFixed(1)}×`, met: ratio >= 4}
    } else if (r.name === 'fanout-8') {
      const one = byName.get('fanout-1')
      if (one?.status === 'ok' && one.a) {
        const f = r.a.medianMs / one.a.medianMs
        r.target = {text: '≤ 1.5× the 1-instance time', value: `${f.toFixed(2)}×`, met: f <= 1.5}
      } else r.target = {text: '≤ 1.5× the 1-instance time', value: 'fanout-1 not run'}
    } else if (r.name.startsWith('fleet-boot-')) {
      const slowest = 1 / ratio
      r.target = {text: 'one copy per run (checked), slowest ≤ 1.3× one boot', value: `${slowest.toFixed(2)}×`, met: slowest <= 1.3}
    } else if (/^(startup|fleet-reuse)-\d+$/.test(r.name)) {
      r.target = {text: 'none: what the machine alone adds to a crowd, slowest ÷ one', value: `${(1 / ratio).toFixed(2)}×`}
    } else if (r.name === 'copy' || r.name === 'copy-4') {
      const rssOk = r.a.peakRssKiB <= 100 * MiB
      r.target = {
        text: '≥ 80 % of the pipe\'s throughput, peak RSS ≤ 100 MiB',
        value: `${(ratio * 100).toFixed(0)} %, ${(r.a.peakRssKiB / MiB).toFixed(0)} MiB`,
        met: ratio >= 0.8 && rssOk,
      }
    }
  }
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|')
}

function secs(ms: number): string {
  const s = ms / 1000
  return s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3)
}

function timeCell(s: Stats, bytes?: number): string {
  const base = `${secs(s.medianMs)} s (${secs(s.minMs)}–${secs(s.maxMs)})`
  if (!bytes) return base
  return `${base}, ${(bytes / 1024 ** 2 / (s.medianMs / 1000)).toFixed(0)} MiB/s`
}

function rssCell(kib: number): string {
  return Number.isFinite(kib) ? `${(kib / MiB).toFixed(0)} MiB` : '?'
}

export interface RunInfo {
  date: string
  host: string
  cpus: number
  loadBefore: number[]
  node: string
  osc: string
  /** What OSC loads besides itself, which sets its start-up time (see oscLoadsOsprofiler). */
  oscEnvironment: string
  runs: number
  warmup: number
  quick: boolean
  real: string
  totalSeconds: number
}

export function markdown(results: CaseResult[], info: RunInfo): string {
  const out: string[] = []
  out.push(
    `Run of ${info.date} on ${info.host} (${info.cpus} CPUs, load average before ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}), Node ${info.node}, ${info.osc} (${info.oscEnvironment}); ` +
      `${info.warmup} warm-up + ${info.runs} interleaved runs per side${info.quick ? ', --quick (smaller sizes)' : ''}; ${info.totalSeconds.toFixed(0)} s in all. Real instances: ${info.real}.`,
    '',
    '| case | openstackoid: median (min–max) | peer: median (min–max) | peak RSS oid / peer | peer ÷ oid | target | |',
    '|---|---|---|---|---|---|---|',
  )
  for (const r of results) {
    if (r.status !== 'ok') {
      out.push(`| ${cell(r.title)} | ${r.status}: ${cell(r.why ?? '').replace(/\n/g, ' ').slice(0, 300)} | | | | | |`)
      continue
    }
    const t = r.target
    const mark = t ? (t.met === undefined ? '' : t.met ? '**met**' : '**missed**') : ''
    out.push(
      `| ${cell(r.title)} | ${timeCell(r.a!, r.bytes)} | ${cell(r.bLabel ?? '')}: ${timeCell(r.b!, r.bytes)} | ${rssCell(r.a!.peakRssKiB)} / ${rssCell(r.b!.peakRssKiB)} | ${r.ratio!.toFixed(2)}× | ${t ? `${t.text}: ${t.value ?? ''}` : '—'} | ${mark} |`,
    )
  }
  const notes = results.filter((r) => r.note && r.status === 'ok')
  if (notes.length) {
    out.push('', 'Notes:', '')
    for (const r of notes) out.push(`- ${r.title}: ${r.note}`)
  }
  out.push(
    '',
    'Wall time: process.hrtime from spawn to exit of each child; peak RSS: GNU time `%M` (the kernel\'s ru_maxrss; for a shell pipe or loop, the largest single process). ' +
      '"peer ÷ oid" is the ratio of the medians (for the copy: openstackoid\'s throughput as a fraction of the pipe\'s).',
  )
  return out.join('\n') + '\n'
}
