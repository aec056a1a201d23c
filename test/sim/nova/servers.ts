/** Servers: show, delete, list (filters, sort, marker/limit, `servers_links`). */
import {HttpError, sendEmpty, sendJson} from '../http.js'
import {routeVolumeAttachments} from './volumes.js'
import {bad, boolFromString, byMethod, intParam, type Req, type Route} from './request.js'
import {recordAction, routeInstanceActions} from './instance-actions.js'
import {serverAction} from './server-actions.js'
import {createServers} from './server-create.js'
import {releasePorts, visibleServer} from './server-lifecycle.js'
import {addresses, serverJson, serverLinks} from './server-views.js'
import {routeServerUpdate} from './server-update.js'
import type {NovaState} from './state.js'

function showServer(r: Req, s: NovaState, id: string): void {
  const srv = visibleServer(r, s, id, true)
  sendJson(r.ctx.res, 200, {server: serverJson(r, srv)})
}

function deleteServer(r: Req, s: NovaState, id: string): void {
  const srv = visibleServer(r, s, id, false)
  if (!srv.deleting) {
    recordAction(r, srv, 'delete')
    srv.deleting = true
    srv.polls = 0
    srv.taskState = 'deleting'
    srv.updated = Date.now()
    if (s.options.deletePolls <= 0) {
      releasePorts(r.ctx.inst, srv)
      s.servers.delete(srv.id)
    }
  }
  sendEmpty(r.ctx.res, 204)
}

function listServers(r: Req, s: NovaState, detail: boolean): void {
  const q = r.ctx.query
  const allTenantsRaw = q.get('all_tenants')
  let allTenants = false
  if (allTenantsRaw !== null) {
    allTenants = allTenantsRaw === '' ? true : (boolFromString(allTenantsRaw) ?? true)
    if (allTenants && !r.admin) {
      throw new HttpError(403, `Policy doesn't allow os_compute_api:servers:${detail ? 'detail' : 'index'}:get_all_tenants to be performed.`)
    }
  }
  let items = [...s.servers.values()]
  if (allTenants) {
    const pf = q.get('project_id') ?? q.get('tenant_id')
    if (pf) items = items.filter((x) => x.projectId === pf)
  } else items = items.filter((x) => x.projectId === r.project)

  const name = q.get('name')
  if (name !== null) {
    let re: RegExp
    try {
      re = new RegExp(name)
    } catch {
      throw bad(`Invalid regular expression for name: ${name}`)
    }
    items = items.filter((x) => re.test(x.name))
  }
  const status = q.get('status')
  if (status !== null) {
    const st = status.toUpperCase()
    const known = ['ACTIVE', 'BUILD', 'ERROR', 'DELETED', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING', 'SHELVED', 'SHELVED_OFFLOADED', 'RESCUE', 'SOFT_DELETED', 'UNKNOWN', 'PASSWORD', 'REBUILD', 'REVERT_RESIZE']
    if (!known.includes(st)) {
      // Nova answers an empty list for an unknown status (a 400 only from 2.x for some).
      items = []
    } else items = items.filter((x) => x.status === st)
  }
  const image = q.get('image')
  if (image !== null) items = items.filter((x) => x.imageId === image || (image && x.imageId !== null && image.endsWith(`/${x.imageId}`)))
  const flavor = q.get('flavor')
  if (flavor !== null) items = items.filter((x) => x.flavor.id === flavor)
  const ip = q.get('ip')
  if (ip !== null) {
    let re: RegExp
    try {
      re = new RegExp(ip)
    } catch {
      throw bad(`Invalid regular expression for ip: ${ip}`)
    }
    items = items.filter((x) => Object.values(addresses(r.ctx.inst, x, false)).some((l) => l.some((a) => re.test(String((a as {addr: string}).addr)))))
  }
  const keyName = q.get('key_name')
  if (keyName !== null) items = items.filter((x) => x.keyName === keyName)
  const az = q.get('availability_zone')
  if (az !== null) items = items.filter((x) => x.az === az && x.status !== 'BUILD')
  const host = q.get('host')
  if (host !== null && r.admin) items = items.filter((x) => x.host === host)

  // Default order: created_at desc, then id desc (Nova's default sort keys).
  items.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  const marker = q.get('marker')
  if (marker) {
    const i = items.findIndex((x) => x.id === marker)
    if (i < 0) throw bad(`marker [${marker}] not found`)
    items = items.slice(i + 1)
  }
  const limitRaw = q.get('limit')
  let limit = 1000
  if (limitRaw !== null) {
    const n = intParam(limitRaw, 'limit')!
    limit = Math.min(n, 1000)
  }
  items = items.slice(0, limit)
  const body: Record<string, unknown> = {
    servers: items.map((x) => (detail ? serverJson(r, x) : {id: x.id, name: x.name, links: serverLinks(r, x.id)})),
  }
  if (limitRaw !== null && items.length === limit && limit > 0) {
    const params = new URLSearchParams(r.ctx.rawQuery)
    params.set('marker', items[items.length - 1].id)
    params.set('limit', String(limit))
    body.servers_links = [{rel: 'next', href: `${r.base}/servers${detail ? '/detail' : ''}?${params.toString()}`}]
  }
  sendJson(r.ctx.res, 200, body)
}

export const routeServers: Route = (r, s, seg) => {
  if (seg.length === 1) return byMethod(r, {GET: () => listServers(r, s, false), POST: () => createServers(r, s)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => listServers(r, s, true)})
  const update = routeServerUpdate(r, s, seg)
  if (update) return update
  if (seg.length === 2) return byMethod(r, {GET: () => showServer(r, s, seg[1]), DELETE: () => deleteServer(r, s, seg[1])})
  if (seg.length === 3 && seg[2] === 'action') return byMethod(r, {POST: () => serverAction(r, s, seg[1])})
  if (seg.length >= 3 && seg[2] === 'os-instance-actions') return routeInstanceActions(r, s, seg)
  if (seg.length >= 3 && seg[2] === 'os-volume_attachments') return routeVolumeAttachments(r, s, seg)
  if (seg.length === 3 && seg[2] === 'ips' && r.method === 'GET') {
    return () => sendJson(r.ctx.res, 200, {addresses: addresses(r.ctx.inst, visibleServer(r, s, seg[1], false), false)})
  }
  return undefined
}
