/**
 * Nova quotas: GET/PUT /os-quota-sets/{project_id}, /os-quota-sets/{project_id}/detail and
 * /defaults, and the check of a server create (instances, cores, RAM) with Nova's 403 text.
 */
import {HttpError, isObject, readJson, sendJson} from '../http.js'
import {atLeast, bad, byMethod, type Req, type Route} from './request.js'
import {DEFAULT_QUOTAS, quotasOf, type NovaState, type QuotaName, type Quotas, type SimFlavor} from './state.js'

/** What a project uses now (servers being deleted still count until gone, as in Nova). */
export function usage(s: NovaState, projectId: string, userId?: string): Record<QuotaName, number> {
  const mine = [...s.servers.values()].filter((x) => x.projectId === projectId)
  return {
    instances: mine.length,
    cores: mine.reduce((a, x) => a + x.flavor.vcpus, 0),
    ram: mine.reduce((a, x) => a + x.flavor.ram, 0),
    key_pairs: userId === undefined ? 0 : s.keypairs.filter((k) => k.userId === userId).length,
    metadata_items: 0,
    server_groups: 0,
    server_group_members: 0,
    injected_files: 0,
    injected_file_content_bytes: 0,
    injected_file_path_bytes: 0,
  }
}

/**
 * How many of `min`..`max` servers of `flavor` fit the project's quota. When not even `min` fit:
 * 403 "Quota exceeded for cores, instances: Requested 2, 1, but already used 20, 1 of 20, 10 cores, instances".
 */
export function checkInstanceQuota(r: Req, s: NovaState, flavor: SimFlavor, min: number, max: number): number {
  const q = quotasOf(s, r.project)
  const used = usage(s, r.project)
  const per: [QuotaName, number][] = [
    ['cores', flavor.vcpus],
    ['instances', 1],
    ['ram', flavor.ram],
  ]
  const fits = (n: number) => per.filter(([k, each]) => q[k] >= 0 && used[k] + n * each > q[k]).map(([k]) => k)
  const overs = fits(min)
  if (overs.length) {
    const req = overs.map((k) => min * per.find(([x]) => x === k)![1])
    const list = (xs: (string | number)[]) => xs.join(', ')
    throw new HttpError(
      403,
      `Quota exceeded for ${list(overs)}: Requested ${list(req)}, but already used ${list(overs.map((k) => used[k]))} of ${list(overs.map((k) => q[k]))} ${list(overs)}`,
    )
  }
  let n = min
  while (n < max && fits(n + 1).length === 0) n++
  return n
}

/** The quota names shown at this microversion (network ones until 2.36, file injection until 2.57). */
function shownNames(r: Req): string[] {
  const names = Object.keys(DEFAULT_QUOTAS).filter((k) => !(k.startsWith('injected_') && atLeast(r, 2, 57)))
  if (!atLeast(r, 2, 36)) names.push('fixed_ips', 'floating_ips', 'security_group_rules', 'security_groups')
  return names
}

const LEGACY: Record<string, number> = {fixed_ips: -1, floating_ips: 10, security_group_rules: 20, security_groups: 10}

function quotaSet(r: Req, s: NovaState, projectId: string, q: Quotas, detail: boolean): Record<string, unknown> {
  const used = usage(s, projectId, r.tok.userId)
  const out: Record<string, unknown> = {id: projectId}
  for (const k of shownNames(r)) {
    const limit = k in q ? q[k as QuotaName] : LEGACY[k]
    out[k] = detail ? {in_use: used[k as QuotaName] ?? 0, limit, reserved: 0} : limit
  }
  return out
}

function checkProject(r: Req, projectId: string): void {
  if (!r.admin && projectId !== r.project) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.")
}

async function updateQuotas(r: Req, s: NovaState, projectId: string): Promise<void> {
  if (!r.admin) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed.")
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.quota_set)) throw bad(`Invalid input for field/attribute quota_set. Value: None. 'quota_set' is a required property`)
  const own = {...s.projectQuotas.get(projectId)}
  for (const [k, v] of Object.entries(body.quota_set)) {
    if (k === 'force') continue
    if (!(k in DEFAULT_QUOTAS)) throw bad(`Invalid input for field/attribute quota_set. Value: ${JSON.stringify(body.quota_set)}. Additional properties are not allowed ('${k}' was unexpected)`)
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v
    if (typeof n !== 'number' || !Number.isInteger(n) || n < -1) throw bad(`Invalid input for field/attribute ${k}. Value: ${String(v)}. ${String(v)} is less than the minimum of -1`)
    own[k as QuotaName] = n
  }
  s.projectQuotas.set(projectId, own)
  const shown = quotaSet(r, s, projectId, quotasOf(s, projectId), false)
  delete shown.id
  sendJson(r.ctx.res, 200, {quota_set: shown})
}

export const routeQuotas: Route = (r, s, seg) => {
  const pid = seg[1]
  if (seg.length === 2) {
    return byMethod(r, {
      GET: () => {
        checkProject(r, pid)
        sendJson(r.ctx.res, 200, {quota_set: quotaSet(r, s, pid, quotasOf(s, pid), false)})
      },
      PUT: () => updateQuotas(r, s, pid),
    })
  }
  if (seg.length === 3 && seg[2] === 'detail') {
    return byMethod(r, {
      GET: () => {
        checkProject(r, pid)
        sendJson(r.ctx.res, 200, {quota_set: quotaSet(r, s, pid, quotasOf(s, pid), true)})
      },
    })
  }
  if (seg.length === 3 && seg[2] === 'defaults') {
    return byMethod(r, {GET: () => sendJson(r.ctx.res, 200, {quota_set: quotaSet(r, s, pid, s.quotas, false)})})
  }
  return undefined
}
