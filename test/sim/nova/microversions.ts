/** Nova microversions: parsing, comparison and the negotiation of the request's version. */
import {HttpError} from '../http.js'
import type {Ctx} from '../state.js'

export type MV = [number, number]

export function parseMv(s: string): MV | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(s.trim())
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

export function mvCmp(a: MV, b: MV): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]
}

export function mvStr(v: MV): string {
  return `${v[0]}.${v[1]}`
}

export const MIN_MV: MV = [2, 1]

/** The version the request asks for (2.1 when it asks none); 400 when malformed, 406 out of [2.1, max]. */
export function negotiate(ctx: Ctx, maxMv: MV): MV {
  const h = ctx.req.headers
  const modern = typeof h['openstack-api-version'] === 'string' ? h['openstack-api-version'] : undefined
  const legacy = typeof h['x-openstack-nova-api-version'] === 'string' ? h['x-openstack-nova-api-version'] : undefined
  let asked: string | undefined
  if (modern) {
    for (const part of modern.split(',')) {
      const [svc, ver] = part.trim().split(/\s+/)
      if (svc?.toLowerCase() === 'compute' && ver) asked = ver
    }
  }
  if (asked === undefined && legacy) asked = legacy.trim()
  if (asked === undefined) return MIN_MV
  if (asked.toLowerCase() === 'latest') return maxMv
  const v = parseMv(asked)
  if (!v) throw new HttpError(400, `API Version String ${asked} is of invalid format. Must be of format MajorNum.MinorNum.`)
  if (mvCmp(v, MIN_MV) < 0 || mvCmp(v, maxMv) > 0) {
    throw new HttpError(406, `Version ${asked} is not supported by the API. Minimum is ${mvStr(MIN_MV)} and maximum is ${mvStr(maxMv)}.`)
  }
  return v
}
