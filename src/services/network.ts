import {ApiError, NotFoundError, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/client.js'
import {allPages, linksNext} from './pager.js'

/** Neutron v2.0: networks, ports, security groups; openstacksdk's find semantics and wording. */

export type Network = Record<string, unknown> & {id: string; name: string; subnets?: string[]}
export type Port = Record<string, unknown> & {id: string; name?: string; network_id?: string}
export type SecurityGroup = Record<string, unknown> & {id: string; name: string}

export type SecurityGroupRule = Record<string, unknown> & {id: string; security_group_id: string}

type Kind = 'networks' | 'ports' | 'security-groups' | 'security-group-rules'
const SDK_NAME: Record<Kind, string> = {networks: 'Network', ports: 'Port', 'security-groups': 'SecurityGroup', 'security-group-rules': 'SecurityGroupRule'}
const BODY_KEY: Record<Kind, string> = {networks: 'network', ports: 'port', 'security-groups': 'security_group', 'security-group-rules': 'security_group_rule'}
const LIST_KEY: Record<Kind, string> = {networks: 'networks', ports: 'ports', 'security-groups': 'security_groups', 'security-group-rules': 'security_group_rules'}

async function schema() {
  return import('./network-schema.js')
}

/**
 * GET /<kind> with the caller's filters, following `<resource>_links` (rel=next) by their marker
 * when Neutron pages (it does when asked for a limit, or when its own pagination is on).
 */
export async function list<T>(client: ServiceClient, kind: Kind, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const {check, schemas} = await schema()
  const what = `a ${SDK_NAME[kind]} list`
  return allPages({
    first: {path: `/${kind}`, query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items: (body) => check(schemas[kind].list, body, what, client.instance)[LIST_KEY[kind]] as T[],
    next: linksNext(`${LIST_KEY[kind]}_links`),
  })
}

export async function find<T extends {id: string; name?: string}>(client: ServiceClient, kind: Kind, nameOrId: string): Promise<T> {
  try {
    const response = await client.request({method: 'GET', path: `/${kind}/${encodeURIComponent(nameOrId)}`})
    const {check, schemas} = await schema()
    const found = check(schemas[kind].one, response.body, `a ${SDK_NAME[kind]}`, client.instance)[BODY_KEY[kind]]
    if (found) return found as T
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }

  const matches = (await list<T>(client, kind, {name: nameOrId})).filter((item) => item.id === nameOrId || item.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one ${SDK_NAME[kind]} exists with the name '${nameOrId}'.`, {hint: 'Use the ID instead.'})
  throw new NotFoundError(`No ${SDK_NAME[kind]} found for ${nameOrId}`)
}

export const findNetwork = async (client: ServiceClient, nameOrId: string) => find<Network>(client, 'networks', nameOrId)
export const findPort = async (client: ServiceClient, nameOrId: string) => find<Port>(client, 'ports', nameOrId)
export const findSecurityGroup = async (client: ServiceClient, nameOrId: string) => find<SecurityGroup>(client, 'security-groups', nameOrId)
export const listNetworks = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => list<Network>(client, 'networks', query)
export const listPorts = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => list<Port>(client, 'ports', query)
export const listSecurityGroups = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => list<SecurityGroup>(client, 'security-groups', query)
export const listSecurityGroupRules = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => list<SecurityGroupRule>(client, 'security-group-rules', query)

/** GET /<kind>/{id}: the resource, or NotFoundError (openstacksdk's ResourceNotFound wording). */
export async function get<T>(client: ServiceClient, kind: Kind, id: string): Promise<T> {
  try {
    const response = await client.request({method: 'GET', path: `/${kind}/${encodeURIComponent(id)}`})
    const {check, schemas} = await schema()
    const found = check(schemas[kind].one, response.body, `a ${SDK_NAME[kind]}`, client.instance)[BODY_KEY[kind]]
    if (found) return found as T
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error
  }
  throw new NotFoundError(`No ${SDK_NAME[kind]} found for ${id}`)
}

/** POST /<kind> with {<resource>: body}; 201 and the created resource. */
export async function create<T>(client: ServiceClient, kind: Kind, body: Record<string, unknown>): Promise<T> {
  const response = await client.request({method: 'POST', path: `/${kind}`, json: {[BODY_KEY[kind]]: body}, accept: (status) => status === 201})
  const {check, schemas} = await schema()
  const made = check(schemas[kind].one, response.body, `a created ${SDK_NAME[kind]}`, client.instance)[BODY_KEY[kind]]
  if (!made) throw new OidError(`${client.instance}: Neutron answered the create of a ${SDK_NAME[kind]} without it.`)
  return made as T
}

/** DELETE /<kind>/{id}; 204. */
export async function remove(client: ServiceClient, kind: Kind, id: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/${kind}/${encodeURIComponent(id)}`, accept: (status) => status === 204})
}

/* ---- Subnets (network/subnet/port commands): self-contained, so the generic Kind above stays as it is. ---- */

export type Subnet = Record<string, unknown> & {id: string; name: string; network_id?: string; cidr?: string}

async function subnetSchemas() {
  const z = await import('../startup/zod.js')
  const {checkOnly, link} = await import('./reply.js')
  const subnet = z.looseObject({id: z.string(), name: z.string(), network_id: z.optional(z.string()), cidr: z.nullish(z.string()), ip_version: z.optional(z.number())})
  return {
    one: (body: unknown, what: string, instance: string) => checkOnly(z.looseObject({subnet: z.optional(subnet)}), body, 'Neutron', what, instance).subnet as Subnet | undefined,
    list: (body: unknown, instance: string) => checkOnly(z.looseObject({subnets: z.array(subnet), subnets_links: z.optional(z.array(link))}), body, 'Neutron', 'a Subnet list', instance).subnets as Subnet[],
  }
}

export async function listSubnets(client: ServiceClient, query: Record<string, string | undefined> = {}): Promise<Subnet[]> {
  const {list: items} = await subnetSchemas()
  return allPages({
    first: {path: '/subnets', query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items: (body) => items(body, client.instance),
    next: linksNext('subnets_links'),
  })
}

/** openstacksdk's find_subnet: by ID, then by exact name; its wording for none and for several. */
export async function findSubnet(client: ServiceClient, nameOrId: string): Promise<Subnet> {
  try {
    const response = await client.request({method: 'GET', path: `/subnets/${encodeURIComponent(nameOrId)}`})
    const found = (await subnetSchemas()).one(response.body, 'a Subnet', client.instance)
    if (found) return found
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }

  const matches = (await listSubnets(client, {name: nameOrId})).filter((item) => item.id === nameOrId || item.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one Subnet exists with the name '${nameOrId}'.`, {hint: 'Use the ID instead.'})
  throw new NotFoundError(`No Subnet found for ${nameOrId}`)
}

export async function createSubnet(client: ServiceClient, body: Record<string, unknown>): Promise<Subnet> {
  const response = await client.request({method: 'POST', path: '/subnets', json: {subnet: body}, accept: (status) => status === 201})
  const made = (await subnetSchemas()).one(response.body, 'a created Subnet', client.instance)
  if (!made) throw new OidError(`${client.instance}: Neutron answered the create of a Subnet without it.`)
  return made
}

export async function removeSubnet(client: ServiceClient, id: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/subnets/${encodeURIComponent(id)}`, accept: (status) => status === 204})
}

/* ---- L3: routers, floating IPs, and the subnets they name (openstacksdk's find_router/find_ip/find_subnet). ---- */

export type Router = Record<string, unknown> & {id: string; name: string; external_gateway_info?: Record<string, unknown> | null}
export type FloatingIp = Record<string, unknown> & {id: string; floating_ip_address: string; port_id?: string | null; fixed_ip_address?: string | null}

type L3Kind = 'routers' | 'floatingips' | 'subnets'
const L3_SDK: Record<L3Kind, string> = {routers: 'Router', floatingips: 'FloatingIP', subnets: 'Subnet'}
const L3_BODY: Record<L3Kind, string> = {routers: 'router', floatingips: 'floatingip', subnets: 'subnet'}
/** The attribute openstacksdk's find matches after the ID: a floating IP's is its address. */
const L3_NAME: Record<L3Kind, string> = {routers: 'name', floatingips: 'floating_ip_address', subnets: 'name'}

async function l3Schemas() {
  const z = await import('../startup/zod.js')
  const {checkOnly, link} = await import('./reply.js')
  const item: Record<L3Kind, ReturnType<typeof z.looseObject>> = {
    routers: z.looseObject({id: z.string(), name: z.string(), external_gateway_info: z.nullish(z.looseObject({network_id: z.optional(z.string())}))}),
    floatingips: z.looseObject({id: z.string(), floating_ip_address: z.string(), port_id: z.nullish(z.string()), fixed_ip_address: z.nullish(z.string()), floating_network_id: z.optional(z.string())}),
    subnets: z.looseObject({id: z.string(), name: z.string(), network_id: z.optional(z.string())}),
  }
  const one = (kind: L3Kind) => z.looseObject({[L3_BODY[kind]]: z.optional(item[kind])})
  const many = (kind: L3Kind) => z.looseObject({[kind]: z.array(item[kind]), [`${kind}_links`]: z.optional(z.array(link))})
  const check = (schema: ReturnType<typeof one> | ReturnType<typeof many>, body: unknown, what: string, instance: string) => checkOnly<unknown>(schema, body, 'Neutron', what, instance) as Record<string, unknown>
  return {one, many, check}
}

export async function l3List<T>(client: ServiceClient, kind: L3Kind, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const {check, many} = await l3Schemas()
  const schema = many(kind)
  return allPages({
    first: {path: `/${kind}`, query},
    send: async (request) => (await client.request({method: 'GET', ...request})).body,
    items: (body) => check(schema, body, `a ${L3_SDK[kind]} list`, client.instance)[kind] as T[],
    next: linksNext(`${kind}_links`),
  })
}

async function l3One<T>(client: ServiceClient, kind: L3Kind, body: unknown, what: string): Promise<T | undefined> {
  const {check, one} = await l3Schemas()
  return check(one(kind), body, what, client.instance)[L3_BODY[kind]] as T | undefined
}

/** openstacksdk's _find: GET by ID, then the list filtered by name (a floating IP: its address). */
export async function l3Find<T extends {id: string}>(client: ServiceClient, kind: L3Kind, nameOrId: string): Promise<T> {
  try {
    const response = await client.request({method: 'GET', path: `/${kind}/${encodeURIComponent(nameOrId)}`})
    const found = await l3One<T>(client, kind, response.body, `a ${L3_SDK[kind]}`)
    if (found) return found
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }

  const key = L3_NAME[kind]
  const matches = (await l3List<T>(client, kind, {[key]: nameOrId})).filter((item) => item.id === nameOrId || (item as Record<string, unknown>)[key] === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new OidError(`More than one ${L3_SDK[kind]} exists with the name '${nameOrId}'.`, {hint: 'Use the ID instead.'})
  throw new NotFoundError(`No ${L3_SDK[kind]} found for ${nameOrId}`)
}

export const findRouter = async (client: ServiceClient, nameOrId: string) => l3Find<Router>(client, 'routers', nameOrId)
export const findFloatingIp = async (client: ServiceClient, addressOrId: string) => l3Find<FloatingIp>(client, 'floatingips', addressOrId)
export const listRouters = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => l3List<Router>(client, 'routers', query)
export const listFloatingIps = async (client: ServiceClient, query: Record<string, string | undefined> = {}) => l3List<FloatingIp>(client, 'floatingips', query)

/** POST /routers or /floatingips; 201 and the created resource. */
export async function l3Create<T>(client: ServiceClient, kind: L3Kind, body: Record<string, unknown>): Promise<T> {
  const response = await client.request({method: 'POST', path: `/${kind}`, json: {[L3_BODY[kind]]: body}, accept: (status) => status === 201})
  const made = await l3One<T>(client, kind, response.body, `a created ${L3_SDK[kind]}`)
  if (!made) throw new OidError(`${client.instance}: Neutron answered the create of a ${L3_SDK[kind]} without it.`)
  return made
}

/** PUT /<kind>/{id} with {<resource>: attrs}; 200 and the updated resource. */
export async function l3Update<T>(client: ServiceClient, kind: L3Kind, id: string, attrs: Record<string, unknown>): Promise<T> {
  const response = await client.request({method: 'PUT', path: `/${kind}/${encodeURIComponent(id)}`, json: {[L3_BODY[kind]]: attrs}})
  const updated = await l3One<T>(client, kind, response.body, `an updated ${L3_SDK[kind]}`)
  if (!updated) throw new OidError(`${client.instance}: Neutron answered the update of a ${L3_SDK[kind]} without it.`)
  return updated
}

/** DELETE /routers/{id} or /floatingips/{id}; 204. */
export async function l3Delete(client: ServiceClient, kind: L3Kind, id: string): Promise<void> {
  await client.request({method: 'DELETE', path: `/${kind}/${encodeURIComponent(id)}`, accept: (status) => status === 204})
}

/** PUT /routers/{id}/add_router_interface {subnet_id}: the router's port on the subnet (its gateway address). */
export async function addRouterInterface(client: ServiceClient, routerId: string, body: {subnet_id?: string; port_id?: string}): Promise<void> {
  await client.request({method: 'PUT', path: `/routers/${encodeURIComponent(routerId)}/add_router_interface`, json: body})
}

/** PUT /routers/{id}/remove_router_interface {subnet_id}: the router leaves the subnet. */
export async function removeRouterInterface(client: ServiceClient, routerId: string, body: {subnet_id?: string; port_id?: string}): Promise<void> {
  await client.request({method: 'PUT', path: `/routers/${encodeURIComponent(routerId)}/remove_router_interface`, json: body})
}

/** Neutron's quota of a project (GET /quotas/{project_id}), or the defaults it would get (.../default): the reply's body, as Neutron keys it. */
export async function getNetworkQuota(client: ServiceClient, projectId: string, defaults: boolean): Promise<Record<string, unknown>> {
  const response = await client.request({method: 'GET', path: `/quotas/${encodeURIComponent(projectId)}${defaults ? '/default' : ''}`})
  const {check, quotaReply} = await schema()
  return check(quotaReply, response.body, defaults ? 'a QuotaDefault' : 'a Quota', client.instance).quota
}

/* ---- Port writes (port create/set/unset): the update and openstacksdk's tag calls. ---- */

/** PUT /ports/{id} with {port: attrs}; 200 and the updated port. */
export async function updatePort(client: ServiceClient, id: string, attrs: Record<string, unknown>): Promise<Port> {
  const response = await client.request({method: 'PUT', path: `/ports/${encodeURIComponent(id)}`, json: {port: attrs}})
  const {check, schemas} = await schema()
  const updated = check(schemas.ports.one, response.body, 'an updated Port', client.instance).port
  if (!updated) throw new OidError(`${client.instance}: Neutron answered the update of a Port without it.`)
  return updated as Port
}

/** PUT /ports/{id}/tags {tags}: replaces every tag (openstacksdk's TagMixin.set_tags). */
export async function setPortTags(client: ServiceClient, id: string, tags: string[]): Promise<void> {
  await client.request({method: 'PUT', path: `/ports/${encodeURIComponent(id)}/tags`, json: {tags}})
}

/** openstacksdk's find_qos_policy: GET /qos/policies/{id}, then ?name= (a Neutron without the qos extension answers 404 to both). */
export async function findQosPolicy(client: ServiceClient, nameOrId: string): Promise<{id: string}> {
  try {
    const response = await client.request({method: 'GET', path: `/qos/policies/${encodeURIComponent(nameOrId)}`})
    const policy = (response.body as {policy?: {id?: unknown}} | undefined)?.policy
    if (policy && typeof policy.id === 'string') return {id: policy.id}
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404].includes(error.status)) throw error
  }
  const response = await client.request({method: 'GET', path: '/qos/policies', query: {name: nameOrId}})
  const policies = ((response.body as {policies?: {id?: unknown; name?: unknown}[]} | undefined)?.policies ?? []).filter((p) => p.id === nameOrId || p.name === nameOrId)
  if (policies.length === 1 && typeof policies[0].id === 'string') return {id: policies[0].id}
  if (policies.length > 1) throw new OidError(`More than one QoSPolicy exists with the name '${nameOrId}'.`, {hint: 'Use the ID instead.'})
  throw new NotFoundError(`No QoSPolicy found for ${nameOrId}`)
}
