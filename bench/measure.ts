/**
 * One timed child process: wall time with process.hrtime around spawn → exit, peak RSS with GNU
 * time (`/usr/bin/time -f '%M %x' -o FILE`, the maximum resident set size from wait4(2), in KiB).
 *
 * GNU time is the one way that works the same for Python and Node children: the kernel reports
 * ru_maxrss of the child when it is reaped, so nothing has to run inside the child. For a shell
 * script (a pipe or a loop of commands) the kernel's value is the largest RSS of any single
 * process of the tree (max, not sum). /usr/bin/time itself adds about 1 ms of wall time, the same
 * for both sides.
 *
 * Children are always spawned asynchronously: the simulator answers from this process.
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

export const TIME_BIN = '/usr/bin/time'

export interface Cmd {
  /** Program and arguments (run under /usr/bin/time). */
  argv: string[]
  env: NodeJS.ProcessEnv
  cwd?: string
}

export interface Sample {
  ms: number
  /** Peak RSS in KiB (GNU time %M). */
  rssKiB: number
  code: number
  /** The first 64 KiB of stdout. */
  stdout: string
  /** Newlines in the whole stdout. */
  lines: number
  stderrTail: string
}

let seq = 0

/** Runs `cmd` once; keeps the first 64 KiB of stdout and the last 4 KiB of stderr. */
export function runOnce(cmd: Cmd, tmpDir: string): Promise<Sample> {
  const timeFile = join(tmpDir, `time-${process.pid}-${seq++}.txt`)
  const argv = [TIME_BIN, '-f', '%M %x', '-o', timeFile, ...cmd.argv]
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    let lines = 0
    const started = process.hrtime.bigint()
    const child = spawn(argv[0], argv.slice(1), {env: cmd.env, cwd: cmd.cwd, stdio: ['ignore', 'pipe', 'pipe']})
    let ms = 0
    child.on('exit', () => {
      ms = Number(process.hrtime.bigint() - started) / 1e6
    })
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (s: string) => {
      if (stdout.length < 65536) stdout += s
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++
    })
    child.stderr.on('data', (s: string) => {
      stderr = (stderr + s).slice(-4096)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      void (async () => {
        let rssKiB = NaN
        try {
          const lines = (await readFile(timeFile, 'utf8')).trim().split('\n')
          const [m] = lines[lines.length - 1].split(' ')
          rssKiB = Number(m)
          await rm(timeFile, {force: true})
        } catch {
          // time could not write its file (killed): rss unknown
        }
        resolve({ms, rssKiB, code: code ?? (signal ? 128 : 1), stdout, lines, stderrTail: stderr})
      })()
    })
  })
}

export function timeAvailable(): boolean {
  return existsSync(TIME_BIN)
}

export interface Stats {
  n: number
  medianMs: number
  minMs: number
  maxMs: number
  /** Largest peak RSS over the runs, KiB. */
  peakRssKiB: number
  medianRssKiB: number
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function stats(samples: Sample[]): Stats {
  const ms = samples.map((s) => s.ms)
  const rss = samples.map((s) => s.rssKiB).filter((x) => Number.isFinite(x))
  return {
    n: samples.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    peakRssKiB: rss.length ? Math.max(...rss) : NaN,
    medianRssKiB: rss.length ? median(rss) : NaN,
  }
}
