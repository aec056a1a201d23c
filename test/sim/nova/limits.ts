/** GET /limits: absolute limits and usage, per microversion. */
import {sendJson} from '../http.js'
import {atLeast, byMethod, type Req, type Route} from './request.js'
import {usage} from './quotas.js'
import {quotasOf, type NovaState} from './state.js'

/** The project's quotas and usage, under the names /limits gives them. */
function limits(r: Req, s: NovaState): void {
  const q = quotasOf(s, r.project)
  const used = usage(s, r.project)
  const absolute: Record<string, number> = {
    maxTotalInstances: q.instances,
    maxTotalCores: q.cores,
    maxTotalRAMSize: q.ram,
    maxServerMeta: q.metadata_items,
    maxTotalKeypairs: q.key_pairs,
    maxServerGroups: q.server_groups,
    maxServerGroupMembers: q.server_group_members,
    totalInstancesUsed: used.instances,
    totalCoresUsed: used.cores,
    totalRAMUsed: used.ram,
    totalServerGroupsUsed: 0,
  }
  if (!atLeast(r, 2, 57)) Object.assign(absolute, {maxPersonality: q.injected_files, maxPersonalitySize: q.injected_file_content_bytes})
  if (!atLeast(r, 2, 39)) absolute.maxImageMeta = q.metadata_items
  if (!atLeast(r, 2, 36)) {
    Object.assign(absolute, {maxSecurityGroups: 10, maxSecurityGroupRules: 20, maxTotalFloatingIps: 10, totalSecurityGroupsUsed: 1, totalFloatingIpsUsed: 0})
  }
  sendJson(r.ctx.res, 200, {limits: {rate: [], absolute}})
}

export const routeLimits: Route = (r, s, seg) => (seg.length === 1 ? byMethod(r, {GET: () => limits(r, s)}) : undefined)
