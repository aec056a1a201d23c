import * as z from '../startup/zod.js'
import {checkReply} from './reply.js'

/** Glance v2 image: loose (properties are top-level keys), typed where we read. */
export const image = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  visibility: z.string().optional(),
  protected: z.boolean().optional(),
  os_hidden: z.boolean().optional(),
  checksum: z.string().nullish(),
  os_hash_algo: z.string().nullish(),
  os_hash_value: z.string().nullish(),
  size: z.number().nullish(),
  virtual_size: z.number().nullish(),
  min_disk: z.number().nullish(),
  min_ram: z.number().nullish(),
  disk_format: z.string().nullish(),
  container_format: z.string().nullish(),
  owner: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
})

export const imageList = z.looseObject({
  images: z.array(image),
  next: z.string().optional(),
})

export const memberList = z.looseObject({
  members: z.array(
    z.looseObject({
      image_id: z.string(),
      member_id: z.string(),
      status: z.string(),
      created_at: z.string().optional(),
      updated_at: z.string().optional(),
      schema: z.string().optional(),
    }),
  ),
})

export type Image = z.infer<typeof image>
export type Member = z.infer<typeof memberList>['members'][number]

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkReply(schema, body, 'Glance', what, instance)
}
