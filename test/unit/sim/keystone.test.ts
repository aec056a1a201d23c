import assert from 'node:assert/strict'
import {startSim, type Sim} from '../../sim/index.js'
import {call, login, passwordAuth, projectScope} from './helpers.js'

describe('sim: keystone', () => {
  let sim: Sim
  before(async () => {
    sim = await startSim({instances: ['InstanceOne', 'InstanceTwo']})
  })
  after(async () => {
    await sim.stop()
  })

  it('answers version discovery like devstack keystone', async () => {
    const one = sim.instance('InstanceOne')
    const root = await call(one.authUrl)
    assert.equal(root.status, 300)
    assert.equal(root.json.versions.values[0].status, 'stable')
    assert.equal(root.json.versions.values[0].links[0].href, `${one.authUrl}/v3/`)
    assert.match(root.headers.get('x-openstack-request-id')!, /^req-[0-9a-f-]{36}$/)
    const v3 = await call(`${one.authUrl}/v3`)
    assert.equal(v3.status, 200)
    assert.equal(v3.json.version.id, 'v3.14')
  })

  it('issues a project-scoped token with catalog and fernet-like id', async () => {
    const one = sim.instance('InstanceOne')
    const r = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body: passwordAuth('admin', 'secret', projectScope('admin'))})
    assert.equal(r.status, 201)
    const tok = r.headers.get('x-subject-token')!
    assert.match(tok, /^gAAAAA[A-Za-z0-9_-]{170,}$/)
    assert.equal(r.headers.get('vary'), 'X-Auth-Token')
    const t = r.json.token
    assert.deepEqual(t.methods, ['password'])
    assert.equal(t.user.name, 'admin')
    assert.equal(t.user.password_expires_at, null)
    assert.deepEqual(t.user.domain, {id: 'default', name: 'Default'})
    assert.equal(t.project.name, 'admin')
    assert.equal(t.project.id, one.projectId('admin'))
    assert.deepEqual(t.roles.map((x: {name: string}) => x.name).sort(), ['admin', 'member', 'reader'])
    assert.match(t.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/)
    assert.match(t.issued_at, /\.000000Z$/)
    assert.equal(t.audit_ids.length, 1)
    assert.ok(one.issuedTokens().has(tok))

    // catalog shape
    const types = t.catalog.map((s: {type: string}) => s.type)
    assert.deepEqual([...types].sort(), ['block-storage', 'compute', 'identity', 'image', 'network', 'placement', 'volumev3'])
    assert.notDeepEqual(types, [...types].sort(), 'service order is not alphabetical')
    const by = (type: string) => t.catalog.find((s: {type: string}) => s.type === type)
    assert.equal(by('image').name, 'glance')
    for (const s of t.catalog) {
      assert.match(s.id, /^[0-9a-f]{32}$/)
      for (const e of s.endpoints) {
        assert.equal(e.region_id, 'InstanceOne')
        assert.equal(e.region, 'InstanceOne')
      }
    }
    const urls = (type: string) => Object.fromEntries(by(type).endpoints.map((e: {interface: string; url: string}) => [e.interface, e.url]))
    assert.deepEqual(urls('identity'), {public: one.authUrl, internal: one.authUrl, admin: one.authUrl})
    assert.deepEqual(urls('image'), {public: `${one.baseUrl}/image`, internal: `${one.baseUrl}/image`})
    assert.deepEqual(urls('compute'), {public: `${one.baseUrl}/compute/v2.1`})
    assert.deepEqual(urls('network'), {public: `http://127.0.0.1:${one.ports.network}/`, internal: `http://127.0.0.1:${one.ports.network}/`})
    assert.deepEqual(urls('placement'), {public: `${one.baseUrl}/placement`})
  })

  it('gives different project ids per instance', () => {
    assert.notEqual(sim.instance('InstanceOne').projectId('admin'), sim.instance('InstanceTwo').projectId('admin'))
  })

  it('honours ?nocatalog, unscoped, domain and system scope', async () => {
    const one = sim.instance('InstanceOne')
    const url = `${one.authUrl}/v3/auth/tokens`
    const nocat = await call(`${url}?nocatalog`, {method: 'POST', body: passwordAuth('demo', 'secret', projectScope('demo'))})
    assert.equal(nocat.status, 201)
    assert.equal(nocat.json.token.catalog, undefined)
    assert.deepEqual(nocat.json.token.roles.map((x: {name: string}) => x.name).sort(), ['member', 'reader'])

    const unscoped = await call(url, {method: 'POST', body: passwordAuth('demo', 'secret')})
    assert.equal(unscoped.status, 201)
    assert.equal(unscoped.json.token.catalog, undefined)
    assert.equal(unscoped.json.token.project, undefined)

    const domain = await call(url, {method: 'POST', body: passwordAuth('admin', 'secret', {domain: {name: 'Default'}})})
    assert.equal(domain.status, 201)
    assert.deepEqual(domain.json.token.domain, {id: 'default', name: 'Default'})

    const system = await call(url, {method: 'POST', body: passwordAuth('admin', 'secret', {system: {all: true}})})
    assert.equal(system.status, 201)
    assert.deepEqual(system.json.token.system, {all: true})
    assert.ok(Array.isArray(system.json.token.catalog))

    const demoSystem = await call(url, {method: 'POST', body: passwordAuth('demo', 'secret', {system: {all: true}})})
    assert.equal(demoSystem.status, 401)
  })

  it('authenticates a user by id and scopes a project by id', async () => {
    const one = sim.instance('InstanceOne')
    const r = await call(`${one.authUrl}/v3/auth/tokens`, {
      method: 'POST',
      body: {auth: {identity: {methods: ['password'], password: {user: {id: one.userId('demo'), password: 'secret'}}}, scope: {project: {id: one.projectId('demo')}}}},
    })
    assert.equal(r.status, 201)
    assert.equal(r.json.token.project.name, 'demo')
  })

  it('rejects wrong credentials with the generic 401', async () => {
    const one = sim.instance('InstanceOne')
    for (const body of [passwordAuth('admin', 'nope', projectScope('admin')), passwordAuth('nobody', 'secret', projectScope('admin')), passwordAuth('demo', 'secret', projectScope('admin'))]) {
      const r = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body})
      assert.equal(r.status, 401)
      assert.deepEqual(r.json, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}})
      assert.equal(r.headers.get('www-authenticate'), `Keystone uri="${one.authUrl}"`)
    }
  })

  it('rescopes with the token method', async () => {
    const one = sim.instance('InstanceOne')
    const unscoped = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body: passwordAuth('admin', 'secret')})
    const id = unscoped.headers.get('x-subject-token')
    const r = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body: {auth: {identity: {methods: ['token'], token: {id}}, scope: projectScope('admin')}}})
    assert.equal(r.status, 201)
    assert.deepEqual(r.json.token.methods, ['token', 'password'])
    assert.equal(r.json.token.expires_at, unscoped.json.token.expires_at)
    assert.equal(r.json.token.audit_ids[1], unscoped.json.token.audit_ids[0])
    const bad = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body: {auth: {identity: {methods: ['token'], token: {id: 'gAAAAAbogus'}}}}})
    assert.equal(bad.status, 401)
  })

  it('authenticates with the seeded application credential (id or name+user) and refuses a scope', async () => {
    const one = sim.instance('InstanceOne')
    const ac = one.appCredential
    const url = `${one.authUrl}/v3/auth/tokens`
    const byId = await call(url, {method: 'POST', body: {auth: {identity: {methods: ['application_credential'], application_credential: {id: ac.id, secret: ac.secret}}}}})
    assert.equal(byId.status, 201)
    assert.deepEqual(byId.json.token.methods, ['application_credential'])
    assert.equal(byId.json.token.project.name, 'admin')
    assert.deepEqual(byId.json.token.application_credential, {id: ac.id, name: ac.name, restricted: true})
    const byName = await call(url, {
      method: 'POST',
      body: {auth: {identity: {methods: ['application_credential'], application_credential: {name: ac.name, secret: ac.secret, user: {name: 'admin', domain: {id: 'default'}}}}}},
    })
    assert.equal(byName.status, 201)
    const scoped = await call(url, {
      method: 'POST',
      body: {auth: {identity: {methods: ['application_credential'], application_credential: {id: ac.id, secret: ac.secret}}, scope: projectScope('admin')}},
    })
    assert.equal(scoped.status, 401)
    assert.equal(scoped.json.error.message, 'Application credentials cannot request a scope.')
    const wrong = await call(url, {method: 'POST', body: {auth: {identity: {methods: ['application_credential'], application_credential: {id: ac.id, secret: 'x'}}}}})
    assert.equal(wrong.status, 401)
  })

  it('validates tokens, serves the catalog and project/user lists', async () => {
    const one = sim.instance('InstanceOne')
    const admin = await login(one)
    const demo = await login(one, 'demo')
    const v = await call(`${one.authUrl}/v3/auth/tokens`, {token: admin, headers: {'X-Subject-Token': demo}})
    assert.equal(v.status, 200)
    assert.equal(v.headers.get('x-subject-token'), demo)
    assert.equal(v.json.token.user.name, 'demo')
    const missing = await call(`${one.authUrl}/v3/auth/tokens`, {token: admin, headers: {'X-Subject-Token': 'gAAAAAnope'}})
    assert.equal(missing.status, 404)

    const cat = await call(`${one.authUrl}/v3/auth/catalog`, {token: demo})
    assert.equal(cat.status, 200)
    assert.equal(cat.json.catalog.length, 7)

    const projects = await call(`${one.authUrl}/v3/projects`, {token: admin})
    assert.ok(projects.json.projects.some((p: {name: string}) => p.name === 'alt_demo'))
    assert.equal((await call(`${one.authUrl}/v3/projects?name=demo`, {token: admin})).json.projects.length, 1)
    assert.equal((await call(`${one.authUrl}/v3/projects`, {token: demo})).status, 403)
    const mine = await call(`${one.authUrl}/v3/auth/projects`, {token: demo})
    assert.deepEqual(mine.json.projects.map((p: {name: string}) => p.name), ['demo'])
    const up = await call(`${one.authUrl}/v3/users/${one.userId('demo')}/projects`, {token: demo})
    assert.equal(up.status, 200)
    assert.equal(up.json.projects[0].name, 'demo')
    const users = await call(`${one.authUrl}/v3/users`, {token: admin})
    assert.deepEqual(users.json.users.map((u: {name: string}) => u.name).sort(), ['admin', 'alt_demo', 'demo'])
  })

  it('expires tokens after tokenTtlSeconds', async () => {
    const s = await startSim({instances: [{name: 'Short', tokenTtlSeconds: 1}]})
    try {
      const inst = s.instance('Short')
      const tok = await login(inst)
      assert.equal((await call(`${inst.baseUrl}/image/v2/images`, {token: tok})).status, 200)
      await new Promise((r) => setTimeout(r, 1100))
      const r = await call(`${inst.baseUrl}/image/v2/images`, {token: tok})
      assert.equal(r.status, 401)
    } finally {
      await s.stop()
    }
  })

  it('accepts extra users and projects from the spec', async () => {
    const s = await startSim({instances: [{name: 'Custom', projects: ['p1'], users: [{name: 'bob', password: 'pw', project: 'p1', roles: ['reader']}]}], })
    try {
      const inst = s.instance('Custom')
      const r = await call(`${inst.authUrl}/v3/auth/tokens`, {method: 'POST', body: passwordAuth('bob', 'pw', projectScope('p1'))})
      assert.equal(r.status, 201)
      assert.deepEqual(r.json.token.roles.map((x: {name: string}) => x.name), ['reader'])
    } finally {
      await s.stop()
    }
  })
})
