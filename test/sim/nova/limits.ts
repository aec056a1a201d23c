/** GET /limits: absolute limits and usage, per microversion. */
import {sendJson} from '../http.js'
import {atLeast, byMethod, type Req, type Route} from './request.js'
import type {NovaState} from './state.js'

function limits(r: Req, s: NovaState): void {
  const mine = [...s.servers.values()].filter((x) => x.projectId === r.project)
  const absolute: Record<string, number> = {
    maxTotalInstances: s.options.maxInstances,
    maxTotalCores: 20,
    maxTotalRAMSize: 51200,
    maxServerMeta: 128,
    maxTotalKeypairs: 100,
    maxServerGroups: 10,
    maxServerGroupMembers: 10,
    totalInstancesUsed: mine.length,
    totalCoresUsed: mine.reduce((a, x) => a + x.flavor.vcpus, 0),
    totalRAMUsed: mine.reduce((a, x) => a + x.flavor.ram, 0),
    totalServerGroupsUsed: 0,
  }
  if (!atLeast(r, 2, 57)) Object.assign(absolute, {maxPersonality: 5, maxPersonalitySize: 10240})
  if (!atLeast(r, 2, 39)) absolute.maxImageMeta = 128
  if (!atLeast(r, 2, 36)) {
    Object.assign(absolute, {maxSecurityGroups: 10, maxSecurityGroupRules: 20, maxTotalFloatingIps: 10, totalSecurityGroupsUsed: 1, totalFloatingIpsUsed: 0})
  }
  sendJson(r.ctx.res, 200, {limits: {rate: [], absolute}})
}

export const routeLimits: Route = (r, s, seg) => (seg.length === 1 ? byMethod(r, {GET: () => limits(r, s)}) : undefined)
