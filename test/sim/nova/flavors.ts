/**
 * Flavors: list (with is_public, minRam, minDisk, marker/limit and `flavors_links`), show, and as
 * Nova's flavor-manage (admin only): create (its schema, 409s on a taken name or ID), delete, update
 * (description, 2.55); os-extra_specs (create/list/show/update/delete); os-flavor-access (list, and
 * the addTenantAccess/removeTenantAccess actions).
 */
import {randomUUID} from 'node:crypto'

import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import {atLeast, bad, boolFromString, byMethod, intParam, notFound, pyRepr, schemaError, type Req, type Route} from './request.js'
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

/** The projects given access to each private flavor (os-flavor-access). */
const access = new WeakMap<SimFlavor, string[]>()
function accessOf(f: SimFlavor): string[] {
  let list = access.get(f)
  if (!list) access.set(f, (list = []))
  return list
}

function policy(r: Req, rule: string): void {
  if (!r.admin) throw new HttpError(403, `Policy doesn't allow os_compute_api:${rule} to be performed.`)
}

const MAX_INT = 2147483647
/** Nova's flavor_param_positive / flavor_param_non_negative: an integer (or a string of digits) in range. */
function flavorInt(field: string, v: unknown, min: number): number {
  if (typeof v === 'string') {
    if (!/^[0-9]*$/.test(v)) throw schemaError(field, v, `'${v}' does not match '^[0-9]*$'`)
    v = Number(v)
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'integer', 'string'`)
  if (v < min) throw schemaError(field, v, `${v} is less than the minimum of ${min}`)
  if (v > MAX_INT) throw schemaError(field, v, `${v} is greater than the maximum of ${MAX_INT}`)
  return v
}

function checkDescription(d: unknown): string | null {
  if (d === null) return null
  if (typeof d !== 'string') throw schemaError('description', d, `${pyRepr(d)} is not of type 'string', 'null'`)
  if (d.length > 65535) throw schemaError('description', d, `'${d}' is too long`)
  return d
}

const FLAVOR_KEYS = ['name', 'id', 'ram', 'vcpus', 'disk', 'OS-FLV-EXT-DATA:ephemeral', 'swap', 'rxtx_factor', 'os-flavor-access:is_public']

async function createFlavor(r: Req, s: NovaState): Promise<void> {
  policy(r, 'os-flavor-manage:create')
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.flavor)) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(isObject(body) ? body.flavor : body)}. ${pyRepr(isObject(body) ? body.flavor : body)} is not of type 'object'`)
  const fb = body.flavor
  const allowed = atLeast(r, 2, 55) ? [...FLAVOR_KEYS, 'description'] : FLAVOR_KEYS
  const extra = Object.keys(fb).filter((k) => !allowed.includes(k))
  if (extra.length > 0) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(fb)}. Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(', ')} ${extra.length === 1 ? 'was' : 'were'} unexpected)`)
  for (const k of ['name', 'ram', 'vcpus', 'disk']) if (!(k in fb)) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(fb)}. '${k}' is a required property`)
  const name = fb.name
  if (typeof name !== 'string') throw schemaError('name', name, `${pyRepr(name)} is not of type 'string'`)
  if (name.length < 1 || name.length > 255 || name.trim() !== name || /[\x00-\x1f]/.test(name)) {
    throw schemaError('name', name, "An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.")
  }
  let id: string
  if (fb.id === undefined || fb.id === null) id = randomUUID()
  else {
    if (typeof fb.id !== 'string') throw schemaError('id', fb.id, `${pyRepr(fb.id)} is not of type 'string', 'null'`)
    if (!/^(?! )[a-zA-Z0-9. _-]+$/.test(fb.id) || fb.id.endsWith(' ') || fb.id.length > 255) throw schemaError('id', fb.id, `'${fb.id}' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`)
    id = fb.id
  }
  const ram = flavorInt('ram', fb.ram, 1)
  const vcpus = flavorInt('vcpus', fb.vcpus, 1)
  const disk = flavorInt('disk', fb.disk, 0)
  const ephemeral = fb['OS-FLV-EXT-DATA:ephemeral'] === undefined ? 0 : flavorInt('OS-FLV-EXT-DATA:ephemeral', fb['OS-FLV-EXT-DATA:ephemeral'], 0)
  const swap = fb.swap === undefined ? 0 : flavorInt('swap', fb.swap, 0)
  let rxtx = 1
  if (fb.rxtx_factor !== undefined) {
    const v = typeof fb.rxtx_factor === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(fb.rxtx_factor) ? Number(fb.rxtx_factor) : fb.rxtx_factor
    if (typeof v !== 'number') throw schemaError('rxtx_factor', fb.rxtx_factor, `${pyRepr(fb.rxtx_factor)} is not of type 'number', 'string'`)
    if (v <= 0) throw schemaError('rxtx_factor', v, `${Number.isInteger(v) ? v.toFixed(1) : v} is less than or equal to the minimum of 0`)
    rxtx = v
  }
  const isPublic = fb['os-flavor-access:is_public'] ?? true
  if (typeof isPublic !== 'boolean') throw schemaError('os-flavor-access:is_public', isPublic, `${pyRepr(isPublic)} is not of type 'boolean'`)
  const description = fb.description === undefined ? null : checkDescription(fb.description)
  if ([...s.flavors.values()].some((f) => f.name === name)) throw new HttpError(409, `Flavor with name ${name} already exists.`)
  if (s.flavors.has(id)) throw new HttpError(409, `Flavor with ID ${id} already exists.`)
  const f: SimFlavor = {id, name, ram, disk, vcpus, ephemeral, swap, isPublic, disabled: false, rxtx, description, extraSpecs: {}}
  s.flavors.set(id, f)
  sendJson(r.ctx.res, 200, {flavor: flavorJson(r, f, true)})
}

function deleteFlavor(r: Req, s: NovaState, id: string): void {
  policy(r, 'os-flavor-manage:delete')
  if (!s.flavors.has(id)) throw notFound(`Flavor ${id} could not be found.`)
  s.flavors.delete(id)
  sendEmpty(r.ctx.res, 202)
}

async function updateFlavor(r: Req, s: NovaState, id: string): Promise<void> {
  if (!atLeast(r, 2, 55)) throw methodNotAllowedHere()
  policy(r, 'os-flavor-manage:update')
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.flavor)) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(isObject(body) ? body.flavor : body)}. ${pyRepr(isObject(body) ? body.flavor : body)} is not of type 'object'`)
  const extra = Object.keys(body.flavor).filter((k) => k !== 'description')
  if (extra.length > 0) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(body.flavor)}. Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(', ')} ${extra.length === 1 ? 'was' : 'were'} unexpected)`)
  if (!('description' in body.flavor)) throw bad(`Invalid input for field/attribute flavor. Value: ${pyRepr(body.flavor)}. 'description' is a required property`)
  const description = checkDescription(body.flavor.description)
  const f = s.flavors.get(id)
  if (!f) throw notFound(`Flavor ${id} could not be found.`)
  f.description = description
  sendJson(r.ctx.res, 200, {flavor: flavorJson(r, f, true)})
}

function methodNotAllowedHere(): HttpError {
  return new HttpError(405, 'The method is not allowed for this resource.')
}

const SPEC_KEY = /^[a-zA-Z0-9-_:. /]{1,255}$/

function checkSpecs(specs: unknown): Record<string, string> {
  if (!isObject(specs)) throw bad(`Invalid input for field/attribute extra_specs. Value: ${pyRepr(specs)}. ${pyRepr(specs)} is not of type 'object'`)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(specs)) {
    if (!SPEC_KEY.test(k)) throw bad(`Invalid input for field/attribute extra_specs. Value: ${pyRepr(specs)}. '${k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'`)
    if (typeof v === 'string') {
      if (v.length > 255) throw bad(`Invalid input for field/attribute ${k}. Value: ${v}. '${v}' is too long`)
      out[k] = v
    } else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
    else throw bad(`Invalid input for field/attribute ${k}. Value: ${pyRepr(v)}. ${pyRepr(v)} is not of type 'string', 'integer', 'number', 'boolean'`)
  }
  return out
}

function specFlavor(s: NovaState, id: string): SimFlavor {
  const f = s.flavors.get(id)
  if (!f) throw notFound(`Flavor ${id} could not be found.`)
  return f
}

async function routeExtraSpecs(r: Req, s: NovaState, id: string, key: string | undefined): Promise<void> {
  if (key === undefined) {
    if (r.method === 'GET') return sendJson(r.ctx.res, 200, {extra_specs: {...visibleFlavor(r, s, id).extraSpecs}})
    if (r.method !== 'POST') throw methodNotAllowedHere()
    policy(r, 'os-flavor-extra-specs:create')
    const body = await readJson(r.ctx.req)
    if (!isObject(body) || !('extra_specs' in body)) throw bad(`Invalid input for field/attribute extra_specs. Value: ${pyRepr(body)}. 'extra_specs' is a required property`)
    const specs = checkSpecs(body.extra_specs)
    const f = specFlavor(s, id)
    Object.assign(f.extraSpecs, specs)
    return sendJson(r.ctx.res, 200, {extra_specs: specs})
  }
  if (r.method === 'GET') {
    const f = visibleFlavor(r, s, id)
    if (!(key in f.extraSpecs)) throw notFound(`Flavor ${id} has no extra specs with key ${key}.`)
    return sendJson(r.ctx.res, 200, {[key]: f.extraSpecs[key]})
  }
  if (r.method === 'PUT') {
    policy(r, 'os-flavor-extra-specs:update')
    const body = await readJson(r.ctx.req)
    const specs = checkSpecs(body)
    if (!(key in specs)) throw bad('Request body and URI mismatch')
    if (Object.keys(specs).length > 1) throw bad('Request body contains too many items')
    specFlavor(s, id).extraSpecs[key] = specs[key]
    return sendJson(r.ctx.res, 200, specs)
  }
  if (r.method === 'DELETE') {
    policy(r, 'os-flavor-extra-specs:delete')
    const f = specFlavor(s, id)
    if (!(key in f.extraSpecs)) throw notFound(`Flavor ${id} has no extra specs with key ${key}.`)
    delete f.extraSpecs[key]
    return sendEmpty(r.ctx.res, 202)
  }
  throw methodNotAllowedHere()
}

function accessJson(f: SimFlavor): {flavor_access: {flavor_id: string; tenant_id: string}[]} {
  return {flavor_access: accessOf(f).map((tenant) => ({flavor_id: f.id, tenant_id: tenant}))}
}

function listAccess(r: Req, s: NovaState, id: string): void {
  policy(r, 'os-flavor-access')
  const f = specFlavor(s, id)
  if (f.isPublic) throw notFound('Access list not available for public flavors.')
  sendJson(r.ctx.res, 200, accessJson(f))
}

async function flavorAction(r: Req, s: NovaState, id: string): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body)) throw bad('Malformed request body')
  const [action] = Object.keys(body)
  if (action !== 'addTenantAccess' && action !== 'removeTenantAccess') throw notFound('The resource could not be found.')
  const add = action === 'addTenantAccess'
  policy(r, add ? 'os-flavor-access:add_tenant_access' : 'os-flavor-access:remove_tenant_access')
  const arg = body[action]
  if (!isObject(arg) || !('tenant' in arg)) throw bad(`Invalid input for field/attribute ${action}. Value: ${pyRepr(arg)}. 'tenant' is a required property`)
  const tenant = arg.tenant
  if (typeof tenant !== 'string' || tenant.length < 1 || tenant.length > 255) throw schemaError('tenant', tenant, `${pyRepr(tenant)} is not of type 'string'`)
  const f = specFlavor(s, id)
  const list = accessOf(f)
  if (add) {
    if (f.isPublic) throw new HttpError(409, 'Can not add access to a public flavor.')
    if (list.includes(tenant)) throw new HttpError(409, `Flavor access already exists for flavor ${id} and project ${tenant} combination.`)
    list.push(tenant)
  } else {
    const i = list.indexOf(tenant)
    if (i < 0) throw notFound(`Flavor access not found for ${id} / ${tenant} combination.`)
    list.splice(i, 1)
  }
  sendJson(r.ctx.res, 200, accessJson(f))
}

export const routeFlavors: Route = (r, s, seg) => {
  if (seg.length === 1) return byMethod(r, {GET: () => listFlavors(r, s, false), POST: () => createFlavor(r, s)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => listFlavors(r, s, true)})
  if (seg.length === 2) return byMethod(r, {GET: () => showFlavor(r, s, seg[1]), DELETE: () => deleteFlavor(r, s, seg[1]), PUT: () => updateFlavor(r, s, seg[1])})
  if ((seg.length === 3 || seg.length === 4) && seg[2] === 'os-extra_specs') return () => routeExtraSpecs(r, s, seg[1], seg[3])
  if (seg.length === 3 && seg[2] === 'os-flavor-access') return byMethod(r, {GET: () => listAccess(r, s, seg[1])})
  if (seg.length === 3 && seg[2] === 'action') return byMethod(r, {POST: () => flavorAction(r, s, seg[1])})
  return undefined
}
