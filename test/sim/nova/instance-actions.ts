/** GET /servers/{id}/os-instance-actions[/{request_id}]: what was done to a server, newest first. */
import {sendJson} from '../http.js'
import {atLeast, byMethod, notFound, type Req} from './request.js'
import type {NovaState, SimInstanceAction, SimServer} from './state.js'
import {visibleServer} from './server-lifecycle.js'

function isoNoZone(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000')
}

/** Records an action (and its one compute event) for the request being served. */
export function recordAction(r: Req, srv: SimServer, action: string): void {
  const now = Date.now()
  const event = {event: `compute_${action === 'createImage' ? 'snapshot_instance' : `${action}_instance`}`, start: now, finish: now, result: 'Success', host: 'compute'}
  srv.actions.push({action, requestId: r.ctx.requestId, userId: r.tok.userId, projectId: r.project, start: now, updated: now, events: [event]})
}

function actionJson(r: Req, srv: SimServer, a: SimInstanceAction, withEvents: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: a.action,
    instance_uuid: srv.id,
    request_id: a.requestId,
    user_id: a.userId,
    project_id: a.projectId,
    start_time: isoNoZone(a.start),
    message: null,
  }
  if (atLeast(r, 2, 58)) out.updated_at = isoNoZone(a.updated)
  if (withEvents && (r.admin || atLeast(r, 2, 51))) {
    out.events = a.events.map((e) => {
      const ev: Record<string, unknown> = {event: e.event, start_time: isoNoZone(e.start), finish_time: isoNoZone(e.finish), result: e.result}
      if (r.admin) ev.traceback = null
      if (atLeast(r, 2, 62)) ev.hostId = srv.host ? 'compute-host-id' : ''
      if (atLeast(r, 2, 62) && r.admin) ev.host = e.host
      return ev
    })
  }
  return out
}

export function routeInstanceActions(r: Req, s: NovaState, seg: string[]): (() => void) | undefined {
  if (seg.length === 3) {
    return byMethod(r, {
      GET: () => {
        const srv = visibleServer(r, s, seg[1], false)
        sendJson(r.ctx.res, 200, {instanceActions: srv.actions.slice().reverse().map((a) => actionJson(r, srv, a, false))})
      },
    })
  }
  if (seg.length === 4) {
    return byMethod(r, {
      GET: () => {
        const srv = visibleServer(r, s, seg[1], false)
        const a = srv.actions.find((x) => x.requestId === seg[3])
        if (!a) throw notFound(`Action for request_id ${seg[3]} on instance ${srv.id} not found`)
        sendJson(r.ctx.res, 200, {instanceAction: actionJson(r, srv, a, true)})
      },
    })
  }
  return undefined
}
