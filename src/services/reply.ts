import {OidError} from '../errors.js'
import * as z from '../startup/zod.js'

/**
 * Checks an API reply against its zod schema. A reply that does not match is the cloud's fault,
 * and is said so in one paragraph that names the instance, the service, what was expected and
 * where the reply differs (zod's path), never a TypeError further down.
 */
export function checkReply<T>(schema: z.ZodType<T>, body: unknown, service: string, what: string, instance: string): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  throw unreadable(parsed.error, service, what, instance)
}

/**
 * As checkReply, but what it returns is the reply itself, not zod's copy: zod rebuilds an object
 * with the schema's keys first, and output that shows a reply's objects (`server show -f json`'s
 * embedded flavor) must keep the cloud's key order, as OSC does. The schemas here only check
 * (no defaults, no transforms), so the reply is what they would return, in its own order.
 */
export function checkOnly<T>(schema: z.ZodType<T>, body: unknown, service: string, what: string, instance: string): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return body as T
  throw unreadable(parsed.error, service, what, instance)
}

function unreadable(error: z.ZodError, service: string, what: string, instance: string): OidError {
  return new OidError(`${instance}'s ${service} sent ${what} that openstackoid cannot read: ${z.prettifyError(error).replaceAll('\n', ' ')}`)
}

/** `links` entries of Nova and Neutron lists: {rel, href}. */
export const link = z.looseObject({rel: z.optional(z.string()), href: z.optional(z.string())})
