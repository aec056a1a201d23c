import assert from 'node:assert/strict'
import {startSim, type Sim} from '../../sim/index.js'
import {call, imageUrl, login} from './helpers.js'

describe('sim: instances, recording, faults', () => {
  let sim: Sim
  before(async () => {
    sim = await startSim({instances: ['InstanceOne', 'InstanceTwo']})
  })
  after(async () => {
    await sim.stop()
  })
  afterEach(() => {
    for (const i of sim.instances) i.clearFaults()
  })

  it('runs independent instances on their own ports', () => {
    const [a, b] = sim.instances
    assert.notEqual(a.ports.main, b.ports.main)
    assert.notEqual(a.ports.main, a.ports.network)
    assert.equal(a.authUrl, `${a.baseUrl}/identity`)
    assert.match(a.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.throws(() => sim.instance('Nope'), /no instance Nope/)
  })

  it('records requests with service, path+query, token and status', async () => {
    const one = sim.instance('InstanceOne')
    const tok = await login(one)
    sim.clearRequests()
    await call(imageUrl(one, '/v2/images?limit=1'), {token: tok})
    await call(`http://127.0.0.1:${one.ports.network}/v2.0/networks`, {token: tok})
    await call(`${one.baseUrl}/compute/v2.1/servers`, {token: tok})
    assert.equal(sim.requests.length, 3)
    const [img, net, comp] = sim.requests
    assert.equal(img.instance, 'InstanceOne')
    assert.equal(img.service, 'image')
    assert.equal(img.method, 'GET')
    assert.equal(img.path, '/image/v2/images?limit=1')
    assert.equal(img.token, tok)
    assert.equal(img.status, 200)
    assert.equal(img.headers['x-auth-token'], tok)
    assert.equal(net.service, 'network')
    assert.equal(net.status, 200)
    assert.equal(comp.service, 'compute')
    assert.equal(comp.status, 200)
  })

  it('answers unknown compute/network paths and placement with service-shaped 404s after auth', async () => {
    const one = sim.instance('InstanceOne')
    const tok = await login(one)
    const c = await call(`${one.baseUrl}/compute/v2.1/nope`, {token: tok})
    assert.equal(c.status, 404)
    assert.equal(c.json.itemNotFound.code, 404)
    assert.ok(c.headers.get('x-compute-request-id'))
    const n = await call(`http://127.0.0.1:${one.ports.network}/v2.0/nope`, {token: tok})
    assert.equal(n.status, 404)
    assert.equal(n.json.NeutronError.type, 'HTTPNotFound')
    assert.equal((await call(`http://127.0.0.1:${one.ports.network}/v2.0/networks`)).status, 401)
    assert.equal((await call(`${one.baseUrl}/placement/resource_providers`)).status, 401)
  })

  it('detects token leaks and refuses foreign tokens', async () => {
    const one = sim.instance('InstanceOne')
    const two = sim.instance('InstanceTwo')
    const tokOne = await login(one)
    sim.clearRequests()
    assert.deepEqual(sim.tokenLeaks(), [])
    const r = await call(imageUrl(two, '/v2/images'), {token: tokOne})
    assert.equal(r.status, 401)
    const leaks = sim.tokenLeaks()
    assert.equal(leaks.length, 1)
    assert.equal(leaks[0].instance, 'InstanceTwo')
    assert.ok(!two.issuedTokens().has(tokOne))
  })

  it('revokeTokens() makes every issued token a 401', async () => {
    const s = await startSim({instances: ['R']})
    try {
      const inst = s.instance('R')
      const tok = await login(inst)
      assert.equal((await call(imageUrl(inst, '/v2/images'), {token: tok})).status, 200)
      inst.revokeTokens()
      assert.equal((await call(imageUrl(inst, '/v2/images'), {token: tok})).status, 401)
      assert.equal((await call(`${inst.authUrl}/v3/auth/catalog`, {token: tok})).status, 401)
      const fresh = await login(inst)
      assert.equal((await call(imageUrl(inst, '/v2/images'), {token: fresh})).status, 200)
    } finally {
      await s.stop()
    }
  })

  it('injects status faults, counted, per service/method/path', async () => {
    const one = sim.instance('InstanceOne')
    const tok = await login(one)
    one.fault({service: 'image', method: 'GET', pathPrefix: '/image/v2/images', status: 503, count: 2})
    sim.clearRequests()
    const a = await call(imageUrl(one, '/v2/images'), {token: tok})
    assert.equal(a.status, 503)
    assert.equal(a.json.code, '503 Service Unavailable')
    assert.ok(a.headers.get('x-openstack-request-id'))
    assert.equal((await call(imageUrl(one, '/v2/images'), {token: tok})).status, 503)
    assert.equal((await call(imageUrl(one, '/v2/images'), {token: tok})).status, 200)
    assert.deepEqual(sim.requests.map((r) => r.status), [503, 503, 200])
    one.fault({service: 'identity', status: 500, count: 1})
    const k = await call(`${one.authUrl}/v3/auth/tokens`, {method: 'POST', body: {}})
    assert.equal(k.status, 500)
    assert.equal(k.json.error.code, 500)
  })

  it('injects latency and dropped connections, and records the drop', async () => {
    const one = sim.instance('InstanceOne')
    const tok = await login(one)
    one.fault({service: 'image', latencyMs: 150, count: 1})
    const t0 = Date.now()
    assert.equal((await call(imageUrl(one, '/v2/images'), {token: tok})).status, 200)
    assert.ok(Date.now() - t0 >= 140)
    one.fault({pathPrefix: '/image', drop: true, count: 1})
    sim.clearRequests()
    await assert.rejects(call(imageUrl(one, '/v2/images'), {token: tok}))
    assert.equal(sim.requests.length, 1)
    assert.equal(sim.requests[0].status, 0)
    assert.equal((await call(imageUrl(one, '/v2/images'), {token: tok})).status, 200)
  })

  it('goes down (connection refused) and comes back on the same ports', async () => {
    const s = await startSim({instances: ['D']})
    try {
      const inst = s.instance('D')
      const ports = {...inst.ports}
      await inst.down()
      await assert.rejects(fetch(`${inst.authUrl}/v3`), (e: Error & {cause?: {code?: string}}) => e.cause?.code === 'ECONNREFUSED')
      await inst.up()
      assert.deepEqual(inst.ports, ports)
      assert.equal((await call(`${inst.authUrl}/v3`)).status, 200)
      assert.equal((await call(`http://127.0.0.1:${ports.network}/`)).status, 200)
      assert.equal((await call(`http://127.0.0.1:${ports.network}/v2.0/networks`)).status, 401)
    } finally {
      await s.stop()
    }
  })

  it('writes a clouds.yaml with one cloud per instance', () => {
    const y = sim.cloudsYaml()
    for (const i of sim.instances) {
      assert.ok(y.includes(`"${i.name}":`))
      assert.ok(y.includes(`auth_url: "${i.authUrl}"`))
      assert.ok(y.includes(`region_name: "${i.name}"`))
    }
    assert.ok(y.includes('username: "admin"'))
    assert.ok(y.includes('user_domain_name: "Default"'))
    assert.ok(y.includes('project_domain_name: "Default"'))
    const demo = sim.cloudsYaml({user: 'demo'})
    assert.ok(demo.includes('username: "demo"') && demo.includes('project_name: "demo"'))
  })

  it('stop() closes every port', async () => {
    const s = await startSim({instances: ['S1', 'S2']})
    const urls = s.instances.flatMap((i) => [`${i.authUrl}/v3`, `http://127.0.0.1:${i.ports.network}/`])
    await s.stop()
    for (const u of urls) await assert.rejects(fetch(u))
  })

  it('binds fixed ports from portBase', async () => {
    const base = 30000 + Math.floor(Math.random() * 20000)
    const s = await startSim({instances: ['P1', 'P2'], portBase: base})
    try {
      assert.deepEqual(s.instance('P1').ports, {main: base, network: base + 1})
      assert.deepEqual(s.instance('P2').ports, {main: base + 10, network: base + 11})
    } finally {
      await s.stop()
    }
  })
})
