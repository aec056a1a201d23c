import * as z from '../startup/zod.js'

/** Keystone v3 token body: loose (new releases add fields), strict on what we read. */
const ref = z.looseObject({id: z.string(), name: z.string().optional(), domain: z.looseObject({id: z.string(), name: z.string().optional()}).optional()})

export const tokenResponse = z.looseObject({
  token: z.looseObject({
    expires_at: z.string(),
    issued_at: z.string().optional(),
    methods: z.array(z.string()).optional(),
    user: ref,
    project: ref.optional(),
    domain: z.looseObject({id: z.string(), name: z.string().optional()}).optional(),
    system: z.looseObject({all: z.boolean().optional()}).optional(),
    roles: z.array(z.looseObject({id: z.string().optional(), name: z.string().optional()})).optional(),
    catalog: z
      .array(
        z.looseObject({
          id: z.string().optional(),
          type: z.string(),
          name: z.string().optional(),
          endpoints: z.array(
            z.looseObject({
              id: z.string().optional(),
              interface: z.string(),
              region_id: z.string().nullish(),
              region: z.string().nullish(),
              url: z.string(),
            }),
          ),
        }),
      )
      .optional(),
  }),
})

export function describe(error: z.ZodError): string {
  return z.prettifyError(error).replaceAll('\n', ' ')
}
