import * as z from '../startup/zod.js'
import {checkOnly, link} from './reply.js'

/**
 * Cinder v3 replies: loose (each microversion adds fields: 3.48 shared_targets, 3.63
 * volume_type_id), typed where openstackoid reads.
 */

const links = z.array(link)

export const attachment = z.looseObject({
  id: z.optional(z.string()),
  attachment_id: z.optional(z.string()),
  server_id: z.optional(z.string()),
  volume_id: z.optional(z.string()),
  device: z.nullish(z.string()),
})

export const volume = z.looseObject({
  id: z.string(),
  name: z.nullish(z.string()),
  status: z.string(),
  size: z.number(),
  bootable: z.optional(z.union([z.string(), z.boolean()])),
  attachments: z.optional(z.array(attachment)),
  metadata: z.optional(z.record(z.string(), z.unknown())),
  availability_zone: z.nullish(z.string()),
  volume_type: z.nullish(z.string()),
})

export const snapshot = z.looseObject({
  id: z.string(),
  name: z.nullish(z.string()),
  status: z.string(),
  size: z.number(),
  volume_id: z.string(),
  metadata: z.optional(z.record(z.string(), z.unknown())),
})

export const volumeType = z.looseObject({id: z.string(), name: z.nullish(z.string()), is_public: z.optional(z.boolean())})

type Reply = z.ZodType<Record<string, unknown>>

export type Collection = 'volumes' | 'snapshots' | 'types'

/** Per collection: the body key of one item, of a list, and their schemas. */
export const schemas: Record<Collection, {one: Reply; list: Reply}> = {
  volumes: {one: z.looseObject({volume: volume}), list: z.looseObject({volumes: z.array(volume), volumes_links: z.optional(links)})},
  snapshots: {one: z.looseObject({snapshot: snapshot}), list: z.looseObject({snapshots: z.array(snapshot), snapshots_links: z.optional(links)})},
  types: {one: z.looseObject({volume_type: volumeType}), list: z.looseObject({volume_types: z.array(volumeType)})},
}

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Cinder', what, instance)
}
