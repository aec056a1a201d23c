import * as z from '../startup/zod.js'
import {checkOnly, link} from './reply.js'

/**
 * Neutron v2.0 replies: loose (extensions add fields: tenant_id beside project_id, provider:*
 * null for non-admins, api-quirks §G), typed where openstackoid reads.
 */

const links = z.array(link)
const strings = z.array(z.string())

export const network = z.looseObject({
  id: z.string(),
  name: z.string(),
  subnets: z.optional(strings),
  status: z.optional(z.string()),
  admin_state_up: z.optional(z.boolean()),
  shared: z.optional(z.boolean()),
  project_id: z.optional(z.string()),
  tenant_id: z.optional(z.string()),
  availability_zones: z.optional(strings),
  tags: z.optional(strings),
})

export const port = z.looseObject({
  id: z.string(),
  name: z.optional(z.string()),
  network_id: z.string(),
  status: z.optional(z.string()),
  device_id: z.optional(z.string()),
  fixed_ips: z.optional(z.array(z.looseObject({subnet_id: z.optional(z.string()), ip_address: z.optional(z.string())}))),
})

export const securityGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  security_group_rules: z.optional(z.array(z.looseObject({id: z.string()}))),
})

export const securityGroupRule = z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.optional(z.string()),
  ethertype: z.optional(z.string()),
  protocol: z.nullish(z.string()),
  port_range_min: z.nullish(z.number()),
  port_range_max: z.nullish(z.number()),
  remote_ip_prefix: z.nullish(z.string()),
  remote_group_id: z.nullish(z.string()),
})

const limit = z.nullish(z.number())

/** GET /quotas/{project_id} and /quotas/{project_id}/default: the limits, keyed by resource (quotasv2). */
export const quotaReply = z.looseObject({
  quota: z.looseObject({
    floatingip: limit,
    network: limit,
    port: limit,
    rbac_policy: limit,
    router: limit,
    security_group: limit,
    security_group_rule: limit,
    subnet: limit,
    subnetpool: limit,
  }),
})

/** Per collection: the item, the reply of GET /<collection>/{id}, and the list with its links. */
type Reply = z.ZodType<Record<string, unknown>>

export const schemas: Record<'networks' | 'ports' | 'security-groups' | 'security-group-rules', {one: Reply; list: Reply}> = {
  networks: {one: z.looseObject({network: z.optional(network)}), list: z.looseObject({networks: z.array(network), networks_links: z.optional(links)})},
  ports: {one: z.looseObject({port: z.optional(port)}), list: z.looseObject({ports: z.array(port), ports_links: z.optional(links)})},
  'security-groups': {
    one: z.looseObject({security_group: z.optional(securityGroup)}),
    list: z.looseObject({security_groups: z.array(securityGroup), security_groups_links: z.optional(links)}),
  },
  'security-group-rules': {
    one: z.looseObject({security_group_rule: z.optional(securityGroupRule)}),
    list: z.looseObject({security_group_rules: z.array(securityGroupRule), security_group_rules_links: z.optional(links)}),
  },
}

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Neutron', what, instance)
}
