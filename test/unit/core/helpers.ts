/** Helpers for the core unit tests: a local HTTP server on 127.0.0.1:0, an HttpClient, a cloud. */
import {execFileSync} from 'node:child_process'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'

import type {CloudConfig} from '../../../src/config/index.js'
import {HttpClient, type HttpSettings} from '../../../src/http/client.js'
import {RequestLog} from '../../../src/http/log.js'
import {cloudConfig} from '../config/helpers.js'

export interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, count: number) => void

/** A local server that records every request it gets. Close it with close(). */
export class LocalServer {
  readonly seen: Seen[] = []
  private server?: Server

  constructor(private readonly handler: Handler) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        this.seen.push({method: req.method ?? '', url: req.url ?? '', headers: req.headers, body})
        this.handler(req, res, body, this.seen.length)
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port
  }

  /** http://127.0.0.1:<port> */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get count(): number {
    return this.seen.length
  }

  async close(): Promise<void> {
    if (!this.server) return
    const server = this.server
    this.server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

export async function serve(handler: Handler): Promise<LocalServer> {
  return new LocalServer(handler).start()
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers})
  res.end(text)
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=UTF-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, {'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), ...headers})
  res.end(text)
}

/** A port nothing listens on (a server is opened on port 0, then closed). */
export async function freePort(): Promise<number> {
  const server = await serve(() => undefined)
  const port = server.port
  await server.close()
  return port
}

/** The client the brief prescribes; `overrides` for a debug log or fewer retries. */
export function client(overrides: Partial<HttpSettings> = {}): HttpClient {
  return new HttpClient({timeout: 2, connectTimeout: 1, retries: 2, verify: true, log: new RequestLog(false), userAgent: 'test', ...overrides})
}

/** A CloudConfig as resolve.ts would hand it over (defaults filled in). */
export function cloud(auth: CloudConfig['auth'], authType = 'password'): CloudConfig {
  return cloudConfig({auth, authType})
}

/** Rejects unless `promise` rejects; returns the error for further checks. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a rejection, got a value')
}

/**
 * A self-signed certificate for 127.0.0.1 (key.pem, cert.pem in `dir`), made with openssl; false
 * where openssl is missing (the TLS tests then skip).
 */
export function selfSignedCertificate(dir: string): boolean {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}
