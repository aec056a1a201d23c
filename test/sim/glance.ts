/**
 * Simulated Glance v2 (devstack layout: mounted at /image on the main port). Replies follow Glance 25
 * (Zed): root-relative `next`/`first`/`self` links without the /image prefix, webob error bodies,
 * visibility and membership rules of glance/db/sqlalchemy/api.py.
 */
import {createHash, randomUUID} from 'node:crypto'
import {createReadStream, createWriteStream, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {pipeline} from 'node:stream/promises'
import {HttpError, isObject, isoSeconds, readJson, sendEmpty, sendJson} from './http.js'
import type {Ctx, InstanceState, TokenInfo} from './state.js'
import type {ImageVisibility, MemberStatus, SimImage, SimImageMember, SimImageSeed} from './types.js'

const VISIBILITIES = ['public', 'private', 'shared', 'community']
const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']
const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']
const MEMBER_STATUSES = ['pending', 'accepted', 'rejected']
const SORT_KEYS = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at']
const READ_ONLY = ['checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size', 'status', 'created_at', 'updated_at', 'self', 'file', 'schema', 'direct_url', 'stores']
const SETTABLE = ['name', 'visibility', 'protected', 'os_hidden', 'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'id']
const MAX_LIMIT = 1000
const DEFAULT_LIMIT = 25

const CURRENT = 'v2.16'
const VERSION_IDS = ['v2.16', 'v2.15', 'v2.14', 'v2.13', 'v2.12', 'v2.11', 'v2.10', 'v2.9', 'v2.8', 'v2.7', 'v2.6', 'v2.5', 'v2.4', 'v2.3', 'v2.2', 'v2.1', 'v2.0']

interface Who {
  project: string | null
  admin: boolean
}

function who(inst: InstanceState, t: TokenInfo): Who {
  return {project: inst.tokenProjectId(t), admin: inst.isAdminToken(t)}
}

// ---------------------------------------------------------------- data helpers

/** Deterministic bytes (sha256 in counter mode); a qcow2-looking header for qcow2 images. */
export function deterministicBytes(size: number, seed: string, qcow2VirtualSize?: number): Buffer {
  const out = Buffer.alloc(size)
  let off = 0
  let n = 0
  while (off < size) {
    const block = createHash('sha256').update(`${seed}/${n++}`).digest()
    off += block.copy(out, off)
  }
  if (qcow2VirtualSize !== undefined && size >= 32) {
    out.write('QFI\xfb', 0, 'latin1')
    out.writeUInt32BE(3, 4) // version
    out.fill(0, 8, 24)
    out.writeBigUInt64BE(BigInt(qcow2VirtualSize), 24)
  }
  return out
}

function virtualSizeOf(head: Buffer, diskFormat: string | null, size: number): number | null {
  if (diskFormat === 'raw') return size
  if (head.length >= 32 && head.toString('latin1', 0, 4) === 'QFI\xfb') return Number(head.readBigUInt64BE(24))
  return null
}

export function imageJson(img: SimImage): Record<string, unknown> {
  const out: Record<string, unknown> = {...img.properties}
  Object.assign(out, {
    name: img.name,
    disk_format: img.disk_format,
    container_format: img.container_format,
    visibility: img.visibility,
    size: img.size,
    virtual_size: img.virtual_size,
    status: img.status,
    checksum: img.checksum,
    protected: img.protected,
    min_ram: img.min_ram,
    min_disk: img.min_disk,
    owner: img.owner,
    os_hidden: img.os_hidden,
    os_hash_algo: img.os_hash_algo,
    os_hash_value: img.os_hash_value,
    id: img.id,
    created_at: isoSeconds(img.created),
    updated_at: isoSeconds(img.updated),
    tags: img.tags.slice(),
    self: `/v2/images/${img.id}`,
    file: `/v2/images/${img.id}/file`,
    schema: '/v2/schemas/image',
  })
  if (img.dataFile && img.status === 'active') out.stores = 'file'
  return out
}

function memberJson(img: SimImage, m: SimImageMember): unknown {
  return {
    created_at: m.created_at,
    image_id: img.id,
    member_id: m.member_id,
    schema: '/v2/schemas/member',
    status: m.status,
    updated_at: m.updated_at,
  }
}

function newImage(id: string, owner: string | null, now: number): SimImage {
  return {
    id,
    name: null,
    status: 'queued',
    visibility: 'shared',
    protected: false,
    os_hidden: false,
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    size: null,
    virtual_size: null,
    min_disk: 0,
    min_ram: 0,
    disk_format: null,
    container_format: null,
    owner,
    tags: [],
    created: now,
    updated: now,
    properties: {},
    members: new Map(),
    dataFile: null,
  }
}

/** Adds a seeded image (its bytes, small, written synchronously to the instance's data dir). */
export function seedImage(inst: InstanceState, seed: SimImageSeed, created: number): SimImage {
  const owner = inst.findProject(seed.owner ?? 'admin')?.id ?? seed.owner ?? null
  const img = newImage(seed.id ?? randomUUID(), owner, created)
  img.name = seed.name
  img.visibility = seed.visibility ?? 'public'
  img.protected = seed.protected ?? false
  img.os_hidden = seed.os_hidden ?? false
  img.tags = [...(seed.tags ?? [])]
  img.min_disk = seed.min_disk ?? 0
  img.min_ram = seed.min_ram ?? 0
  img.disk_format = seed.disk_format ?? 'qcow2'
  img.container_format = seed.container_format ?? 'bare'
  img.properties = {...(seed.properties ?? {})}
  for (const m of seed.members ?? []) {
    const pid = inst.findProject(m.project)?.id ?? m.project
    const at = isoSeconds(created)
    img.members.set(pid, {member_id: pid, status: m.status ?? 'accepted', created_at: at, updated_at: at})
  }
  if (seed.data !== undefined) {
    const data =
      typeof seed.data === 'number'
        ? deterministicBytes(seed.data, `${seed.name}`, img.disk_format === 'qcow2' ? Math.max(seed.data * 16, 117440512) : undefined)
        : Buffer.isBuffer(seed.data)
          ? seed.data
          : Buffer.from(seed.data)
    const file = join(inst.dataDir, img.id)
    writeFileSync(file, data)
    img.dataFile = file
    img.size = data.length
    img.checksum = createHash('md5').update(data).digest('hex')
    img.os_hash_algo = inst.imageHashAlgorithm
    img.os_hash_value = createHash(inst.imageHashAlgorithm).update(data).digest('hex')
    img.virtual_size = virtualSizeOf(data.subarray(0, 32), img.disk_format, data.length)
    img.status = 'active'
  }
  if (inst.images.has(img.id)) throw new Error(`sim: duplicate image id ${img.id}`)
  inst.images.set(img.id, img)
  return img
}

// ---------------------------------------------------------------- access rules

function canSee(img: SimImage, w: Who): boolean {
  if (w.admin) return true
  if (img.visibility === 'public' || img.visibility === 'community') return true
  if (w.project !== null && img.owner === w.project) return true
  if (img.visibility === 'shared' && w.project !== null && img.members.has(w.project)) return true
  return false
}

function isOwner(img: SimImage, w: Who): boolean {
  return w.admin || (w.project !== null && img.owner === w.project)
}

function notFound(id: string): HttpError {
  return new HttpError(404, `No image found with ID ${id}`)
}

function getVisible(inst: InstanceState, id: string, w: Who): SimImage {
  const img = inst.images.get(id)
  if (!img || !canSee(img, w)) throw notFound(id)
  return img
}

// ---------------------------------------------------------------- router

function versionsBody(inst: InstanceState): unknown {
  const href = `${inst.baseUrl}/image/v2/`
  return {
    versions: VERSION_IDS.map((id) => ({id, status: id === CURRENT ? 'CURRENT' : 'SUPPORTED', links: [{rel: 'self', href}]})),
  }
}

export async function handleImage(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const method = req.method ?? 'GET'
  const p = ctx.path
  if (p === '' || p === '/') {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'The method is not allowed for this resource.')
    sendJson(res, 300, versionsBody(inst))
    return
  }
  if (p === '/versions' && method === 'GET') {
    sendJson(res, 200, versionsBody(inst))
    return
  }
  if (!p.startsWith('/v2/')) throw new HttpError(404, 'The resource could not be found.')

  const tok = inst.authenticate(ctx)
  const w = who(inst, tok)
  const seg = p.slice(4).split('/').map((s) => decodeURIComponent(s))

  const bad = (): never => {
    throw new HttpError(405, 'The method is not allowed for this resource.')
  }

  if (seg[0] === 'schemas') {
    if (method !== 'GET') bad()
    const schema = schemas()[seg.slice(1).join('/')]
    if (!schema) throw new HttpError(404, 'The resource could not be found.')
    sendJson(res, 200, schema)
    return
  }
  if (seg[0] === 'info' && seg.length === 2) {
    if (seg[1] === 'import') {
      sendJson(res, 200, {'import-methods': {description: 'Import methods available.', type: 'array', value: ['glance-direct', 'web-download', 'copy-image']}})
      return
    }
    if (seg[1] === 'stores') {
      sendJson(res, 200, {stores: [{id: 'file', default: true}]})
      return
    }
  }
  if (seg[0] !== 'images') throw new HttpError(404, 'The resource could not be found.')

  if (seg.length === 1) {
    if (method === 'GET') return list(ctx, w)
    if (method === 'POST') return create(ctx, w)
    bad()
  }
  const id = seg[1]
  if (seg.length === 2) {
    if (method === 'GET' || method === 'HEAD') {
      sendJson(res, 200, imageJson(getVisible(inst, id, w)))
      return
    }
    if (method === 'PATCH') return patch(ctx, w, id)
    if (method === 'DELETE') return remove(ctx, w, id)
    bad()
  }
  if (seg[2] === 'file' && seg.length === 3) {
    if (method === 'PUT') return upload(ctx, w, id)
    if (method === 'GET') return download(ctx, w, id)
    bad()
  }
  if (seg[2] === 'tags' && seg.length === 4) {
    const img = getVisible(inst, id, w)
    if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete modify_image action.')
    const tag = seg[3]
    if (method === 'PUT') {
      if (!img.tags.includes(tag)) img.tags.push(tag)
      img.updated = Date.now()
      sendEmpty(res, 204)
      return
    }
    if (method === 'DELETE') {
      if (!img.tags.includes(tag)) throw new HttpError(404, `Tag ${tag} not found`)
      img.tags = img.tags.filter((t) => t !== tag)
      img.updated = Date.now()
      sendEmpty(res, 204)
      return
    }
    bad()
  }
  if (seg[2] === 'members') {
    if (seg.length === 3) {
      if (method === 'GET') return listMembers(ctx, w, id)
      if (method === 'POST') return addMember(ctx, w, id)
      bad()
    }
    if (seg.length === 4) {
      if (method === 'GET') return showMember(ctx, w, id, seg[3])
      if (method === 'PUT') return updateMember(ctx, w, id, seg[3])
      if (method === 'DELETE') return deleteMember(ctx, w, id, seg[3])
      bad()
    }
  }
  if (seg[2] === 'actions' && seg.length === 4 && method === 'POST') {
    const img = getVisible(inst, id, w)
    if (!w.admin) throw new HttpError(403, `You are not authorized to complete ${seg[3]} action.`)
    if (seg[3] === 'deactivate' || seg[3] === 'reactivate') {
      if (img.status !== 'active' && img.status !== 'deactivated') throw new HttpError(403, `Not allowed to ${seg[3]} image in status '${img.status}'`)
      img.status = seg[3] === 'deactivate' ? 'deactivated' : 'active'
      img.updated = Date.now()
      sendEmpty(res, 204)
      return
    }
  }
  throw new HttpError(404, 'The resource could not be found.')
}

// ---------------------------------------------------------------- list

function boolParam(v: string, name: string): boolean {
  const l = v.toLowerCase()
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(l)) return true
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(l)) return false
  throw new HttpError(400, `Invalid value '${v}' for parameter '${name}'`)
}

type SortVal = string | number | null

function sortValue(img: SimImage, key: string): SortVal {
  switch (key) {
    case 'created_at':
      return img.created
    case 'updated_at':
      return img.updated
    case 'size':
      return img.size
    default:
      return (img as unknown as Record<string, SortVal>)[key] ?? null
  }
}

function cmp(a: SortVal, b: SortVal): number {
  if (a === b) return 0
  if (a === null) return -1 // NULL sorts first (sqlite), i.e. smallest
  if (b === null) return 1
  return a < b ? -1 : 1
}

/** `in:a,b` / `eq:a` operators Glance accepts on some attributes. */
function matchOp(value: string | null, filter: string): boolean {
  if (filter.startsWith('in:')) return value !== null && filter.slice(3).split(',').map((s) => s.trim().replace(/^"|"$/g, '')).includes(value)
  if (filter.startsWith('eq:')) return value === filter.slice(3)
  return value === filter
}

async function list(ctx: Ctx, w: Who): Promise<void> {
  const {inst, query} = ctx
  // webob semantics: a repeated parameter's last value wins (except tag, read with getall).
  const params = new Map<string, string>()
  for (const [k, v] of query) params.set(k, v)

  let limit = DEFAULT_LIMIT
  if (params.has('limit')) {
    const raw = params.get('limit')!
    if (!/^-?\d+$/.test(raw)) throw new HttpError(400, 'limit param must be an integer')
    limit = Number(raw)
    if (limit < 0) throw new HttpError(400, 'limit param must be positive')
    limit = Math.min(limit, MAX_LIMIT)
  }

  // sorting
  const sortKeys: string[] = []
  const sortDirs: string[] = []
  const legacyKeys = query.getAll('sort_key')
  const legacyDirs = query.getAll('sort_dir')
  if (params.has('sort') && (legacyKeys.length || legacyDirs.length)) {
    throw new HttpError(400, 'The syntax of sort and sort_key/sort_dir are incompatible')
  }
  if (params.has('sort')) {
    for (const part of params.get('sort')!.split(',')) {
      const [k, d] = part.trim().split(':')
      sortKeys.push(k.trim())
      sortDirs.push((d ?? 'desc').trim())
    }
  } else {
    sortKeys.push(...legacyKeys)
    sortDirs.push(...legacyDirs)
    if (sortDirs.length > 1 && sortDirs.length !== sortKeys.length) throw new HttpError(400, 'Number of sort dirs does not match the number of sort keys')
  }
  for (const k of sortKeys) {
    if (!SORT_KEYS.includes(k)) throw new HttpError(400, `Invalid sort key: ${k}. It must be one of the following: ${SORT_KEYS.join(', ')}.`)
  }
  for (const d of sortDirs) if (d !== 'asc' && d !== 'desc') throw new HttpError(400, `Invalid sort direction: ${d}`)
  let defaultDir = 'desc'
  if (sortKeys.length === 0) sortKeys.push('created_at')
  if (sortDirs.length === 0) while (sortDirs.length < sortKeys.length) sortDirs.push(defaultDir)
  else if (sortDirs.length === 1) {
    defaultDir = sortDirs[0]
    while (sortDirs.length < sortKeys.length) sortDirs.push(defaultDir)
  }
  for (const k of ['created_at', 'id']) {
    if (!sortKeys.includes(k)) {
      sortKeys.push(k)
      sortDirs.push(defaultDir)
    }
  }

  const memberStatus = params.get('member_status') ?? 'accepted'
  if (![...MEMBER_STATUSES, 'all'].includes(memberStatus)) throw new HttpError(400, `Invalid status: ${memberStatus}`)
  const visibility = params.get('visibility')
  if (visibility !== undefined && ![...VISIBILITIES, 'all'].includes(visibility)) throw new HttpError(400, `Invalid visibility value: ${visibility}`)
  const hidden = params.has('os_hidden') ? boolParam(params.get('os_hidden')!, 'os_hidden') : false
  const tags = query.getAll('tag')

  const reserved = new Set(['limit', 'marker', 'sort', 'sort_key', 'sort_dir', 'member_status', 'visibility', 'os_hidden', 'tag'])
  const filters: [string, string][] = [...params].filter(([k]) => !reserved.has(k))

  const regular = !w.admin
  const visible = (img: SimImage): boolean => {
    // _select_images_query
    let inSet: boolean
    const memberMatch = (): boolean => {
      if (img.visibility !== 'shared') return false
      if (w.project === null) return img.members.size > 0
      const m = img.members.get(w.project)
      return !!m && (memberStatus === 'all' || m.status === memberStatus)
    }
    if (!regular) inSet = true
    else if (visibility === 'shared') inSet = memberMatch() || (w.project !== null && img.owner === w.project)
    else inSet = img.visibility === 'public' || img.visibility === 'community' || (w.project !== null && img.owner === w.project) || memberMatch()
    if (!inSet) return false
    // image_get_all
    if (visibility !== undefined) {
      if (visibility !== 'all' && img.visibility !== visibility) return false
    } else if (w.project === null) {
      if (img.visibility === 'community') return false
    } else if (!(img.owner === w.project || img.visibility !== 'community')) return false
    return true
  }

  const passes = (img: SimImage): boolean => {
    if (img.os_hidden !== hidden) return false
    for (const t of tags) if (!img.tags.includes(t)) return false
    for (const [k, v] of filters) {
      switch (k) {
        case 'name':
        case 'id':
        case 'status':
        case 'disk_format':
        case 'container_format':
          if (!matchOp((img as unknown as Record<string, string | null>)[k], v)) return false
          break
        case 'owner':
        case 'checksum':
        case 'os_hash_value':
          if ((img as unknown as Record<string, string | null>)[k] !== v) return false
          break
        case 'protected':
          if (img.protected !== boolParam(v, k)) return false
          break
        case 'min_ram':
        case 'min_disk':
          if (String(img[k]) !== v) return false
          break
        case 'size_min':
        case 'size_max': {
          const n = Number(v)
          if (!Number.isFinite(n)) throw new HttpError(400, 'Unable to filter on a range with a non-numeric value.')
          if (img.size === null) return false
          if (k === 'size_min' ? img.size < n : img.size > n) return false
          break
        }
        case 'created_at':
        case 'updated_at': {
          const m = /^(gt|gte|lt|lte|eq|neq):(.*)$/.exec(v)
          const t = Date.parse(m ? m[2] : v)
          if (Number.isNaN(t)) throw new HttpError(400, `Unable to filter by unknown operator '${v}'.`)
          const own = Math.floor((k === 'created_at' ? img.created : img.updated) / 1000) * 1000
          const op = m ? m[1] : 'eq'
          const ok = {gt: own > t, gte: own >= t, lt: own < t, lte: own <= t, eq: own === t, neq: own !== t}[op]
          if (!ok) return false
          break
        }
        default:
          if (img.properties[k] !== v) return false
      }
    }
    return true
  }

  const compare = (a: SimImage, b: SimImage): number => {
    for (let i = 0; i < sortKeys.length; i++) {
      const c = cmp(sortValue(a, sortKeys[i]), sortValue(b, sortKeys[i]))
      if (c !== 0) return sortDirs[i] === 'asc' ? c : -c
    }
    return 0
  }

  let rows = [...inst.images.values()].filter((img) => img.status !== 'deleted' && visible(img) && passes(img))
  rows.sort(compare)
  const marker = params.get('marker')
  if (marker !== undefined) {
    const m = inst.images.get(marker)
    if (!m || !canSee(m, w)) throw new HttpError(400, `No image found with ID ${marker}`)
    rows = rows.filter((img) => compare(img, m) > 0)
  }
  const page = rows.slice(0, limit)

  const body: Record<string, unknown> = {images: page.map(imageJson)}
  const linkParams = new URLSearchParams()
  for (const [k, v] of params) if (k !== 'marker') linkParams.set(k, v)
  const q = linkParams.toString()
  body.first = q ? `/v2/images?${q}` : '/v2/images'
  body.schema = '/v2/schemas/images'
  if (page.length !== 0 && page.length === limit) {
    linkParams.set('marker', page[page.length - 1].id)
    body.next = `/v2/images?${linkParams.toString()}`
  }
  sendJson(ctx.res, 200, body)
}

// ---------------------------------------------------------------- create / update / delete

function schemaError(what: string): HttpError {
  return new HttpError(400, `Provided object does not match schema 'image': ${what}`)
}

/** Validates and applies one base attribute or property (shared by create and PATCH). */
function applyAttr(img: SimImage, key: string, value: unknown, w: Who, creating: boolean): void {
  switch (key) {
    case 'name':
      if (value !== null && typeof value !== 'string') throw schemaError(`${JSON.stringify(value)} is not of type 'null', 'string'`)
      if (typeof value === 'string' && value.length > 255) throw schemaError(`'${value}' is too long`)
      img.name = value as string | null
      return
    case 'visibility':
      if (typeof value !== 'string' || !VISIBILITIES.includes(value)) throw schemaError(`${JSON.stringify(value)} is not one of ${pyList(VISIBILITIES)}`)
      if (value === 'public' && !w.admin) throw new HttpError(403, 'You are not authorized to complete publicize_image action.')
      img.visibility = value as ImageVisibility
      return
    case 'protected':
    case 'os_hidden':
      if (typeof value !== 'boolean') throw schemaError(`${JSON.stringify(value)} is not of type 'boolean'`)
      img[key] = value
      return
    case 'min_disk':
    case 'min_ram':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw schemaError(`${JSON.stringify(value)} is not of type 'integer'`)
      if (value < 0) throw schemaError(`${value} is less than the minimum of 0`)
      img[key] = value
      return
    case 'disk_format':
    case 'container_format': {
      const allowed = key === 'disk_format' ? DISK_FORMATS : CONTAINER_FORMATS
      if (value !== null && (typeof value !== 'string' || !allowed.includes(value))) throw schemaError(`${JSON.stringify(value)} is not one of ${pyList([...allowed, null])}`)
      if (!creating && img.status !== 'queued' && img[key] !== value) throw new HttpError(403, `Attribute ${key} can be only replaced for a queued image.`)
      img[key] = value as string | null
      return
    }
    case 'owner':
      if (value !== null && typeof value !== 'string') throw schemaError(`${JSON.stringify(value)} is not of type 'null', 'string'`)
      if (!w.admin && value !== w.project) {
        if (creating) throw new HttpError(403, `You are not permitted to create images owned by '${String(value)}'.`)
        throw new HttpError(403, "You are not permitted to modify 'owner' on this image.")
      }
      img.owner = value as string | null
      return
    case 'tags':
      if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) throw schemaError(`${JSON.stringify(value)} is not of type 'array'`)
      img.tags = [...new Set(value as string[])]
      return
    default:
      if (READ_ONLY.includes(key) || key === 'locations') throw new HttpError(403, `Attribute '${key}' is read-only.`)
      if (key.startsWith('os_glance')) throw new HttpError(403, `Attribute '${key}' is reserved.`)
      if (typeof value !== 'string') throw schemaError(`${JSON.stringify(value)} is not of type 'string'`)
      img.properties[key] = value
  }
}

function pyList(v: (string | null)[]): string {
  return `[${v.map((x) => (x === null ? 'None' : `'${x}'`)).join(', ')}]`
}

async function create(ctx: Ctx, w: Who): Promise<void> {
  const {inst} = ctx
  const body = await readJson(ctx.req)
  if (!isObject(body)) throw new HttpError(400, 'Body expected in request.')
  const id = body.id ?? randomUUID()
  if (typeof id !== 'string' || !/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(id)) {
    throw schemaError(`'${String(id)}' does not match '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'`)
  }
  if (inst.images.has(id)) throw new HttpError(409, `Image with identifier ${id} already exists!`)
  const img = newImage(id, w.project, Date.now())
  for (const [k, v] of Object.entries(body)) {
    if (k === 'id') continue
    applyAttr(img, k, v, w, true)
  }
  inst.images.set(img.id, img)
  // Glance sets Location from a root-relative href, made absolute by webob without the /image prefix.
  sendJson(ctx.res, 201, imageJson(img), {Location: `${inst.baseUrl}/v2/images/${img.id}`})
}

function decodePointer(path: string): string {
  if (!path.startsWith('/')) throw new HttpError(400, `Json path should start with a '/', end with no '/', no 2 subsequent '/' are allowed.`)
  const parts = path.slice(1).split('/')
  if (parts.length !== 1 || parts[0] === '') throw new HttpError(400, `Invalid JSON pointer for this resource: '${path}'`)
  return parts[0].replace(/~1/g, '/').replace(/~0/g, '~')
}

async function patch(ctx: Ctx, w: Who, id: string): Promise<void> {
  const {inst} = ctx
  const ct = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (ct !== 'application/openstack-images-v2.1-json-patch' && ct !== 'application/openstack-images-v2.0-json-patch') {
    const cur = getVisible(inst, id, w)
    void cur
    throw new HttpError(415, `Unsupported Content-Type`, {'Accept-Patch': 'application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch'})
  }
  const img = getVisible(inst, id, w)
  const ops = await readJson(ctx.req)
  if (!Array.isArray(ops)) throw new HttpError(400, 'Request body must be a JSON array of operation objects.')
  if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete modify_image action.')
  // Apply to a copy; commit only if every op succeeds (Glance validates the whole patch).
  const draft: SimImage = {...img, tags: img.tags.slice(), properties: {...img.properties}}
  for (const op of ops) {
    if (!isObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw new HttpError(400, 'Operation objects must contain exactly one member named "add", "remove", or "replace".')
    }
    const key = decodePointer(op.path)
    const isBase = SETTABLE.includes(key) || READ_ONLY.includes(key)
    if (key === 'id') throw new HttpError(403, "Attribute 'id' is read-only.")
    switch (op.op) {
      case 'add':
      case 'replace':
        if (!('value' in op)) throw new HttpError(400, `Operation "${op.op}" requires a member named "value".`)
        if (!isBase && op.op === 'replace' && !(key in draft.properties)) throw new HttpError(409, `Property ${key} does not exist.`)
        applyAttr(draft, key, op.value, w, false)
        break
      case 'remove':
        if (isBase) throw new HttpError(403, `Properties ${key} cannot be removed.`)
        if (!(key in draft.properties)) throw new HttpError(409, `Property ${key} does not exist.`)
        delete draft.properties[key]
        break
      default:
        throw new HttpError(400, `Invalid operation: \`${op.op}\`: Unable to find '${op.op}' in JSON Schema change`)
    }
  }
  Object.assign(img, draft)
  img.updated = Date.now()
  sendJson(ctx.res, 200, imageJson(img))
}

async function remove(ctx: Ctx, w: Who, id: string): Promise<void> {
  const {inst} = ctx
  const img = getVisible(inst, id, w)
  if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete delete_image action.')
  if (img.protected) throw new HttpError(403, `Image ${id} is protected and cannot be deleted.`)
  inst.images.delete(id)
  img.status = 'deleted'
  if (img.dataFile) await rm(img.dataFile, {force: true})
  img.dataFile = null
  sendEmpty(ctx.res, 204)
}

// ---------------------------------------------------------------- data

async function upload(ctx: Ctx, w: Who, id: string): Promise<void> {
  const {inst, req} = ctx
  const img = getVisible(inst, id, w)
  if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete upload_image action.')
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (ct !== 'application/octet-stream') throw new HttpError(415, `Content-Type ${ct || '(none)'} is not supported, please use application/octet-stream`)
  if (img.status !== 'queued') throw new HttpError(409, `Image status transition from ${img.status} to saving is not allowed`)
  if (img.disk_format === null || img.container_format === null) {
    throw new HttpError(400, 'Properties disk_format, container_format must be set prior to saving data.')
  }
  img.status = 'saving'
  img.updated = Date.now()
  const file = join(inst.dataDir, `${img.id}.${randomUUID()}`)
  const md5 = createHash('md5')
  const sha = createHash(inst.imageHashAlgorithm)
  let size = 0
  let head = Buffer.alloc(0)
  try {
    await pipeline(
      req,
      async function* (src: AsyncIterable<Buffer>) {
        for await (const chunk of src) {
          md5.update(chunk)
          sha.update(chunk)
          size += chunk.length
          if (head.length < 32) head = Buffer.concat([head, chunk.subarray(0, 32 - head.length)])
          yield chunk
        }
      },
      createWriteStream(file),
    )
  } catch (e) {
    await rm(file, {force: true})
    if (inst.images.get(id) === img) {
      img.status = 'queued'
      img.updated = Date.now()
    }
    throw e
  }
  if (inst.images.get(id) !== img) {
    // deleted while uploading
    await rm(file, {force: true})
    throw new HttpError(410, 'Image was deleted during upload.')
  }
  img.dataFile = file
  img.size = size
  img.checksum = md5.digest('hex')
  img.os_hash_algo = inst.imageHashAlgorithm
  img.os_hash_value = sha.digest('hex')
  img.virtual_size = virtualSizeOf(head, img.disk_format, size)
  img.status = 'active'
  img.updated = Date.now()
  sendEmpty(ctx.res, 204)
}

async function download(ctx: Ctx, w: Who, id: string): Promise<void> {
  const {inst, res} = ctx
  const img = getVisible(inst, id, w)
  if (img.status === 'deactivated' && !w.admin) throw new HttpError(403, 'The requested image has been deactivated. Image data download is forbidden.')
  if (!img.dataFile || (img.status !== 'active' && img.status !== 'deactivated')) {
    sendEmpty(res, 204)
    return
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(img.size ?? 0),
    ...(img.checksum ? {'Content-MD5': img.checksum} : {}),
  })
  if (ctx.req.method === 'HEAD') {
    res.end()
    return
  }
  await pipeline(createReadStream(img.dataFile), res)
}

// ---------------------------------------------------------------- members

function sharedOnly(img: SimImage): void {
  if (img.visibility !== 'shared') throw new HttpError(403, 'Only shared images have members.')
}

async function listMembers(ctx: Ctx, w: Who, id: string): Promise<void> {
  const img = getVisible(ctx.inst, id, w)
  sharedOnly(img)
  let members = [...img.members.values()]
  if (!isOwner(img, w)) members = members.filter((m) => m.member_id === w.project)
  sendJson(ctx.res, 200, {members: members.map((m) => memberJson(img, m)), schema: '/v2/schemas/members'})
}

async function addMember(ctx: Ctx, w: Who, id: string): Promise<void> {
  const img = getVisible(ctx.inst, id, w)
  const body = await readJson(ctx.req)
  if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete add_member action.')
  sharedOnly(img)
  const member = isObject(body) ? body.member : undefined
  if (typeof member !== 'string' || member === '') throw new HttpError(400, 'Member to be added not specified')
  if (img.members.has(member)) throw new HttpError(409, `Member ${member} already exists for image ${img.id}.`)
  const at = isoSeconds(Date.now())
  const m: SimImageMember = {member_id: member, status: 'pending', created_at: at, updated_at: at}
  img.members.set(member, m)
  sendJson(ctx.res, 200, memberJson(img, m))
}

function memberOf(img: SimImage, w: Who, member: string): SimImageMember {
  const m = img.members.get(member)
  if (!m || !(isOwner(img, w) || member === w.project)) throw new HttpError(404, `Not a member of image ${img.id}`)
  return m
}

async function showMember(ctx: Ctx, w: Who, id: string, member: string): Promise<void> {
  const img = getVisible(ctx.inst, id, w)
  sharedOnly(img)
  sendJson(ctx.res, 200, memberJson(img, memberOf(img, w, member)))
}

async function updateMember(ctx: Ctx, w: Who, id: string, member: string): Promise<void> {
  const img = getVisible(ctx.inst, id, w)
  const body = await readJson(ctx.req)
  sharedOnly(img)
  const m = memberOf(img, w, member)
  if (member !== w.project) throw new HttpError(403, 'You are not permitted to modify \'status\' on this image member.')
  const status = isObject(body) ? body.status : undefined
  if (typeof status !== 'string' || !MEMBER_STATUSES.includes(status)) {
    throw new HttpError(400, `Provided object does not match schema 'member': ${JSON.stringify(status ?? null)} is not one of ${pyList(MEMBER_STATUSES)}`)
  }
  m.status = status as MemberStatus
  m.updated_at = isoSeconds(Date.now())
  sendJson(ctx.res, 200, memberJson(img, m))
}

async function deleteMember(ctx: Ctx, w: Who, id: string, member: string): Promise<void> {
  const img = getVisible(ctx.inst, id, w)
  sharedOnly(img)
  const m = memberOf(img, w, member)
  if (!isOwner(img, w)) throw new HttpError(403, 'You are not authorized to complete delete_member action.')
  img.members.delete(m.member_id)
  sendEmpty(ctx.res, 204)
}

// ---------------------------------------------------------------- schemas

let schemaCache: Record<string, unknown> | undefined

function schemas(): Record<string, unknown> {
  if (schemaCache) return schemaCache
  const str = (description: string, extra: Record<string, unknown> = {}) => ({type: ['null', 'string'], readOnly: true, description, ...extra})
  const image = {
    name: 'image',
    properties: {
      id: {type: 'string', description: 'An identifier for the image', pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'},
      name: {type: ['null', 'string'], description: 'Descriptive name for the image', maxLength: 255},
      status: {type: 'string', readOnly: true, description: 'Status of the image', enum: ['queued', 'saving', 'active', 'killed', 'deleted', 'uploading', 'importing', 'pending_delete', 'deactivated']},
      visibility: {type: 'string', description: 'Scope of image accessibility', enum: VISIBILITIES},
      protected: {type: 'boolean', description: 'If true, image will not be deletable.'},
      os_hidden: {type: 'boolean', description: 'If true, image will not appear in default image list response.'},
      checksum: str('md5 hash of image contents.', {maxLength: 32}),
      os_hash_algo: str('Algorithm to calculate the os_hash_value', {maxLength: 64}),
      os_hash_value: str('Hexdigest of the image contents using the algorithm specified by the os_hash_algo', {maxLength: 128}),
      owner: {type: ['null', 'string'], description: 'Owner of the image', maxLength: 255},
      size: {type: ['null', 'integer'], readOnly: true, description: 'Size of image file in bytes'},
      virtual_size: {type: ['null', 'integer'], readOnly: true, description: 'Virtual size of image in bytes'},
      container_format: {type: ['null', 'string'], description: 'Format of the container', enum: [null, ...CONTAINER_FORMATS]},
      disk_format: {type: ['null', 'string'], description: 'Format of the disk', enum: [null, ...DISK_FORMATS]},
      created_at: {type: 'string', readOnly: true, description: 'Date and time of image registration'},
      updated_at: {type: 'string', readOnly: true, description: 'Date and time of the last image modification'},
      tags: {type: 'array', description: 'List of strings related to the image', items: {type: 'string', maxLength: 255}},
      direct_url: {type: 'string', readOnly: true, description: 'URL to access the image file kept in external store'},
      min_ram: {type: 'integer', description: 'Amount of ram (in MB) required to boot image.'},
      min_disk: {type: 'integer', description: 'Amount of disk space (in GB) required to boot image.'},
      self: {type: 'string', readOnly: true, description: 'An image self url'},
      file: {type: 'string', readOnly: true, description: 'An image file url'},
      stores: {type: 'string', readOnly: true, description: 'Store in which image data resides.  Only present when the operator has enabled multiple stores.'},
      schema: {type: 'string', readOnly: true, description: 'An image schema url'},
      locations: {type: 'array', description: 'A set of URLs to access the image file kept in external store', items: {type: 'object'}},
    },
    additionalProperties: {type: 'string'},
    links: [
      {rel: 'self', href: '{self}'},
      {rel: 'enclosure', href: '{file}'},
      {rel: 'describedby', href: '{schema}'},
    ],
  }
  const member = {
    name: 'member',
    properties: {
      created_at: {type: 'string', description: 'Date and time of image member creation'},
      image_id: {type: 'string', description: 'An identifier for the image', pattern: image.properties.id.pattern},
      member_id: {type: 'string', description: 'An identifier for the image member (tenantId)'},
      status: {type: 'string', description: 'The status of this image member', enum: MEMBER_STATUSES},
      updated_at: {type: 'string', description: 'Date and time of last modification of image member'},
      schema: {readOnly: true, type: 'string'},
    },
  }
  schemaCache = {
    image,
    images: {
      name: 'images',
      properties: {images: {type: 'array', items: image}, schema: {type: 'string'}, first: {type: 'string'}, next: {type: 'string'}},
      links: [
        {rel: 'first', href: '{first}'},
        {rel: 'next', href: '{next}'},
        {rel: 'describedby', href: '{schema}'},
      ],
    },
    member,
    members: {name: 'members', properties: {members: {type: 'array', items: member}, schema: {type: 'string'}}, links: [{rel: 'describedby', href: '{schema}'}]},
  }
  return schemaCache
}
