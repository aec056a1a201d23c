import {strict as assert} from 'node:assert'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {loadCommonJs} from '../../../src/startup/compile-cache.js'

describe('startup/compile-cache: a CommonJS file with V8\'s code cache', () => {
  let dir = ''
  let file = ''
  let env: Record<string, string> = {}

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oid-cc-'))
    file = join(dir, 'lib.cjs')
    writeFileSync(file, "const os = require('node:os')\nexports.answer = () => 42\nexports.dir = __dirname\nexports.load = async () => (await __oidImport('node:path')).sep\nmodule.exports.platform = os.platform()\n")
    env = {XDG_CACHE_HOME: join(dir, 'cache')}
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  const v8dir = () => join(dir, 'cache', 'openstackoid', 'v8')

  it('runs the file as CommonJS (require, exports, __dirname, dynamic import through __oidImport)', async () => {
    const loaded = loadCommonJs(file, env)
    const lib = loaded.exports as {answer(): number; dir: string; load(): Promise<string>; platform: string}
    assert.equal(lib.answer(), 42)
    assert.equal(lib.dir, dir)
    assert.equal(await lib.load(), '/')
    assert.equal(lib.platform, process.platform)
    assert.equal(loaded.cached, false)
  })

  it('save() writes the cache once (dir 0700, file 0600); the next load uses it', () => {
    const first = loadCommonJs(file, env)
    first.save()
    first.save()
    const files = readdirSync(v8dir())
    assert.equal(files.length, 1)
    assert.match(files[0], new RegExp(`^lib\\.cjs-${process.version.replaceAll('.', '\\.')}-${process.arch}-\\d+-\\d+\\.bin$`))
    assert.equal(statSync(v8dir()).mode & 0o777, 0o700)
    assert.equal(statSync(join(v8dir(), files[0])).mode & 0o777, 0o600)
    const second = loadCommonJs(file, env)
    assert.equal(second.cached, true)
    assert.equal((second.exports as {answer(): number}).answer(), 42)
  })

  it('a changed file gets a new cache entry; the old one is removed', () => {
    loadCommonJs(file, env).save()
    writeFileSync(file, 'exports.answer = () => 43\n// longer than before\n')
    const changed = loadCommonJs(file, env)
    assert.equal(changed.cached, false)
    assert.equal((changed.exports as {answer(): number}).answer(), 43)
    changed.save()
    assert.equal(readdirSync(v8dir()).length, 1)
    assert.equal(loadCommonJs(file, env).cached, true)
  })

  it('a corrupt cache is rejected by V8, the file still loads, and the cache is rewritten (separate processes)', () => {
    // Within one process V8 reuses what it compiled before, whatever the cached data says: each
    // load here is a process of its own, as each command is.
    const loader = new URL('../../../src/startup/compile-cache.js', import.meta.url).href
    const load = () =>
      execFileSync(process.execPath, ['--input-type=module', '-e', `const {loadCommonJs} = await import(${JSON.stringify(loader)}); const m = loadCommonJs(${JSON.stringify(file)}); m.save(); console.log(m.cached, m.exports.answer())`], {
        env: {...process.env, ...env},
        encoding: 'utf8',
      }).trim()
    assert.equal(load(), 'false 42')
    assert.equal(load(), 'true 42')
    const [name] = readdirSync(v8dir())
    writeFileSync(join(v8dir(), name), Buffer.alloc(64, 7))
    assert.equal(load(), 'false 42')
    assert.equal(load(), 'true 42')
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
