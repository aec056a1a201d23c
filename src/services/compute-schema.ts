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
  name: z.optional(z.string()),
  status: z.optional(z.string()),
  fault: z.optional(z.looseObject({code: z.optional(z.number()), message: z.optional(z.string()), details: z.nullish(z.string())})),
  addresses: z.optional(z.record(z.string(), z.array(z.looseObject({addr: z.optional(z.string()), version: z.optional(z.number())})))),
  links: z.optional(links),
  image: z.nullish(z.union([z.string(), z.looseObject({id: z.optional(z.string())})])),
  flavor: z.optional(z.looseObject({id: z.optional(z.string()), original_name: z.optional(z.string())})),
  metadata: z.optional(z.record(z.string(), z.string())),
  security_groups: z.optional(z.array(z.looseObject({name: z.optional(z.string())}))),
})

export const serverReply = z.looseObject({server})
export const serverList = z.looseObject({servers: z.array(server), servers_links: z.optional(links)})
/** The 202 of POST /servers: id, links, adminPass…; or only a reservation_id (return_reservation_id). */
export const serverCreated = z.looseObject({
  server: z.optional(z.looseObject({id: z.string(), links: z.optional(links), adminPass: z.optional(z.string())})),
  reservation_id: z.optional(z.string()),
})

export const flavor = z.looseObject({
  id: z.string(),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number(),
  'OS-FLV-EXT-DATA:ephemeral': z.optional(z.number()),
  'os-flavor-access:is_public': z.optional(z.boolean()),
  swap: z.optional(z.union([z.string(), z.number()])),
  rxtx_factor: z.nullish(z.number()),
  description: z.nullish(z.string()),
  extra_specs: z.optional(z.record(z.string(), z.string())),
  links: z.optional(links),
})

export const flavorReply = z.looseObject({flavor})
export const flavorList = z.looseObject({flavors: z.array(flavor), flavors_links: z.optional(links)})

export const keypair = z.looseObject({
  name: z.string(),
  fingerprint: z.optional(z.string()),
  public_key: z.optional(z.string()),
  type: z.optional(z.string()),
  user_id: z.optional(z.string()),
})

export const keypairReply = z.looseObject({keypair})
/** GET /os-keypairs wraps each entry: {keypairs: [{keypair: {…}}]}; keypairs_links from 2.35. */
export const keypairList = z.looseObject({keypairs: z.array(z.looseObject({keypair})), keypairs_links: z.optional(links)})

export const instanceActions = z.looseObject({instanceActions: z.array(z.looseObject({request_id: z.optional(z.string()), action: z.optional(z.string())}))})
export const limitsReply = z.looseObject({limits: z.looseObject({absolute: z.optional(z.record(z.string(), z.unknown()))})})
export const quotaSetReply = z.looseObject({quota_set: z.record(z.string(), z.unknown())})
export const availabilityZones = z.looseObject({
  availabilityZoneInfo: z.array(
    z.looseObject({
      zoneName: z.optional(z.string()),
      zoneState: z.optional(z.looseObject({available: z.optional(z.boolean())})),
      hosts: z.nullish(z.record(z.string(), z.record(z.string(), z.looseObject({active: z.optional(z.boolean()), available: z.optional(z.boolean()), updated_at: z.nullish(z.string())})))),
    }),
  ),
})

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Nova', what, instance)
}
