import {strict as assert} from 'node:assert'

import {assertOwnUrl, cacheParams, resolveUrl} from '../../../src/auth/session.js'
import type {AuthRef} from '../../../src/auth/types.js'
import {OidError} from '../../../src/errors.js'
import {nextPath} from '../../../src/services/image.js'
import {cloud} from './helpers.js'

const PROJECT = '4dc4136712954452aa9215bac213983d'

describe('core/session: resolveUrl', () => {
  it('joins a relative path to the versioned service URL, with or without slashes', () => {
    assert.equal(resolveUrl('http://h/image/v2', '/images'), 'http://h/image/v2/images')
    assert.equal(resolveUrl('http://h/image/v2/', 'images'), 'http://h/image/v2/images')
    assert.equal(resolveUrl('http://h/image/v2//', '/images/abc/file'), 'http://h/image/v2/images/abc/file')
    assert.equal(resolveUrl(`http://h:8774/v2.1/${PROJECT}`, '/servers/detail'), `http://h:8774/v2.1/${PROJECT}/servers/detail`)
    assert.equal(resolveUrl('http://h:9696/v2.0', '/networks'), 'http://h:9696/v2.0/networks')
  })

  it('never resolves a root-relative path against the host (the path prefix stays)', () => {
    assert.equal(resolveUrl('http://h/compute/v2.1', '/flavors/detail'), 'http://h/compute/v2.1/flavors/detail')
    // Glance's next link, its /v2 dropped (api-quirks §D.16)
    assert.equal(resolveUrl('http://h/image/v2', nextPath('/v2/images?limit=3&marker=m-1')), 'http://h/image/v2/images?limit=3&marker=m-1')
  })

  it('uses an absolute URL as it is', () => {
    assert.equal(resolveUrl('http://h/image/v2', 'http://h/image/v2/images?marker=x'), 'http://h/image/v2/images?marker=x')
    assert.equal(resolveUrl('http://h/image/v2', 'https://other:8443/x'), 'https://other:8443/x')
  })

  it('appends the query: arrays repeat the key, undefined is left out, the rest as text', () => {
    const url = resolveUrl('http://h/image/v2', '/images', {tag: ['a', 'b c'], limit: 1000, os_hidden: true, marker: undefined, name: 'cirros'})
    assert.equal(url, 'http://h/image/v2/images?tag=a&tag=b+c&limit=1000&os_hidden=true&name=cirros')
    const parsed = new URL(url)
    assert.deepEqual(parsed.searchParams.getAll('tag'), ['a', 'b c'])
    assert.equal(parsed.searchParams.has('marker'), false)
  })

  it('keeps a query already in the path and adds to it', () => {
    assert.equal(resolveUrl('http://h/image/v2', '/images?marker=x', {limit: 5}), 'http://h/image/v2/images?marker=x&limit=5')
    assert.equal(resolveUrl('http://h/image/v2', '/images', {}), 'http://h/image/v2/images')
  })
})

function auth(identityUrl: string, urls: string[]): AuthRef {
  return {
    token: 't',
    expiresAt: '2026-11-23T13:00:00.000000Z',
    identityUrl,
    methods: ['password'],
    user: {id: 'u'},
    system: false,
    roles: [],
    catalog: [
      {type: 'identity', endpoints: [{interface: 'public', region_id: 'RegionOne', url: identityUrl}]},
      {type: 'image', endpoints: urls.map((url) => ({interface: 'public', region_id: 'RegionOne', url}))},
    ],
  }
}

describe('core/session: assertOwnUrl', () => {
  const ref = auth('http://keystone.one:5000/v3', ['http://glance.one:9292', 'http://10.0.0.1/image', `http://nova.one:8774/v2.1/${PROJECT}`])

  it('accepts the identity origin, whatever the path', () => {
    assert.doesNotThrow(() => assertOwnUrl('http://keystone.one:5000/v3/auth/tokens', ref, 'InstanceOne'))
    assert.doesNotThrow(() => assertOwnUrl('http://keystone.one:5000/v3/projects?name=x', ref, 'InstanceOne'))
  })

  it('accepts any catalog origin (another path on it too: a next link)', () => {
    assert.doesNotThrow(() => assertOwnUrl('http://glance.one:9292/v2/images?marker=x', ref, 'InstanceOne'))
    assert.doesNotThrow(() => assertOwnUrl('http://10.0.0.1/image/v2/images', ref, 'InstanceOne'))
    assert.doesNotThrow(() => assertOwnUrl('http://nova.one:8774/v2.1/servers/detail?marker=m', ref, 'InstanceOne'))
  })

  it('refuses any other origin, naming the instance and the origin', () => {
    for (const url of ['http://evil.example/v2/images', 'http://glance.one:9293/v2/images', 'https://glance.one:9292/v2/images', 'http://keystone.one/v3']) {
      assert.throws(
        () => assertOwnUrl(url, ref, 'InstanceOne'),
        (error: unknown) => {
          assert.ok(error instanceof OidError)
          assert.equal(error.message, `Refusing to send the token of InstanceOne to ${new URL(url).origin}: that address is not in InstanceOne's catalog.`)
          assert.match(error.hint ?? '', /--debug/)
          return true
        },
      )
    }
  })

  it('another instance: the catalog of one instance is not the catalog of the other', () => {
    const two = auth('http://keystone.two:5000/v3', ['http://glance.two:9292'])
    assert.throws(() => assertOwnUrl('http://glance.one:9292/v2/images', two, 'InstanceTwo'), /token of InstanceTwo to http:\/\/glance\.one:9292/)
  })
})

describe('core/session: cacheParams', () => {
  it('is the auth type plus every auth option (password included: the cache hashes it)', () => {
    assert.deepEqual(cacheParams(cloud({auth_url: 'http://h/identity', username: 'demo', password: 'p'})), {
      authType: 'password',
      auth_url: 'http://h/identity',
      username: 'demo',
      password: 'p',
    })
  })
})
