import assert from 'node:assert/strict'
import {startSim, type Sim, type SimInstance} from '../../sim/index.js'
import {call, login} from './helpers.js'

describe('sim: keystone endpoints, services, regions, your projects, revocation', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  const ks = (path: string, token: string, method = 'GET', headers: Record<string, string> = {}) => call(`${one.authUrl}/v3${path}`, {token, method, headers})

  before(async () => {
    sim = await startSim({instances: ['InstanceOne']})
    one = sim.instance('InstanceOne')
    admin = await login(one)
  })
  after(async () => {
    await sim.stop()
  })

  it('lists endpoints filtered by interface, service_id and region_id; shows one; 403 for a member', async () => {
    const services = (await ks('/services', admin)).json.services
    const compute = services.find((s: {type: string}) => s.type === 'compute')
    const all = (await ks('/endpoints', admin)).json.endpoints
    assert.ok(all.length >= 8)
    const pub = (await ks('/endpoints?interface=public', admin)).json.endpoints
    assert.ok(pub.length > 0 && pub.every((e: {interface: string}) => e.interface === 'public'))
    assert.ok(pub.length < all.length)
    const nova = (await ks(`/endpoints?service_id=${compute.id}`, admin)).json.endpoints
    assert.deepEqual(nova.map((e: {url: string}) => e.url), [`${one.baseUrl}/compute/v2.1`])
    assert.equal((await ks('/endpoints?region_id=Elsewhere', admin)).json.endpoints.length, 0)
    assert.equal((await ks('/endpoints?region_id=InstanceOne', admin)).json.endpoints.length, all.length)
    const shown = await ks(`/endpoints/${nova[0].id}`, admin)
    assert.equal(shown.json.endpoint.service_id, compute.id)
    assert.equal((await ks('/endpoints/nope', admin)).status, 404)
    assert.equal((await ks('/endpoints', await login(one, 'demo'))).status, 403)
  })

  it('shows a service and a region, filters services by type', async () => {
    const image = (await ks('/services?type=image', admin)).json.services
    assert.equal(image.length, 1)
    assert.equal((await ks(`/services/${image[0].id}`, admin)).json.service.name, 'glance')
    assert.equal((await ks('/regions/InstanceOne', admin)).json.region.id, 'InstanceOne')
    assert.equal((await ks('/regions/Nope', admin)).status, 404)
  })

  it('lists your projects (auth/projects and users/{id}/projects)', async () => {
    const demo = await login(one, 'demo')
    const mine = (await ks('/auth/projects', demo)).json.projects.map((p: {name: string}) => p.name)
    assert.deepEqual(mine, ['demo'])
    const byUser = (await ks(`/users/${one.userId('demo')}/projects`, demo)).json.projects.map((p: {name: string}) => p.name)
    assert.deepEqual(byUser, ['demo'])
    assert.equal((await ks(`/users/${one.userId('admin')}/projects`, demo)).status, 403)
  })

  it('revokes a token: 404 on validate, 401 when used', async () => {
    const victim = await login(one, 'demo')
    assert.equal((await ks('/auth/tokens', admin, 'GET', {'X-Subject-Token': victim})).status, 200)
    assert.equal((await ks('/auth/tokens', admin, 'DELETE', {'X-Subject-Token': victim})).status, 204)
    const check = await ks('/auth/tokens', admin, 'GET', {'X-Subject-Token': victim})
    assert.equal(check.status, 404)
    assert.equal(check.json.error.code, 404)
    assert.equal((await ks('/auth/projects', victim)).status, 401)
    assert.equal((await call(`${one.baseUrl}/compute/v2.1/flavors`, {token: victim})).status, 401)
  })
})
