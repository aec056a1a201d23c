/**
 * The zod schema of clouds.yaml, secure.yaml and clouds-public.yaml. Loose for keys we do not use
 * (a cloud entry carries many), strict for the types of the keys we do. Imported lazily: only when a
 * file exists. Keys have already been normalised (`auth-url` → `auth_url`) when this runs.
 */
import * as z from '../startup/zod.js'

import {AUTH_STRING_KEYS, BOOLEAN_WORDS, ENTRY_KEY_TYPES, type KeyType, SECONDS_TEXT} from './keys.js'

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

/** Strings; numbers are accepted and turned into strings later, as openstacksdk does. */
const str = z.optional(z.nullable(z.union([z.string(), z.number()], {error: (issue) => `expected a string, got ${kind(issue.input)}`})))

const boolError = {error: (issue: {input?: unknown}) => `expected true or false, got ${kind(issue.input)}`}
const bool = z.optional(z.nullable(z.union([z.boolean(), z.string().check(z.regex(BOOLEAN_WORDS, boolError))], boolError)))

const secondsError = {error: (issue: {input?: unknown}) => `expected a number of seconds, got ${kind(issue.input)}`}
const seconds = z.optional(z.nullable(z.union([z.number().check(z.positive(secondsError)), z.string().check(z.regex(SECONDS_TEXT, secondsError))], secondsError)))

const regionName = z.optional(
  z.nullable(z.union([z.string(), z.number(), z.array(z.string())], {error: (issue) => `expected a region name, got ${kind(issue.input)}`})),
)

const BY_TYPE: Record<KeyType, z.ZodType> = {string: str, boolean: bool, seconds, region_name: regionName}

const mapping = (what: string) => ({error: (issue: {input?: unknown}) => `expected ${what}, got ${kind(issue.input)}`})

const auth = z.optional(z.nullable(z.looseObject(Object.fromEntries(AUTH_STRING_KEYS.map((key) => [key, str])), mapping('a mapping of auth options'))))

/** The keys a cloud entry (or a region's `values`, or a profile) may set, with their types (keys.ts). */
const entryFields: Record<string, z.ZodType> = {
  auth,
  ...Object.fromEntries(Object.entries(ENTRY_KEY_TYPES).map(([key, type]) => [key, BY_TYPE[type]])),
}

const region = z.union([z.string(), z.strictObject({name: z.string(), values: z.optional(z.nullable(z.looseObject(entryFields, mapping('a mapping'))))})], {
  error: (issue) => `expected a region name or {name, values}, got ${kind(issue.input)}`,
})

export const cloudEntrySchema = z.looseObject(
  {...entryFields, regions: z.optional(z.nullable(z.array(region, mapping('a list of regions'))))},
  mapping('a mapping (a cloud entry)'),
)

export const configFileSchema = z.looseObject(
  {
    clouds: z.optional(z.nullable(z.record(z.string(), cloudEntrySchema, mapping('a mapping of cloud names to cloud entries')))),
    'public-clouds': z.optional(z.nullable(z.record(z.string(), cloudEntrySchema, mapping('a mapping of profile names to profiles')))),
  },
  mapping('a mapping with a "clouds" key'),
)

export interface SchemaProblem {
  path: string
  message: string
}

/** Validates a parsed file; returns the problems (path like `clouds.InstanceOne.auth.password`), or none. */
export function validateConfigFile(data: unknown): SchemaProblem[] {
  const result = configFileSchema.safeParse(data)
  if (result.success) return []
  return result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)',
    message: issue.message,
  }))
}
