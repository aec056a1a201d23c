import {strict as assert} from 'node:assert'
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {loadCommonJs} from '../../../src/startup/compile-cache.js'

// Within one process V8 reuses what it compiled before, whatever the cached data says: whether V8
// accepted a cache is only seen in a process of its own, as each command is.
const loader = new URL('../../../src/startup/compile-cache.js', import.meta.url).href

describe('startup/compile-cache: a CommonJS file with V8\'s code cache', () => {
  let dir = ''
  let file = ''
  let env: Record<string, string> = {}

  const source = (answer: number) =>
    `const os = require('node:os')\nexports.answer = () => ${answer}\nexports.dir = __dirname\nexports.load = async () => (await __oidImport('node:path')).sep\nmodule.exports.platform = os.platform()\n`

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oid-cc-'))
    file = join(dir, 'lib.cjs')
    writeFileSync(file, source(42))
    env = {XDG_CACHE_HOME: join(dir, 'cache')}
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  const v8dir = () => join(dir, 'cache', 'openstackoid', 'v8')
  const cacheFiles = () => readdirSync(v8dir())
  const cacheFile = () => {
    const files = cacheFiles()
    assert.equal(files.length, 1, `one cache file, not ${files.join(', ')}`)
    return join(v8dir(), files[0])
  }

  /** Loads `target` in a node process of its own, saves, and prints "<cached> <answer()>". */
  const load = (target = file, before = '') =>
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `${before}; const {loadCommonJs} = await import(${JSON.stringify(loader)}); const m = loadCommonJs(${JSON.stringify(target)}); m.save(); console.log(m.cached, m.exports.answer())`],
      {env: {...process.env, ...env}, encoding: 'utf8'},
    ).trim()

  it('runs the file as CommonJS (require, exports, __dirname, dynamic import through __oidImport)', async () => {
    const loaded = loadCommonJs(file, env)
    const lib = loaded.exports as {answer(): number; dir: string; load(): Promise<string>; platform: string}
    assert.equal(lib.answer(), 42)
    assert.equal(lib.dir, dir)
    assert.equal(await lib.load(), '/')
    assert.equal(lib.platform, process.platform)
    assert.equal(loaded.cached, false)
  })

  it('save() writes the cache once (dir 0700, file 0600); the next process uses it', () => {
    const first = loadCommonJs(file, env)
    first.save()
    first.save()
    assert.match(cacheFiles()[0], new RegExp(`^lib\\.cjs-${process.version.replaceAll('.', '\\.')}-${process.arch}-[\\w-]{16}\\.bin$`))
    assert.equal(statSync(v8dir()).mode & 0o777, 0o700)
    assert.equal(statSync(cacheFile()).mode & 0o777, 0o600)
    assert.equal(load(), 'true 42')
    assert.equal(load(), 'true 42')
  })

  it('the cache the build ships next to the file serves a HOME that has none, and is not copied into it', () => {
    const shipped = `${file}.v8-${process.version}-${process.arch}.bin`
    const build = env
    env = {...build, OPENSTACKOID_WRITE_SHIPPED_CACHE: '1'}
    assert.equal(load(), 'false 42')
    assert.equal(statSync(shipped).mode & 0o777, 0o644)
    assert.throws(() => readdirSync(v8dir()), /ENOENT/)
    env = {XDG_CACHE_HOME: join(dir, 'fresh-home')}
    assert.equal(load(), 'true 42')
    assert.equal(load(), 'true 42')
    assert.throws(() => readdirSync(join(dir, 'fresh-home', 'openstackoid', 'v8')), /ENOENT/)
    // npm sets other mtimes on install: the shipped cache still fits (it is keyed on the content).
    const later = new Date(Date.now() + 60_000)
    utimesSync(file, later, later)
    assert.equal(load(), 'true 42')
    // Another source of the same length: not used, and a cache of the user's own is written.
    writeFileSync(file, source(43))
    assert.equal(load(), 'false 43')
    assert.equal(load(), 'true 43')
    // A damaged shipped cache is not used.
    writeFileSync(file, source(42))
    rmSync(join(dir, 'fresh-home'), {recursive: true, force: true})
    const bytes = readFileSync(shipped)
    bytes[bytes.length - 10] ^= 0xff
    writeFileSync(shipped, bytes)
    assert.equal(load(), 'false 42')
  })

  it('a changed file gets a new cache entry; the old one is removed', () => {
    assert.equal(load(), 'false 42')
    const before = cacheFile()
    writeFileSync(file, 'exports.answer = () => 43\n// longer than before\n')
    assert.equal(load(), 'false 43')
    assert.notEqual(cacheFile(), before)
    assert.equal(load(), 'true 43')
  })

  for (const [what, damage] of [
    ['an empty file', () => Buffer.alloc(0)],
    ['garbage', () => Buffer.alloc(64, 7)],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, Math.trunc(bytes.length / 2))],
    // V8 does not check its payload's checksum in release builds: without ours, this aborts Node.
    [
      'flipped bytes in V8\'s data (header intact)',
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes)
        for (let i = copy.length - 200; i < copy.length - 100; i++) copy[i] ^= 0x5a
        return copy
      },
    ],
  ] as const) {
    it(`${what} is not used, the file still loads, and the cache is rewritten (separate processes)`, () => {
      assert.equal(load(), 'false 42')
      assert.equal(load(), 'true 42')
      const good = readFileSync(cacheFile())
      writeFileSync(cacheFile(), damage(good))
      assert.equal(load(), 'false 42')
      assert.equal(load(), 'true 42')
    })
  }

  it('the cache of another source of the same length is not used (V8 would accept it and run the other code)', () => {
    const other = join(dir, 'other', 'lib.cjs')
    mkdirSync(join(dir, 'other'))
    writeFileSync(other, source(41))
    assert.equal(readFileSync(other).length, readFileSync(file).length)
    assert.equal(load(), 'false 42')
    const mine = cacheFile()
    assert.equal(load(other), 'false 41')
    // The other file's cache, where this file's cache goes.
    renameSync(cacheFile(), mine)
    assert.equal(load(), 'false 42')
    assert.equal(load(), 'true 42')
  })

  it('no cache is written when V8\'s flags changed during the run (--expose-gc, as progress.ts sets it)', () => {
    const setFlags = "const v8 = await import('node:v8')"
    // The flag is set after the load and before save(), as a transfer does before exit.
    const run = (before: string) =>
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `${before}; const {loadCommonJs} = await import(${JSON.stringify(loader)}); const m = loadCommonJs(${JSON.stringify(file)}); v8.setFlagsFromString('--expose-gc'); m.save(); console.log(m.cached)`],
        {env: {...process.env, ...env}, encoding: 'utf8'},
      ).trim()
    assert.equal(run(setFlags), 'false')
    assert.throws(() => readdirSync(v8dir()), /ENOENT/)
    assert.equal(load(), 'false 42')
    assert.equal(load(), 'true 42')
    // A cache that is there is kept, and still accepted by the next plain run.
    assert.equal(run(setFlags), 'true')
    assert.equal(load(), 'true 42')
  })

  it('dist/bundle/oclif.cjs also runs with plain require (Node >= 22.8, whose compile cache covers it): its dynamic imports work', () => {
    const root = new URL('../../../../', import.meta.url)
    const oclif = new URL('dist/bundle/oclif.cjs', root)
    const script = `const oclif = require(${JSON.stringify(oclif.pathname)}); oclif.execute({dir: ${JSON.stringify(new URL('bin/run.js', root).href)}, args: ['complete']})`
    const printed = execFileSync(process.execPath, ['-e', script], {env: {...process.env, ...env}, encoding: 'utf8'})
    // The command's module was imported, and ran.
    assert.match(printed, /^# bash completion for openstackoid/)
  })

  it('OPENSTACKOID_NO_COMPILE_CACHE=1, and a cache directory that cannot be made: no cache, no error', () => {
    const off = loadCommonJs(file, {...env, OPENSTACKOID_NO_COMPILE_CACHE: '1'})
    off.save()
    assert.throws(() => readdirSync(v8dir()), /ENOENT/)
    // A file where the directory should be: mkdir fails, even for root.
    const blocker = join(dir, 'not-a-dir')
    writeFileSync(blocker, '')
    const loaded = loadCommonJs(file, {XDG_CACHE_HOME: blocker})
    loaded.save()
    assert.equal((loaded.exports as {answer(): number}).answer(), 42)
    assert.equal(statSync(blocker).isFile(), true)
  })
})
