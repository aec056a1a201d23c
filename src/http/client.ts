import {readFileSync} from 'node:fs'
import {type ClientRequest, type IncomingMessage, request as httpRequest} from 'node:http'
import type {RequestOptions} from 'node:https'
import type {Socket} from 'node:net'
import type {Readable} from 'node:stream'

import {ApiError, ConnectionError} from '../errors.js'
import {errorMessage} from './envelope.js'
import type {RequestLog} from './log.js'

/**
 * The one HTTP client. Everything that goes on the wire goes through request() or stream():
 * timeouts, retries (idempotent methods only, never POST), the redacted debug log, timings and
 * the mapping of failures to ApiError / ConnectionError.
 *
 * It is written on node:http/https (keep-alive global agents) rather than got: got and its
 * dependencies cost ~80 ms and ~23 MiB of RSS to load, more than most commands spend on the
 * network, and we use none of what it adds over this file (see bench/README.md). node:https is
 * loaded only for an https URL.
 */

export interface HttpSettings {
  /** Seconds to wait for a response (and between chunks of a body); --timeout / api_timeout. */
  timeout: number
  /** Seconds to wait for the TCP connection. */
  connectTimeout: number
  /** Extra attempts for idempotent requests on connection errors and 502/503/504. */
  retries: number
  verify: boolean
  cacert?: string
  cert?: string
  key?: string
  log: RequestLog
  userAgent: string
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers?: Record<string, string>
  json?: unknown
  body?: string | Buffer | Readable
  /** Statuses that are answers, not errors (default: 2xx). */
  accept?: (status: number) => boolean
  /** Who we are talking to, for error messages. */
  instance?: string
  service?: string
  /** Retry on 502/503/504 and connection errors; default: the method is idempotent. */
  retry?: boolean
}

export interface HttpResponse<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: T
  url: string
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE'])
const RETRY_STATUS = new Set([502, 503, 504])
const RETRY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

type Requester = (url: URL, options: RequestOptions) => ClientRequest
let httpsPromise: Promise<Requester> | undefined
/** Node's own root certificates, read with node:tls when the first https request is made. */
let rootCertificates: readonly string[] = []
const loadHttps = async (): Promise<Requester> => {
  httpsPromise ??= Promise.all([import('node:https'), import('node:tls')]).then(([https, tls]) => {
    rootCertificates = tls.rootCertificates
    return https.request
  })
  return httpsPromise
}

/**
 * NODE_EXTRA_CA_CERTS, as bin/run.js's launcher hands it over (OPENSTACKOID_EXTRA_CA_CERTS): Node
 * reads that file at every start, before any code runs (~40 ms), even for a command that makes no
 * https request; the launcher takes it out of Node's way and the certificates are added here, to
 * Node's roots, for https requests without a --os-cacert of their own, as Node would have. A file
 * that cannot be read is ignored with Node's warning.
 */
let extraRoots: string[] | undefined
function withExtraRoots(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env.OPENSTACKOID_EXTRA_CA_CERTS
  if (!file) return undefined
  if (!extraRoots) {
    try {
      extraRoots = [...rootCertificates, readFile(file)]
    } catch (error) {
      process.stderr.write(`Warning: Ignoring extra certs from \`${file}\`, load failed: ${(error as Error).message}\n`)
      extraRoots = [...rootCertificates]
    }
  }

  return extraRoots
}

/** A timeout (connect, or no byte for `timeout` seconds), told apart from other failures. */
class TimeoutError extends Error {
  override name = 'TimeoutError'
  readonly code = 'ETIMEDOUT'
}

/** Ours (connect or idle), or the kernel's ETIMEDOUT on connect, as with got before. */
function isTimeout(error: unknown): boolean {
  return error instanceof TimeoutError || (error as {code?: string}).code === 'ETIMEDOUT'
}

function isStream(body: HttpRequest['body']): body is Readable {
  return typeof body === 'object' && body !== null && 'pipe' in body
}

export class HttpClient {
  private tls?: {rejectUnauthorized: boolean; ca?: string | string[]; cert?: string; key?: string}

  constructor(readonly settings: HttpSettings) {}

  /** A request whose body is JSON (or empty). Errors become ApiError / ConnectionError. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const headers = {'Accept-Encoding': 'gzip, deflate', ...this.headers(req)}
    const retry = (req.retry ?? IDEMPOTENT.has(req.method)) && !isStream(req.body)
    const attempts = retry ? this.settings.retries + 1 : 1
    const payload = req.json === undefined ? req.body : JSON.stringify(req.json)
    for (let attempt = 1; ; attempt++) {
      this.settings.log.request(req.method, req.url, headers, req.json)
      const started = performance.now()
      try {
        const response = await this.send(req.method, req.url, headers, payload)
        const text = await decode(await readBody(response), response.headers['content-encoding'])
        const status = response.statusCode ?? 0
        const seconds = (performance.now() - started) / 1000
        const body = parseBody(text, response.headers['content-type'])
        this.settings.log.response(req.method, req.url, status, response.headers, body, seconds)
        if (accepts(req, status)) return {status, headers: response.headers, body: body as T, url: req.url}
        if (attempt < attempts && RETRY_STATUS.has(status)) {
          await this.backoff(attempt, req, `HTTP ${status}`)
          continue
        }

        throw this.apiError(req, status, response.headers, body)
      } catch (error) {
        if (error instanceof ApiError) throw error
        const code = (error as {code?: string}).code ?? ''
        const timedOut = isTimeout(error)
        if (attempt < attempts && (RETRY_CODES.has(code) || timedOut)) {
          await this.backoff(attempt, req, code || 'timeout')
          continue
        }

        throw this.connectionError(req, error, timedOut)
      }
    }
  }

  /**
   * A request whose response body is streamed (image download) or whose request body is a stream
   * (upload). Resolves once the response headers are in; the caller consumes `body`.
   */
  async stream(req: HttpRequest): Promise<HttpResponse<Readable>> {
    const headers = this.headers(req)
    this.settings.log.request(req.method, req.url, headers)
    const started = performance.now()
    let response: IncomingMessage
    try {
      response = await this.send(req.method, req.url, headers, req.body)
    } catch (error) {
      if (isStream(req.body)) req.body.destroy()
      throw this.connectionError(req, error, isTimeout(error))
    }

    const status = response.statusCode ?? 0
    const seconds = (performance.now() - started) / 1000
    if (!accepts(req, status)) {
      const text = await readBody(response).then(
        async (raw) => decode(raw, response.headers['content-encoding']),
        () => '',
      )
      const body = parseBody(text, response.headers['content-type'])
      this.settings.log.response(req.method, req.url, status, response.headers, body, seconds)
      throw this.apiError(req, status, response.headers, body)
    }

    this.settings.log.response(req.method, req.url, status, response.headers, undefined, seconds)
    return {status, headers: response.headers, body: response, url: req.url}
  }

  /**
   * One exchange on the wire; resolves with the response once its headers are in. A streamed body
   * is piped with backpressure (its failure aborts the request). Time limits: connectTimeout for
   * the TCP connection, then `timeout` seconds without a byte either way (got's socket timeout).
   */
  private async send(method: string, url: string, headers: Record<string, string>, body: HttpRequest['body']): Promise<IncomingMessage> {
    const target = new URL(url)
    const https = target.protocol === 'https:'
    const send = https ? await loadHttps() : httpRequest
    const options: RequestOptions = {method, headers, timeout: this.settings.timeout * 1000, ...(https ? this.tlsOptions() : {})}
    if (typeof body === 'string' || Buffer.isBuffer(body)) options.headers = {...headers, 'Content-Length': String(Buffer.byteLength(body))}
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(target, options)
      let connectTimer: NodeJS.Timeout | undefined
      request.once('socket', (socket: Socket) => {
        if (!socket.connecting) return
        connectTimer = setTimeout(() => request.destroy(new TimeoutError(`connect timed out after ${this.settings.connectTimeout} s`)), this.settings.connectTimeout * 1000)
        socket.once('connect', () => clearTimeout(connectTimer))
      })
      let answer: IncomingMessage | undefined
      request.on('timeout', () => {
        const error = new TimeoutError(`no answer within ${this.settings.timeout} s`)
        answer?.destroy(error)
        request.destroy(error)
      })
      request.once('error', (error) => {
        clearTimeout(connectTimer)
        reject(error)
      })
      request.once('response', (response) => {
        clearTimeout(connectTimer)
        answer = response
        resolve(response)
      })
      if (isStream(body)) {
        body.once('error', (error) => request.destroy(error))
        body.pipe(request)
      } else {
        request.end(body)
      }
    })
  }

  private tlsOptions() {
    const {cacert, cert, key, verify} = this.settings
    this.tls ??= {rejectUnauthorized: verify, ca: cacert ? readFile(cacert) : withExtraRoots(process.env), cert: cert ? readFile(cert) : undefined, key: key ? readFile(key) : undefined}
    return this.tls
  }

  private headers(req: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = {'User-Agent': this.settings.userAgent, Accept: 'application/json', ...req.headers}
    if (req.json !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json'
    }

    return headers
  }

  private async backoff(attempt: number, req: HttpRequest, why: string): Promise<void> {
    const delay = Math.min(200 * 2 ** (attempt - 1), 2000)
    this.settings.log.note(`Retrying ${req.method} ${req.url} in ${delay} ms after ${why} (attempt ${attempt + 1})`)
    await new Promise((resolve) => {
      setTimeout(resolve, delay)
    })
  }

  private apiError(req: HttpRequest, status: number, headers: Record<string, string | string[] | undefined>, body: unknown): ApiError {
    const requestId = first(headers['x-openstack-request-id']) ?? first(headers['x-compute-request-id'])
    const apiMessage = errorMessage(body) ?? STATUS_TEXT[status] ?? 'Error'
    const where = describeTarget(req)
    const message = `${where}${apiMessage} (HTTP ${status})${requestId ? ` (Request-ID: ${requestId})` : ''}`
    return new ApiError(message, {instance: req.instance, service: req.service, method: req.method, url: req.url, status, apiMessage, requestId})
  }

  private connectionError(req: HttpRequest, error: unknown, timedOut: boolean): ConnectionError {
    const reason = timedOut ? `no answer within ${this.settings.timeout} s` : ((error as Error).message ?? String(error))
    const target = req.service ? `the ${req.service} service${req.instance ? ` of ${req.instance}` : ''}` : (req.instance ?? 'the cloud')
    return new ConnectionError(`Unable to reach ${target} at ${new URL(req.url).origin}: ${reason}.`, {url: req.url, instance: req.instance, timedOut, sent: !neverSent(error)}, {
      hint: timedOut ? 'Raise --timeout (or api_timeout in clouds.yaml) if the cloud is slow.' : 'Check that the service is running and that the URL in the catalog or auth_url is right.',
      cause: error,
    })
  }
}

/** Failures before a byte of the request left: no connection, no name, no TLS session. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL'])
function neverSent(error: unknown): boolean {
  const code = (error as {code?: string}).code ?? ''
  return NOT_SENT_CODES.has(code) || /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)
}

/** `req.accept`, else 2xx: a status that is an answer rather than an error. */
function accepts(req: HttpRequest, status: number): boolean {
  return req.accept ? req.accept(status) : status >= 200 && status < 300
}

function describeTarget(req: HttpRequest): string {
  if (req.service && req.instance) return `${req.instance} (${req.service}): `
  if (req.instance) return `${req.instance}: `
  return ''
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }

  return text
}

/** The whole body; a connection closed before its end is an error (ECONNRESET). */
async function readBody(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.once('end', () => resolve(Buffer.concat(chunks)))
    response.once('error', reject)
    response.once('close', () => {
      if (!response.complete) reject(Object.assign(new Error('the connection was closed before the end of the response'), {code: 'ECONNRESET'}))
    })
  })
}

/** The body as text, inflated when the server compressed it (node:zlib is loaded only then). */
async function decode(raw: Buffer, encoding: string | undefined): Promise<string> {
  const name = encoding?.trim().toLowerCase()
  if (!name || name === 'identity') return raw.toString('utf8')
  const zlib = await import('node:zlib')
  if (name === 'gzip' || name === 'x-gzip') return zlib.gunzipSync(raw).toString('utf8')
  if (name === 'deflate') return zlib.inflateSync(raw).toString('utf8')
  if (name === 'br') return zlib.brotliDecompressSync(raw).toString('utf8')
  return raw.toString('utf8')
}

function readFile(path: string): string {
  return readFileSync(path, 'utf8')
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}
