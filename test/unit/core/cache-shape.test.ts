import {strict as assert} from 'node:assert'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {isCacheEntry, TokenCache, type CacheEntry} from '../../../src/auth/cache.js'

const GOOD: CacheEntry = {
  version: 1,
  auth: {
    token: 'gAAAAABtoken',
    expiresAt: '2099-01-01T00:00:00.000000Z',
    identityUrl: 'http://h/identity/v3',
    methods: ['password'],
    user: {id: 'u-1', name: 'demo', domainId: 'default'},
    project: {id: 'p-1', name: 'demo'},
    system: false,
    roles: ['member'],
    catalog: [{type: 'image', endpoints: [{interface: 'public', region_id: 'RegionOne', region: null, url: 'http://h/image'}]}],
  },
  discovery: {'http://h/image': {url: 'http://h/image/v2', version: '2.16'}},
}

const with_ = (change: (entry: Record<string, any>) => void) => {
  const entry = structuredClone(GOOD) as unknown as Record<string, any>
  change(entry)
  return entry
}

/** Shapes a cache file can have after a hand edit, an older release or a bug: none may be trusted. */
const WRONG: [string, unknown][] = [
  ['null', null],
  ['a list', []],
  ['a string', 'token'],
  ['a number', 1],
  ['no auth', {version: 1, discovery: {}}],
  ['another version', with_((e) => (e.version = 2))],
  ['no discovery', with_((e) => delete e.discovery)],
  ['an empty token', with_((e) => (e.auth.token = ''))],
  ['expiresAt a number', with_((e) => (e.auth.expiresAt = 4_102_444_800))],
  ['no identityUrl', with_((e) => delete e.auth.identityUrl)],
  ['methods a string', with_((e) => (e.auth.methods = 'password'))],
  ['user without id', with_((e) => (e.auth.user = {name: 'demo'}))],
  ['project a string', with_((e) => (e.auth.project = 'demo'))],
  ['system a string', with_((e) => (e.auth.system = 'false'))],
  ['roles of objects', with_((e) => (e.auth.roles = [{name: 'member'}]))],
  ['catalog an object', with_((e) => (e.auth.catalog = {image: 'http://h/image'}))],
  ['an endpoint without url', with_((e) => delete e.auth.catalog[0].endpoints[0].url)],
  ['a region a number', with_((e) => (e.auth.catalog[0].endpoints[0].region_id = 1))],
  ['discovery of strings', with_((e) => (e.discovery = {'http://h/image': 'v2'}))],
]

describe('core/cache: the shape of a cache entry', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oid-cache-shape-'))
  })
  afterEach(() => rmSync(root, {recursive: true, force: true}))

  it('accepts what the session writes', () => {
    assert.equal(isCacheEntry(GOOD), true)
    assert.equal(isCacheEntry(with_((e) => delete e.auth.project)), true)
  })

  for (const [what, shape] of WRONG) {
    it(`ignores an entry with ${what}, and a write replaces it`, () => {
      assert.equal(isCacheEntry(shape), false)
      const cache = new TokenCache(join(root, 'openstackoid'))
      const key = cache.key({auth_url: 'http://h/identity', username: 'demo'})
      cache.write(key, GOOD)
      writeFileSync(join(root, 'openstackoid', `token-${key}.json`), JSON.stringify(shape))
      assert.equal(cache.read(key), undefined)
      cache.write(key, GOOD)
      assert.deepEqual(cache.read(key), GOOD)
    })
  }

  it('ignores a file that is not JSON', () => {
    const cache = new TokenCache(join(root, 'openstackoid'))
    const key = cache.key({a: 1})
    cache.write(key, GOOD)
    writeFileSync(join(root, 'openstackoid', `token-${key}.json`), '{"version": 1, "auth": ')
    assert.equal(cache.read(key), undefined)
  })
})
