import {strict as assert} from 'node:assert'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {defaultCacheDir, isFresh, MIN_TOKEN_LIFE_SECONDS, normaliseTimestamp, TokenCache, type CacheEntry} from '../../../src/auth/cache.js'
import type {AuthRef} from '../../../src/auth/types.js'

function authRef(expiresAt: string, token = 'gAAAAABtoken'): AuthRef {
  return {
    token,
    expiresAt,
    issuedAt: '2026-11-23T12:00:00.000000Z',
    identityUrl: 'http://h/identity/v3',
    methods: ['password'],
    user: {id: 'u-1', name: 'demo', domainId: 'default'},
    project: {id: 'p-1', name: 'demo', domainId: 'default'},
    system: false,
    roles: ['member'],
    catalog: [{type: 'image', endpoints: [{interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://h/image'}]}],
  }
}

const PARAMS = {authType: 'password', auth_url: 'http://h/identity', username: 'demo', password: 's3cret', project_name: 'demo', user_domain_id: 'default'}

describe('core/cache: TokenCache', () => {
  let root: string

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oid-cache-'))
  })

  afterEach(() => {
    rmSync(root, {recursive: true, force: true})
  })

  it('the key is stable under key order and is a hex digest', () => {
    const cache = new TokenCache(join(root, 'openstackoid'))
    const shuffled = Object.fromEntries(Object.entries(PARAMS).reverse())
    assert.equal(cache.key(PARAMS), cache.key(shuffled))
    assert.match(cache.key(PARAMS), /^[0-9a-f]{64}$/)
  })

  it('the key differs when the password (or anything else) differs, and says nothing about it', () => {
    const cache = new TokenCache(join(root, 'openstackoid'))
    const key = cache.key(PARAMS)
    assert.notEqual(key, cache.key({...PARAMS, password: 's3cret!'}))
    assert.notEqual(key, cache.key({...PARAMS, project_name: 'other'}))
    assert.notEqual(key, cache.key({...PARAMS, identityRoute: 'InstanceTwo'}))
    assert.ok(!key.includes('s3cret'))
  })

  it('the salt file is created 0600 in a 0700 directory and reused by the next process', () => {
    const dir = join(root, 'cache', 'openstackoid')
    const first = new TokenCache(dir).key(PARAMS)
    const salt = join(dir, 'salt')
    assert.ok(existsSync(salt))
    assert.equal(statSync(salt).mode & 0o777, 0o600)
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    assert.ok(statSync(salt).size >= 32)
    const bytes = readFileSync(salt)
    // a new TokenCache (a second command) reads the same salt, so the same key
    assert.equal(new TokenCache(dir).key(PARAMS), first)
    assert.deepEqual(readFileSync(salt), bytes)
    // another user's salt (another directory) gives another key
    assert.notEqual(new TokenCache(join(root, 'other')).key(PARAMS), first)
  })

  it('write then read round-trips; the file is 0600 and holds no password', () => {
    const dir = join(root, 'openstackoid')
    const cache = new TokenCache(dir)
    const key = cache.key(PARAMS)
    const entry: CacheEntry = {version: 1, auth: authRef('2026-11-23T13:00:00.000000Z'), discovery: {'http://h/image': {url: 'http://h/image/v2', version: 'v2.16'}}}
    cache.write(key, entry)
    assert.deepEqual(cache.read(key), entry)
    assert.deepEqual(new TokenCache(dir).read(key), entry)
    const file = join(dir, `token-${key}.json`)
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    assert.ok(!readFileSync(file, 'utf8').includes('s3cret'))
    // no temporary file is left behind
    assert.deepEqual(readdirSync(dir).sort(), ['salt', `token-${key}.json`])
  })

  it('a missing, corrupt or foreign file reads as nothing', () => {
    const dir = join(root, 'openstackoid')
    const cache = new TokenCache(dir)
    const key = cache.key(PARAMS)
    assert.equal(cache.read(key), undefined)
    const file = join(dir, `token-${key}.json`)
    for (const text of ['', '{"version": 1, "auth": {"tok', 'null', '[]', '{"version": 2, "auth": {"token": "x"}}', '{"version": 1, "auth": {}}']) {
      writeFileSync(file, text)
      assert.equal(cache.read(key), undefined, text)
    }
  })

  it('drop removes the entry', () => {
    const cache = new TokenCache(join(root, 'openstackoid'))
    const key = cache.key(PARAMS)
    cache.write(key, {version: 1, auth: authRef('2026-11-23T13:00:00Z'), discovery: {}})
    cache.drop(key)
    assert.equal(cache.read(key), undefined)
    cache.drop(key) // twice is fine
  })

  it('a disabled cache (dir undefined) reads nothing and writes nothing', () => {
    const cache = new TokenCache(undefined)
    assert.equal(cache.enabled, false)
    const key = cache.key(PARAMS)
    assert.match(key, /^[0-9a-f]{64}$/)
    assert.equal(cache.key(Object.fromEntries(Object.entries(PARAMS).reverse())), key)
    const cwd = process.cwd()
    const before = readdirSync(cwd)
    cache.write(key, {version: 1, auth: authRef('2026-11-23T13:00:00Z'), discovery: {}})
    assert.equal(cache.read(key), undefined)
    cache.drop(key)
    assert.deepEqual(readdirSync(cwd), before)
  })

  // Regression (was a bug): key() creates the directory and the salt (loadSalt → ensureDir → mkdirSync) and lets the error
  // escape. Session's constructor calls cache.key(), so a cache directory that cannot be created
  // (read-only home, EROFS / EACCES, or a file in the way: ENOTDIR) makes every command fail with an
  // unexpected error, although Session.save() shows the intent that "a cache that cannot be written
  // costs speed, not correctness". Expected: key() returns a key, read() gives undefined, write()
  // does not throw (or Session keeps catching it); actual: key() throws ENOTDIR.
  it('a cache directory that cannot be created costs speed, not correctness', () => {
    const blocker = join(root, 'a-file')
    writeFileSync(blocker, 'x')
    const cache = new TokenCache(join(blocker, 'openstackoid'))
    const key = cache.key(PARAMS)
    assert.match(key, /^[0-9a-f]{64}$/)
    assert.equal(cache.read(key), undefined)
  })

  it('defaultCacheDir: $XDG_CACHE_HOME if absolute, else ~/.cache', () => {
    assert.equal(defaultCacheDir({XDG_CACHE_HOME: '/x/cache'}, '/home/u'), '/x/cache/openstackoid')
    assert.equal(defaultCacheDir({}, '/home/u'), '/home/u/.cache/openstackoid')
    assert.equal(defaultCacheDir({XDG_CACHE_HOME: 'relative'}, '/home/u'), '/home/u/.cache/openstackoid')
  })
})

describe('core/cache: isFresh', () => {
  const now = Date.parse('2026-11-23T12:00:00Z')

  it('uses the 120 s margin of keystoneauth', () => {
    assert.equal(MIN_TOKEN_LIFE_SECONDS, 120)
    assert.equal(isFresh(authRef('2026-11-23T13:00:00.000000Z'), now), true)
    assert.equal(isFresh(authRef('2026-11-23T12:02:01.000000Z'), now), true)
    assert.equal(isFresh(authRef('2026-11-23T12:02:00.000000Z'), now), false)
    assert.equal(isFresh(authRef('2026-11-23T12:01:59.000000Z'), now), false)
    assert.equal(isFresh(authRef('2026-11-23T11:00:00.000000Z'), now), false)
  })

  it('reads timestamps without a zone as UTC and with an offset as given', () => {
    assert.equal(isFresh(authRef('2026-11-23T12:05:00.000000'), now), true)
    assert.equal(isFresh(authRef('2026-11-23T12:05:00+00:00'), now), true)
    // 13:01 at +01:00 is 12:01 UTC: within the margin
    assert.equal(isFresh(authRef('2026-11-23T13:01:00+01:00'), now), false)
  })

  it('an unreadable timestamp is never fresh and never crashes', () => {
    for (const value of ['', 'soon', '201406-10T00:00:00.000000Z']) assert.equal(isFresh(authRef(value), now), false, value)
  })
})

describe('core/cache: normaliseTimestamp', () => {
  it('cuts microseconds to milliseconds', () => {
    assert.equal(normaliseTimestamp('2026-11-23T13:00:33.000000Z'), '2026-11-23T13:00:33.000Z')
    assert.equal(normaliseTimestamp('2019-11-09T13:21:08.123456Z'), '2019-11-09T13:21:08.123Z')
    assert.equal(Date.parse(normaliseTimestamp('2026-11-23T13:00:33.000000Z')), Date.UTC(2026, 10, 23, 13, 0, 33))
  })

  it('adds Z when there is no zone (password_expires_at)', () => {
    assert.equal(normaliseTimestamp('2016-11-06T15:32:17.000000'), '2016-11-06T15:32:17.000Z')
    assert.equal(normaliseTimestamp('2013-09-23T13:37:00'), '2013-09-23T13:37:00Z')
    assert.equal(Date.parse(normaliseTimestamp('2016-11-06T15:32:17.000000')), Date.UTC(2016, 10, 6, 15, 32, 17))
  })

  it('keeps an explicit offset', () => {
    assert.equal(normaliseTimestamp('2026-11-23T13:00:00+00:00'), '2026-11-23T13:00:00+00:00')
    assert.equal(normaliseTimestamp('2026-11-23T13:00:00.123456-05:00'), '2026-11-23T13:00:00.123-05:00')
    assert.equal(Date.parse(normaliseTimestamp('2026-11-23T13:00:00+00:00')), Date.UTC(2026, 10, 23, 13))
    assert.equal(normaliseTimestamp('2026-11-23T13:00:00z'), '2026-11-23T13:00:00z')
  })
})
