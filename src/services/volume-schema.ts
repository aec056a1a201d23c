import * as z from '../startup/zod.js'
import {checkOnly, link} from './reply.js'

/**
 * Cinder v3 replies: loose (each microversion adds fields: 3.48 shared_targets, 3.63
 * volume_type_id), typed where openstackoid reads.
 */

const links = z.array(link)

export const attachment = z.looseObject({
  id: z.string().optional(),
  attachment_id: z.string().optional(),
  server_id: z.string().optional(),
  volume_id: z.string().optional(),
  device: z.string().nullish(),
})

export const volume = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  bootable: z.union([z.string(), z.boolean()]).optional(),
  attachments: z.array(attachment).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  availability_zone: z.string().nullish(),
  volume_type: z.string().nullish(),
})

export const snapshot = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  volume_id: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})

export const volumeType = z.looseObject({id: z.string(), name: z.string().nullish(), is_public: z.boolean().optional()})

type Reply = z.ZodType<Record<string, unknown>>

export type Collection = 'volumes' | 'snapshots' | 'types'

/** Per collection: the body key of one item, of a list, and their schemas. */
export const schemas: Record<Collection, {one: Reply; list: Reply}> = {
  volumes: {one: z.looseObject({volume: volume}), list: z.looseObject({volumes: z.array(volume), volumes_links: links.optional()})},
  snapshots: {one: z.looseObject({snapshot: snapshot}), list: z.looseObject({snapshots: z.array(snapshot), snapshots_links: links.optional()})},
  types: {one: z.looseObject({volume_type: volumeType}), list: z.looseObject({volume_types: z.array(volumeType)})},
}

export function check<T>(schema: z.ZodType<T>, body: unknown, what: string, instance: string): T {
  return checkOnly(schema, body, 'Cinder', what, instance)
}
