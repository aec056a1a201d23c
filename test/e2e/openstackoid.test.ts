import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

const ONE = 'aaaaaaaa-0000-4000-8000-00000000000a'
const TWO = 'bbbbbbbb-0000-4000-8000-00000000000b'
const instances = [
  {name: 'InstanceOne', images: [{id: ONE, name: 'one-image', data: 512, visibility: 'public' as const}]},
  {name: 'InstanceTwo', images: [{id: TWO, name: 'two-image', data: 512, visibility: 'public' as const}]},
]

/**
 * One CLI, two kinds of deployment: plain clouds (the client routes: one session per instance)
 * and an OpenStackoïd deployment (`openstackoid: true`: the cloud's proxy routes, the client sends
 * the scope in X-Scope and after !SCOPE! in the token, as OpenStackoïd's CLI did).
 */
describe('e2e: the same CLI against client-routed clouds and an OpenStackoïd deployment', function () {
  this.timeout(60_000)
  let plain: World
  let oid: World

  before(async () => {
    plain = await world({instances})
    oid = await world({instances, openstackoid: true}, (sim) => sim.cloudsYaml().replace('"InstanceOne":\n', '"InstanceOne":\n    openstackoid: true\n'))
  })
  after(async () => Promise.all([plain.stop(), oid.stop()]))

  const scoped = ['--os-cloud', 'InstanceOne', '--scope', '{"image": "InstanceTwo"}', 'image', 'list', '-f', 'value']

  it('gives the same output for a scoped image list', async () => {
    const a = await plain.run(scoped)
    const b = await oid.run(scoped)
    assert.equal(a.stdout, `${TWO} two-image active\n`)
    assert.equal(b.stdout, a.stdout)
    assert.equal(b.code, 0)
  })

  it('sends every request of the OpenStackoïd deployment to the home cloud, scope attached', async () => {
    oid.sim.clearRequests()
    assert.equal((await oid.run(scoped)).code, 0)
    const two = oid.sim.requests.filter((r) => r.instance === 'InstanceTwo')
    assert.ok(two.length > 0)
    for (const request of two) {
      // InstanceTwo only ever saw requests forwarded by InstanceOne's proxy.
      assert.equal(request.headers['x-oid-forwarded'], 'InstanceOne')
      assert.deepEqual(JSON.parse(request.headers['x-scope']), {compute: 'InstanceOne', identity: 'InstanceOne', image: 'InstanceTwo', network: 'InstanceOne', placement: 'InstanceOne'})
    }

    // Python's json.dumps separators, as OpenStackoïd's CLI wrote the header.
    assert.equal(two[0].headers['x-scope'], '{"compute": "InstanceOne", "identity": "InstanceOne", "image": "InstanceTwo", "network": "InstanceOne", "placement": "InstanceOne"}')
  })

  it('appends !SCOPE!<json> to the token, as OpenStackoïd\'s CLI did', async () => {
    const r = await oid.run([...scoped, '--debug'])
    assert.match(r.stderr, /X-Auth-Token: \{SHA256\}[0-9a-f]{64}!SCOPE!\{"compute": "InstanceOne", "identity": "InstanceOne", "image": "InstanceTwo"/)
  })

  it('issues the token of the instance the scope names for identity, on both kinds', async () => {
    const args = ['--os-cloud', 'InstanceOne', '--scope', '{"identity": "InstanceTwo"}', 'token', 'issue', '-c', 'project_id', '-f', 'value']
    assert.equal((await plain.run(args)).stdout, `${plain.sim.instance('InstanceTwo').projectId('admin')}\n`)
    assert.equal((await oid.run(args)).stdout, `${oid.sim.instance('InstanceTwo').projectId('admin')}\n`)
  })
})
