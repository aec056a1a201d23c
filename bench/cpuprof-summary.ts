/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time grouped by where the code lives
 * (a package under node_modules, openstackoid's own dist/ folders, Node's internals), and the
 * top functions.
 *
 *   node dist/bench/cpuprof-summary.js FILE.cpuprofile [--top N]
 */
import {readFileSync} from 'node:fs'

interface Node {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number}
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/**
 * bin/run.js loads dist/bundle/ (scripts/bundle.mjs). esbuild, not minifying, heads each module's
 * code with a `// node_modules/semver/index.js` or `// dist/src/config/files.js` comment: a line
 * of a bundle file belongs to the module of the nearest such comment above it.
 */
const markers = new Map<string, {line: number; source: string}[]>()
function sourceOf(url: string, line: number): string {
  if (!url.includes('/dist/bundle/')) return url
  let list = markers.get(url)
  if (!list) {
    list = []
    const lines = readFileSync(url.startsWith('file:') ? new URL(url) : url, 'utf8').split('\n')
    for (const [index, text] of lines.entries()) {
      const m = /^\/\/ ((?:node_modules|dist)\/\S+)$/.exec(text)
      if (m) list.push({line: index, source: `/${m[1]}`})
    }

    markers.set(url, list)
  }

  let found = url
  for (const marker of list) {
    if (marker.line > line) break
    found = marker.source
  }

  return found
}

function bucket(rawUrl: string, fn: string, line = 0): string {
  if (!rawUrl) return fn.startsWith('(') ? fn : '(native/V8)'
  const url = sourceOf(rawUrl, line)
  if (url.startsWith('node:')) return url.startsWith('node:internal/modules') || url.startsWith('node:internal/vm') ? 'node: module loader' : 'node: internals'
  const nm = url.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const dist = url.indexOf('/dist/')
  if (dist >= 0) return `openstackoid ${url.slice(dist + 6).split('/').slice(0, 2).join('/')}`
  return url.replace(/^file:\/\//, '')
}

const file = process.argv[2]
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 15
if (!file) {
  process.stderr.write('usage: node dist/bench/cpuprof-summary.js FILE.cpuprofile [--top N]\n')
  process.exit(2)
}
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
const total = (p.endTime - p.startTime) / 1000
const buckets = new Map<string, number>()
const fns = new Map<string, number>()
for (const [id, us] of self) {
  const n = byId.get(id)!
  const b = bucket(n.callFrame.url, n.callFrame.functionName, n.callFrame.lineNumber)
  buckets.set(b, (buckets.get(b) ?? 0) + us / 1000)
  const f = `${n.callFrame.functionName || '(anonymous)'} ${bucket(n.callFrame.url, n.callFrame.functionName, n.callFrame.lineNumber)}:${n.callFrame.lineNumber + 1}`
  fns.set(f, (fns.get(f) ?? 0) + us / 1000)
}
// Inclusive view: each sample goes to the nearest caller that is package or openstackoid code
// (so Node internals called by got count as got, JSON.parse called by zod's caller as that caller).
const parent = new Map<number, number>()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const owners = new Map<string, number>()
for (const [id, us] of self) {
  let cur: number | undefined = id
  let owner = ''
  while (cur !== undefined) {
    const f = byId.get(cur)!.callFrame
    if (f.url && !f.url.startsWith('node:')) {
      owner = bucket(f.url, f.functionName, f.lineNumber)
      break
    }
    cur = parent.get(cur)
  }
  if (!owner) owner = bucket(byId.get(id)!.callFrame.url, byId.get(id)!.callFrame.functionName, byId.get(id)!.callFrame.lineNumber)
  owners.set(owner, (owners.get(owner) ?? 0) + us / 1000)
}
const out: string[] = [`profile ${total.toFixed(0)} ms of main-thread time`, '', 'self time by origin:']
for (const [b, ms] of [...buckets].sort((x, y) => y[1] - x[1]).slice(0, top)) out.push(`  ${ms.toFixed(1).padStart(8)} ms  ${b}`)
out.push('', 'time by nearest package/openstackoid caller (Node internals and V8 builtins charged to their caller):')
for (const [b, ms] of [...owners].sort((x, y) => y[1] - x[1]).slice(0, top)) out.push(`  ${ms.toFixed(1).padStart(8)} ms  ${b}`)
out.push('', 'top functions (self time):')
for (const [f, ms] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) out.push(`  ${ms.toFixed(1).padStart(8)} ms  ${f}`)
process.stdout.write(out.join('\n') + '\n')
