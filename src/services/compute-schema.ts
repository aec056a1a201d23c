import * as z from '../startup/zod.js'
import {checkOnly, link} from './reply.js'

/**
 * Nova v2.1 replies: loose (each microversion adds fields), typed where openstackoid reads.
 * api-quirks §E: `image` is "" for a server booted from a volume; the embedded flavor is {id, links}
 * before 2.47 and {original_name, vcpus, …} (no id) from 2.47; `fault` may come with any status.
 */

const links = z.array(link)

export const server = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  fault: z.looseObject({code: z.number().optional(), message: z.string().optional(), details: z.string().nullish()}).optional(),
  addresses: z.record(z.string(), z.array(z.looseObject({addr: z.string().optional(), version: z.number().optional()}))).optional(),
  links: links.optional(),
  image: z.union([z.string(), z.looseObject({id: z.string().optional()})]).nullish(),
  flavor: z.looseObject({id: z.string().optional(), original_name: z.string().optional()}).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  security_groups: z.array(z.looseObject({name: z.string().optional()})).optional(),
})

export const serverReply = z.looseObject({server})
export const serverList = z.looseObject({servers: z.array(server), servers_links: links.optional()})
/** The 202 of POST /servers: id, links, adminPass…; or only a reservation_id (return_reservation_id). */
export const serverCreated = z.looseObject({
  server: z.looseObject({id: z.string(), links: links.optional(), adminPass: z.string().optional()}).optional(),
  reservation_id: z.string().optional(),
})

export const flavor = z.looseObject({
  id: z.string(),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
  swap: z.union([z.string(), z.number()]).optional(),
  rxtx_factor: z.number().nullish(),
  description: z.string().nullish(),
  extra_specs: z.record(z.string(), z.string()).optional(),
  links: links.optional(),
})

export const flavorReply = z.looseObject({flavor})
export const flavorList = z.looseObject({flavors: z.array(flavor), flavors_links: links.optional()})

export const keypair = z.looseObject({
  name: z.string(),
  fingerprint: z.string().optional(),
  public_key: z.string().optional(),
  type: z.string().optional(),
  user_id: z.string().optional(),
})

export const keypairReply = z.looseObject({keypair})
/** GET /os-keypairs wraps each entry: {keypairs: [{keypair: {…}}]}; keypairs_links from 2.35. */
export const keypairList = z.looseObject({keypairs: z.array(z.looseObject({keypair})), keypairs_links: links.optional()})

export const instanceActions = z.looseObject({instanceActions: z.array(z.looseObject({request_id: z.string().optional(), action: z.string().optional()}))})
export const limitsReply = z.looseObject({limits: z.looseObject({absolute: z.record(z.string(), z.unknown()).optional()})})
export const quotaSetReply = z.looseObject({quota_set: z.record(z.string(), z.unknown())})
export const availabilityZones = z.looseObject({
  availabilityZoneInfo: z.array(
    z.looseObject({
      zoneName: z.string().optional(),
      zoneState: z.looseObject({available: z.boolean().optional()}).optional(),
      hosts: z.record(z.string(), z.record(z.string(), z.looseObject({active: z.boolean().optional(), available: z.boolean().optional(), updated_at: z.string().nullish()}))).nullish(),
    }),
  ),
})

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Nova', what, instance)
}
