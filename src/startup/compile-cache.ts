import {hash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {basename, dirname, join} from 'node:path'
import {Script} from 'node:vm'

import {defaultCacheDir} from '../auth/cache.js'

/**
 * Loads one CommonJS file with V8's code cache, for Node versions without a compile cache of their
 * own: `module.enableCompileCache()` arrived in Node 22.8 (22.1 had only the NODE_COMPILE_CACHE
 * variable); where it exists, bin/run.js enables it and oclif.ts loads the file with plain
 * `require`, which that cache covers. This is for Node 20 and 22.0–22.7.
 *
 * Parsing @oclif/core's bundle (~700 KB, with semver, minimatch, ejs... that it requires at load)
 * is the largest fixed cost of every command: ~26 ms as CommonJS, ~34 ms as an ES module; from
 * V8's cached code it is ~12 ms (bench/README.md). The cache is what `v8.Script#createCachedData`
 * returns after a run, so it also holds the functions that run compiled; it is written once per
 * Node version and bundle, in $XDG_CACHE_HOME/openstackoid/v8 (0700; files 0600, written to a
 * temporary name and renamed). Any failure to read or write the cache only costs the time it
 * would save. OPENSTACKOID_NO_COMPILE_CACHE=1 turns it off.
 *
 * V8's own checks are not enough to trust a cache file (each seen on Node 20 / V8 11.3):
 * - it recognises the source by its *length* only: the cache of another file of the same length
 *   is accepted (`cachedDataRejected` false) and runs that other file's code;
 * - release builds do not verify the payload's checksum: a cache with flipped bytes is accepted
 *   and V8 aborts the process while deserialising it (SIGTRAP), on every command, for good;
 * - it rejects data made under other V8 flags, and src/workflows/progress.ts sets --expose-gc at
 *   run time: a cache written at the exit of such a command would be rejected by the next one.
 * So each file starts with a header line naming the source (content hash, length, mtime, Node
 * version, architecture) and a SHA-256 of V8's data; a mismatch is treated as no cache, before
 * V8 sees the data (~1 ms for the hash; node:crypto is already loaded by the token cache). And
 * the cache is not written when V8's flags changed since the load (`v8.cachedDataVersionTag()`,
 * read only on the runs that will write, i.e. not on the usual cached run).
 *
 * `import()` cannot be called from code compiled by node:vm without an experimental flag, so the
 * bundle's dynamic imports are rewritten to `__oidImport(…)` (scripts/bundle.mjs) and get a
 * function that imports from here.
 */
export interface LoadedModule {
  exports: unknown
  /** True only when a cache file for this very source was there, intact, and V8 accepted it. */
  cached: boolean
  /** Writes the cache if it was missing or rejected (call late: it then holds what has run). */
  save(): void
}

const MAGIC = 'openstackoid-v8-cache/1'

export function loadCommonJs(file: string, env: Record<string, string | undefined> = process.env): LoadedModule {
  // As a buffer, then decoded: ~2 ms less than readFileSync(file, 'utf8') for oclif's 700 kB on Node 20.
  const source = readFileSync(file).toString()
  const dir = env.OPENSTACKOID_NO_COMPILE_CACHE === '1' ? undefined : join(defaultCacheDir(env), 'v8')
  const key = dir ? sourceKey(file, source) : ''
  const cacheFile = dir ? join(dir, `${basename(file)}-${process.version}-${process.arch}-${key.slice(0, 16)}.bin`) : undefined
  const userHeader = `${MAGIC} ${key} ${process.version} ${process.arch} `
  let cachedData = cacheFile && !shipping(env) ? readCache(cacheFile, userHeader) : undefined
  // The cache the build made next to the file (scripts/bundle.mjs), for the runs that have none
  // of their own yet (a new user, each fresh HOME of a CI fleet), with the Node version that built
  // it. It is keyed on the source's hash, computed here (~2 ms): npm changes the mtime. It is read
  // as it is, never copied into the user's cache. The build writes it instead of reading it.
  const shipped = `${file}.v8-${process.version}-${process.arch}.bin`
  const shippedHeader = () => `${MAGIC} ${hash('sha256', source, 'base64url')}-${source.length} ${process.version} ${process.arch} `
  if (dir && cachedData === undefined && !shipping(env) && existsSync(shipped)) cachedData = readCache(shipped, shippedHeader())

  const wrapper = `(function (exports, require, module, __filename, __dirname, __oidImport) {${source}\n})`
  const script = new Script(wrapper, {filename: file, cachedData})
  const cached = cachedData !== undefined && script.cachedDataRejected === false
  // Only a run that will write the cache pays for node:v8 (~1 ms).
  const tag = cached || !cacheFile ? undefined : v8Tag()
  const module = {exports: {}}
  const run = script.runInThisContext() as (...args: unknown[]) => void
  const dynamicImport = async (specifier: string) => import(specifier)
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), dynamicImport)
  let saved = cached
  return {
    exports: module.exports,
    cached,
    save() {
      if (saved || !dir || !cacheFile) return
      saved = true
      // Data made under other flags would be rejected by the next command: leave it to that one.
      if (v8Tag() !== tag) return
      try {
        const [target, header] = shipping(env) ? [shipped, shippedHeader()] : [cacheFile, userHeader]
        if (!shipping(env)) {
          mkdirSync(dir, {recursive: true, mode: 0o700})
          const prefix = `${basename(file)}-`
          for (const old of readdirSync(dir)) if (old.startsWith(prefix) && join(dir, old) !== cacheFile) rmSync(join(dir, old), {force: true})
        }

        const data = script.createCachedData()
        const temporary = `${target}.${process.pid}.tmp`
        writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}${hash('sha256', data, 'base64url')}\n`, 'latin1'), data]), {mode: shipping(env) ? 0o644 : 0o600})
        renameSync(temporary, target)
      } catch {
        // A read-only or full disk: the next run compiles again.
      }
    },
  }
}

/** The build's run (scripts/bundle.mjs) that writes the cache shipped next to the file. */
function shipping(env: Record<string, string | undefined>): boolean {
  return env.OPENSTACKOID_WRITE_SHIPPED_CACHE === '1'
}

/** V8's data from a cache file, or undefined when the file is missing, for another source, or damaged. */
function readCache(cacheFile: string, header: string): Buffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(cacheFile)
  } catch {
    return undefined
  }

  const end = bytes.indexOf(10)
  if (end < 0 || end > 512) return undefined
  const line = bytes.toString('latin1', 0, end)
  if (!line.startsWith(header)) return undefined
  const data = bytes.subarray(end + 1)
  if (data.length === 0 || hash('sha256', data, 'base64url') !== line.slice(header.length)) return undefined
  return data
}

/**
 * What identifies the source: its SHA-256 (written at build time as the file's last line by
 * scripts/bundle.mjs, else computed here), length and mtime (a hand-edited bundle).
 */
function sourceKey(file: string, source: string): string {
  const stamped = /\n\/\/ openstackoid-source-sha256: ([\w-]{43})\n?$/.exec(source.slice(-128))?.[1]
  const digest = stamped ?? hash('sha256', source, 'base64url')
  return `${digest}-${source.length}-${Math.trunc(statSync(file).mtimeMs)}`
}

/** V8's version, flags and CPU features as one number: cached data is valid only under the same. */
function v8Tag(): number | undefined {
  try {
    return (process.getBuiltinModule('node:v8') as typeof import('node:v8')).cachedDataVersionTag()
  } catch {
    return undefined
  }
}
