import {strict as assert} from 'node:assert'

import {identityV3Url, issueToken, tokenRequestBody} from '../../../src/auth/keystone.js'
import {AuthError, ConnectionError, OidError, UsageError} from '../../../src/errors.js'
import {client, cloud, freePort, type LocalServer, rejection, sendJson, sendText, serve} from './helpers.js'

describe('core/keystone: tokenRequestBody', () => {
  it('password, user by name + domain name, project by name + domain name', () => {
    const body = tokenRequestBody(
      cloud({auth_url: 'http://h/identity', username: 'demo', password: 's3cret', user_domain_name: 'Default', project_name: 'demo', project_domain_name: 'Default'}),
    )
    assert.deepEqual(body, {
      auth: {
        identity: {methods: ['password'], password: {user: {name: 'demo', domain: {name: 'Default'}, password: 's3cret'}}},
        scope: {project: {name: 'demo', domain: {name: 'Default'}}},
      },
    })
  })

  it('password, user by name + domain id, project by name + domain id (id wins over name)', () => {
    const body = tokenRequestBody(
      cloud({username: 'demo', password: 'p', user_domain_id: 'default', user_domain_name: 'Ignored', project_name: 'demo', project_domain_id: 'd1', project_domain_name: 'Ignored'}),
    )
    assert.deepEqual(body, {
      auth: {
        identity: {methods: ['password'], password: {user: {name: 'demo', domain: {id: 'default'}, password: 'p'}}},
        scope: {project: {name: 'demo', domain: {id: 'd1'}}},
      },
    })
  })

  it('password, user by user_id (no domain), project by id (no domain)', () => {
    const body = tokenRequestBody(cloud({user_id: 'u-1', username: 'ignored', user_domain_name: 'Default', password: 'p', project_id: 'p-1', project_name: 'ignored'}, 'v3password'))
    assert.deepEqual(body, {
      auth: {
        identity: {methods: ['password'], password: {user: {id: 'u-1', password: 'p'}}},
        scope: {project: {id: 'p-1'}},
      },
    })
  })

  it('a user without a domain falls back to default_domain, then to "default"', () => {
    const withDefault = tokenRequestBody(cloud({username: 'demo', password: 'p', default_domain: 'dom', project_name: 'x'})) as {auth: {identity: {password: {user: unknown}}; scope: unknown}}
    assert.deepEqual(withDefault.auth.identity.password.user, {name: 'demo', domain: {id: 'dom'}, password: 'p'})
    assert.deepEqual(withDefault.auth.scope, {project: {name: 'x', domain: {id: 'dom'}}})
    const bare = tokenRequestBody(cloud({username: 'demo', password: 'p'})) as {auth: {identity: {password: {user: unknown}}}}
    assert.deepEqual(bare.auth.identity.password.user, {name: 'demo', domain: {id: 'default'}, password: 'p'})
  })

  it('domain scope by id and by name', () => {
    const byId = tokenRequestBody(cloud({username: 'admin', password: 'p', user_domain_id: 'default', domain_id: 'd-1'})) as {auth: {scope: unknown}}
    assert.deepEqual(byId.auth.scope, {domain: {id: 'd-1'}})
    const byName = tokenRequestBody(cloud({username: 'admin', password: 'p', user_domain_id: 'default', domain_name: 'Default'})) as {auth: {scope: unknown}}
    assert.deepEqual(byName.auth.scope, {domain: {name: 'Default'}})
  })

  it('system scope: {"system": {"all": true}} (devstack misc/auth.json)', () => {
    const body = tokenRequestBody(cloud({username: 'admin', password: 'p', user_domain_id: 'default', system_scope: 'all'})) as {auth: {scope: unknown}}
    assert.deepEqual(body.auth.scope, {system: {all: true}})
  })

  it('unscoped: no scope key at all', () => {
    const body = tokenRequestBody(cloud({username: 'demo', password: 'p', user_domain_id: 'default'})) as {auth: Record<string, unknown>}
    assert.deepEqual(Object.keys(body.auth), ['identity'])
  })

  it('token (and v3token), with a project scope', () => {
    for (const type of ['token', 'v3token']) {
      const body = tokenRequestBody(cloud({token: 'gAAAAA-token', project_id: 'p-1'}, type))
      assert.deepEqual(body, {auth: {identity: {methods: ['token'], token: {id: 'gAAAAA-token'}}, scope: {project: {id: 'p-1'}}}})
    }

    assert.deepEqual(tokenRequestBody(cloud({token: 't'}, 'token')), {auth: {identity: {methods: ['token'], token: {id: 't'}}}})
  })

  it('v3applicationcredential by id: {id, secret} and never a scope', () => {
    const body = tokenRequestBody(
      cloud(
        {application_credential_id: 'ac-1', application_credential_secret: 'shh', project_name: 'demo', project_domain_name: 'Default', username: 'demo', user_domain_name: 'Default'},
        'v3applicationcredential',
      ),
    )
    assert.deepEqual(body, {auth: {identity: {methods: ['application_credential'], application_credential: {id: 'ac-1', secret: 'shh'}}}})
  })

  it('v3applicationcredential by name + user name and domain, or by name + user id; never a scope', () => {
    for (const type of ['v3applicationcredential', 'applicationcredential', 'application_credential']) {
      const byName = tokenRequestBody(
        cloud({application_credential_name: 'ci', application_credential_secret: 'shh', username: 'demo', user_domain_name: 'Default', project_id: 'p-1', system_scope: 'all'}, type),
      )
      assert.deepEqual(byName, {
        auth: {identity: {methods: ['application_credential'], application_credential: {secret: 'shh', name: 'ci', user: {name: 'demo', domain: {name: 'Default'}}}}},
      })
    }

    const byUserId = tokenRequestBody(cloud({application_credential_name: 'ci', application_credential_secret: 'shh', user_id: 'u-1', domain_id: 'd'}, 'v3applicationcredential'))
    assert.deepEqual(byUserId, {
      auth: {identity: {methods: ['application_credential'], application_credential: {secret: 'shh', name: 'ci', user: {id: 'u-1'}}}},
    })
  })
})

/** keystone_versions.json: GET / of Keystone answers 300 with versions.values. */
function keystoneVersions(selfHref: string): unknown {
  return {
    versions: {
      values: [
        {
          id: 'v3.14',
          status: 'stable',
          updated: '2020-04-07T00:00:00Z',
          links: [{rel: 'self', href: selfHref}],
          'media-types': [{base: 'application/json', type: 'application/vnd.openstack.identity-v3+json'}],
        },
      ],
    },
  }
}

describe('core/keystone: identityV3Url (local server)', function () {
  this.timeout(10_000)
  let server: LocalServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('an auth_url with /v3 is used as it is, without a request', async () => {
    server = await serve((req, res) => sendText(res, 500, 'must not be called'))
    assert.equal(await identityV3Url(client(), `${server.origin}/v3`, 'InstanceOne'), `${server.origin}/v3`)
    assert.equal(await identityV3Url(client(), `${server.origin}/identity/v3/`, 'InstanceOne'), `${server.origin}/identity/v3`)
    assert.equal(server.count, 0)
  })

  it('without /v3: 300 versions.values → the v3 self link, on the auth_url host, with its path prefix', async () => {
    server = await serve((req, res) => {
      if (req.url === '/identity') sendJson(res, 300, keystoneVersions('http://keystone.internal:5000/identity/v3/'))
      else sendText(res, 404, 'Not Found')
    })
    const url = await identityV3Url(client(), `${server.origin}/identity/`, 'InstanceOne', {'X-Scope': '{"identity":"InstanceOne"}'})
    assert.equal(url, `${server.origin}/identity/v3`)
    assert.equal(server.count, 1)
    assert.equal(server.seen[0].method, 'GET')
    assert.equal(server.seen[0].headers['x-scope'], '{"identity":"InstanceOne"}', 'extra headers go with discovery')
  })

  it('without /v3 on a bare port: http://h:5000 → http://h:5000/v3', async () => {
    server = await serve((req, res) => sendJson(res, 300, keystoneVersions('http://localhost:5000/v3/')))
    assert.equal(await identityV3Url(client(), server.origin, 'InstanceOne'), `${server.origin}/v3`)
  })

  it('a deprecated v3 entry or a v2.0-only document is a discovery failure', async () => {
    server = await serve((req, res) => {
      const values =
        req.url === '/old'
          ? [{id: 'v3.0', status: 'deprecated', links: [{rel: 'self', href: 'http://h/old/v3/'}]}]
          : [{id: 'v2.0', status: 'stable', links: [{rel: 'self', href: 'http://h/identity/v2.0/'}]}]
      sendJson(res, 300, {versions: {values}})
    })
    for (const path of ['/identity', '/old']) {
      const error = await rejection(identityV3Url(client(), `${server.origin}${path}`, 'InstanceOne'))
      assert.ok(error instanceof OidError)
      assert.match(error.message, /Could not find versioned identity endpoints/, path)
    }
  })

  // Regression (was a bug): identityV3Url takes the path of the v3 self link and only replaces the host. Behind a proxy
  // that mounts Keystone under /identity, the self link can lack the prefix (the same broken-href case
  // as openstacksdk's image-version-broken.json, api-quirks §C.15); the auth_url's path prefix is then
  // cut: expected http://127.0.0.1:<port>/identity/v3, got http://127.0.0.1:<port>/v3.
  it('a self link without the path prefix (a proxy) keeps the auth_url path prefix', async () => {
    server = await serve((req, res) => sendJson(res, 300, keystoneVersions('http://localhost/v3/')))
    assert.equal(await identityV3Url(client(), `${server.origin}/identity`, 'InstanceOne'), `${server.origin}/identity/v3`)
  })

  it('a v2.0 auth_url is a UsageError, without a request', async () => {
    server = await serve((req, res) => sendText(res, 500, 'must not be called'))
    for (const url of [`${server.origin}/v2.0`, `${server.origin}/identity/v2.0/`]) {
      const error = await rejection(identityV3Url(client(), url, 'InstanceOne'))
      assert.ok(error instanceof UsageError, String(error))
      assert.match(error.message, /InstanceOne/)
      assert.match(error.message, /v2\.0/)
    }

    assert.equal(server.count, 0)
  })

  it('discovery failure → the keystoneauth DiscoveryFailure wording', async () => {
    server = await serve((req, res) => sendText(res, 404, '404 Not Found\n\nThe resource could not be found.\n\n   '))
    const authUrl = `${server.origin}/nothing-here`
    const error = await rejection(identityV3Url(client(), authUrl, 'InstanceOne'))
    assert.ok(error instanceof OidError)
    assert.ok(!(error instanceof UsageError))
    assert.equal(
      error.message,
      `Could not find versioned identity endpoints when attempting to authenticate to InstanceOne. Please check that your auth_url is correct (${authUrl}).`,
    )
    assert.match((error as OidError).hint ?? '', /\/v3/)
  })

  it('a 200 that is not a version document is a discovery failure too', async () => {
    server = await serve((req, res) => sendText(res, 200, '<html><body>It works!</body></html>', 'text/html'))
    const error = await rejection(identityV3Url(client(), server.origin, 'InstanceOne'))
    assert.match(error.message, /Could not find versioned identity endpoints when attempting to authenticate to InstanceOne/)
  })

  it('an unreachable Keystone is a ConnectionError, not a discovery failure', async () => {
    const port = await freePort()
    const error = await rejection(identityV3Url(client({retries: 0}), `http://127.0.0.1:${port}/identity`, 'InstanceOne'))
    assert.ok(error instanceof ConnectionError, String(error))
  })
})

/** keystone_token_create.json, trimmed: microseconds, password_expires_at null, a region-less endpoint. */
function tokenBody(): unknown {
  return {
    token: {
      methods: ['password'],
      user: {domain: {id: 'default', name: 'Default'}, id: 'u-1', name: 'demo', password_expires_at: null},
      audit_ids: ['3T2dc1CGQxyJsHdDu1xkcw'],
      expires_at: '2026-11-23T17:00:33.000000Z',
      issued_at: '2026-11-23T16:00:33.000000Z',
      project: {domain: {id: 'default', name: 'Default'}, id: 'p-1', name: 'demo'},
      is_domain: false,
      roles: [{id: 'r-1', name: 'member'}, {id: 'r-2', name: 'reader'}],
      catalog: [
        {
          endpoints: [
            {id: 'e-1', interface: 'public', region_id: 'RegionOne', url: 'http://h/image', region: 'RegionOne'},
            {id: 'e-2', interface: 'admin', region_id: null, url: 'http://h/image', region: null},
          ],
          id: 's-1',
          type: 'image',
          name: 'glance',
        },
      ],
    },
  }
}

describe('core/keystone: issueToken (local server)', function () {
  this.timeout(10_000)
  let server: LocalServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('POSTs {v3}/auth/tokens and reads the token from the X-Subject-Token header', async () => {
    server = await serve((req, res) => sendJson(res, 201, tokenBody(), {'X-Subject-Token': 'gAAAAABfernet', Vary: 'X-Auth-Token', 'x-openstack-request-id': 'req-1'}))
    const config = cloud({auth_url: `${server.origin}/identity/v3`, username: 'demo', password: 'p', user_domain_id: 'default', project_name: 'demo', project_domain_id: 'default'})
    const ref = await issueToken(client(), config, 'InstanceOne')
    assert.equal(server.count, 1)
    assert.equal(server.seen[0].method, 'POST')
    assert.equal(server.seen[0].url, '/identity/v3/auth/tokens')
    assert.equal(server.seen[0].headers['content-type'], 'application/json')
    assert.deepEqual(JSON.parse(server.seen[0].body), tokenRequestBody(config))
    assert.equal(ref.token, 'gAAAAABfernet')
    assert.equal(ref.expiresAt, '2026-11-23T17:00:33.000000Z')
    assert.equal(ref.identityUrl, `${server.origin}/identity/v3`)
    assert.deepEqual(ref.user, {id: 'u-1', name: 'demo', domainId: 'default'})
    assert.deepEqual(ref.project, {id: 'p-1', name: 'demo', domainId: 'default'})
    assert.equal(ref.system, false)
    assert.deepEqual(ref.roles, ['member', 'reader'])
    assert.deepEqual(ref.methods, ['password'])
    assert.equal(ref.catalog[0].endpoints[1].region_id, null)
  })

  it('parses leniently: a timestamp it does not need may be garbage', async () => {
    const body = tokenBody() as {token: Record<string, unknown>}
    body.token.issued_at = '201406-10T00:00:00.000000Z'
    server = await serve((req, res) => sendJson(res, 201, body, {'X-Subject-Token': 't'}))
    const ref = await issueToken(client(), cloud({auth_url: `${server.origin}/v3`, token: 'old'}, 'token'), 'InstanceOne')
    assert.equal(ref.token, 't')
  })

  it('a 401 is an AuthError with the Keystone message and the Request-ID', async () => {
    server = await serve((req, res) =>
      sendJson(res, 401, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}, {
        'WWW-Authenticate': `Keystone uri="${'http://h/identity'}"`,
        'x-openstack-request-id': 'req-0f1e2d3c-1111-2222-3333-444455556666',
      }),
    )
    const config = {...cloud({auth_url: `${server.origin}/v3`, username: 'demo', password: 'wrong', user_domain_id: 'default'}), files: {clouds: '/etc/openstack/clouds.yaml'}}
    const error = await rejection(issueToken(client(), config, 'InstanceOne'))
    assert.ok(error instanceof AuthError, String(error))
    assert.equal(error.message, 'InstanceOne refused the credentials: The request you have made requires authentication. (HTTP 401) (Request-ID: req-0f1e2d3c-1111-2222-3333-444455556666).')
    assert.match(error.hint ?? '', /InstanceOne in \/etc\/openstack\/clouds\.yaml/)
    assert.equal(server.count, 1, 'a POST is never retried')
  })

  it('an MFA auth receipt (401 without an error message) is an AuthError too', async () => {
    server = await serve((req, res) =>
      sendJson(res, 401, {receipt: {methods: ['password'], expires_at: '2026-11-23T16:05:00.000000Z'}, required_auth_methods: [['password', 'totp']]}, {'Openstack-Auth-Receipt': 'r'}),
    )
    const error = await rejection(issueToken(client(), cloud({auth_url: `${server.origin}/v3`, username: 'demo', password: 'p'}), 'InstanceOne'))
    assert.ok(error instanceof AuthError)
    assert.match(error.message, /^InstanceOne refused the credentials: Unauthorized \(HTTP 401\)\.$/)
  })

  it('an answer without X-Subject-Token is an error naming the URL', async () => {
    server = await serve((req, res) => sendJson(res, 201, tokenBody()))
    const error = await rejection(issueToken(client(), cloud({auth_url: `${server.origin}/v3`, username: 'demo', password: 'p'}), 'InstanceOne'))
    assert.ok(error instanceof OidError)
    assert.match(error.message, /without an X-Subject-Token header/)
  })

  it('a body that is not a Keystone v3 token is an error, not a crash', async () => {
    server = await serve((req, res) => sendJson(res, 201, {access: {token: {id: 'v2'}}}, {'X-Subject-Token': 't'}))
    const error = await rejection(issueToken(client(), cloud({auth_url: `${server.origin}/v3`, username: 'demo', password: 'p'}), 'InstanceOne'))
    assert.ok(error instanceof OidError)
    assert.match(error.message, /not Keystone v3's/)
  })
})
