/** The deprecated os-security-groups proxy to Neutron (gone from 2.36). */
import {sendJson} from '../http.js'
import {ensureDefaultSecurityGroup, neutronState, securityGroupName} from '../neutron.js'
import {atLeast, byMethod, notFound, type Req, type Route} from './request.js'

function securityGroups(r: Req, id: string | undefined): void {
  const inst = r.ctx.inst
  ensureDefaultSecurityGroup(inst, r.project)
  const groups = [...neutronState(inst).securityGroups.values()].filter((g) => g.projectId === r.project)
  const view = (g: (typeof groups)[number]) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    tenant_id: g.projectId,
    rules: g.rules
      .filter((x) => x.direction === 'ingress')
      .map((x) => ({
        id: x.id,
        parent_group_id: g.id,
        ip_protocol: x.protocol,
        from_port: x.port_range_min,
        to_port: x.port_range_max,
        ip_range: x.remote_ip_prefix ? {cidr: x.remote_ip_prefix} : {},
        group: x.remote_group_id ? {name: securityGroupName(inst, String(x.remote_group_id)), tenant_id: g.projectId} : {},
      })),
  })
  if (id !== undefined) {
    const g = groups.find((x) => x.id === id)
    if (!g) throw notFound(`Security group ${id} not found.`)
    sendJson(r.ctx.res, 200, {security_group: view(g)})
    return
  }
  sendJson(r.ctx.res, 200, {security_groups: groups.map(view)})
}


export const routeSecurityGroups: Route = (r, _s, seg) => {
  if (seg.length > 2) return undefined
  return byMethod(r, {
    GET: () => {
      if (atLeast(r, 2, 36)) throw notFound('The resource could not be found.')
      securityGroups(r, seg[1])
    },
  })
}
