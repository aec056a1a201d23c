import {strict as assert} from 'node:assert'

import {resolveUrl} from '../../../src/auth/session.js'
import {UsageError} from '../../../src/errors.js'
import {nextPath} from '../../../src/services/image.js'
import {parseProperties} from '../../../src/workflows/image-list.js'

describe('core/services/image: nextPath (Glance next links, api-quirks §D.16)', () => {
  it('drops the /v2 of a root-relative next link', () => {
    assert.equal(nextPath('/v2/images?marker=x'), '/images?marker=x')
    assert.equal(nextPath('/v2/images?limit=3&marker=3f5a1c2e-0000-4000-8000-000000000001'), '/images?limit=3&marker=3f5a1c2e-0000-4000-8000-000000000001')
    assert.equal(nextPath('/v2.0/networks?marker=n'), '/networks?marker=n')
  })

  it('an absolute href: its origin, path prefix and version dropped', () => {
    assert.equal(nextPath('http://h/image/v2/images?marker=x'), '/images?marker=x')
    assert.equal(nextPath('http://h:9292/v2/images?marker=x&limit=1000'), '/images?marker=x&limit=1000')
    assert.equal(nextPath('https://cloud.example.com/prefix/image/v2/images?marker=x'), '/images?marker=x')
  })

  it('a path without a version is kept', () => {
    assert.equal(nextPath('/images?marker=x'), '/images?marker=x')
  })

  it('joined to the endpoint of a Glance under /image, it stays under /image (never http://h/v2/images)', () => {
    const endpoint = 'http://172.16.1.12/image/v2'
    const url = resolveUrl(endpoint, nextPath('/v2/images?marker=x'))
    assert.equal(url, 'http://172.16.1.12/image/v2/images?marker=x')
    // what new URL(next, endpoint) would do, and must not
    assert.notEqual(url, new URL('/v2/images?marker=x', endpoint).toString())
  })
})

describe('core/workflows/image-list: parseProperties (osc-lib KeyValueAction)', () => {
  it('parses key=value pairs; the value may hold = and be empty; the last one wins', () => {
    assert.deepEqual(parseProperties([]), {})
    assert.deepEqual(parseProperties(['os_distro=cirros', 'hw_rng_model=virtio']), {os_distro: 'cirros', hw_rng_model: 'virtio'})
    assert.deepEqual(parseProperties(['a=b=c']), {a: 'b=c'})
    assert.deepEqual(parseProperties(['a=']), {a: ''})
    assert.deepEqual(parseProperties(['a=1', 'a=2']), {a: '2'})
  })

  it("a value without '=': UsageError with osc-lib's message", () => {
    assert.throws(
      () => parseProperties(['os_distro=cirros', 'novalue']),
      (error: unknown) => {
        assert.ok(error instanceof UsageError)
        assert.equal(error.message, "Expected 'key=value' type, but got: novalue")
        assert.match(error.hint ?? '', /--property os_distro=cirros/)
        return true
      },
    )
    assert.throws(() => parseProperties(['']), {message: "Expected 'key=value' type, but got: "})
  })

  it('an empty key is a UsageError', () => {
    assert.throws(() => parseProperties(['=x']), UsageError)
  })

  // Regression (was a bug): osc-lib's KeyValueAction rejects an empty key with its own message, "Property key must be
  // specified: =x"; openstackoid says "Expected 'key=value' type, but got: =x", which is osc-lib's
  // message for a value without '=' (and is wrong here: the value does have '=').
  it("an empty key: osc-lib's message 'Property key must be specified: =x'", () => {
    assert.throws(() => parseProperties(['=x']), {message: 'Property key must be specified: =x'})
  })
})
