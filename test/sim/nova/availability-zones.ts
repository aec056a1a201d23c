/** GET /os-availability-zone (everyone) and /os-availability-zone/detail (admin: hosts and services). */
import {HttpError, sendJson} from '../http.js'
import {byMethod, type Req, type Route} from './request.js'

function listZones(r: Req): void {
  sendJson(r.ctx.res, 200, {availabilityZoneInfo: [{zoneName: 'nova', zoneState: {available: true}, hosts: null}]})
}

function detailZones(r: Req): void {
  if (!r.admin) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-availability-zone:detail to be performed.")
  const now = new Date().toISOString().replace('Z', '')
  const service = () => ({available: true, active: true, updated_at: now})
  sendJson(r.ctx.res, 200, {
    availabilityZoneInfo: [
      {zoneName: 'internal', zoneState: {available: true}, hosts: {controller: {'nova-conductor': service(), 'nova-scheduler': service()}}},
      {zoneName: 'nova', zoneState: {available: true}, hosts: {compute: {'nova-compute': service()}}},
    ],
  })
}

export const routeAvailabilityZones: Route = (r, _s, seg) => {
  if (seg.length === 1) return byMethod(r, {GET: () => listZones(r)})
  if (seg.length === 2 && seg[1] === 'detail') return byMethod(r, {GET: () => detailZones(r)})
  return undefined
}
