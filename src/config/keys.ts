/**
 * The typed keys of a clouds.yaml cloud entry, in one table used twice: by schema.ts to build the
 * zod schema (for the error messages), and by quickCheck below, which accepts a well-typed file
 * without loading zod (~40 ms of start-up). zod is only imported when quickCheck finds a problem.
 */

export type KeyType = 'string' | 'boolean' | 'seconds' | 'region_name'

/** Auth options (under `auth:`, or at the top level of an entry), legacy spellings included. */
export const AUTH_STRING_KEYS = [
  'auth_url',
  'username',
  'user_name',
  'user_id',
  'password',
  'project_name',
  'project_id',
  'tenant_name',
  'tenant_id',
  'user_domain_name',
  'user_domain_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'token',
  'auth_token',
  'endpoint',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'system_scope',
  'default_domain',
] as const

/** Top-level keys of a cloud entry (besides `auth` and `regions`) and their types. */
export const ENTRY_KEY_TYPES: Readonly<Record<string, KeyType>> = {
  ...Object.fromEntries(AUTH_STRING_KEYS.map((key) => [key, 'string' as const])),
  auth_type: 'string',
  auth_plugin: 'string',
  profile: 'string',
  cloud: 'string',
  region_name: 'region_name',
  interface: 'string',
  endpoint_type: 'string',
  identity_api_version: 'string',
  verify: 'boolean',
  insecure: 'boolean',
  cacert: 'string',
  cert: 'string',
  key: 'string',
  api_timeout: 'seconds',
  openstackoid: 'boolean',
}

export const BOOLEAN_WORDS = /^(true|false|yes|no|on|off|1|0)$/i
export const SECONDS_TEXT = /^\d+(\.\d+)?$/

const MATCHES: Record<KeyType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string' || typeof value === 'number',
  boolean: (value) => typeof value === 'boolean' || (typeof value === 'string' && BOOLEAN_WORDS.test(value)),
  seconds: (value) => (typeof value === 'number' && value > 0) || (typeof value === 'string' && SECONDS_TEXT.test(value)),
  region_name: (value) => typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'string')),
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function entryOk(entry: unknown, withRegions: boolean): boolean {
  if (!isMapping(entry)) return false
  for (const [key, type] of Object.entries(ENTRY_KEY_TYPES)) {
    const value = entry[key]
    if (value != null && !MATCHES[type](value)) return false
  }

  const auth = entry.auth
  if (auth != null) {
    if (!isMapping(auth)) return false
    for (const key of AUTH_STRING_KEYS) if (auth[key] != null && !MATCHES.string(auth[key])) return false
  }

  const regions = entry.regions
  if (withRegions && regions != null) {
    if (!Array.isArray(regions)) return false
    for (const region of regions) {
      if (typeof region === 'string') continue
      if (!isMapping(region) || typeof region.name !== 'string') return false
      if (Object.keys(region).some((key) => key !== 'name' && key !== 'values')) return false
      if (region.values != null && !entryOk(region.values, false)) return false
    }
  }

  return true
}

/** True when the (key-normalised) file content would pass the zod schema. */
export function quickCheck(data: unknown): boolean {
  if (!isMapping(data)) return false
  for (const section of ['clouds', 'public-clouds']) {
    const map = data[section]
    if (map == null) continue
    if (!isMapping(map)) return false
    for (const entry of Object.values(map)) if (!entryOk(entry, true)) return false
  }

  return true
}
