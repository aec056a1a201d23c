import {Transform} from 'node:stream'
import {ApiError, ConnectionError, EXIT, OidError} from '../errors.js'

/** A progress line on stderr, only when stderr is a terminal; redrawn at most 10 times a second. */
export class Progress {
  private last = 0
  private readonly started = performance.now()

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  get enabled(): boolean {
    return Boolean(this.out.isTTY)
  }

  update(done: number, force = false): void {
    if (!this.enabled) return
    const now = performance.now()
    if (!force && now - this.last < 100) return
    this.last = now
    const seconds = Math.max((now - this.started) / 1000, 0.001)
    const rate = `${size(done / seconds)}/s`
    if (this.total) {
      const ratio = Math.min(done / this.total, 1)
      const width = 24
      const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, ' ')
      this.out.write(`\r${this.label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${size(done)}/${size(this.total)} ${rate}  `)
    } else {
      this.out.write(`\r${this.label} ${size(done)} ${rate}  `)
    }
  }

  done(done: number): void {
    if (!this.enabled) return
    this.update(done, true)
    this.out.write('\n')
  }
}

export function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }

  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}

/**
 * Keeps a long transfer's memory flat. Every chunk a socket or a file read hands over is a new
 * Buffer, freed only when V8 collects its small JavaScript wrapper; V8 starts a collection for
 * that "external" memory only once tens of MiB are waiting, so a 1 GiB copy at 130 MiB/s
 * peaked at ~40 MiB of dead chunks over the CLI's ~60 MiB (bench/README.md, "copy"). The
 * returned function, given the bytes that went through, runs a young-generation collection
 * (under a millisecond: the young generation holds little else) every `every` bytes. Node
 * exposes `gc` only with --expose-gc; setting the flag at run time and reading `gc` from a
 * fresh context gets it without a command-line flag (a common idiom, not a documented Node API:
 * if it ever fails, the transfer goes on with V8's own pacing).
 */
export function memoryKeeper(every = 8 * 1024 * 1024): (bytes: number) => void {
  loadGc()
  let next = every
  return (bytes) => {
    if (bytes < next) return
    next = bytes + every
    collect?.({type: 'minor'})
  }
}

type Gc = (options: {type: 'minor'}) => void
let collect: Gc | undefined
let loading: Promise<void> | undefined
/** Loads node:v8 and node:vm (~2 ms) only for a transfer, while its first requests are on the way. */
function loadGc(): void {
  loading ??= Promise.all([import('node:v8'), import('node:vm')])
    .then(([v8, vm]) => {
      v8.setFlagsFromString('--expose-gc')
      collect = vm.runInNewContext('gc') as Gc
    })
    .catch(() => undefined)
}

/** Counts the bytes that pass through (for progress) without holding them; keeps memory flat. */
export function counter(onBytes: (total: number) => void): Transform {
  let total = 0
  const keep = memoryKeeper()
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length
      onBytes(total)
      keep(total)
      callback(null, chunk)
    },
  })
}

/**
 * Turns Ctrl-C and SIGTERM into an aborted signal while a transfer runs, so that the caller can
 * delete what it half-made before exiting (with `reason`, exit 130). `dispose()` restores the
 * default handling.
 */
export function interruptible(reason: (signal: NodeJS.Signals) => Error): {signal: AbortSignal; dispose(): void} {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => controller.abort(reason(signal))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose() {
      process.removeListener('SIGINT', onSignal)
      process.removeListener('SIGTERM', onSignal)
    },
  }
}

/** The signal an interruption came from, read back from the reason `interruptible` was given. */
export class Interrupted extends OidError {
  constructor(readonly signal: NodeJS.Signals) {
    super(`Interrupted by ${signal}.`, {exitCode: EXIT.INTERRUPTED})
    this.name = 'Interrupted'
  }
}

/**
 * What the network did to a stream, in words, for an error that names the image and the instance:
 * Node's 'aborted', ECONNRESET, EPIPE, a premature close, a time-out without a byte. Anything else
 * keeps its own message.
 */
export function streamFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message
  const {code, message, name} = (error ?? {}) as {code?: string; message?: string; name?: string}
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') return message ? `${message.replace(/\.$/, '')} (timed out)` : 'timed out'
  if (code === 'ECONNRESET' || message === 'aborted' || code === 'ECONNABORTED') return 'the connection was cut before the end'
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return 'the connection was closed before the end'
  if (code === 'EPIPE') return 'the service closed the connection while the data was being sent'
  if (code === 'ECONNREFUSED') return 'the connection was refused'
  if (error instanceof ConnectionError) return error.cause !== undefined && !error.timedOut ? streamFailure(error.cause) : error.message.replace(/\.$/, '')
  return (message ?? String(error)).replace(/\.$/, '')
}

/** How to delete an image left behind, as a command to paste (the instance's cloud, and region when it is one). */
export function deleteCommand(target: {instance: string; session: {target: {name: string; region?: string; cloud: {name: string; regionName?: string}}}}, id: string): string {
  const {name, region, cloud} = target.session.target
  const parts = ['openstackoid', 'image', 'delete', id]
  if (cloud.name !== 'envvars') parts.push('--os-cloud', shellQuote(cloud.name))
  if (name !== cloud.name && region) parts.push('--os-region-name', shellQuote(region))
  return parts.join(' ')
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`
}
