/**
 * Simulated Cinder v3 at /volume on the main port (catalog: block-storage and volumev3 at
 * `…/volume/v3/$(project_id)s`, as Devstack registers them). Version documents, microversions
 * (OpenStack-API-Version: volume 3.x, 406 out of [3.0, max]), then volumes, snapshots, types,
 * quotas, limits and availability zones. Images come from this instance's Glance.
 */
import {sendJson} from '../http.js'
import type {Ctx} from '../state.js'
import {routeLimits, routeQuotas} from './quotas.js'
import {bad, byMethod, cinderError, notFound, type VHandler, type VReq} from './request.js'
import {routeSnapshots, routeTypes} from './snapshots.js'
import {cinderState, MIN_VOLUME_MV, mvCmp, parseVolumeMv, type CinderState, type MV} from './state.js'
import {routeVolumes} from './volumes.js'

export {cinderState, configureVolume} from './state.js'
export type {CinderState, SimSnapshot, SimVolume, SimVolumeType} from './state.js'
export {attachVolume, bootVolumeFor, detachVolume, releaseServerVolumes, reserveVolume, unreserveVolume} from './nova.js'

const mvStr = (v: MV) => `${v[0]}.${v[1]}`

type Route = (r: VReq, seg: string[]) => VHandler | undefined

const ROUTES: Record<string, Route> = {
  volumes: routeVolumes,
  snapshots: routeSnapshots,
  types: routeTypes,
  'os-quota-sets': routeQuotas,
  limits: routeLimits,
  'os-availability-zone': (r, seg) =>
    seg.length === 1 ? byMethod(r, {GET: () => sendJson(r.ctx.res, 200, {availabilityZoneInfo: [{zoneName: 'nova', zoneState: {available: true}}]})}) : undefined,
}

function versionEntry(ctx: Ctx, s: CinderState): Record<string, unknown> {
  return {
    id: 'v3.0',
    status: 'CURRENT',
    version: mvStr(s.maxMv),
    min_version: mvStr(MIN_VOLUME_MV),
    updated: '2023-08-31T00:00:00Z',
    links: [
      {rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/'},
      {rel: 'self', href: `${ctx.inst.baseUrl}/volume/v3/`},
    ],
    'media-types': [{base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3'}],
  }
}

function negotiate(ctx: Ctx, max: MV): MV {
  const h = ctx.req.headers['openstack-api-version']
  let asked: string | undefined
  if (typeof h === 'string') {
    for (const part of h.split(',')) {
      const [svc, ver] = part.trim().split(/\s+/)
      if (svc?.toLowerCase() === 'volume' && ver) asked = ver
    }
  }
  if (asked === undefined) return MIN_VOLUME_MV
  if (asked.toLowerCase() === 'latest') return max
  const v = parseVolumeMv(asked)
  if (!v) throw bad(`API Version String ${asked} is of invalid format. Must be of format MajorNum.MinorNum.`)
  if (mvCmp(v, MIN_VOLUME_MV) < 0 || mvCmp(v, max) > 0) {
    throw cinderError(406, `Version ${asked} is not supported by the API. Minimum is ${mvStr(MIN_VOLUME_MV)} and maximum is ${mvStr(max)}.`)
  }
  return v
}

export async function handleVolume(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const s = cinderState(inst)
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')
  if (p === '' || p === '/v3') {
    if (method !== 'GET') throw cinderError(405, 'The method is not allowed for this resource.')
    sendJson(res, p === '' ? 300 : 200, {versions: [versionEntry(ctx, s)]})
    return
  }
  if (!p.startsWith('/v3/')) throw notFound('The resource could not be found.')
  const tok = inst.authenticate(ctx)
  const mv = negotiate(ctx, s.maxMv)
  res.setHeader('OpenStack-API-Version', `volume ${mvStr(mv)}`)
  res.setHeader('Vary', 'OpenStack-API-Version')
  const project = inst.tokenProjectId(tok)
  if (!project) throw cinderError(403, 'Policy does not allow this request to be performed: a project-scoped token is needed.')
  let seg = p
    .slice('/v3/'.length)
    .split('/')
    .map((x) => decodeURIComponent(x))
  const root = `${inst.baseUrl}/volume`
  let base = `${root}/v3`
  let bookmark = root
  if (/^[0-9a-f]{32}$/.test(seg[0]) && !(seg[0] in ROUTES)) {
    if (seg[0] !== project && !inst.isAdminToken(tok)) throw cinderError(403, `Policy doesn't allow this request with project_id ${seg[0]} to be performed.`)
    base = `${base}/${seg[0]}`
    bookmark = `${root}/${seg[0]}`
    seg = seg.slice(1)
    if (seg.length === 0) throw notFound('The resource could not be found.')
  } else if (mvCmp(mv, [3, 67]) < 0) {
    // Project-less URLs exist from 3.67 on.
    throw notFound('The resource could not be found.')
  }
  const r: VReq = {ctx, s, mv, tok, project, admin: inst.isAdminToken(tok), base, bookmark, method}
  const route = Object.hasOwn(ROUTES, seg[0]) ? ROUTES[seg[0]] : undefined
  const handler = route?.(r, seg)
  if (!handler) throw notFound('The resource could not be found.')
  await handler()
}
