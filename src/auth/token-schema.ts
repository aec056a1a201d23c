import * as z from '../startup/zod.js'

/** Keystone v3 token body: loose (new releases add fields), strict on what we read. */
const ref = z.looseObject({id: z.string(), name: z.optional(z.string()), domain: z.optional(z.looseObject({id: z.string(), name: z.optional(z.string())}))})

export const tokenResponse = z.looseObject({
  token: z.looseObject({
    expires_at: z.string(),
    issued_at: z.optional(z.string()),
    methods: z.optional(z.array(z.string())),
    user: ref,
    project: z.optional(ref),
    domain: z.optional(z.looseObject({id: z.string(), name: z.optional(z.string())})),
    system: z.optional(z.looseObject({all: z.optional(z.boolean())})),
    roles: z.optional(z.array(z.looseObject({id: z.optional(z.string()), name: z.optional(z.string())}))),
    catalog: z.optional(
      z.array(
        z.looseObject({
          id: z.optional(z.string()),
          type: z.string(),
          name: z.optional(z.string()),
          endpoints: z.array(
            z.looseObject({
              id: z.optional(z.string()),
              interface: z.string(),
              region_id: z.nullish(z.string()),
              region: z.nullish(z.string()),
              url: z.string(),
            }),
          ),
        }),
      ),
    ),
  }),
})

export function describe(error: z.ZodError): string {
  return z.prettifyError(error).replaceAll('\n', ' ')
}
