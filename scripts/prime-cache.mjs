// Run by `npm run build` last: writes V8's code cache of dist/bundle/oclif.cjs next to it
// (oclif.cjs.v8-<node version>-<arch>.bin, shipped in the package), made by a real command line
// (`complete`, which needs no cloud: oclif's start, the manifest, flag parsing, a command's run).
// src/startup/compile-cache.ts reads it wherever a user's own cache does not exist yet — a new
// user, every fresh HOME of a CI fleet — with the Node version that built it (others ignore it).
// Node >= 22.8 caches compiled code itself (bin/run.js): nothing to ship there.
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import module from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const dir = 'dist/bundle'
for (const old of readdirSync(dir)) if (/^oclif\.cjs\.v8-/.test(old)) rmSync(join(dir, old))
if (typeof module.enableCompileCache !== 'function') {
  const home = mkdtempSync(join(tmpdir(), 'oid-prime-'))
  try {
    execFileSync(process.execPath, ['bin/run.js', 'complete', '--shell', 'bash'], {
      env: {...process.env, OPENSTACKOID_WRITE_SHIPPED_CACHE: '1', XDG_CACHE_HOME: home, HOME: home},
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  } finally {
    rmSync(home, {recursive: true, force: true})
  }

  const shipped = join(dir, `oclif.cjs.v8-${process.version}-${process.arch}.bin`)
  if (!existsSync(shipped)) throw new Error(`${shipped} was not written`)
}
