import {createHash, randomBytes} from 'node:crypto'
import {chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

import type {AuthRef, VersionInfo} from './types.js'

/**
 * Tokens and catalogs on disk, so that a second command does no authentication.
 * - $XDG_CACHE_HOME/openstackoid (else ~/.cache/openstackoid), directory 0700, files 0600;
 * - the file name is an HMAC of the auth parameters (password included) with a random per-user
 *   salt, so that it says nothing about them; the password itself is never written;
 * - a token is reused until 120 s before it expires (keystoneauth's MIN_TOKEN_LIFE_SECONDS).
 */

export const MIN_TOKEN_LIFE_SECONDS = 120

export interface CacheEntry {
  version: 1
  auth: AuthRef
  /** Version discovery results, per catalog URL. */
  discovery: Record<string, VersionInfo>
}

export function defaultCacheDir(env: Record<string, string | undefined>, home = homedir()): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home, '.cache')
  return join(base, 'openstackoid')
}

export class TokenCache {
  private salt?: Buffer

  /** dir undefined = the cache is off (--no-token-cache, OS_TOKEN_CACHE=0). */
  constructor(public dir: string | undefined) {}

  get enabled(): boolean {
    return this.dir !== undefined
  }

  /** The cache key for a set of auth parameters: order-independent, secrets hashed with the salt. */
  key(params: Record<string, unknown>): string {
    const canonical = JSON.stringify(Object.keys(params).sort().map((name) => [name, params[name] ?? null]))
    let salt: Buffer = Buffer.alloc(0)
    if (this.enabled) {
      try {
        salt = this.loadSalt()
      } catch {
        // A cache directory that cannot be made (read-only home) costs speed, not the command.
        this.dir = undefined
      }
    }

    return createHash('sha256').update(salt).update(canonical).digest('hex')
  }

  read(key: string): CacheEntry | undefined {
    if (!this.dir) return undefined
    try {
      const entry: unknown = JSON.parse(readFileSync(this.file(key), 'utf8'))
      // Any other shape (an older version, a hand edit, a truncated write) is ignored: the
      // token is issued again and the entry rewritten.
      return isCacheEntry(entry) ? entry : undefined
    } catch {
      return undefined
    }
  }

  write(key: string, entry: CacheEntry): void {
    if (!this.dir) return
    this.ensureDir()
    const tmp = `${this.file(key)}.${process.pid}.${randomBytes(4).toString('hex')}`
    writeFileSync(tmp, JSON.stringify(entry), {mode: 0o600})
    renameSync(tmp, this.file(key))
  }

  drop(key: string): void {
    if (!this.dir) return
    rmSync(this.file(key), {force: true})
  }

  private file(key: string): string {
    return join(this.dir!, `token-${key}.json`)
  }

  private ensureDir(): void {
    mkdirSync(this.dir!, {recursive: true, mode: 0o700})
    chmodSync(this.dir!, 0o700)
  }

  private loadSalt(): Buffer {
    if (this.salt) return this.salt
    const path = join(this.dir!, 'salt')
    try {
      this.salt = readFileSync(path)
      if (this.salt.length >= 32) return this.salt
    } catch {
      // first use
    }

    this.ensureDir()
    const salt = randomBytes(32)
    try {
      writeFileSync(path, salt, {mode: 0o600, flag: 'wx'})
      this.salt = salt
    } catch {
      // another process wrote it first: use theirs
      this.salt = readFileSync(path)
    }

    return this.salt
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value)
const nullableString = (value: unknown) => value === undefined || value === null || isString(value)
const strings = (value: unknown) => Array.isArray(value) && value.every(isString)
const ref = (value: unknown) => isObject(value) && isString(value.id) && optional(value.name, isString)
const endpoint = (value: unknown) => isObject(value) && isString(value.interface) && isString(value.url) && nullableString(value.region_id) && nullableString(value.region)
const service = (value: unknown) => isObject(value) && isString(value.type) && Array.isArray(value.endpoints) && value.endpoints.every(endpoint)
const version = (value: unknown) =>
  isObject(value) && isString(value.url) && isString(value.version) && optional(value.minMicroversion, isString) && optional(value.maxMicroversion, isString)

/**
 * The shape of a cache file, checked by hand at the boundary (zod would cost its load time on
 * every warm command): everything the session and the catalog read from it.
 */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (!isObject(value) || value.version !== 1 || !isObject(value.auth) || !isObject(value.discovery)) return false
  const {auth} = value
  return (
    isString(auth.token) &&
    auth.token !== '' &&
    isString(auth.expiresAt) &&
    optional(auth.issuedAt, isString) &&
    isString(auth.identityUrl) &&
    strings(auth.methods) &&
    ref(auth.user) &&
    optional(auth.project, ref) &&
    optional(auth.domain, ref) &&
    typeof auth.system === 'boolean' &&
    strings(auth.roles) &&
    Array.isArray(auth.catalog) &&
    auth.catalog.every(service) &&
    Object.values(value.discovery).every(version)
  )
}

/** True when the token is good for at least MIN_TOKEN_LIFE_SECONDS more. */
export function isFresh(auth: AuthRef, now = Date.now()): boolean {
  const expires = Date.parse(normaliseTimestamp(auth.expiresAt))
  return Number.isFinite(expires) && expires - now > MIN_TOKEN_LIFE_SECONDS * 1000
}

/** Keystone writes `2026-11-23T13:00:00.000000Z`; Date.parse wants at most milliseconds. */
export function normaliseTimestamp(value: string): string {
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1')
  return /[zZ]|[+-]\d\d:?\d\d$/.test(trimmed) ? trimmed : trimmed + 'Z'
}
