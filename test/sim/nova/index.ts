/**
 * Simulated Nova v2.1 at /compute on the main port (catalog URL `…/compute/v2.1`).
 * Version documents, microversion negotiation (OpenStack-API-Version / X-OpenStack-Nova-API-Version,
 * 406 out of range, echoed on every reply), then one router per resource (flavors, servers,
 * keypairs, availability zones, limits, the deprecated os-security-groups proxy).
 * Images are checked against this instance's Glance state, networks against its Neutron state.
 */
import {HttpError, sendJson} from '../http.js'
import type {Ctx} from '../state.js'
import {routeAvailabilityZones} from './availability-zones.js'
import {routeFlavors} from './flavors.js'
import {routeKeypairs} from './keypairs.js'
import {routeLimits} from './limits.js'
import {MIN_MV, mvStr, negotiate} from './microversions.js'
import {methodNotAllowed, notFound, type Req, type Route} from './request.js'
import {routeQuotas} from './quotas.js'
import {routeSecurityGroups} from './security-groups.js'
import {routeServers} from './servers.js'
import {novaState} from './state.js'
import {versionDoc, versionEntry} from './versions.js'

export {configureCompute, failNextBoot, novaState} from './state.js'
export type {NovaState, SimFlavor, SimKeypair, SimServer} from './state.js'

/** The router of each first path segment below `/v2.1`. */
const ROUTES: Record<string, Route> = {
  flavors: routeFlavors,
  servers: routeServers,
  'os-keypairs': routeKeypairs,
  'os-availability-zone': routeAvailabilityZones,
  limits: routeLimits,
  'os-quota-sets': routeQuotas,
  'os-security-groups': routeSecurityGroups,
}

export async function handleCompute(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const s = novaState(inst)
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')
  if (p === '') {
    if (method !== 'GET') throw methodNotAllowed()
    sendJson(res, 200, {versions: [versionEntry(inst, s, 'v2.0'), versionEntry(inst, s, 'v2.1')]})
    return
  }
  if (p === '/v2.1' || p === '/v2') {
    if (method !== 'GET') throw methodNotAllowed()
    sendJson(res, 200, versionDoc(inst, s, p === '/v2' ? 'v2.0' : 'v2.1'))
    return
  }
  if (!p.startsWith('/v2.1/') && !p.startsWith('/v2/')) throw new HttpError(404, 'The resource could not be found.')

  const tok = inst.authenticate(ctx)
  const mv = p.startsWith('/v2/') ? MIN_MV : negotiate(ctx, s.maxMv)
  const v = mvStr(mv)
  res.setHeader('OpenStack-API-Version', `compute ${v}`)
  res.setHeader('X-OpenStack-Nova-API-Version', v)
  res.setHeader('Vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version')

  const prefix = p.startsWith('/v2/') ? '/v2' : '/v2.1'
  let seg = p
    .slice(prefix.length + 1)
    .split('/')
    .map((x) => decodeURIComponent(x))
  const project = inst.tokenProjectId(tok)
  if (!project) throw new HttpError(403, 'Policy does not allow this request to be performed: a project-scoped token is needed.')
  const root = `${inst.baseUrl}/compute`
  let base = `${root}${prefix}`
  let bookmark = root
  // Legacy endpoints carry the project id (`/v2.1/{project_id}/servers`).
  if (seg.length > 1 && /^[0-9a-f]{32}$/.test(seg[0]) && !(seg[0] in ROUTES)) {
    if (seg[0] !== project) throw new HttpError(400, 'Malformed request URL: URL\'s project_id does not match Context\'s project_id.')
    base = `${base}/${seg[0]}`
    bookmark = `${root}/${seg[0]}`
    seg = seg.slice(1)
  }
  const r: Req = {ctx, mv, tok, project, admin: inst.isAdminToken(tok), root, base, bookmark, method}
  const route = Object.hasOwn(ROUTES, seg[0]) ? ROUTES[seg[0]] : undefined
  const handler = route?.(r, s, seg)
  if (!handler) throw notFound('The resource could not be found.')
  await handler()
}
