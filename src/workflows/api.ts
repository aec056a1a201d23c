import {readFileSync} from 'node:fs'

import {officialType} from '../catalog/service-types.js'
import {OidError, UsageError} from '../errors.js'
import type {Fanout, InstanceRouter, Mode, ServiceClient} from '../routing/index.js'
import {microversion} from '../services/compute.js'

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type Method = (typeof METHODS)[number]

export interface ApiInput {
  service: string
  /** [PATH] or [METHOD, PATH], as typed. */
  words: string[]
  /** --body: JSON text, or @file. */
  body?: string
  /** --header K:V, repeatable. */
  headers?: string[]
}

export interface ApiCall {
  type: string
  method: Method
  path: string
  json?: unknown
  headers: Record<string, string>
}

export interface ApiReply {
  status: number
  body: unknown
}

/** Headers openstackoid sets itself: the token goes only where the session sends it. */
const RESERVED = new Set(['x-auth-token', 'x-service-token'])

/** Checks what was typed: the method, the body (JSON, or @file holding JSON), the headers. Usage errors (exit 2). */
export function apiCall(input: ApiInput): ApiCall {
  const type = officialType(input.service) ?? input.service
  const [first, second, ...rest] = input.words
  if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}.`, {hint: "Usage: openstackoid api SERVICE [METHOD] PATH, e.g. openstackoid api compute GET /servers/detail."})
  const method = (second === undefined ? 'GET' : first.toUpperCase()) as Method
  const path = second ?? first
  if (!METHODS.includes(method)) throw new UsageError(`Unknown HTTP method '${first}': use one of ${METHODS.join(', ')}.`)
  if (!path) throw new UsageError('A PATH is needed, e.g. /servers/detail.')
  const headers: Record<string, string> = {}
  for (const header of input.headers ?? []) {
    const at = header.indexOf(':')
    const name = header.slice(0, at).trim()
    if (at <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`Bad --header '${header}': expected NAME:VALUE, e.g. --header 'OpenStack-API-Version: compute 2.79'.`)
    if (RESERVED.has(name.toLowerCase())) throw new UsageError(`--header ${name} cannot be set: openstackoid sends the session's token itself.`)
    headers[name] = header.slice(at + 1).trim()
  }

  return {type, method, path, headers, json: input.body === undefined ? undefined : parseBody(input.body)}
}

function parseBody(value: string): unknown {
  let text = value
  if (value.startsWith('@')) {
    const file = value.slice(1)
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new UsageError(`Cannot read the --body file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`)
    }
  }

  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const where = value.startsWith('@') ? `the file ${value.slice(1)}` : `'${value}'`
    throw new UsageError(`--body is not valid JSON: ${where}: ${(error as Error).message}.`, {hint: `Give a JSON document, e.g. --body '{"server": {"name": "vm"}}', or @file.json.`})
  }
}

/**
 * `api`: one request, sent where the scope gives the service, with the session's token (and, for
 * compute, the negotiated microversion), through the one HTTP client (retries only for idempotent
 * methods). GET/HEAD look up (`|`: the first that answers, 404 moves on), POST creates (`|` moves
 * on only when the instance certainly did not act), PUT/PATCH/DELETE act in each instance of `&`.
 */
export async function apiRequest(router: InstanceRouter, call: ApiCall): Promise<Fanout<ApiReply>> {
  const mode: Mode = call.method === 'GET' || call.method === 'HEAD' ? 'lookup' : call.method === 'POST' ? 'create' : 'each'
  return router.fanout(call.type, mode, async (client) => send(client, call))
}

async function send(client: ServiceClient, call: ApiCall): Promise<ApiReply> {
  const headers = call.type === 'compute' ? await computeHeaders(client) : {}
  // A microversion given with --header replaces ours (both of Nova's headers).
  const given = new Set(Object.keys(call.headers).map((name) => name.toLowerCase()))
  if (given.has('openstack-api-version') || given.has('x-openstack-nova-api-version')) for (const ours of Object.keys(headers)) delete headers[ours]
  for (const ours of Object.keys(headers)) if (given.has(ours.toLowerCase())) delete headers[ours]

  try {
    const response = await client.request({method: call.method, path: call.path, json: call.json, headers: {...headers, ...call.headers}})
    return {status: response.status, body: response.body}
  } catch (error) {
    // The session refuses a URL outside the instance's catalog (the token stays home): say it as a usage error.
    if (error instanceof OidError && /^https?:\/\//.test(call.path) && error.message.startsWith('Refusing to send the token')) {
      throw new UsageError(error.message, {hint: `Give PATH relative to the ${call.type} endpoint (e.g. /servers/detail), or a URL of an endpoint in ${client.instance}'s catalog.`})
    }

    throw error
  }
}

async function computeHeaders(client: ServiceClient): Promise<Record<string, string>> {
  const version = await microversion(client)
  return {'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version}
}
