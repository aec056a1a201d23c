/**
 * Simulated Neutron v2.0 on the instance's own network port (catalog URL `http://127.0.0.1:PORT/`):
 * the routing of /v2.0/<collection>[/<id>[/<action>]], list filters/fields/pagination, and the
 * NeutronError envelopes. Each resource lives in its own module beside this one.
 */
import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import type {Ctx, InstanceState} from '../state.js'
import {createFloatingIp, deleteFloatingIp, floatingIpJson, updateFloatingIp} from './floating-ips.js'
import {addNetwork, deleteNetwork, networkJson} from './networks.js'
import {createPortApi, portTags, updatePortApi} from './port-write.js'
import {deletePortApi, portJson} from './ports.js'
import {addInterface, addRouter, deleteRouter, removeInterface, routerJson, setGateway} from './routers.js'
import {addSecurityGroup, createRule, deleteRule, deleteSecurityGroup, ensureDefaultSecurityGroup, sgJson} from './security-groups.js'
import {handleQuotas} from './quotas.js'
import {neutronState} from './seed.js'
import {fail, networkVisible, notFound, ownedVisible, who, type NeutronState, type SimSubnet, type Who} from './state.js'
import {addSubnet, deleteSubnet, subnetJson} from './subnets.js'

const RESOURCES = ['networks', 'subnets', 'ports', 'security-groups', 'security-group-rules', 'routers', 'floatingips']

const SINGULAR: Record<string, string> = {
  networks: 'network',
  subnets: 'subnet',
  ports: 'port',
  'security-groups': 'security_group',
  'security-group-rules': 'security_group_rule',
  routers: 'router',
  floatingips: 'floatingip',
}

const EXTENSIONS = ['agent', 'allowed-address-pairs', 'binding', 'dns-integration', 'external-net', 'extra_dhcp_opt', 'extraroute', 'fip-port-details', 'l3-ha', 'dvr', 'network-ip-availability', 'port-security', 'project-id', 'quota_details', 'quotas', 'router', 'security-group', 'standard-attr-description', 'standard-attr-revisions', 'standard-attr-tag', 'standard-attr-timestamp', 'subnet_allocation']

function versionsBody(inst: InstanceState): unknown {
  return {versions: [{id: 'v2.0', status: 'CURRENT', links: [{href: `${inst.networkUrl}v2.0/`, rel: 'self'}]}]}
}

const notAllowed = () => new HttpError(405, 'The method is not allowed for this resource.')
const extensionJson = (alias: string) => ({alias, name: alias, description: alias, links: [], updated: '2013-01-01T00:00:00-00:00'})

export async function handleNetwork(ctx: Ctx): Promise<void> {
  const {inst, req, res} = ctx
  const method = req.method ?? 'GET'
  const p = ctx.path.replace(/\/+$/, '')
  if (p === '') {
    if (method !== 'GET') throw notAllowed()
    sendJson(res, 200, versionsBody(inst))
    return
  }
  const tok = inst.authenticate(ctx)
  const w = who(inst, tok)
  if (w.project) ensureDefaultSecurityGroup(inst, w.project)
  if (p === '/v2.0') {
    sendJson(res, 200, {
      resources: RESOURCES.map((r) => ({name: SINGULAR[r], collection: r.replace(/-/g, '_'), links: [{href: `${inst.networkUrl}v2.0/${r}`, rel: 'self'}]})),
    })
    return
  }
  if (!p.startsWith('/v2.0/')) throw new HttpError(404, 'The resource could not be found.')
  const seg = p
    .slice(6)
    .split('/')
    .map((x) => decodeURIComponent(x).replace(/\.json$/, ''))
  const [collection, id, action] = seg
  if (collection === 'extensions' && seg.length <= 2 && method === 'GET') {
    if (id === undefined) sendJson(res, 200, {extensions: EXTENSIONS.map(extensionJson)})
    else if (EXTENSIONS.includes(id)) sendJson(res, 200, {extension: extensionJson(id)})
    else throw notFound('ExtensionNotFound', `Extension with alias ${id} does not exist`)
    return
  }
  if (collection === 'quotas') return handleQuotas(ctx, neutronState(inst), w, method, seg.slice(1))
  const isAction = collection === 'routers' && (action === 'add_router_interface' || action === 'remove_router_interface')
  if (collection === 'ports' && id !== undefined && action === 'tags' && seg.length <= 4) {
    const s = neutronState(inst)
    findOne(s, w, 'ports', id)
    const port = s.ports.get(id)!
    if (!w.admin && port.projectId !== w.project) throw notFoundFor('ports', id)
    const done = portTags(port, method, seg[3], method === 'PUT' && seg[3] === undefined ? await readJson(ctx.req) : undefined)
    if (done.body === undefined) sendEmpty(res, done.status)
    else sendJson(res, done.status, done.body)
    return
  }
  if (seg.length > (isAction ? 3 : 2) || !RESOURCES.includes(collection)) throw new HttpError(404, 'The resource could not be found.')
  const s = neutronState(inst)

  if (id === undefined) {
    if (method === 'GET') return list(ctx, s, w, collection)
    if (method === 'POST') return create(ctx, s, w, collection)
    throw notAllowed()
  }
  if (isAction) {
    if (method !== 'PUT') throw notAllowed()
    const router = ownedRouter(s, w, id)
    const body = await readJson(ctx.req)
    const b = isObject(body) ? body : {}
    sendJson(res, 200, action === 'add_router_interface' ? addInterface(inst, router, b, w) : removeInterface(inst, router, b))
    return
  }
  if (method === 'GET') {
    sendJson(res, 200, {[SINGULAR[collection]]: project(findOne(s, w, collection, id), ctx.query.getAll('fields'))})
    return
  }
  if (method === 'DELETE') return remove(ctx, s, w, collection, id)
  if (method === 'PUT') return update(ctx, s, w, collection, id)
  throw notAllowed()
}

function notFoundFor(collection: string, id: string): HttpError {
  switch (collection) {
    case 'networks':
      return notFound('NetworkNotFound', `Network ${id} could not be found.`)
    case 'subnets':
      return notFound('SubnetNotFound', `Subnet ${id} could not be found.`)
    case 'ports':
      return notFound('PortNotFound', `Port ${id} could not be found.`)
    case 'security-groups':
      return notFound('SecurityGroupNotFound', `Security group ${id} does not exist`)
    case 'routers':
      return notFound('RouterNotFound', `Router ${id} could not be found`)
    case 'floatingips':
      return notFound('FloatingIPNotFound', `Floating IP ${id} could not be found`)
    default:
      return notFound('SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`)
  }
}

function subnetVisible(s: NeutronState, sub: SimSubnet, w: Who): boolean {
  if (ownedVisible(sub.projectId, w)) return true
  const n = s.networks.get(sub.networkId)
  return n !== undefined && (n.shared || n.external)
}

function allJson(s: NeutronState, w: Who, collection: string): Record<string, unknown>[] {
  switch (collection) {
    case 'networks':
      return [...s.networks.values()].filter((n) => networkVisible(n, w)).map((n) => networkJson(n, w))
    case 'subnets':
      return [...s.subnets.values()].filter((x) => subnetVisible(s, x, w)).map(subnetJson)
    case 'ports':
      return [...s.ports.values()].filter((x) => ownedVisible(x.projectId, w)).map((x) => portJson(x, w))
    case 'security-groups':
      return [...s.securityGroups.values()].filter((x) => ownedVisible(x.projectId, w)).map(sgJson)
    case 'routers':
      return [...s.routers.values()].filter((x) => ownedVisible(x.projectId, w)).map((x) => routerJson(s, x, w))
    case 'floatingips':
      return [...s.floatingIps.values()].filter((x) => ownedVisible(x.projectId, w)).map((x) => floatingIpJson(s, x))
    default:
      return [...s.securityGroups.values()].filter((x) => ownedVisible(x.projectId, w)).flatMap((g) => g.rules.map((r) => ({...r})))
  }
}

function findOne(s: NeutronState, w: Who, collection: string, id: string): Record<string, unknown> {
  const found = allJson(s, w, collection).find((x) => x.id === id)
  if (!found) throw notFoundFor(collection, id)
  return found
}

function ownedRouter(s: NeutronState, w: Who, id: string) {
  const r = s.routers.get(id)
  if (!r || !ownedVisible(r.projectId, w)) throw notFoundFor('routers', id)
  return r
}

function project(obj: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (fields.length === 0) {
    for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v
    return out
  }
  for (const f of fields) if (f in obj && obj[f] !== undefined) out[f] = obj[f]
  return out
}

function matches(value: unknown, wanted: string[]): boolean {
  return wanted.some((w) => {
    if (typeof value === 'boolean') return String(value) === w.toLowerCase() || (w === '1' && value) || (w === '0' && !value)
    if (Array.isArray(value)) return value.map(String).includes(w)
    if (value === null) return w === '' || w === 'None'
    return String(value) === w
  })
}

async function list(ctx: Ctx, s: NeutronState, w: Who, collection: string): Promise<void> {
  let items = allJson(s, w, collection)
  const q = ctx.query
  const keys = new Set([...q.keys()].filter((k) => !['fields', 'limit', 'marker', 'page_reverse', 'sort_key', 'sort_dir'].includes(k)))
  for (const k of keys) {
    const wanted = q.getAll(k)
    if (k === 'fixed_ips') {
      items = items.filter((it) =>
        wanted.every((f) => {
          const [fk, fv] = f.split('=')
          return (it.fixed_ips as Record<string, string>[]).some((ip) => ip[fk] === fv)
        }),
      )
      continue
    }
    items = items.filter((it) => (k in it ? matches(it[k], wanted) : true))
  }
  const limit = q.get('limit')
  const marker = q.get('marker')
  const body: Record<string, unknown> = {}
  const key = collection.replace(/-/g, '_')
  if (marker) {
    const i = items.findIndex((x) => x.id === marker)
    if (i < 0) throw notFoundFor(collection, marker)
    items = items.slice(i + 1)
  }
  if (limit !== null && limit !== '') {
    const n = Number(limit)
    if (!Number.isInteger(n) || n < 0) throw fail(400, 'BadRequest', `Bad limit request: Limit must be an integer 0 or greater and not '${limit}'.`)
    if (n > 0) {
      const more = items.length > n
      items = items.slice(0, n)
      const links: unknown[] = []
      if (more) {
        const params = new URLSearchParams(ctx.rawQuery)
        params.set('marker', String(items[items.length - 1].id))
        links.push({rel: 'next', href: `${ctx.inst.networkUrl}v2.0/${collection}?${params.toString()}`})
      }
      body[`${key}_links`] = links
    }
  }
  const fields = q.getAll('fields')
  body[key] = items.map((x) => project(x, fields))
  sendJson(ctx.res, 200, body)
}

async function bodyOf(ctx: Ctx, collection: string): Promise<Record<string, unknown>> {
  const raw = await readJson(ctx.req)
  const single = SINGULAR[collection]
  if (!isObject(raw) || !isObject(raw[single])) throw fail(400, 'HTTPBadRequest', 'Resource body required')
  return raw[single] as Record<string, unknown>
}

async function create(ctx: Ctx, s: NeutronState, w: Who, collection: string): Promise<void> {
  const b = await bodyOf(ctx, collection)
  const projectId = typeof b.project_id === 'string' ? b.project_id : typeof b.tenant_id === 'string' ? b.tenant_id : w.project ?? ''
  if (projectId !== w.project && !w.admin) throw fail(403, 'HTTPForbidden', 'Not authorized.')
  const str = (k: string, d = ''): string => (typeof b[k] === 'string' ? (b[k] as string) : d)
  const reply = (body: Record<string, unknown>) => sendJson(ctx.res, 201, {[SINGULAR[collection]]: body})
  switch (collection) {
    case 'networks': {
      if ((b.shared === true || b['router:external'] === true) && !w.admin) {
        throw fail(403, 'PolicyNotAuthorized', '(rule:create_network and rule:create_network:shared) is disallowed by policy')
      }
      const n = addNetwork(s, {
        name: str('name'),
        projectId,
        shared: b.shared === true,
        external: b['router:external'] === true,
        mtu: typeof b.mtu === 'number' ? b.mtu : undefined,
        description: str('description'),
        adminStateUp: b.admin_state_up !== false,
      })
      if (b.port_security_enabled === false) n.portSecurity = false
      return reply(networkJson(n, w))
    }
    case 'subnets': {
      const netId = str('network_id')
      if (!netId) throw fail(400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'network_id' not specified")
      const net = s.networks.get(netId)
      if (!net || !networkVisible(net, w)) throw notFoundFor('networks', netId)
      if (!ownedVisible(net.projectId, w)) throw fail(403, 'HTTPForbidden', 'Not authorized.')
      if (b.ip_version !== undefined && Number(b.ip_version) !== 4) throw fail(400, 'InvalidInput', 'Invalid input for operation: the simulator only knows IPv4 subnets.')
      const cidr = str('cidr')
      if (!cidr) throw fail(400, 'BadRequest', 'Bad subnets request: a cidr must be specified in the absence of a subnet pool.')
      const pools = Array.isArray(b.allocation_pools) ? b.allocation_pools.map((x) => ({start: String(isObject(x) ? x.start : ''), end: String(isObject(x) ? x.end : '')})) : undefined
      const gateway = b.gateway_ip === null ? null : typeof b.gateway_ip === 'string' ? b.gateway_ip : undefined
      const sub = addSubnet(s, {name: str('name'), network: net, cidr, projectId, gateway, pools, description: str('description'), enableDhcp: b.enable_dhcp !== false})
      return reply(subnetJson(sub))
    }
    case 'ports':
      return reply(portJson(createPortApi(ctx.inst, w, b, projectId), w))
    case 'security-groups': {
      const name = str('name')
      if (name === 'default') throw fail(409, 'SecurityGroupDefaultAlreadyExists', 'Default security group already exists.')
      return reply(sgJson(addSecurityGroup(s, projectId, name, str('description'), false)))
    }
    case 'security-group-rules':
      return reply({...createRule(s, w, b)})
    case 'routers': {
      const r = addRouter(s, {name: str('name'), projectId, description: str('description'), adminStateUp: b.admin_state_up !== false})
      if (b.external_gateway_info !== undefined && b.external_gateway_info !== null) {
        try {
          setGateway(ctx.inst, r, b.external_gateway_info)
        } catch (error) {
          s.routers.delete(r.id)
          throw error
        }
      }
      return reply(routerJson(s, r, w))
    }
    case 'floatingips':
      return reply(floatingIpJson(s, createFloatingIp(ctx.inst, w, projectId, b)))
    default:
      throw notAllowed()
  }
}

async function update(ctx: Ctx, s: NeutronState, w: Who, collection: string, id: string): Promise<void> {
  const obj = findOne(s, w, collection, id)
  if (!w.admin && obj.project_id !== w.project) throw notFoundFor(collection, id)
  const b = await bodyOf(ctx, collection)
  switch (collection) {
    case 'routers': {
      const r = s.routers.get(id)!
      if ('external_gateway_info' in b) setGateway(ctx.inst, r, b.external_gateway_info)
      if (typeof b.name === 'string') r.name = b.name
      if (typeof b.description === 'string') r.description = b.description
      if (typeof b.admin_state_up === 'boolean') r.adminStateUp = b.admin_state_up
      sendJson(ctx.res, 200, {router: routerJson(s, r, w)})
      return
    }
    case 'ports': {
      sendJson(ctx.res, 200, {port: portJson(updatePortApi(ctx.inst, w, s.ports.get(id)!, b), w)})
      return
    }
    case 'floatingips': {
      const f = s.floatingIps.get(id)!
      updateFloatingIp(s, w, f, b)
      sendJson(ctx.res, 200, {floatingip: floatingIpJson(s, f)})
      return
    }
    default:
      throw notAllowed()
  }
}

async function remove(ctx: Ctx, s: NeutronState, w: Who, collection: string, id: string): Promise<void> {
  const obj = findOne(s, w, collection, id)
  if (!w.admin && obj.project_id !== w.project) throw notFoundFor(collection, id)
  switch (collection) {
    case 'networks':
      deleteNetwork(s, id)
      break
    case 'subnets':
      deleteSubnet(s, id)
      break
    case 'ports':
      deletePortApi(ctx.inst, id)
      break
    case 'security-groups':
      deleteSecurityGroup(s, w, id)
      break
    case 'security-group-rules':
      deleteRule(s, id)
      break
    case 'routers':
      deleteRouter(s, s.routers.get(id)!)
      break
    case 'floatingips':
      deleteFloatingIp(s, s.floatingIps.get(id)!)
      break
    default:
      throw notAllowed()
  }
  sendEmpty(ctx.res, 204)
}
