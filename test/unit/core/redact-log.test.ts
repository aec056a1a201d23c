import {strict as assert} from 'node:assert'
import {createHash} from 'node:crypto'

import {RequestLog} from '../../../src/http/log.js'
import {hashToken, redactBody, redactHeader} from '../../../src/http/redact.js'

const FERNET = 'gAAAAABpExampleFernetToken_' + 'x'.repeat(160)
const sha = (value: string) => createHash('sha256').update(value).digest('hex')
const SCOPE_SUFFIX = '!SCOPE!{"image":"InstanceTwo","compute":"InstanceOne"}'

describe('core/redact', () => {
  it('hashToken: {SHA256}<64 hex>, as keystoneauth logs it', () => {
    assert.equal(hashToken(FERNET), `{SHA256}${sha(FERNET)}`)
    assert.match(hashToken(FERNET), /^\{SHA256\}[0-9a-f]{64}$/)
  })

  it('hashes token headers whatever their case, leaves the others alone', () => {
    for (const name of ['X-Auth-Token', 'x-auth-token', 'X-Subject-Token', 'x-subject-token', 'X-Service-Token']) {
      assert.equal(redactHeader(name, FERNET), `{SHA256}${sha(FERNET)}`, name)
    }

    assert.equal(redactHeader('Content-Type', 'application/json'), 'application/json')
    assert.equal(redactHeader('X-Scope', '{"image":"B"}'), '{"image":"B"}')
    assert.equal(redactHeader('OpenStack-API-Version', 'compute 2.96'), 'compute 2.96')
  })

  it('an OpenStackoïd token keeps its !SCOPE! suffix readable; only the token is hashed', () => {
    const redacted = redactHeader('X-Auth-Token', FERNET + SCOPE_SUFFIX)
    assert.equal(redacted, `{SHA256}${sha(FERNET)}${SCOPE_SUFFIX}`)
    assert.ok(!redacted.includes(FERNET))
  })

  it('removes passwords and secrets at any depth, without touching the input', () => {
    const body = {
      auth: {
        identity: {
          methods: ['password'],
          password: {user: {name: 'demo', domain: {name: 'Default'}, password: 's3cret'}},
        },
        scope: {project: {name: 'demo', domain: {name: 'Default'}}},
      },
    }
    const copy = structuredClone(body)
    const redacted = redactBody(body) as typeof body
    assert.ok(!JSON.stringify(redacted).includes('s3cret'))
    assert.deepEqual(redacted.auth.scope, body.auth.scope)
    assert.deepEqual(redacted.auth.identity.methods, ['password'])
    assert.deepEqual(body, copy)
    assert.deepEqual(redactBody({user: {name: 'demo', password: 'x', original_password: 'y'}}), {user: {name: 'demo', password: '***', original_password: '***'}})
  })

  it('masks the whole password method object of a token request (user and domain included)', () => {
    const redacted = redactBody({auth: {identity: {methods: ['password'], password: {user: {name: 'demo', domain: {name: 'Default'}, password: 's3cret'}}}}})
    assert.deepEqual(redacted, {auth: {identity: {methods: ['password'], password: '***'}}})
  })

  it('removes the application credential secret, a token id, adminPass', () => {
    const appCred = redactBody({auth: {identity: {methods: ['application_credential'], application_credential: {id: 'ac', secret: 'shh'}}}})
    assert.deepEqual(appCred, {auth: {identity: {methods: ['application_credential'], application_credential: {id: 'ac', secret: '***'}}}})
    const token = redactBody({auth: {identity: {methods: ['token'], token: {id: FERNET}}}})
    assert.deepEqual(token, {auth: {identity: {methods: ['token'], token: {id: '***'}}}})
    const server = redactBody({server: {id: 's', adminPass: 'Xy12', links: []}})
    assert.deepEqual(server, {server: {id: 's', adminPass: '***', links: []}})
  })

  it('replaces the catalog of a token body, keeps the rest', () => {
    const body = {
      token: {
        methods: ['password'],
        expires_at: '2026-11-23T13:00:00.000000Z',
        user: {id: 'u', name: 'demo', password_expires_at: null},
        catalog: [{type: 'image', endpoints: [{interface: 'public', url: 'http://h/image'}]}],
      },
    }
    const redacted = redactBody(body) as {token: Record<string, unknown>}
    assert.equal(redacted.token.catalog, '<removed>')
    assert.equal(redacted.token.expires_at, '2026-11-23T13:00:00.000000Z')
    assert.deepEqual(redacted.token.user, {id: 'u', name: 'demo', password_expires_at: null})
  })

  it('leaves scalars, null and arrays of scalars as they are', () => {
    assert.equal(redactBody(null), null)
    assert.equal(redactBody('text'), 'text')
    assert.equal(redactBody(3), 3)
    assert.deepEqual(redactBody([1, 'a', {password: 'x'}]), [1, 'a', {password: '***'}])
  })
})

describe('core/log: RequestLog', () => {
  function capture(debug = true): {log: RequestLog; lines: string[]} {
    const lines: string[] = []
    return {log: new RequestLog(debug, (line) => lines.push(line)), lines}
  }

  it('a request line is a curl command with token headers hashed and the password removed', () => {
    const {log, lines} = capture()
    log.request('POST', 'http://h/identity/v3/auth/tokens', {'X-Auth-Token': FERNET + SCOPE_SUFFIX, 'Content-Type': 'application/json'}, {
      auth: {identity: {methods: ['password'], password: {user: {name: 'demo', password: 's3cret'}}}},
    })
    assert.equal(lines.length, 1)
    const line = lines[0]
    assert.ok(line.startsWith('REQ: curl -g -i -X POST http://h/identity/v3/auth/tokens '))
    assert.match(line, /-H "X-Auth-Token: \{SHA256\}[0-9a-f]{64}!SCOPE!\{"image":"InstanceTwo","compute":"InstanceOne"\}"/)
    assert.match(line, /-H "Content-Type: application\/json"/)
    assert.match(line, / -d '\{"auth":/)
    assert.ok(line.includes('"password":"***"'))
    assert.ok(!line.includes('s3cret'))
    assert.ok(!line.includes(FERNET))
  })

  it('response lines: X-Subject-Token hashed, the catalog removed, the request id named', () => {
    const {log, lines} = capture()
    log.response(
      'POST',
      'http://h/identity/v3/auth/tokens',
      201,
      {'x-subject-token': FERNET, vary: 'X-Auth-Token', 'x-openstack-request-id': 'req-0f1e2d3c-aaaa-bbbb-cccc-000000000001'},
      {token: {methods: ['password'], catalog: [{type: 'image', endpoints: []}], user: {id: 'u'}}},
      0.123,
    )
    const text = lines.join('\n')
    assert.ok(lines[0].startsWith('RESP: [201] '))
    assert.match(lines[0], /x-subject-token: \{SHA256\}[0-9a-f]{64}/)
    assert.match(lines[0], /vary: X-Auth-Token/)
    assert.ok(!text.includes(FERNET))
    assert.ok(lines[1].startsWith('RESP BODY: '))
    assert.ok(lines[1].includes('"catalog":"<removed>"'))
    assert.ok(!lines[1].includes('endpoints'))
    assert.equal(lines[2], 'POST call to http://h/identity/v3/auth/tokens used request id req-0f1e2d3c-aaaa-bbbb-cccc-000000000001')
  })

  it('a streamed or empty body is reported as omitted; x-compute-request-id is the fallback', () => {
    const {log, lines} = capture()
    log.response('GET', 'http://h/image/v2/images/x/file', 200, {'x-compute-request-id': 'req-nova'}, undefined, 0.5)
    assert.match(lines[1], /^RESP BODY: Omitted/)
    assert.equal(lines[2], 'GET call to http://h/image/v2/images/x/file used request id req-nova')
  })

  it('without --debug: nothing written, but timings kept (for --timing)', () => {
    const {log, lines} = capture(false)
    log.request('GET', 'http://h/image/v2/images', {'X-Auth-Token': FERNET})
    log.response('GET', 'http://h/image/v2/images', 200, {}, {images: []}, 0.25)
    log.note('Retrying')
    assert.deepEqual(lines, [])
    assert.deepEqual(log.timings, [{method: 'GET', url: 'http://h/image/v2/images', seconds: 0.25}])
  })

  it('notes are written with --debug', () => {
    const {log, lines} = capture()
    log.note('Retrying GET http://h in 200 ms')
    assert.deepEqual(lines, ['Retrying GET http://h in 200 ms'])
  })
})
