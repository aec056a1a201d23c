import {strict as assert} from 'node:assert'
import {join} from 'node:path'

import type {CatalogService} from '../sim/state.js'
import {world, type World} from './harness.js'

/** The sim's catalog of an instance (what GET /v3/endpoints lists, in its order). */
function catalogOf(w: World, name: string): CatalogService[] {
  return (w.sim.instance(name) as unknown as {state: {catalog: CatalogService[]}}).state.catalog
}

/** `endpoint list -c Region -c "Service Type" -c Interface -c URL -f json`, as OSC prints it, from the sim's own catalog. */
function endpointsJson(w: World, name: string, instance?: string): string[] {
  return catalogOf(w, name).flatMap((s) =>
    s.endpoints.map((e) => {
      const fields = [...(instance ? [`"Instance": "${instance}"`] : []), `"Region": "${name}"`, `"Service Type": "${s.type}"`, `"Interface": "${e.interface}"`, `"URL": "${e.url}"`]
      return `  {\n${fields.map((f) => `    ${f}`).join(',\n')}\n  }`
    }),
  )
}

describe('e2e: identity (endpoint list, project list, token revoke)', function () {
  this.timeout(60_000)
  let w: World

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne'}, {name: 'InstanceTwo'}]})
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })

  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const ENDPOINT_COLUMNS = ['-c', 'Region', '-c', 'Service Type', '-c', 'Interface', '-c', 'URL', '-f', 'json']

  it('endpoint list -c Region -c "Service Type" -c Interface -c URL -f json: every endpoint of the home Keystone', async () => {
    const r = await run('endpoint', 'list', ...ENDPOINT_COLUMNS)
    assert.equal(r.stderr, '')
    assert.equal(r.code, 0)
    assert.equal(r.stdout, `[\n${endpointsJson(w, 'InstanceOne').join(',\n')}\n]\n`)
  })

  it('endpoint list under & lists every instance\'s endpoints with an Instance column', async () => {
    const r = await run('--scope', '{"identity": "InstanceOne & InstanceTwo"}', 'endpoint', 'list', '-c', 'Instance', ...ENDPOINT_COLUMNS)
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, `[\n${[...endpointsJson(w, 'InstanceOne', 'InstanceOne'), ...endpointsJson(w, 'InstanceTwo', 'InstanceTwo')].join(',\n')}\n]\n`)
  })

  it('endpoint list --service (type or name) --interface filters, with the service name and type', async () => {
    const nova = catalogOf(w, 'InstanceTwo').find((s) => s.type === 'compute')!
    const expected = `${nova.endpoints[0].id} InstanceTwo nova compute True public ${nova.endpoints[0].url}\n`
    for (const service of ['compute', 'nova', nova.id]) {
      const r = await w.run(['--os-cloud', 'InstanceTwo', 'endpoint', 'list', '--service', service, '--interface', 'public', '-f', 'value'])
      assert.equal(r.stdout, expected, service)
    }
  })

  it('endpoint list: an unknown service, a bad interface, an unknown region', async () => {
    const unknown = await run('endpoint', 'list', '--service', 'nope')
    assert.deepEqual([unknown.code, unknown.stdout, unknown.stderr], [1, '', "No service with a type, name or ID of 'nope' exists.\n"])
    const bad = await run('endpoint', 'list', '--interface', 'bogus')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--interface=bogus to be one of: admin, public, internal/)
    const region = await run('endpoint', 'list', '--region', 'nowhere')
    assert.deepEqual([region.code, region.stdout], [0, '\n'])
  })

  it('endpoint list as a project member: Keystone\'s 403, exit 1, and where to look instead', async () => {
    const demo = await world({instances: [{name: 'InstanceOne'}]}, (sim) => sim.cloudsYaml({user: 'demo'}))
    try {
      const r = await demo.run(['--os-cloud', 'InstanceOne', 'endpoint', 'list'])
      assert.equal(r.code, 1)
      assert.equal(r.stdout, '')
      const lines = r.stderr.split('\n')
      assert.match(lines[0], /^InstanceOne \(identity\): You are not authorized to perform the requested action: identity:list_endpoints\. \(HTTP 403\) \(Request-ID: req-[0-9a-f-]+\)$/)
      assert.match(lines[1], /'openstackoid catalog list' shows the endpoints in your own token's catalog/)
      const projects = await demo.run(['--os-cloud', 'InstanceOne', 'project', 'list', '-f', 'value'])
      assert.deepEqual([projects.code, projects.stdout], [0, `${demo.sim.instance('InstanceOne').projectId('demo')} demo\n`])
    } finally {
      await demo.stop()
    }
  })

  it('project list (admin: every project), --my-projects, --long, --sort', async () => {
    const one = w.sim.instance('InstanceOne')
    const all = await run('project', 'list', '-f', 'value', '--sort', 'name:desc')
    assert.equal(all.stdout, ['service', 'demo', 'alt_demo', 'admin'].map((name) => `${one.projectId(name)} ${name}\n`).join(''))
    const mine = await run('project', 'list', '--my-projects', '--long', '-f', 'json')
    assert.deepEqual(JSON.parse(mine.stdout), [{ID: one.projectId('admin'), Name: 'admin', 'Domain ID': 'default', Description: 'Bootstrap project for initializing the cloud.', Enabled: true}])
    const requests = w.sim.requests.filter((req) => req.instance === 'InstanceOne' && req.path.includes('/projects'))
    assert.match(requests.at(-1)!.path, new RegExp(`^/identity/v3/users/${one.userId('admin')}/projects$`))
    const bad = await run('project', 'list', '--sort', 'bogus')
    assert.deepEqual([bad.code, bad.stderr], [1, "Resource doesn't have field bogus\n"])
  })

  it('project list under &: each Keystone\'s projects, with Instance', async () => {
    const r = await run('--scope', '{"identity": "InstanceOne & InstanceTwo"}', 'project', 'list', '--my-projects', '-f', 'value')
    const [one, two] = ['InstanceOne', 'InstanceTwo'].map((name) => w.sim.instance(name).projectId('admin'))
    assert.equal(r.stdout, `InstanceOne ${one} admin\nInstanceTwo ${two} admin\n`)
  })

  it('token revoke: Keystone revokes it, the cache forgets it, the next command gets a new token', async () => {
    const first = await run('token', 'issue', '-f', 'value', '-c', 'id')
    const token = first.stdout.trim()
    const revoke = await run('token', 'revoke', token)
    assert.deepEqual([revoke.code, revoke.stdout, revoke.stderr], [0, '', ''])
    const deletes = w.sim.requests.filter((req) => req.method === 'DELETE' && req.path === '/identity/v3/auth/tokens')
    assert.equal(deletes.at(-1)!.headers['x-subject-token'], token)
    const sent = w.sim.requests.length
    const again = await run('token', 'issue', '-f', 'value', '-c', 'id')
    assert.equal(again.code, 0)
    assert.notEqual(again.stdout.trim(), token)
    // A new token was issued at once: the revoked one was never sent again (no 401).
    const later = w.sim.requests.slice(sent)
    assert.deepEqual(later.filter((req) => req.token === token || req.status === 401), [])
    assert.equal(later.filter((req) => req.method === 'POST' && req.path === '/identity/v3/auth/tokens').length, 1)
  })

  it('token revoke of InstanceTwo\'s cached token goes to InstanceTwo\'s Keystone only, whatever the scope', async () => {
    const issued = await w.run(['--os-cloud', 'InstanceTwo', 'token', 'issue', '-f', 'value', '-c', 'id'])
    const token = issued.stdout.trim()
    const r = await run('--scope', '{"compute": "InstanceTwo"}', 'token', 'revoke', token)
    assert.deepEqual([r.code, r.stderr], [0, ''])
    const deletes = w.sim.requests.filter((req) => req.method === 'DELETE')
    assert.equal(deletes.at(-1)!.instance, 'InstanceTwo')
    assert.equal(w.sim.instance('InstanceTwo').issuedTokens().has(token), true)
  })

  it('token revoke: an unknown token (404, exit 1), no token (usage, exit 2), & with a foreign token (usage)', async () => {
    const unknown = await run('token', 'revoke', 'nosuchtoken')
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^InstanceOne \(identity\): Could not find token: nosuchtoken\. \(HTTP 404\)/)
    const missing = await run('token', 'revoke')
    assert.equal(missing.code, 2)
    const both = await run('--scope', '{"identity": "InstanceOne & InstanceTwo"}', 'token', 'revoke', 'nosuchtoken')
    assert.equal(both.code, 2)
    assert.match(both.stderr, /^token revoke sends the token to one Keystone, but --scope gives identity to several: "InstanceOne & InstanceTwo"/)
  })

  it('token revoke with the cache off still works (nothing to forget)', async () => {
    const token = (await run('token', 'issue', '-f', 'value', '-c', 'id')).stdout.trim()
    const r = await w.run(['--os-cloud', 'InstanceOne', 'token', 'revoke', token], {XDG_CACHE_HOME: join(w.dir, 'other-cache')})
    assert.deepEqual([r.code, r.stderr], [0, ''])
    // The main cache still held it: the next command meets a 401, re-authenticates once, and works.
    const after = await run('project', 'list', '--my-projects', '-f', 'value', '-c', 'Name')
    assert.deepEqual([after.code, after.stdout], [0, 'admin\n'])
  })
})
