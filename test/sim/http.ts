/** Small HTTP helpers shared by the simulated services (node: built-ins only). */
import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {SimService} from './types.js'

export const STATUS_TITLES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  300: 'Multiple Choices',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function title(status: number): string {
  return STATUS_TITLES[status] ?? 'Error'
}

export function newRequestId(): string {
  return `req-${randomUUID()}`
}

/** An error a handler throws to produce a service-shaped error reply. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** A fixed JSON body (e.g. keystonemiddleware's 401), instead of the service's own error shape. */
    readonly body?: unknown,
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  })
  res.end(text)
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, {'Content-Length': '0', ...headers})
  res.end()
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), ...headers})
  res.end(text)
}

/** Reads a (small) request body as a Buffer; bodies above `limit` bytes are a 413. */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const b = chunk as Buffer
    size += b.length
    if (size > limit) throw new HttpError(413, 'Request is too large.')
    chunks.push(b)
  }
  return Buffer.concat(chunks)
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const buf = await readBody(req)
  if (buf.length === 0) throw new HttpError(400, 'The request body is empty.')
  try {
    return JSON.parse(buf.toString('utf8'))
  } catch {
    throw new HttpError(400, 'Malformed JSON in request body.')
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Keystone's error envelope. */
export function keystoneErrorBody(status: number, message: string): unknown {
  return {error: {code: status, title: title(status), message}}
}

/** Nova's error envelope: one top-level fault name. */
export function novaErrorBody(status: number, message: string): unknown {
  const names: Record<number, string> = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
  }
  return {[names[status] ?? 'computeFault']: {code: status, message}}
}

/** Neutron's error envelope. */
export function neutronErrorBody(status: number, message: string): unknown {
  const types: Record<number, string> = {
    400: 'HTTPBadRequest',
    401: 'HTTPUnauthorized',
    403: 'HTTPForbidden',
    404: 'HTTPNotFound',
    409: 'HTTPConflict',
    503: 'HTTPServiceUnavailable',
  }
  return {NeutronError: {type: types[status] ?? 'HTTPInternalServerError', message, detail: ''}}
}

const WEBOB_EXPLANATIONS: Record<number, string> = {
  400: 'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  401: 'This server could not verify that you are authorized to access the document you requested.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  405: 'The method is not allowed for this resource.',
  409: 'There was a conflict when trying to complete your request.',
  413: 'The request is larger than the server is willing or able to process.',
  415: 'The request media type is not supported by this server.',
  500: 'The server has either erred or is incapable of performing the requested operation.',
  503: 'The server is currently unavailable. Please try again at a later time.',
}

/**
 * A webob HTTPException as Glance sends it: the body format follows the Accept header
 * (application/json → `{"message", "code", "title"}`; text/html or nothing → HTML; else plain text).
 * `explanation` replaces webob's default text, as Glance's `HTTPNotFound(explanation=msg)` does.
 */
export function webobError(status: number, explanation: string | undefined, accept: string | undefined): {contentType: string; body: string} {
  const statusLine = `${status} ${title(status)}`
  const expl = explanation ?? WEBOB_EXPLANATIONS[status] ?? ''
  const inner = `${expl}<br /><br />\n\n`
  const kind = negotiate(accept)
  if (kind === 'json') {
    return {contentType: 'application/json', body: JSON.stringify({message: inner, code: statusLine, title: title(status)})}
  }
  if (kind === 'html') {
    const html = `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n  <h1>${statusLine}</h1>\n  ${inner}\n </body>\n</html>`
    return {contentType: 'text/html; charset=UTF-8', body: html}
  }
  const plain = `${statusLine}\n\n${inner.replace(/\n/g, ' ').replace(/<br.*?>/gi, '\n')}`
  return {contentType: 'text/plain; charset=UTF-8', body: plain}
}

/** webob's choice between text/html and application/json (html wins ties, as offers are ordered). */
function negotiate(accept: string | undefined): 'json' | 'html' | 'plain' {
  if (!accept) return 'html'
  let best: 'json' | 'html' | 'plain' = 'plain'
  let bestQ = 0
  for (const offer of ['text/html', 'application/json'] as const) {
    let q = 0
    for (const part of accept.split(',')) {
      const [range, ...params] = part.trim().split(';')
      const r = range.trim().toLowerCase()
      const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const pq = qp ? Number(qp.slice(2)) : 1
      const [type, sub] = offer.split('/')
      if (r === offer || r === `${type}/*` || r === '*/*') q = Math.max(q, pq)
      void sub
    }
    if (q > bestQ) {
      bestQ = q
      best = offer === 'text/html' ? 'html' : 'json'
    }
  }
  return best
}

/** A service-shaped error reply (used for handler errors and injected faults). */
export function sendServiceError(
  res: ServerResponse,
  service: SimService,
  status: number,
  message: string | undefined,
  accept: string | undefined,
  headers: Record<string, string> = {},
): void {
  const msg = message ?? WEBOB_EXPLANATIONS[status] ?? title(status)
  switch (service) {
    case 'image': {
      const e = webobError(status, message, accept)
      sendText(res, status, e.contentType, e.body, headers)
      return
    }
    case 'compute':
    case 'block-storage':
      sendJson(res, status, novaErrorBody(status, msg), headers)
      return
    case 'network':
      sendJson(res, status, neutronErrorBody(status, msg), headers)
      return
    case 'placement':
      sendJson(res, status, {errors: [{status, title: title(status), detail: msg, request_id: headers['x-openstack-request-id'] ?? ''}]}, headers)
      return
    default:
      sendJson(res, status, keystoneErrorBody(status, msg), headers)
  }
}

/** Glance/Keystone style date: `2026-11-23T12:00:00Z` (no fraction). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Keystone (fernet) style date: `2026-11-23T12:00:00.000000Z` (fernet keeps whole seconds). */
export function isoMicro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z')
}
