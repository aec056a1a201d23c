import * as z from '../startup/zod.js'
import {checkReply} from './reply.js'

/** Glance v2 image: loose (properties are top-level keys), typed where we read. */
export const image = z.looseObject({
  id: z.string(),
  name: z.nullish(z.string()),
  status: z.string(),
  visibility: z.optional(z.string()),
  protected: z.optional(z.boolean()),
  os_hidden: z.optional(z.boolean()),
  checksum: z.nullish(z.string()),
  os_hash_algo: z.nullish(z.string()),
  os_hash_value: z.nullish(z.string()),
  size: z.nullish(z.number()),
  virtual_size: z.nullish(z.number()),
  min_disk: z.nullish(z.number()),
  min_ram: z.nullish(z.number()),
  disk_format: z.nullish(z.string()),
  container_format: z.nullish(z.string()),
  owner: z.nullish(z.string()),
  tags: z.optional(z.array(z.string())),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
})

export const imageList = z.looseObject({
  images: z.array(image),
  next: z.optional(z.string()),
})

export const memberList = z.looseObject({
  members: z.array(
    z.looseObject({
      image_id: z.string(),
      member_id: z.string(),
      status: z.string(),
      created_at: z.optional(z.string()),
      updated_at: z.optional(z.string()),
      schema: z.optional(z.string()),
    }),
  ),
})

export type Image = z.infer<typeof image>
export type Member = z.infer<typeof memberList>['members'][number]

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkReply(schema, body, 'Glance', what, instance)
}
