import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {basename, dirname, join} from 'node:path'
import {Script} from 'node:vm'

import {defaultCacheDir} from '../auth/cache.js'

/**
 * Loads one CommonJS file with V8's code cache, for Node versions without a compile cache of their
 * own (Node 20; Node >= 22.1 caches what its module loader loads, see bin/run.js, but not this).
 *
 * Parsing @oclif/core's bundle (~700 KB, with semver, minimatch, ejs... that it requires at load)
 * is the largest fixed cost of every command: ~26 ms as CommonJS, ~34 ms as an ES module; from
 * V8's cached code it is ~12 ms (bench/README.md). The cache is what `v8.Script#createCachedData`
 * returns after a run, so it also holds the functions that run compiled; it is written once per
 * Node version and bundle, in $XDG_CACHE_HOME/openstackoid/v8 (0700; files 0600, written to a
 * temporary name and renamed). V8 checks that the data matches its version, flags and the source
 * and rejects it otherwise; then the file is compiled as usual and the cache rewritten. Any
 * failure to read or write the cache only costs the time it would save.
 * OPENSTACKOID_NO_COMPILE_CACHE=1 turns it off.
 *
 * `import()` cannot be called from code compiled by node:vm without an experimental flag, so the
 * bundle's dynamic imports are rewritten to `__oidImport(…)` (scripts/bundle.mjs) and get a
 * function that imports from here.
 */
export interface LoadedModule {
  exports: unknown
  /** True when V8 accepted the cached code. */
  cached: boolean
  /** Writes the cache if it was missing or rejected (call late: it then holds what has run). */
  save(): void
}

export function loadCommonJs(file: string, env: Record<string, string | undefined> = process.env): LoadedModule {
  const source = readFileSync(file, 'utf8')
  const dir = env.OPENSTACKOID_NO_COMPILE_CACHE === '1' ? undefined : join(defaultCacheDir(env), 'v8')
  const cacheFile = dir ? join(dir, cacheName(file, source)) : undefined
  let cachedData: Buffer | undefined
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile)
  } catch {
    cachedData = undefined
  }

  const wrapper = `(function (exports, require, module, __filename, __dirname, __oidImport) {${source}\n})`
  const script = new Script(wrapper, {filename: file, cachedData})
  const module = {exports: {}}
  const run = script.runInThisContext() as (...args: unknown[]) => void
  const dynamicImport = async (specifier: string) => import(specifier)
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), dynamicImport)
  const cached = cachedData !== undefined && !script.cachedDataRejected
  let saved = cached
  return {
    exports: module.exports,
    cached,
    save() {
      if (saved || !dir || !cacheFile) return
      saved = true
      try {
        mkdirSync(dir, {recursive: true, mode: 0o700})
        const prefix = `${basename(file)}-`
        for (const old of readdirSync(dir)) if (old.startsWith(prefix) && join(dir, old) !== cacheFile) rmSync(join(dir, old), {force: true})
        const temporary = `${cacheFile}.${process.pid}.tmp`
        writeFileSync(temporary, script.createCachedData(), {mode: 0o600})
        renameSync(temporary, cacheFile)
      } catch {
        // A read-only or full disk: the next run compiles again.
      }
    },
  }
}

/** One name per file, Node version and content: `oclif.cjs-v20.20.2-x64-<size>-<mtime>.bin`. */
function cacheName(file: string, source: string): string {
  const {mtimeMs} = statSync(file)
  return `${basename(file)}-${process.version}-${process.arch}-${source.length}-${Math.trunc(mtimeMs)}.bin`
}
