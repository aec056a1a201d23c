/** Flavors: list (with is_public, minRam, minDisk, marker/limit and `flavors_links`), show, extra specs. */
import {sendJson} from '../http.js'
import {atLeast, bad, boolFromString, byMethod, intParam, notFound, type Req, type Route} from './request.js'
import type {NovaState, SimFlavor} from './state.js'

export function flavorLinks(r: Req, id: string): unknown[] {
  return [
    {rel: 'self', href: `${r.base}/flavors/${id}`},
    {rel: 'bookmark', href: `${r.bookmark}/flavors/${id}`},
  ]
}

export function flavorJson(r: Req, f: SimFlavor, detail: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {id: f.id, name: f.name}
  if (detail) {
    Object.assign(out, {
      ram: f.ram,
      disk: f.disk,
      vcpus: f.vcpus,
      swap: atLeast(r, 2, 75) ? f.swap : f.swap === 0 ? '' : f.swap,
      'OS-FLV-EXT-DATA:ephemeral': f.ephemeral,
      'OS-FLV-DISABLED:disabled': f.disabled,
      'os-flavor-access:is_public': f.isPublic,
      rxtx_factor: f.rxtx,
    })
  }
  out.links = flavorLinks(r, f.id)
  if (atLeast(r, 2, 55)) out.description = f.description
  if (detail && atLeast(r, 2, 61)) out.extra_specs = {...f.extraSpecs}
  return out
}

export function visibleFlavor(r: Req, s: NovaState, id: string): SimFlavor {
  const f = s.flavors.get(id)
  if (!f || (!f.isPublic && !r.admin)) throw notFound(`Flavor ${id} could not be found.`)
  return f
}

export function showFlavor(r: Req, s: NovaState, id: string): void {
  sendJson(r.ctx.res, 200, {flavor: flavorJson(r, visibleFlavor(r, s, id), true)})
}

export function listFlavors(r: Req, s: NovaState, detail: boolean): void {
  const q = r.ctx.query
  let isPublic: boolean | null = true
  const raw = q.get('is_public')
  if (raw !== null) {
    if (raw.toLowerCase() === 'none') isPublic = r.admin ? null : true
    else {
      const b = boolFromString(raw)
      if (b === undefined) throw bad(`Invalid is_public filter [${raw}]`)
      isPublic = r.admin ? b : true
    }
  }
  let items = [...s.flavors.values()].filter((f) => (isPublic === null ? true : f.isPublic === isPublic) && (r.admin || f.isPublic))
  const minRam = intParam(q.get('minRam'), 'minRam')
  const minDisk = intParam(q.get('minDisk'), 'minDisk')
  if (minRam !== undefined) items = items.filter((f) => f.ram >= minRam)
  if (minDisk !== undefined) items = items.filter((f) => f.disk >= minDisk)
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const marker = q.get('marker')
  if (marker) {
    const i = items.findIndex((f) => f.id === marker)
    if (i < 0) throw bad(`marker [${marker}] not found`)
    items = items.slice(i + 1)
  }
  const limit = intParam(q.get('limit'), 'limit')
  const body: Record<string, unknown> = {}
  if (limit !== undefined && limit < items.length) {
    items = items.slice(0, limit)
  }
  body.flavors = items.map((f) => flavorJson(r, f, detail))
  if (limit !== undefined && items.length === limit && limit > 0) {
    const params = new URLSearchParams(r.ctx.rawQuery)
    params.set('marker', items[items.length - 1].id)
    body.flavors_links = [{rel: 'next', href: `${r.base}/flavors${detail ? '/detail' : ''}?${params.toString()}`}]
  }
  sendJson(r.ctx.res, 200, body)
}

export const routeFlavors: Route = (r, s, seg) => {
  if (seg.length === 1) return byMethod(r, {GET: () => listFlavors(r, s, false)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => listFlavors(r, s, true)})
  if (seg.length === 2) return byMethod(r, {GET: () => showFlavor(r, s, seg[1])})
  if (seg.length === 3 && seg[2] === 'os-extra_specs') {
    return byMethod(r, {GET: () => sendJson(r.ctx.res, 200, {extra_specs: {...visibleFlavor(r, s, seg[1]).extraSpecs}})})
  }
  return undefined
}
