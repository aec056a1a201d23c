import {strict as assert} from 'node:assert'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {TokenCache} from '../../../src/auth/cache.js'
import {cacheParams, Session} from '../../../src/auth/session.js'
import {discover, splitVersioned, versionEntries} from '../../../src/catalog/discovery.js'
import {ConnectionError} from '../../../src/errors.js'
import {client, cloud, freePort, type LocalServer, sendJson, sendText, serve} from './helpers.js'

const PROJECT = '4dc4136712954452aa9215bac213983d'

describe('core/discovery: splitVersioned', () => {
  const cases: [string, {base: string; versioned: boolean; segment?: string}][] = [
    // Glance without version, Neutron with a trailing slash (api-quirks §A.1)
    ['http://h:9292', {base: 'http://h:9292', versioned: false, segment: undefined}],
    ['http://h:9696/', {base: 'http://h:9696', versioned: false, segment: undefined}],
    // devstack path prefixes, never cut
    ['http://h/image', {base: 'http://h/image', versioned: false, segment: undefined}],
    ['http://h/image/', {base: 'http://h/image', versioned: false, segment: undefined}],
    ['http://h/placement', {base: 'http://h/placement', versioned: false, segment: undefined}],
    ['http://h:8778', {base: 'http://h:8778', versioned: false, segment: undefined}],
    ['http://h/compute/v2.1', {base: 'http://h/compute/v2.1', versioned: true, segment: 'v2.1'}],
    // a version plus the project: the project stays in the URL
    [`http://h:8774/v2.1/${PROJECT}`, {base: `http://h:8774/v2.1/${PROJECT}`, versioned: true, segment: 'v2.1'}],
    [`http://h/volume/v3/${PROJECT}`, {base: `http://h/volume/v3/${PROJECT}`, versioned: true, segment: 'v3'}],
    [`http://h:8776/v3/${PROJECT}/`, {base: `http://h:8776/v3/${PROJECT}`, versioned: true, segment: 'v3'}],
    [`http://h:8080/v1/AUTH_${PROJECT}`, {base: `http://h:8080/v1/AUTH_${PROJECT}`, versioned: true, segment: 'v1'}],
    ['http://h:5000/v3/', {base: 'http://h:5000/v3', versioned: true, segment: 'v3'}],
    ['http://h/identity/v2.0', {base: 'http://h/identity/v2.0', versioned: true, segment: 'v2.0'}],
    ['http://h:9696/v2.0/', {base: 'http://h:9696/v2.0', versioned: true, segment: 'v2.0'}],
  ]

  for (const [url, expected] of cases) {
    it(`${url}`, () => {
      assert.deepEqual(splitVersioned(url), expected)
    })
  }

  it('a 32-hex segment without a version before it is not a project id', () => {
    assert.deepEqual(splitVersioned(`http://h/${PROJECT}`), {base: `http://h/${PROJECT}`, versioned: false, segment: undefined})
  })
})

describe('core/discovery: versionEntries', () => {
  it("reads Keystone's {versions: {values: [...]}}", () => {
    const body = {
      versions: {
        values: [
          {id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z', links: [{rel: 'self', href: 'http://h/identity/v3/'}]},
          {id: 'v2.0', status: 'deprecated', links: [{rel: 'self', href: 'http://h/identity/v2.0/'}]},
        ],
      },
    }
    const entries = versionEntries(body)
    assert.deepEqual(
      entries.map((entry) => [entry.id, entry.status]),
      [
        ['v3.14', 'stable'],
        ['v2.0', 'deprecated'],
      ],
    )
  })

  it("reads Nova's and Glance's {versions: [...]}", () => {
    const nova = {
      versions: [
        {id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', updated: '2011-01-21T11:33:21Z'},
        {id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1', updated: '2013-07-23T11:33:21Z'},
      ],
    }
    assert.deepEqual(
      versionEntries(nova).map((entry) => [entry.id, entry.version, entry.min_version]),
      [
        ['v2.0', '', ''],
        ['v2.1', '2.96', '2.1'],
      ],
    )
    assert.equal(versionEntries({versions: [{id: 'v2.16', status: 'CURRENT'}]})[0].id, 'v2.16')
  })

  it('reads a single {version: {...}}', () => {
    const entries = versionEntries({version: {id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1'}})
    assert.equal(entries.length, 1)
    assert.equal(entries[0].version, '2.96')
    assert.equal(entries[0].min_version, '2.1')
  })

  it('anything else gives no entries', () => {
    for (const body of [undefined, null, '', 'Not Found', 42, [], {}, {versions: 'x'}, {versions: {}}, {version: 'v2'}]) {
      assert.deepEqual(versionEntries(body), [], JSON.stringify(body))
    }
  })
})

/** glance_versions.json: many ids, one /v2/ href; the href's host is wrong on purpose (a proxy). */
function glanceVersions(hrefBase: string): unknown {
  const ids = ['v2.16', 'v2.15', 'v2.14', 'v2.13', 'v2.12', 'v2.11', 'v2.10', 'v2.9', 'v2.8', 'v2.7', 'v2.6', 'v2.5', 'v2.4', 'v2.3', 'v2.2', 'v2.1', 'v2.0']
  return {
    versions: ids.map((id, index) => ({id, status: index === 0 ? 'CURRENT' : 'SUPPORTED', links: [{rel: 'self', href: `${hrefBase}/v2/`}]})),
  }
}

describe('core/discovery: discover (local server)', function () {
  this.timeout(10_000)
  let server: LocalServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('Glance under a path prefix: the root answers 300 → base + /v2, the href host ignored', async () => {
    server = await serve((req, res) => {
      if (req.url === '/image' || req.url === '/image/') sendJson(res, 300, glanceVersions('http://proxy.invalid:9292/image'))
      else sendText(res, 404, '404 Not Found\n\nThe resource could not be found.\n\n   ')
    })
    const info = await discover(client(), 'image', `${server.origin}/image/`, 'InstanceOne')
    assert.equal(info.url, `${server.origin}/image/v2`)
    assert.equal(info.version, 'v2.16')
    assert.equal(info.minMicroversion, undefined)
    assert.equal(info.maxMicroversion, undefined)
    assert.deepEqual(
      server.seen.map((seen) => [seen.method, seen.url]),
      [['GET', '/image']],
    )
    assert.equal(server.seen[0].headers['x-auth-token'], undefined, 'discovery is unauthenticated')
  })

  it('Glance on its own port (http://h:9292): base + /v2', async () => {
    server = await serve((req, res) => sendJson(res, 300, glanceVersions('http://localhost')))
    const info = await discover(client(), 'image', server.origin, 'InstanceOne')
    assert.equal(info.url, `${server.origin}/v2`)
  })

  it('Nova versioned URL: used as it is, microversion range from version / min_version', async () => {
    server = await serve((req, res) => {
      if (req.url === '/compute/v2.1') {
        sendJson(res, 200, {version: {id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.10', updated: '2013-07-23T11:33:21Z', links: [{rel: 'self', href: 'http://elsewhere/v2.1/'}]}})
      } else sendText(res, 404, 'Not Found')
    })
    const info = await discover(client(), 'compute', `${server.origin}/compute/v2.1`, 'InstanceOne')
    assert.deepEqual(info, {url: `${server.origin}/compute/v2.1`, version: 'v2.1', minMicroversion: '2.10', maxMicroversion: '2.96'})
  })

  it('Nova unversioned root: the v2.1 entry (not the legacy v2.0 with empty versions) → base + /v2.1', async () => {
    server = await serve((req, res) =>
      sendJson(res, 300, {
        versions: [
          {id: 'v2.0', status: 'SUPPORTED', version: '', min_version: ''},
          {id: 'v2.1', status: 'CURRENT', version: '2.90', min_version: '2.1'},
        ],
      }),
    )
    const info = await discover(client(), 'compute', `${server.origin}/`, 'InstanceOne')
    assert.deepEqual(info, {url: `${server.origin}/v2.1`, version: 'v2.1', minMicroversion: '2.1', maxMicroversion: '2.90'})
  })

  it('Nova legacy v2.0 version document (empty version strings): no microversion range', async () => {
    server = await serve((req, res) => sendJson(res, 200, {version: {id: 'v2.0', status: 'SUPPORTED', version: '', min_version: ''}}))
    const info = await discover(client(), 'compute', `${server.origin}/v2/${PROJECT}`, 'InstanceOne')
    assert.equal(info.url, `${server.origin}/v2/${PROJECT}`)
    assert.equal(info.minMicroversion, undefined)
    assert.equal(info.maxMicroversion, undefined)
  })

  // Regression (was a bug): discover() probes the catalog URL as it is, project id included (`const probe = versioned ? base : base`).
  // Nova serves its version document only at /v2.1 (api-paste.ini: `/v2.1: oscomputeversion_v2`, while
  // `/v2.1/+` is the authenticated API), so GET /v2.1/<project> answers 401 and the microversion range
  // is lost for every catalog whose compute URL carries the project id (RegionOne of the multiregion
  // token). keystoneauth strips a trailing project id before discovery (keystone-catalog.md §3.2).
  it('Nova URL with the project id: the version document is fetched without the project id', async () => {
    server = await serve((req, res) => {
      if (req.url === '/v2.1' || req.url === '/v2.1/') sendJson(res, 200, {version: {id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1'}})
      else sendJson(res, 401, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}})
    })
    const info = await discover(client(), 'compute', `${server.origin}/v2.1/${PROJECT}`, 'InstanceOne')
    assert.deepEqual(info, {url: `${server.origin}/v2.1/${PROJECT}`, version: 'v2.1', minMicroversion: '2.1', maxMicroversion: '2.96'})
  })

  it('Neutron `…:port/` → …/v2.0', async () => {
    server = await serve((req, res) => sendJson(res, 200, {versions: [{status: 'CURRENT', id: 'v2.0', links: [{href: 'http://other:9696/v2.0/', rel: 'self'}]}]}))
    const info = await discover(client(), 'network', `${server.origin}/`, 'InstanceOne')
    assert.deepEqual(info, {url: `${server.origin}/v2.0`, version: 'v2.0'})
    assert.equal(server.seen[0].url, '/')
  })

  it('a root answering 404 falls back to the conventional segment', async () => {
    server = await serve((req, res) => sendText(res, 404, '404 Not Found\n\nThe resource could not be found.\n\n   '))
    assert.deepEqual(await discover(client(), 'image', `${server.origin}/image`, 'InstanceOne'), {url: `${server.origin}/image/v2`, version: 'v2'})
    assert.deepEqual(await discover(client(), 'network', `${server.origin}/`, 'InstanceOne'), {url: `${server.origin}/v2.0`, version: 'v2.0'})
    assert.equal(server.count, 2, 'a 404 is not retried')
  })

  it('a root answering 300 without a usable version falls back to the conventional segment', async () => {
    server = await serve((req, res) => sendJson(res, 300, {versions: [{id: 'v1.0', status: 'DEPRECATED'}]}))
    assert.deepEqual(await discover(client(), 'image', server.origin, 'InstanceOne'), {url: `${server.origin}/v2`, version: 'v2'})
  })

  it('a URL that already has its version needs no request (Glance, Neutron)', async () => {
    server = await serve((req, res) => sendText(res, 500, 'must not be called'))
    assert.deepEqual(await discover(client(), 'image', `${server.origin}/image/v2/`, 'InstanceOne'), {url: `${server.origin}/image/v2`, version: 'v2'})
    assert.deepEqual(await discover(client(), 'network', `${server.origin}/v2.0/`, 'InstanceOne'), {url: `${server.origin}/v2.0`, version: 'v2.0'})
    assert.deepEqual(await discover(client(), 'placement', `${server.origin}/placement/`, 'InstanceOne'), {url: `${server.origin}/placement`, version: ''})
    assert.equal(server.count, 0)
  })

  it('Cinder\'s project URL is kept; its /v3 version document gives the microversion range (one request)', async () => {
    const paths: string[] = []
    server = await serve((req, res) => {
      paths.push(req.url ?? '')
      sendJson(res, 200, {versions: [{id: 'v3.0', status: 'CURRENT', version: '3.70', min_version: '3.0'}]})
    })
    assert.deepEqual(await discover(client(), 'block-storage', `${server.origin}/volume/v3/${PROJECT}`, 'InstanceOne'), {
      url: `${server.origin}/volume/v3/${PROJECT}`,
      version: 'v3.0',
      minMicroversion: '3.0',
      maxMicroversion: '3.70',
    })
    assert.deepEqual(paths, ['/volume/v3'])
  })

  it('an unreachable service is a ConnectionError, not a silent fallback', async () => {
    const port = await freePort()
    await assert.rejects(discover(client({retries: 0}), 'image', `http://127.0.0.1:${port}/image`, 'InstanceOne'), ConnectionError)
  })
})

describe('core/discovery: Session.service', function () {
  this.timeout(10_000)

  it('lookups that run side by side share one discovery GET, and the next call asks nothing', async () => {
    const server = await serve((req, res) => {
      // Slow enough that the second call starts while the first GET is out.
      if (req.url === '/image') setTimeout(() => sendJson(res, 300, glanceVersions('http://localhost/image')), 100)
      else sendText(res, 404, 'Not Found')
    })
    const dir = mkdtempSync(join(tmpdir(), 'oid-discovery-'))
    try {
      const cache = new TokenCache(dir)
      const config = cloud({auth_url: `${server.origin}/identity/v3`, username: 'demo', password: 'secret', project_name: 'demo', user_domain_name: 'Default', project_domain_name: 'Default'})
      const catalog = [{type: 'image', endpoints: [{interface: 'public', region_id: 'RegionOne', url: `${server.origin}/image`}]}]
      cache.write(cache.key(cacheParams(config)), {
        version: 1,
        auth: {token: 'tok', expiresAt: '2099-01-01T00:00:00.000000Z', identityUrl: `${server.origin}/identity/v3`, methods: ['password'], user: {id: 'u'}, project: {id: 'p'}, system: false, roles: [], catalog},
        discovery: {},
      })
      const session = new Session({name: 'InstanceOne', cloud: config}, client({retries: 0}), cache)
      const [a, b] = await Promise.all([session.service('image'), session.service('image')])
      assert.equal(a.url, `${server.origin}/image/v2`)
      assert.equal(b.url, a.url)
      assert.equal((await session.service('image')).url, a.url)
      assert.deepEqual(server.seen.map((seen) => `${seen.method} ${seen.url}`), ['GET /image'])
    } finally {
      await server.close()
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
