import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type World} from './harness.js'

const ONE = 'aaaaaaaa-0000-4000-8000-000000000001'
const TWO = 'bbbbbbbb-0000-4000-8000-000000000002'

describe('e2e: openstackoid api SERVICE [METHOD] PATH', function () {
  this.timeout(60_000)
  let w: World

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', images: [{id: ONE, name: 'cirros', data: 1024, visibility: 'public'}]},
        {name: 'InstanceTwo', images: [{id: TWO, name: 'debian', data: 1024, visibility: 'public'}]},
      ],
    })
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })
  afterEach(() => {
    for (const instance of w.sim.instances) instance.clearFaults()
  })

  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const last = (method: string, prefix: string) => w.sim.requests.filter((req) => req.method === method && req.path.startsWith(prefix)).at(-1)!

  it('GET by default, PATH relative to the versioned endpoint, the query string sent as written, JSON indented by 2', async () => {
    const r = await run('api', 'image', '/images?name=cirros&limit=5')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    const body = JSON.parse(r.stdout) as {images: {id: string}[]}
    assert.deepEqual(body.images.map((image) => image.id), [ONE])
    assert.equal(r.stdout, `${JSON.stringify(body, null, 2)}\n`)
    assert.equal(last('GET', '/image/v2/images').path, '/image/v2/images?name=cirros&limit=5')
  })

  it('compute gets the negotiated microversion; --header replaces it', async () => {
    await run('api', 'compute', 'GET', '/flavors')
    const sent = last('GET', '/compute/v2.1/flavors')
    assert.equal(sent.headers['openstack-api-version'], 'compute 2.96')
    assert.equal(sent.headers['x-openstack-nova-api-version'], '2.96')
    await run('api', 'compute', '/flavors', '--header', 'OpenStack-API-Version: compute 2.60')
    const fixed = last('GET', '/compute/v2.1/flavors')
    assert.equal(fixed.headers['openstack-api-version'], 'compute 2.60')
    assert.equal(fixed.headers['x-openstack-nova-api-version'], undefined)
  })

  it('an alias (volumev3 → block-storage) and the method in lower case are accepted', async () => {
    const r = await run('api', 'volumev3', 'get', '/volumes')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.deepEqual(JSON.parse(r.stdout), {volumes: []})
  })

  it('under & one document keyed by instance name', async () => {
    const r = await run('--scope', '{"image": "InstanceOne & InstanceTwo"}', 'api', 'image', '/images')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    const doc = JSON.parse(r.stdout) as Record<string, {images: {id: string}[]}>
    assert.deepEqual(Object.keys(doc), ['InstanceOne', 'InstanceTwo'])
    assert.deepEqual([doc.InstanceOne.images.map((i) => i.id), doc.InstanceTwo.images.map((i) => i.id)], [[ONE], [TWO]])
  })

  it('under | the first instance that has it (a 404 moves on)', async () => {
    const r = await run('--scope', '{"image": "InstanceOne | InstanceTwo"}', 'api', 'image', `/images/${TWO}`)
    assert.equal(r.code, 0)
    assert.equal((JSON.parse(r.stdout) as {id: string}).id, TWO)
    assert.equal(r.stderr, 'image served by InstanceTwo after InstanceOne (HTTP 404).\n')
  })

  it('POST with --body JSON and with --body @file; DELETE; an empty reply prints nothing', async () => {
    const made = await run('api', 'image', 'POST', '/images', '--body', '{"name": "from-api", "disk_format": "raw", "container_format": "bare"}')
    assert.equal(made.code, 0, made.stderr)
    const id = (JSON.parse(made.stdout) as {id: string; name: string}).id
    const file = join(w.dir, 'tags.json')
    writeFileSync(file, '[{"op": "add", "path": "/min_ram", "value": 64}]')
    const patched = await run('api', 'image', 'PATCH', `/images/${id}`, '--body', `@${file}`, '--header', 'Content-Type: application/openstack-images-v2.1-json-patch')
    assert.equal(patched.code, 0, patched.stderr)
    assert.equal((JSON.parse(patched.stdout) as {min_ram: number}).min_ram, 64)
    const gone = await run('api', 'image', 'DELETE', `/images/${id}`)
    assert.deepEqual([gone.code, gone.stdout, gone.stderr], [0, '', ''])
  })

  it('a non-2xx answer is printed as the other commands print it (exit 1)', async () => {
    const r = await run('api', 'compute', '/servers/nope')
    assert.equal(r.code, 1)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^InstanceOne \(compute\): Instance nope could not be found\. \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)\n$/)
  })

  it('bad input is a usage error (exit 2): bad JSON, an unreadable file, a bad method or header, the token header', async () => {
    const cases: [string[], RegExp][] = [
      [['api', 'compute', 'POST', '/servers', '--body', '{bad'], /^--body is not valid JSON: '\{bad'/],
      [['api', 'compute', 'POST', '/servers', '--body', `@${join(w.dir, 'missing.json')}`], /^Cannot read the --body file .*missing\.json: no such file\.\n$/],
      [['api', 'compute', 'FETCH', '/servers'], /^Unknown HTTP method 'FETCH': use one of GET, HEAD, POST, PUT, PATCH, DELETE\.\n$/],
      [['api', 'compute', '/servers', '--header', 'no-colon'], /^Bad --header 'no-colon': expected NAME:VALUE/],
      [['api', 'compute', '/servers', '--header', 'X-Auth-Token: stolen'], /^--header X-Auth-Token cannot be set/],
      [['api', 'compute'], /Missing 1 required arg/],
    ]
    for (const [args, message] of cases) {
      const r = await run(...args)
      assert.equal(r.code, 2, args.join(' '))
      assert.match(r.stderr, message, args.join(' '))
    }

    assert.equal(w.sim.requests.filter((req) => req.method === 'POST' && req.path === '/compute/v2.1/servers').length, 0)
  })

  it('an absolute URL outside the instance\'s catalog never gets the token', async () => {
    const other = w.sim.instance('InstanceTwo').baseUrl
    const before = w.sim.requests.length
    const r = await run('api', 'image', 'GET', `${other}/image/v2/images`)
    assert.equal(r.code, 2)
    assert.match(r.stderr, new RegExp(`^Refusing to send the token of InstanceOne to ${other.replaceAll('.', '\\.')}`))
    assert.equal(w.sim.requests.slice(before).filter((req) => req.instance === 'InstanceTwo').length, 0)
    const own = await run('api', 'image', 'GET', `${w.sim.instance('InstanceOne').baseUrl}/image/v2/images/${ONE}`)
    assert.equal((JSON.parse(own.stdout) as {id: string}).id, ONE)
  })

  it('a POST is not retried after a 503; a GET is', async () => {
    const one = w.sim.instance('InstanceOne')
    one.fault({service: 'image', method: 'POST', status: 503, count: 1})
    const post = await run('api', 'image', 'POST', '/images', '--body', '{"name": "once"}')
    assert.equal(post.code, 1)
    assert.equal(w.sim.requests.filter((req) => req.method === 'POST' && req.path === '/image/v2/images' && req.status === 503).length, 1)
    one.fault({service: 'image', method: 'GET', status: 503, count: 1})
    const get = await run('api', 'image', `/images/${ONE}`)
    assert.equal(get.code, 0, get.stderr)
  })
})
