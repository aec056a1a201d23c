/** What every Cinder handler gets and Cinder's error shapes (the same fault names as Nova's). */
import {HttpError, isoSeconds, novaErrorBody} from '../http.js'
import type {Ctx, TokenInfo} from '../state.js'
import {mvCmp, type CinderState, type MV} from './state.js'

export interface VReq {
  ctx: Ctx
  s: CinderState
  mv: MV
  tok: TokenInfo
  project: string
  admin: boolean
  /** `http://host:port/volume/v3/{project_id}` (or without the project id when the URL had none). */
  base: string
  /** `http://host:port/volume/{project_id}` */
  bookmark: string
  method: string
}

export type VHandler = () => void | Promise<void>

export function cinderError(status: number, message: string, headers: Record<string, string> = {}): HttpError {
  const body = novaErrorBody(status, message) as Record<string, Record<string, unknown>>
  if (headers['Retry-After'] !== undefined) for (const v of Object.values(body)) v.retryAfter = headers['Retry-After']
  return new HttpError(status, message, headers, body)
}

export const bad = (m: string) => cinderError(400, m)
export const notFound = (m: string) => cinderError(404, m)
export const forbidden = (action: string) => cinderError(403, `Policy doesn't allow ${action} to be performed.`)

export function byMethod(r: VReq, table: Partial<Record<string, VHandler>>): VHandler {
  const h = table[r.method]
  if (!h) throw cinderError(405, 'The method is not allowed for this resource.')
  return h
}

export function atLeast(r: VReq, major: number, minor: number): boolean {
  return mvCmp(r.mv, [major, minor]) >= 0
}

/** Cinder's timestamps: `2024-05-01T12:00:00.000000` (no zone). */
export function cinderTime(ms: number): string {
  return isoSeconds(ms).replace('Z', '.000000')
}

/** Cinder's JSON-schema error text. */
export function schemaError(field: string, value: unknown, reason: string): HttpError {
  return bad(`Invalid input for field/attribute ${field}. Value: ${typeof value === 'string' ? value : JSON.stringify(value)}. ${reason}`)
}

export function boolParam(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (typeof v !== 'string') return undefined
  const l = v.toLowerCase()
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(l)) return true
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(l)) return false
  return undefined
}

/** Sort (created desc, id desc), marker and limit, and the `<key>_links` next link Cinder adds. */
export function paginate<T extends {id: string; created: number}>(r: VReq, items: T[], path: string, key: string, kind: string): {page: T[]; links?: unknown[]} {
  const q = r.ctx.query
  items.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  const marker = q.get('marker')
  if (marker) {
    const i = items.findIndex((x) => x.id === marker)
    if (i < 0) throw notFound(`Marker ${marker} could not be found.`)
    items = items.slice(i + 1)
  }
  const limitRaw = q.get('limit')
  let limit = 1000
  if (limitRaw !== null) {
    if (!/^\d+$/.test(limitRaw)) throw bad(`Invalid input received: limit must be an integer`)
    limit = Math.min(Number(limitRaw), 1000)
  }
  const page = items.slice(0, limit)
  void kind
  if (page.length === limit && limit > 0 && items.length > 0) {
    const params = new URLSearchParams(r.ctx.rawQuery)
    params.set('limit', String(limit))
    params.set('marker', page[page.length - 1].id)
    return {page, links: [{href: `${r.base}/${path}?${params.toString()}`, rel: 'next'}]}
  }
  void key
  return {page}
}
