/** What every Nova handler gets (the request with its microversion, token and URLs) and Nova's error texts. */
import {HttpError, isObject} from '../http.js'
import type {Ctx, TokenInfo} from '../state.js'
import {mvCmp, type MV} from './microversions.js'
import type {NovaState} from './state.js'

export interface Req {
  ctx: Ctx
  mv: MV
  tok: TokenInfo
  project: string
  admin: boolean
  /** `http://host:port/compute` */
  root: string
  /** root + '/v2.1' (plus the project id when the request URL had it) */
  base: string
  bookmark: string
  method: string
}

/** What a route found for a request: the call that answers it. */
export type Handler = () => void | Promise<void>

/** A resource's router: `seg` is the path below the version (`['servers', id, 'action']`); undefined = no such path. */
export type Route = (r: Req, s: NovaState, seg: string[]) => Handler | undefined

export function methodNotAllowed(): HttpError {
  return new HttpError(405, 'The method is not allowed for this resource.')
}

/** The handler for the request's method, or a 405. */
export function byMethod(r: Req, table: Partial<Record<string, Handler>>): Handler {
  const h = table[r.method]
  if (!h) throw methodNotAllowed()
  return h
}

export function atLeast(r: Req, major: number, minor: number): boolean {
  return mvCmp(r.mv, [major, minor]) >= 0
}

export function bad(message: string): HttpError {
  return new HttpError(400, message)
}

export function notFound(message: string): HttpError {
  return new HttpError(404, message)
}

export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'string') return `'${v}'`
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(', ')}}`
  return String(v)
}

/** Nova's JSON-schema error text. */
export function schemaError(field: string, value: unknown, reason: string): HttpError {
  return bad(`Invalid input for field/attribute ${field}. Value: ${typeof value === 'string' ? value : pyRepr(value)}. ${reason}`)
}

export function boolFromString(v: string): boolean | undefined {
  const l = v.toLowerCase()
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(l)) return true
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(l)) return false
  return undefined
}

export function intParam(v: string | null, name: string): number | undefined {
  if (v === null) return undefined
  if (!/^\d+$/.test(v)) throw bad(`Invalid input for query parameters ${name}. Value: ${v}. '${v}' does not match '^[0-9]*$'`)
  return Number(v)
}
