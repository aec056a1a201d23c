import {readFileSync} from 'node:fs'
import type {Readable} from 'node:stream'

import {ApiError, ConnectionError} from '../errors.js'
import {errorMessage} from './envelope.js'
import type {RequestLog} from './log.js'

/**
 * The one HTTP client. Everything that goes on the wire goes through request() or stream():
 * timeouts, retries (idempotent methods only, never POST), the redacted debug log, timings and
 * the mapping of failures to ApiError / ConnectionError. got is imported on first use, so a
 * command that needs no network (a cached `token issue`) never loads it.
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

type Got = typeof import('got').default
let gotPromise: Promise<Got> | undefined
const loadGot = async (): Promise<Got> => {
  gotPromise ??= import('got').then((module) => module.default)
  return gotPromise
}

export class HttpClient {
  constructor(readonly settings: HttpSettings) {}

  /** A request whose body is JSON (or empty). Errors become ApiError / ConnectionError. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const got = await loadGot()
    const headers = this.headers(req)
    const retry = (req.retry ?? IDEMPOTENT.has(req.method)) && !(req.body && typeof req.body === 'object' && 'pipe' in req.body)
    const attempts = retry ? this.settings.retries + 1 : 1
    for (let attempt = 1; ; attempt++) {
      this.settings.log.request(req.method, req.url, headers, req.json)
      const started = performance.now()
      try {
        const response = await got(req.url, {
          method: req.method,
          headers,
          body: req.json === undefined ? (req.body as string | Buffer | Readable | undefined) : JSON.stringify(req.json),
          throwHttpErrors: false,
          followRedirect: false,
          retry: {limit: 0},
          timeout: {connect: this.settings.connectTimeout * 1000, response: this.settings.timeout * 1000, socket: this.settings.timeout * 1000},
          https: this.https(),
          decompress: true,
        })
        const seconds = (performance.now() - started) / 1000
        const body = parseBody(response.body, response.headers['content-type'])
        this.settings.log.response(req.method, req.url, response.statusCode, response.headers, body, seconds)
        const ok = req.accept ? req.accept(response.statusCode) : response.statusCode >= 200 && response.statusCode < 300
        if (ok) return {status: response.statusCode, headers: response.headers, body: body as T, url: req.url}
        if (attempt < attempts && RETRY_STATUS.has(response.statusCode)) {
          await this.backoff(attempt, req, `HTTP ${response.statusCode}`)
          continue
        }

        throw this.apiError(req, response.statusCode, response.headers, body)
      } catch (error) {
        if (error instanceof ApiError) throw error
        const code = (error as {code?: string}).code ?? ''
        const timedOut = (error as {name?: string}).name === 'TimeoutError' || code === 'ETIMEDOUT'
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
    const got = await loadGot()
    const headers = this.headers(req)
    this.settings.log.request(req.method, req.url, headers)
    const started = performance.now()
    const stream = got.stream(req.url, {
      method: req.method,
      headers,
      body: req.body as Readable | undefined,
      throwHttpErrors: false,
      followRedirect: false,
      retry: {limit: 0},
      timeout: {connect: this.settings.connectTimeout * 1000, response: this.settings.timeout * 1000, socket: this.settings.timeout * 1000},
      https: this.https(),
      decompress: false,
    })
    try {
      const response = await new Promise<{statusCode: number; headers: Record<string, string | string[] | undefined>}>((resolve, reject) => {
        stream.once('response', resolve)
        stream.once('error', reject)
      })
      const seconds = (performance.now() - started) / 1000
      const ok = req.accept ? req.accept(response.statusCode) : response.statusCode >= 200 && response.statusCode < 300
      if (!ok) {
        const text = await readAll(stream)
        const body = parseBody(text, String(response.headers['content-type'] ?? ''))
        this.settings.log.response(req.method, req.url, response.statusCode, response.headers, body, seconds)
        throw this.apiError(req, response.statusCode, response.headers, body)
      }

      this.settings.log.response(req.method, req.url, response.statusCode, response.headers, undefined, seconds)
      return {status: response.statusCode, headers: response.headers, body: stream, url: req.url}
    } catch (error) {
      if (error instanceof ApiError) throw error
      stream.destroy()
      const timedOut = (error as {name?: string}).name === 'TimeoutError'
      throw this.connectionError(req, error, timedOut)
    }
  }

  private headers(req: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = {'User-Agent': this.settings.userAgent, Accept: 'application/json', ...req.headers}
    if (req.json !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json'
    }

    return headers
  }

  private https() {
    const {cacert, cert, key, verify} = this.settings
    return {rejectUnauthorized: verify, certificateAuthority: cacert ? readFile(cacert) : undefined, certificate: cert ? readFile(cert) : undefined, key: key ? readFile(key) : undefined}
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
    return new ConnectionError(`Unable to reach ${target} at ${new URL(req.url).origin}: ${reason}.`, {url: req.url, instance: req.instance, timedOut}, {
      hint: timedOut ? 'Raise --timeout (or api_timeout in clouds.yaml) if the cloud is slow.' : 'Check that the service is running and that the URL in the catalog or auth_url is right.',
      cause: error,
    })
  }
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

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
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
