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
  subnets: strings.optional(),
  status: z.string().optional(),
  admin_state_up: z.boolean().optional(),
  shared: z.boolean().optional(),
  project_id: z.string().optional(),
  tenant_id: z.string().optional(),
  availability_zones: strings.optional(),
  tags: strings.optional(),
})

export const port = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  network_id: z.string(),
  status: z.string().optional(),
  device_id: z.string().optional(),
  fixed_ips: z.array(z.looseObject({subnet_id: z.string().optional(), ip_address: z.string().optional()})).optional(),
})

export const securityGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  security_group_rules: z.array(z.looseObject({id: z.string()})).optional(),
})

export const securityGroupRule = z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.string().optional(),
  ethertype: z.string().optional(),
  protocol: z.string().nullish(),
  port_range_min: z.number().nullish(),
  port_range_max: z.number().nullish(),
  remote_ip_prefix: z.string().nullish(),
  remote_group_id: z.string().nullish(),
})

/** Per collection: the item, the reply of GET /<collection>/{id}, and the list with its links. */
type Reply = z.ZodType<Record<string, unknown>>

export const schemas: Record<'networks' | 'ports' | 'security-groups' | 'security-group-rules', {one: Reply; list: Reply}> = {
  networks: {one: z.looseObject({network: network.optional()}), list: z.looseObject({networks: z.array(network), networks_links: links.optional()})},
  ports: {one: z.looseObject({port: port.optional()}), list: z.looseObject({ports: z.array(port), ports_links: links.optional()})},
  'security-groups': {
    one: z.looseObject({security_group: securityGroup.optional()}),
    list: z.looseObject({security_groups: z.array(securityGroup), security_groups_links: links.optional()}),
  },
  'security-group-rules': {
    one: z.looseObject({security_group_rule: securityGroupRule.optional()}),
    list: z.looseObject({security_group_rules: z.array(securityGroupRule), security_group_rules_links: links.optional()}),
  },
}

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Neutron', what, instance)
}
