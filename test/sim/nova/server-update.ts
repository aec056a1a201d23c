/**
 * What `server set`/`server unset` touch: PUT /servers/{id} (name, description from 2.19, hostname
 * from 2.90), /servers/{id}/metadata[/{key}] (the metadata_items quota), /servers/{id}/tags[/{tag}]
 * (2.26, 50 per server, Nova's tag schema) and DELETE /servers/{id}/os-server-password.
 * Texts are nova-api's (servers.py, server_metadata.py, server_tags.py, compute/api.py).
 */
import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import {atLeast, bad, byMethod, notFound, pyRepr, schemaError, type Req, type Route} from './request.js'
import {visibleServer} from './server-lifecycle.js'
import {serverJson} from './server-views.js'
import {quotasOf, type NovaState, type SimServer} from './state.js'

/** vm_states in which compute/api.py lets metadata and tags change (check_instance_state). */
const EDITABLE = ['active', 'paused', 'suspended', 'stopped', 'shelved', 'shelved_offloaded', 'resized', 'error', 'rescued']

function editable(srv: SimServer, action: string): void {
  if (!EDITABLE.includes(srv.vmState)) throw new HttpError(409, `Cannot '${action}' instance ${srv.id} while it is in vm_state ${srv.vmState}`)
}

/** Nova's parameter_types.name: 1-255 characters, no leading or trailing whitespace. */
function checkName(value: unknown): string {
  if (typeof value !== 'string') throw schemaError('name', value, `${pyRepr(value)} is not of type 'string'`)
  if (value.length < 1) throw schemaError('name', value, `'${value}' is too short`)
  if (value.length > 255) throw schemaError('name', value, `'${value}' is too long`)
  if (value.trim() !== value) throw schemaError('name', value, `'${value}' does not match '^(?! )[^\\x00-\\x1f]*(?<! )$'`)
  return value
}

async function updateServer(r: Req, s: NovaState, id: string): Promise<void> {
  const srv = visibleServer(r, s, id, false)
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.server)) throw schemaError('server', isObject(body) ? body.server : body, `'server' is a required property`)
  const allowed = ['name', 'accessIPv4', 'accessIPv6', 'OS-DCF:diskConfig', ...(atLeast(r, 2, 19) ? ['description'] : []), ...(atLeast(r, 2, 90) ? ['hostname'] : [])]
  const unexpected = Object.keys(body.server).filter((k) => !allowed.includes(k))
  if (unexpected.length > 0) {
    throw schemaError('server', body.server, `Additional properties are not allowed (${unexpected.map((k) => `'${k}'`).join(', ')} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)`)
  }
  const u = body.server
  const name = u.name === undefined ? undefined : checkName(u.name)
  let description: string | null | undefined
  if (u.description !== undefined) {
    if (u.description !== null && typeof u.description !== 'string') throw schemaError('description', u.description, `${pyRepr(u.description)} is not of type 'string', 'null'`)
    if (typeof u.description === 'string' && u.description.length > 255) throw schemaError('description', u.description, `'${u.description}' is too long`)
    description = u.description
  }
  if (name !== undefined) srv.name = name
  if (description !== undefined) srv.description = description
  srv.updated = Date.now()
  sendJson(r.ctx.res, 200, {server: serverJson(r, srv)})
}

function checkMetadata(meta: unknown, field: string): Record<string, string> {
  if (!isObject(meta)) throw schemaError(field, meta, `${pyRepr(meta)} is not of type 'object'`)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(meta)) {
    if (k.length < 1 || k.length > 255) throw schemaError(field, meta, `'${k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'`)
    if (typeof v !== 'string') throw schemaError(`${field}/${k}`, v, `${pyRepr(v)} is not of type 'string'`)
    if (v.length > 255) throw schemaError(`${field}/${k}`, v, `'${v}' is too long`)
    out[k] = v
  }
  return out
}

/** compute/api.py _check_metadata_properties_quota: MetadataLimitExceeded, a 403, over metadata_items. */
function checkQuota(s: NovaState, srv: SimServer, next: Record<string, string>): void {
  const allowed = quotasOf(s, srv.projectId).metadata_items
  if (allowed >= 0 && Object.keys(next).length > allowed) throw new HttpError(403, `Maximum number of metadata items exceeds ${allowed}`)
}

async function metadata(r: Req, s: NovaState, id: string, key: string | undefined): Promise<void> {
  const srv = visibleServer(r, s, id, false)
  const res = r.ctx.res
  if (key === undefined) {
    if (r.method === 'GET') return sendJson(res, 200, {metadata: {...srv.metadata}})
    const body = await readJson(r.ctx.req)
    if (!isObject(body) || body.metadata === undefined) throw schemaError('metadata', body, `'metadata' is a required property`)
    const given = checkMetadata(body.metadata, 'metadata')
    editable(srv, 'update_metadata')
    // POST merges, PUT replaces (server_metadata.py create / update_all).
    const next = r.method === 'POST' ? {...srv.metadata, ...given} : given
    checkQuota(s, srv, next)
    srv.metadata = next
    srv.updated = Date.now()
    return sendJson(res, 200, {metadata: {...srv.metadata}})
  }
  if (r.method === 'GET') {
    if (!Object.hasOwn(srv.metadata, key)) throw notFound('Metadata item was not found')
    return sendJson(res, 200, {meta: {[key]: srv.metadata[key]}})
  }
  if (r.method === 'DELETE') {
    if (!Object.hasOwn(srv.metadata, key)) throw notFound('Metadata item was not found')
    editable(srv, 'delete_metadata')
    delete srv.metadata[key]
    srv.updated = Date.now()
    return sendEmpty(res, 204)
  }
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || body.meta === undefined) throw schemaError('meta', body, `'meta' is a required property`)
  const given = checkMetadata(body.meta, 'meta')
  if (Object.keys(given).length !== 1) throw bad('Request body contains too many items')
  if (!Object.hasOwn(given, key)) throw bad('Request body and URI mismatch')
  editable(srv, 'update_metadata')
  const next = {...srv.metadata, ...given}
  checkQuota(s, srv, next)
  srv.metadata = next
  sendJson(res, 200, {meta: given})
}

export const MAX_TAGS = 50

function checkTag(tag: string): void {
  let err: string | undefined
  if (tag.length < 1) err = `'' is too short`
  else if (tag.length > 60) err = `'${tag}' is too long`
  else if (/[,/]/.test(tag)) err = `'${tag}' does not match '^[^,/]*$'`
  if (err) throw bad(`Tag '${tag}' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: ${err}`)
}

function tags(r: Req, s: NovaState, id: string, tag: string | undefined): void {
  // Server tags exist from 2.26: below it, the route is not there.
  if (!atLeast(r, 2, 26)) throw notFound('The resource could not be found.')
  const srv = visibleServer(r, s, id, false)
  const res = r.ctx.res
  if (tag === undefined) {
    if (r.method === 'GET') return sendJson(res, 200, {tags: srv.tags.slice()})
    if (r.method === 'DELETE') {
      editable(srv, 'delete tags')
      srv.tags = []
      return sendEmpty(res, 204)
    }
    throw new HttpError(405, 'The method is not allowed for this resource.')
  }
  if (r.method === 'GET') {
    if (!srv.tags.includes(tag)) throw notFound(`Instance ${srv.id} has no tag '${tag}'`)
    return sendEmpty(res, 204)
  }
  if (r.method === 'DELETE') {
    editable(srv, 'delete tag')
    if (!srv.tags.includes(tag)) throw notFound(`Instance ${srv.id} has no tag '${tag}'`)
    srv.tags = srv.tags.filter((t) => t !== tag)
    return sendEmpty(res, 204)
  }
  checkTag(tag)
  editable(srv, 'update tag')
  const location = `${r.base}/servers/${srv.id}/tags/${encodeURIComponent(tag)}`
  if (srv.tags.includes(tag)) return sendEmpty(res, 204, {Location: location})
  if (srv.tags.length >= MAX_TAGS) throw bad(`The number of tags exceeded the per-server limit ${MAX_TAGS}`)
  srv.tags.push(tag)
  sendEmpty(res, 201, {Location: location})
}

/** The routes below /servers/{id} that this module answers (undefined: not one of them). */
export const routeServerUpdate: Route = (r, s, seg) => {
  const id = seg[1]
  if (seg.length === 2 && r.method === 'PUT') return () => updateServer(r, s, id)
  if (seg[2] === 'metadata' && seg.length <= 4) {
    const key = seg[3]
    return byMethod(r, key === undefined ? {GET: () => metadata(r, s, id, key), POST: () => metadata(r, s, id, key), PUT: () => metadata(r, s, id, key)} : {GET: () => metadata(r, s, id, key), PUT: () => metadata(r, s, id, key), DELETE: () => metadata(r, s, id, key)})
  }
  if (seg[2] === 'tags' && seg.length <= 4) return byMethod(r, {GET: () => tags(r, s, id, seg[3]), PUT: () => tags(r, s, id, seg[3]), DELETE: () => tags(r, s, id, seg[3])})
  if (seg.length === 3 && seg[2] === 'os-server-password') {
    return byMethod(r, {
      GET: () => sendJson(r.ctx.res, 200, {password: ''}),
      DELETE: () => {
        visibleServer(r, s, id, false)
        sendEmpty(r.ctx.res, 204)
      },
    })
  }
  return undefined
}
