/**
 * The part of @oclif/core openstackoid uses. Every command, the hook and bin/run.js import it from
 * here, so there is one copy of oclif, with one Command class and one error handler.
 *
 * In the bundle (scripts/bundle.mjs), @oclif/core is a CommonJS file of its own next to the
 * chunks, dist/bundle/oclif.cjs: the largest fixed cost of a command. Where Node has a compile
 * cache (`module.enableCompileCache`, Node >= 22.8, turned on by bin/run.js) it is loaded with
 * plain `require`, which that cache covers; elsewhere (Node 20) with V8's code cache through
 * compile-cache.ts, which halves it. Where that file does not exist (unit tests, which import
 * dist/src/ as tsc wrote it), this is @oclif/core's package entry.
 */
import type * as Oclif from '@oclif/core'
import {existsSync} from 'node:fs'
import module, {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

import {loadCommonJs} from './compile-cache.js'

function load(): typeof Oclif {
  const bundled = fileURLToPath(new URL('oclif.cjs', import.meta.url))
  const require = createRequire(import.meta.url)
  if (!existsSync(bundled)) return require('@oclif/core') as typeof Oclif
  if (nodeHasCompileCache()) return require(bundled) as typeof Oclif
  const loaded = loadCommonJs(bundled)
  // Written at exit, so that the cache also holds the functions this run compiled.
  if (!loaded.cached) process.once('exit', () => loaded.save())
  return loaded.exports as typeof Oclif
}

/** Node >= 22.8. */
function nodeHasCompileCache(): boolean {
  return typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function'
}

const oclif = load()

export const {Args, Command, CommandHelp, Errors, Flags, Help, execute} = oclif
export type {Config, Hook, Interfaces} from '@oclif/core'
