import {redactBody, redactHeader} from './redact.js'

/** Where --debug and --timing go. One per command run. */
export interface Timing {
  method: string
  url: string
  seconds: number
}

export class RequestLog {
  readonly timings: Timing[] = []

  constructor(
    readonly debug: boolean,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  ) {}

  request(method: string, url: string, headers: Record<string, string>, body?: unknown): void {
    if (!this.debug) return
    const parts = [`REQ: curl -g -i -X ${method} ${url}`]
    for (const [name, value] of Object.entries(headers)) parts.push(`-H "${name}: ${redactHeader(name, value)}"`)
    let line = parts.join(' ')
    if (body !== undefined) line += ` -d '${typeof body === 'string' ? body : JSON.stringify(redactBody(body))}'`
    this.write(line)
  }

  response(method: string, url: string, status: number, headers: Record<string, string | string[] | undefined>, body: unknown, seconds: number): void {
    this.timings.push({method, url, seconds})
    if (!this.debug) return
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${redactHeader(name, Array.isArray(value) ? value.join(', ') : String(value))}`)
      .join(' ')
    this.write(`RESP: [${status}] ${head}`)
    if (body === undefined) this.write('RESP BODY: Omitted, Content-Type is set to application/octet-stream or the body is streamed.')
    else this.write(`RESP BODY: ${typeof body === 'string' ? body : JSON.stringify(redactBody(body))}`)
    this.write(`${method} call to ${url} used request id ${headers['x-openstack-request-id'] ?? headers['x-compute-request-id'] ?? '-'}`)
  }

  note(message: string): void {
    if (this.debug) this.write(message)
  }
}
