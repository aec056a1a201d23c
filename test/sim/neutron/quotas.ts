/**
 * Neutron's quotas extensions (quotasv2, quotasv2_detail): GET /v2.0/quotas (admin: the projects
 * with limits of their own), GET|PUT|DELETE /v2.0/quotas/{project_id}, GET .../default and
 * .../details (limit, used, reserved), GET /v2.0/quotas/project; with Neutron's policy answers.
 */
import {isObject, readJson, sendEmpty, sendJson} from '../http.js'
import type {Ctx} from '../state.js'
import {fail, type NeutronState, type Who} from './state.js'

/** The limits of a project: the defaults with its own on top. */
export function networkQuotasOf(s: NeutronState, projectId: string): Record<string, number> {
  return {...s.quotas, ...s.projectQuotas.get(projectId)}
}

/** What a project uses now, per quota resource (as Neutron counts: the rows carrying its project_id). */
export function networkUsage(s: NeutronState, projectId: string): Record<string, number> {
  const count = <T extends {projectId: string}>(xs: Iterable<T>) => [...xs].filter((x) => x.projectId === projectId).length
  const groups = [...s.securityGroups.values()]
  return {
    network: count(s.networks.values()),
    subnet: count(s.subnets.values()),
    subnetpool: 0,
    port: count(s.ports.values()),
    router: count(s.routers.values()),
    floatingip: count(s.floatingIps.values()),
    security_group: count(groups),
    security_group_rule: groups.flatMap((g) => g.rules).filter((r) => r.project_id === projectId).length,
    rbac_policy: 0,
  }
}

/** oslo.policy's refusal of an admin-only rule (neutron/conf/policies/quotas.py: get/update/delete_quota are ADMIN). */
const policyRefusal = (rule: string) => fail(403, 'PolicyNotAuthorized', `rule:${rule} is disallowed by policy`)

function checkOwnOrAdmin(w: Who, projectId: string): void {
  if (projectId !== w.project && !w.admin) throw policyRefusal('get_quota')
}

async function updateQuotas(ctx: Ctx, s: NeutronState, w: Who, projectId: string): Promise<void> {
  if (!w.admin) throw policyRefusal('update_quota')
  const raw = await readJson(ctx.req)
  if (!isObject(raw) || !isObject(raw.quota)) throw fail(400, 'HTTPBadRequest', 'Resource body required')
  const body = {...raw.quota}
  delete body.force
  delete body.check_limit
  const unknown = Object.keys(body).filter((k) => !(k in s.quotas))
  if (unknown.length) throw fail(400, 'HTTPBadRequest', `Unrecognized attribute(s) '${unknown.join(', ')}'`)
  const own = {...s.projectQuotas.get(projectId)}
  for (const [k, v] of Object.entries(body)) {
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v
    if (typeof n !== 'number' || !Number.isInteger(n)) throw fail(400, 'InvalidInput', `Invalid input for operation: '${String(v)}' is not an integer.`)
    if (n < -1) throw fail(400, 'HTTPBadRequest', `Invalid input for ${k}. Reason: '${n}' is too small - must be at least '-1'.`)
    own[k] = n
  }
  s.projectQuotas.set(projectId, own)
  sendJson(ctx.res, 200, {quota: networkQuotasOf(s, projectId)})
}

/** Serves /v2.0/quotas[/...]; `rest` is what follows "quotas". */
export async function handleQuotas(ctx: Ctx, s: NeutronState, w: Who, method: string, rest: string[]): Promise<void> {
  const [id, action] = rest
  const notAllowed = () => fail(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
  if (rest.length > 2 || (action !== undefined && action !== 'default' && action !== 'details')) throw fail(404, 'HTTPNotFound', 'The resource could not be found.')
  if (id === undefined) {
    if (method === 'POST') throw fail(501, 'HTTPNotImplemented', 'POST requests are not supported on this resource.')
    if (method !== 'GET') throw notAllowed()
    if (!w.admin) throw policyRefusal('get_quota')
    const quotas = [...s.projectQuotas.keys()].map((p) => ({...networkQuotasOf(s, p), project_id: p, tenant_id: p}))
    sendJson(ctx.res, 200, {quotas})
    return
  }

  if ((id === 'project' || id === 'tenant') && action === undefined && method === 'GET') {
    if (!w.project) throw fail(400, 'QuotaMissingTenant', 'Tenant-id was missing from quota request.')
    sendJson(ctx.res, 200, {[id]: {[`${id}_id`]: w.project}})
    return
  }

  if (action === 'default' || action === 'details') {
    if (method !== 'GET') throw notAllowed()
    if (action === 'default') {
      checkOwnOrAdmin(w, id)
      sendJson(ctx.res, 200, {quota: {...s.quotas}})
      return
    }
    if (id !== w.project && !w.admin) {
      throw fail(403, 'AdminRequired', 'User does not have admin privileges: Only admin is authorized to access quotas for another project.')
    }
    const limits = networkQuotasOf(s, id)
    const used = networkUsage(s, id)
    const quota: Record<string, unknown> = {}
    for (const [k, limit] of Object.entries(limits)) quota[k] = {limit, used: used[k] ?? 0, reserved: 0}
    sendJson(ctx.res, 200, {quota})
    return
  }

  switch (method) {
    case 'GET':
      checkOwnOrAdmin(w, id)
      sendJson(ctx.res, 200, {quota: networkQuotasOf(s, id)})
      return
    case 'PUT':
      return updateQuotas(ctx, s, w, id)
    case 'DELETE':
      if (!w.admin) throw policyRefusal('delete_quota')
      s.projectQuotas.delete(id)
      sendEmpty(ctx.res, 204)
      return
    default:
      throw notAllowed()
  }
}

/** Applies per-instance options (SimInstanceSpec.network.quotas): the limits of every project. */
export function configureNetworkQuotas(s: NeutronState, quotas: Record<string, number | undefined> = {}): void {
  for (const [k, v] of Object.entries(quotas)) {
    if (!(k in s.quotas)) throw new Error(`sim: unknown network quota ${k}`)
    if (v !== undefined) s.quotas[k] = v
  }
}
