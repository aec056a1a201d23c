import assert from 'node:assert/strict'
import {CIRROS_NAME, startSim, type Sim, type SimInstance} from '../../sim/index.js'
import {call, login, type CallInit, type Reply} from './helpers.js'

describe('sim: nova', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let cirros: string
  let privateNet: string
  let sharedNet: string

  const url = (inst: SimInstance, path: string) => `${inst.baseUrl}/compute/v2.1${path}`
  const nova = (path: string, init: CallInit & {mv?: string} = {}): Promise<Reply> => {
    const headers = {...(init.headers ?? {})}
    if (init.mv) headers['OpenStack-API-Version'] = `compute ${init.mv}`
    return call(url(one, path), {...init, headers})
  }
  const boot = (server: Record<string, unknown>, init: CallInit & {mv?: string} = {}, extra: Record<string, unknown> = {}) =>
    nova('/servers', {method: 'POST', token: admin, ...init, body: {server: {name: 'vm', flavorRef: '1', imageRef: cirros, networks: [{uuid: privateNet}], ...server}, ...extra}})
  /** GETs the server until it leaves BUILD (at most 10 times). */
  const settle = async (id: string, token = admin, mv?: string): Promise<Reply> => {
    let r: Reply
    let n = 0
    do r = await nova(`/servers/${id}`, {token, mv})
    while (r.json?.server?.status === 'BUILD' && ++n < 10)
    return r
  }

  before(async () => {
    sim = await startSim({instances: [{name: 'InstanceOne', compute: {maxInstances: 100}}, {name: 'InstanceTwo', compute: {maxMicroversion: '2.60', buildPolls: 0}}]})
    one = sim.instance('InstanceOne')
    admin = await login(one)
    demo = await login(one, 'demo')
    cirros = one.images().find((i) => i.name === CIRROS_NAME)!.id
    const nets = await call(`http://127.0.0.1:${one.ports.network}/v2.0/networks`, {token: admin})
    privateNet = nets.json.networks.find((n: {name: string}) => n.name === 'private').id
    sharedNet = nets.json.networks.find((n: {name: string}) => n.name === 'shared').id
  })
  after(async () => {
    await sim.stop()
  })

  describe('versions and microversions', () => {
    it('lists versions at /compute and shows v2.1 without auth', async () => {
      const r = await call(`${one.baseUrl}/compute/`)
      assert.equal(r.status, 200)
      const [v20, v21] = r.json.versions
      assert.deepEqual([v20.id, v20.status, v20.version, v20.min_version], ['v2.0', 'SUPPORTED', '', ''])
      assert.deepEqual([v21.id, v21.status, v21.version, v21.min_version], ['v2.1', 'CURRENT', '2.96', '2.1'])
      assert.equal(v21.links[0].href, `${one.baseUrl}/compute/v2.1/`)
      for (const p of ['/compute/v2.1', '/compute/v2.1/']) {
        const d = await call(`${one.baseUrl}${p}`)
        assert.equal(d.status, 200)
        assert.equal(d.json.version.id, 'v2.1')
        assert.equal(d.json.version.version, '2.96')
        assert.equal(d.json.version.links[0].rel, 'self')
      }
      const two = await call(`${sim.instance('InstanceTwo').baseUrl}/compute/v2.1`)
      assert.equal(two.json.version.version, '2.60')
    })

    it('defaults to 2.1, echoes the version, honours both headers and latest', async () => {
      const d = await nova('/flavors', {token: admin})
      assert.equal(d.headers.get('openstack-api-version'), 'compute 2.1')
      assert.equal(d.headers.get('x-openstack-nova-api-version'), '2.1')
      assert.equal(d.headers.get('vary'), 'OpenStack-API-Version, X-OpenStack-Nova-API-Version')
      assert.ok(d.headers.get('x-compute-request-id'))
      assert.ok(d.headers.get('x-openstack-request-id'))
      const m = await nova('/flavors', {token: admin, mv: '2.47'})
      assert.equal(m.headers.get('openstack-api-version'), 'compute 2.47')
      const legacy = await nova('/flavors', {token: admin, headers: {'X-OpenStack-Nova-API-Version': '2.30'}})
      assert.equal(legacy.headers.get('x-openstack-nova-api-version'), '2.30')
      const latest = await nova('/flavors', {token: admin, mv: 'latest'})
      assert.equal(latest.headers.get('openstack-api-version'), 'compute 2.96')
    })

    it('406s a microversion out of range, per instance maximum', async () => {
      const r = await nova('/flavors', {token: admin, mv: '2.97'})
      assert.equal(r.status, 406)
      assert.equal(r.json.computeFault.code, 406)
      assert.match(r.json.computeFault.message, /Version 2\.97 is not supported by the API\. Minimum is 2\.1 and maximum is 2\.96\./)
      const two = sim.instance('InstanceTwo')
      const tok = await login(two)
      const t = await call(url(two, '/flavors'), {token: tok, headers: {'OpenStack-API-Version': 'compute 2.61'}})
      assert.equal(t.status, 406)
      const bad = await nova('/flavors', {token: admin, mv: 'two'})
      assert.equal(bad.status, 400)
      assert.ok(bad.json.badRequest)
    })

    it('401s without a token, or with a token of another instance', async () => {
      const r = await nova('/servers')
      assert.equal(r.status, 401)
      assert.deepEqual(r.json, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}})
      const other = await login(sim.instance('InstanceTwo'))
      assert.equal((await nova('/servers', {token: other})).status, 401)
    })
  })

  describe('flavors', () => {
    it('lists devstack flavors sorted by id, with links', async () => {
      const r = await nova('/flavors', {token: demo})
      assert.equal(r.status, 200)
      const ids = r.json.flavors.map((f: {id: string}) => f.id)
      assert.deepEqual(ids.slice(0, 6), ['1', '2', '3', '4', '42', '5'])
      assert.deepEqual(Object.keys(r.json.flavors[0]).sort(), ['id', 'links', 'name'])
      assert.equal(r.json.flavors[0].links[0].href, `${one.baseUrl}/compute/v2.1/flavors/1`)
      assert.equal(r.json.flavors[0].links[1].href, `${one.baseUrl}/compute/flavors/1`)
    })

    it('shows detail fields per microversion (swap, description, extra_specs)', async () => {
      const old = await nova('/flavors/1', {token: demo})
      const f = old.json.flavor
      assert.deepEqual([f.name, f.ram, f.disk, f.vcpus, f.swap], ['m1.tiny', 512, 1, 1, ''])
      assert.equal(f['OS-FLV-EXT-DATA:ephemeral'], 0)
      assert.equal(f['OS-FLV-DISABLED:disabled'], false)
      assert.equal(f['os-flavor-access:is_public'], true)
      assert.equal(f.rxtx_factor, 1.0)
      assert.ok(!('description' in f) && !('extra_specs' in f))
      const mid = await nova('/flavors/42', {token: demo, mv: '2.55'})
      assert.equal(mid.json.flavor.description, null)
      assert.equal(mid.json.flavor.swap, '')
      const neu = await nova('/flavors/detail', {token: demo, mv: '2.75'})
      const nano = neu.json.flavors.find((x: {id: string}) => x.id === '42')
      assert.deepEqual([nano.name, nano.ram, nano.disk, nano.swap], ['m1.nano', 128, 1, 0])
      assert.deepEqual(nano.extra_specs, {})
    })

    it('filters is_public (the literal None = all, for admins)', async () => {
      const pub = await nova('/flavors/detail', {token: admin})
      assert.ok(!pub.json.flavors.some((f: {id: string}) => f.id === 'p1'))
      const all = await nova('/flavors/detail?is_public=None', {token: admin})
      assert.ok(all.json.flavors.some((f: {id: string}) => f.id === 'p1'))
      const priv = await nova('/flavors/detail?is_public=false', {token: admin})
      assert.deepEqual(priv.json.flavors.map((f: {id: string}) => f.id), ['p1'])
      const demoAll = await nova('/flavors/detail?is_public=None', {token: demo})
      assert.ok(!demoAll.json.flavors.some((f: {id: string}) => f.id === 'p1'))
      assert.equal((await nova('/flavors?is_public=maybe', {token: admin})).status, 400)
    })

    it('404s an unknown flavor with itemNotFound', async () => {
      const r = await nova('/flavors/m1.tiny', {token: demo})
      assert.equal(r.status, 404)
      assert.deepEqual(r.json, {itemNotFound: {code: 404, message: 'Flavor m1.tiny could not be found.'}})
    })
  })

  describe('servers', () => {
    it('creates with a minimal 202 body and Location, records the POST', async () => {
      const before = one.serverCreates().length
      const r = await boot({name: 'minimal'})
      assert.equal(r.status, 202)
      const s = r.json.server
      assert.deepEqual(Object.keys(s).sort(), ['OS-DCF:diskConfig', 'adminPass', 'id', 'links', 'security_groups'])
      assert.equal(s['OS-DCF:diskConfig'], 'MANUAL')
      assert.deepEqual(s.security_groups, [{name: 'default'}])
      assert.equal(r.headers.get('location'), `${one.baseUrl}/compute/v2.1/servers/${s.id}`)
      const recs = one.serverCreates().slice(before)
      assert.equal(recs.length, 1)
      assert.deepEqual(recs[0].serverIds, [s.id])
      assert.equal(recs[0].status, 202)
      assert.equal((recs[0].body as {server: {name: string}}).server.name, 'minimal')
    })

    it('goes BUILD → ACTIVE after buildPolls GETs, with addresses from its port', async () => {
      const id = (await boot({name: 'lifecycle'})).json.server.id
      for (let i = 0; i < 2; i++) {
        const b = (await nova(`/servers/${id}`, {token: admin})).json.server
        assert.equal(b.status, 'BUILD')
        assert.equal(b['OS-EXT-STS:vm_state'], 'building')
        assert.equal(b['OS-EXT-STS:task_state'], 'scheduling')
        assert.equal(b['OS-EXT-STS:power_state'], 0)
        assert.equal(b.hostId, '')
        assert.deepEqual(b.addresses, {})
        assert.equal(b['OS-EXT-SRV-ATTR:host'], null)
      }
      const a = (await nova(`/servers/${id}`, {token: admin})).json.server
      assert.equal(a.status, 'ACTIVE')
      assert.equal(a['OS-EXT-STS:vm_state'], 'active')
      assert.equal(a['OS-EXT-STS:task_state'], null)
      assert.equal(a['OS-EXT-STS:power_state'], 1)
      assert.match(a.hostId, /^[0-9a-f]{56}$/)
      assert.equal(a['OS-EXT-AZ:availability_zone'], 'nova')
      assert.equal(a['OS-EXT-SRV-ATTR:host'], 'compute')
      assert.match(a['OS-SRV-USG:launched_at'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/)
      assert.match(a.created, /Z$/)
      const addr = a.addresses.private[0]
      assert.match(addr.addr, /^10\.0\.0\.\d+$/)
      assert.equal(addr.version, 4)
      assert.equal(addr['OS-EXT-IPS:type'], 'fixed')
      assert.match(addr['OS-EXT-IPS-MAC:mac_addr'], /^fa:16:3e/)
      assert.deepEqual(a.security_groups, [{name: 'default'}])
      assert.deepEqual(a.image, {id: cirros, links: [{rel: 'bookmark', href: `${one.baseUrl}/compute/images/${cirros}`}]})
      assert.deepEqual(a.flavor, {id: '1', links: [{rel: 'bookmark', href: `${one.baseUrl}/compute/flavors/1`}]})
      assert.equal(a.tenant_id, one.projectId('admin'))
      assert.equal(a.user_id, one.userId('admin'))
      assert.deepEqual(a['os-extended-volumes:volumes_attached'], [])
      assert.ok(!('description' in a) && !('locked' in a) && !('tags' in a))
      const ports = await call(`http://127.0.0.1:${one.ports.network}/v2.0/ports?device_id=${id}`, {token: admin})
      assert.equal(ports.json.ports.length, 1)
      assert.equal(ports.json.ports[0].device_owner, 'compute:nova')
      assert.equal(ports.json.ports[0].network_id, privateNet)
    })

    it('shows server fields per microversion (2.47 flavor, 2.19/2.9/2.26/2.63)', async () => {
      const id = (await boot({name: 'mv', description: 'd', tags: ['a']}, {mv: '2.79'})).json.server.id
      const s = (await settle(id, admin, '2.79')).json.server
      assert.deepEqual(s.flavor, {vcpus: 1, ram: 512, disk: 1, ephemeral: 0, swap: 0, original_name: 'm1.tiny', extra_specs: {}})
      assert.equal(s.description, 'd')
      assert.equal(s.locked, false)
      assert.deepEqual(s.tags, ['a'])
      assert.equal(s.trusted_image_certificates, null)
      const d = await nova('/servers', {method: 'POST', token: admin, mv: '2.18', body: {server: {name: 'x', flavorRef: '1', imageRef: cirros, description: 'no'}}})
      assert.equal(d.status, 400)
      assert.match(d.json.badRequest.message, /Additional properties are not allowed \('description' was unexpected\)/)
    })

    it('validates like Nova (400 badRequest)', async () => {
      const cases: [Record<string, unknown>, RegExp, string?][] = [
        [{name: undefined}, /'name' is a required property/],
        [{flavorRef: '999'}, /^Flavor 999 could not be found\.$/],
        [{imageRef: '11111111-2222-3333-4444-555555555555'}, /^Image 11111111-2222-3333-4444-555555555555 could not be found\.$/],
        [{imageRef: 'cirros'}, /is not a 'uuid'/],
        [{networks: [{uuid: '11111111-2222-3333-4444-555555555555'}]}, /^Network 11111111-2222-3333-4444-555555555555 could not be found\.$/],
        [{key_name: 'nokey'}, /^Invalid key_name provided\.$/],
        [{security_groups: [{name: 'nosuch'}]}, /Security group nosuch not found/],
        [{user_data: 'not base64!'}, /is not a 'base64'/],
        [{availability_zone: 'mars'}, /^The requested availability zone is not available$/],
        [{'OS-SCH-HNT:scheduler_hints': {group: 'x'}}, /Additional properties are not allowed \('OS-SCH-HNT:scheduler_hints' was unexpected\)/],
        [{min_count: 3, max_count: 2}, /min_count must be <= max_count/],
        [{networks: undefined}, /'networks' is a required property/, '2.37'],
        [{networks: 'auto'}, /is not of type 'array'/, '2.36'],
        [{networks: 'everything'}, /is not valid under any of the given schemas/, '2.37'],
      ]
      for (const [patch, re, mv] of cases) {
        const r = await boot(patch, {mv})
        assert.equal(r.status, 400, `${JSON.stringify(patch)} → ${r.status} ${r.text}`)
        assert.equal(r.json.badRequest.code, 400)
        assert.match(r.json.badRequest.message, re, JSON.stringify(patch))
      }
      const ubuntu = one.images().find((i) => i.name === 'ubuntu-22.04-minimal')!.id
      const small = await boot({imageRef: ubuntu})
      assert.match(small.json.badRequest.message, /Flavor's (memory|disk) is too small for requested image/)
    })

    it('400s an image that is not active, and one the project cannot see', async () => {
      const img = one.addImage({name: 'deact', data: 1024, disk_format: 'raw'})
      img.status = 'deactivated'
      const r = await boot({imageRef: img.id})
      assert.equal(r.status, 400)
      assert.equal(r.json.badRequest.message, `Image ${img.id} is not active.`)
      const priv = one.images().find((i) => i.name === 'demo-private-snapshot')!.id
      const other = await boot({imageRef: priv, networks: [{uuid: sharedNet}]}, {token: await login(one, 'alt_demo')})
      assert.equal(other.json.badRequest.message, `Image ${priv} could not be found.`)
    })

    it('keeps OS-SCH-HNT:scheduler_hints as a sibling of server', async () => {
      const r = await boot({name: 'hinted'}, {}, {'OS-SCH-HNT:scheduler_hints': {group: 'abc'}})
      assert.equal(r.status, 202)
    })

    it('names min/max_count servers name-1, name-2 and can return a reservation id', async () => {
      const r = await boot({name: 'multi', min_count: 2, max_count: 2, return_reservation_id: true})
      assert.equal(r.status, 202)
      assert.match(r.json.reservation_id, /^r-[0-9a-z]{8}$/)
      const l = await nova('/servers?name=^multi-', {token: admin})
      assert.deepEqual(l.json.servers.map((s: {name: string}) => s.name).sort(), ['multi-1', 'multi-2'])
    })

    it('boots with networks auto (project or shared network) and none (no port, no security_groups)', async () => {
      const auto = await boot({name: 'auto-demo', networks: 'auto'}, {token: demo, mv: '2.37'})
      assert.equal(auto.status, 202)
      const a = (await settle(auto.json.server.id, demo)).json.server
      assert.ok(a.addresses.shared[0].addr.startsWith('192.168.233.'))
      const none = await boot({name: 'none', networks: 'none'}, {mv: '2.37'})
      const n = (await settle(none.json.server.id)).json.server
      assert.equal(n.status, 'ACTIVE')
      assert.deepEqual(n.addresses, {})
      assert.ok(!('security_groups' in n))
      const ports = await call(`http://127.0.0.1:${one.ports.network}/v2.0/ports?device_id=${n.id}`, {token: admin})
      assert.deepEqual(ports.json.ports, [])
    })

    it('failNextBoot() makes the next boot ERROR with No valid host', async () => {
      one.failNextBoot()
      const id = (await boot({name: 'doomed'})).json.server.id
      const s = (await settle(id)).json.server
      assert.equal(s.status, 'ERROR')
      assert.equal(s['OS-EXT-STS:vm_state'], 'error')
      assert.equal(s.fault.code, 500)
      assert.equal(s.fault.message, 'No valid host was found. ')
      assert.match(s.fault.created, /Z$/)
      assert.equal(s.hostId, '')
      assert.deepEqual(s.addresses, {})
      assert.equal(s['OS-EXT-AZ:availability_zone'], '')
      assert.ok(!('security_groups' in s))
      const next = (await settle((await boot({name: 'fine'})).json.server.id)).json.server
      assert.equal(next.status, 'ACTIVE')
    })

    it('goes ERROR when the image disappears from Glance before the build', async () => {
      const img = one.addImage({name: 'ephemeral-img', data: 1024, disk_format: 'raw'})
      const id = (await boot({name: 'lost-image', imageRef: img.id})).json.server.id
      const del = await call(`${one.baseUrl}/image/v2/images/${img.id}`, {method: 'DELETE', token: admin})
      assert.equal(del.status, 204)
      const s = (await settle(id)).json.server
      assert.equal(s.status, 'ERROR')
      assert.equal(s.fault.message, `Image ${img.id} could not be found.`)
      const deact = one.addImage({name: 'to-deactivate', data: 1024, disk_format: 'raw'})
      const id2 = (await boot({name: 'deactivated-image', imageRef: deact.id})).json.server.id
      deact.status = 'deactivated'
      const s2 = (await settle(id2)).json.server
      assert.equal(s2.status, 'ERROR')
      assert.equal(s2.fault.message, `Image ${deact.id} could not be found.`)
    })

    it('lists only the project\'s servers; all_tenants is for admins; name is a regex', async () => {
      const mine = await boot({name: 'demo-box', networks: [{uuid: sharedNet}]}, {token: demo})
      assert.equal(mine.status, 202)
      const dl = await nova('/servers/detail', {token: demo})
      assert.ok(dl.json.servers.every((s: {tenant_id: string}) => s.tenant_id === one.projectId('demo')))
      const forbidden = await nova('/servers?all_tenants=1', {token: demo})
      assert.equal(forbidden.status, 403)
      assert.ok(forbidden.json.forbidden)
      const al = await nova('/servers?all_tenants=1', {token: admin})
      assert.ok(al.json.servers.some((s: {id: string}) => s.id === mine.json.server.id))
      const own = await nova('/servers', {token: admin})
      assert.ok(!own.json.servers.some((s: {id: string}) => s.id === mine.json.server.id))
      const byProject = await nova(`/servers/detail?all_tenants=True&project_id=${one.projectId('demo')}`, {token: admin})
      assert.ok(byProject.json.servers.length >= 1 && byProject.json.servers.every((s: {tenant_id: string}) => s.tenant_id === one.projectId('demo')))
      const regex = await nova('/servers?name=box', {token: demo})
      assert.deepEqual(regex.json.servers.map((s: {name: string}) => s.name), ['demo-box'])
      assert.deepEqual(Object.keys(regex.json.servers[0]).sort(), ['id', 'links', 'name'])
      const st = await nova('/servers/detail?status=ERROR', {token: admin})
      assert.ok(st.json.servers.length >= 1 && st.json.servers.every((s: {status: string}) => s.status === 'ERROR'))
      const fl = await nova('/servers?flavor=2', {token: admin})
      assert.deepEqual(fl.json.servers, [])
      const im = await nova(`/servers?image=${cirros}`, {token: admin})
      assert.ok(im.json.servers.length >= 1)
    })

    it('paginates with limit/marker and an absolute servers_links next', async () => {
      const p1 = await nova('/servers?limit=2', {token: admin})
      assert.equal(p1.json.servers.length, 2)
      const next = p1.json.servers_links[0]
      assert.equal(next.rel, 'next')
      assert.ok(next.href.startsWith(`${one.baseUrl}/compute/v2.1/servers?`))
      assert.ok(next.href.includes(`marker=${p1.json.servers[1].id}`))
      const p2 = await call(next.href, {token: admin})
      assert.ok(!p2.json.servers.some((s: {id: string}) => p1.json.servers.some((x: {id: string}) => x.id === s.id)))
      assert.equal((await nova('/servers?marker=nope', {token: admin})).status, 400)
    })

    it('deletes: 204, still shown (deleting) for deletePolls GETs, then 404 and ports gone', async () => {
      const id = (await boot({name: 'to-delete'})).json.server.id
      await settle(id)
      const d = await nova(`/servers/${id}`, {method: 'DELETE', token: admin})
      assert.equal(d.status, 204)
      const s = await nova(`/servers/${id}`, {token: admin})
      assert.equal(s.status, 200)
      assert.equal(s.json.server['OS-EXT-STS:task_state'], 'deleting')
      const gone = await nova(`/servers/${id}`, {token: admin})
      assert.equal(gone.status, 404)
      assert.deepEqual(gone.json, {itemNotFound: {code: 404, message: `Instance ${id} could not be found.`}})
      const ports = await call(`http://127.0.0.1:${one.ports.network}/v2.0/ports?device_id=${id}`, {token: admin})
      assert.deepEqual(ports.json.ports, [])
      assert.equal((await nova(`/servers/${id}`, {method: 'DELETE', token: admin})).status, 404)
    })

    it('does not show another project\'s server', async () => {
      const id = (await boot({name: 'admin-only'})).json.server.id
      assert.equal((await nova(`/servers/${id}`, {token: demo})).status, 404)
    })

    it('is ACTIVE at once with buildPolls 0 and embeds flavor dicts at 2.47+ up to its max', async () => {
      const two = sim.instance('InstanceTwo')
      const tok = await login(two)
      const img = two.images().find((i) => i.name === CIRROS_NAME)!.id
      const c = await call(url(two, '/servers'), {method: 'POST', token: tok, headers: {'OpenStack-API-Version': 'compute 2.60'}, body: {server: {name: 'quick', flavorRef: '42', imageRef: img, networks: 'auto'}}})
      assert.equal(c.status, 202)
      const s = await call(url(two, `/servers/${c.json.server.id}`), {token: tok, headers: {'OpenStack-API-Version': 'compute 2.60'}})
      assert.equal(s.json.server.status, 'ACTIVE')
      assert.equal(s.json.server.flavor.original_name, 'm1.nano')
      assert.equal(two.serverCreates().length, 1)
    })
  })

  describe('keypairs, zones, limits, security groups', () => {
    it('generates, imports, lists, shows and deletes keypairs', async () => {
      const g = await nova('/os-keypairs', {method: 'POST', token: demo, body: {keypair: {name: 'k1'}}})
      assert.equal(g.status, 200)
      assert.match(g.json.keypair.private_key, /BEGIN RSA PRIVATE KEY/)
      assert.match(g.json.keypair.public_key, /^ssh-rsa /)
      assert.match(g.json.keypair.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/)
      assert.equal(g.json.keypair.user_id, one.userId('demo'))
      const dup = await nova('/os-keypairs', {method: 'POST', token: demo, body: {keypair: {name: 'k1'}}})
      assert.equal(dup.status, 409)
      assert.equal(dup.json.conflictingRequest.message, "Key pair 'k1' already exists.")
      const imp = await nova('/os-keypairs', {method: 'POST', token: demo, mv: '2.2', body: {keypair: {name: 'k2', public_key: g.json.keypair.public_key}}})
      assert.equal(imp.status, 201)
      assert.equal(imp.json.keypair.type, 'ssh')
      assert.ok(!('private_key' in imp.json.keypair))
      const bad = await nova('/os-keypairs', {method: 'POST', token: demo, body: {keypair: {name: 'k3', public_key: 'nonsense'}}})
      assert.equal(bad.status, 400)
      const l = await nova('/os-keypairs', {token: demo})
      assert.deepEqual(l.json.keypairs.map((k: {keypair: {name: string}}) => k.keypair.name), ['k1', 'k2'])
      assert.deepEqual((await nova('/os-keypairs', {token: admin})).json.keypairs, [])
      const sh = await nova('/os-keypairs/k1', {token: demo})
      assert.equal(sh.json.keypair.fingerprint, g.json.keypair.fingerprint)
      const used = await boot({name: 'keyed', key_name: 'k1', networks: [{uuid: sharedNet}]}, {token: demo})
      assert.equal(used.status, 202)
      assert.equal((await nova('/os-keypairs/k2', {method: 'DELETE', token: demo})).status, 202)
      const nf = await nova('/os-keypairs/k2', {token: demo})
      assert.equal(nf.status, 404)
      assert.match(nf.json.itemNotFound.message, /^Keypair k2 not found for user /)
    })

    it('answers os-availability-zone, limits and the deprecated os-security-groups', async () => {
      const az = await nova('/os-availability-zone', {token: demo})
      assert.deepEqual(az.json.availabilityZoneInfo, [{zoneName: 'nova', zoneState: {available: true}, hosts: null}])
      const lim = await nova('/limits', {token: demo})
      assert.equal(typeof lim.json.limits.absolute.maxTotalInstances, 'number')
      assert.equal(typeof lim.json.limits.absolute.totalInstancesUsed, 'number')
      const sg = await nova('/os-security-groups', {token: demo})
      assert.deepEqual(sg.json.security_groups.map((g: {name: string}) => g.name), ['default'])
      assert.equal((await nova('/os-security-groups', {token: demo, mv: '2.36'})).status, 404)
    })

    it('uses security groups by name or id from Neutron', async () => {
      const tok = await login(one, 'alt_demo')
      const web = await call(`http://127.0.0.1:${one.ports.network}/v2.0/security-groups`, {method: 'POST', token: tok, body: {security_group: {name: 'web'}}})
      const r = await boot({name: 'sg', networks: [{uuid: sharedNet}], security_groups: [{name: web.json.security_group.id}]}, {token: tok})
      assert.equal(r.status, 202)
      const s = (await settle(r.json.server.id, tok)).json.server
      assert.deepEqual(s.security_groups, [{name: 'web'}])
    })
  })
})

describe('sim: nova quota', () => {
  it('403s forbidden when the instance quota is used up', async () => {
    const sim = await startSim({instances: [{name: 'Q', compute: {maxInstances: 1, buildPolls: 0}}]})
    try {
      const q = sim.instance('Q')
      const tok = await login(q)
      const img = q.images().find((i) => i.name === CIRROS_NAME)!.id
      const body = {server: {name: 'a', flavorRef: '1', imageRef: img}}
      assert.equal((await call(`${q.baseUrl}/compute/v2.1/servers`, {method: 'POST', token: tok, body})).status, 202)
      const r = await call(`${q.baseUrl}/compute/v2.1/servers`, {method: 'POST', token: tok, body})
      assert.equal(r.status, 403)
      assert.equal(r.json.forbidden.message, 'Quota exceeded for instances: Requested 1, but already used 1 of 1 instances')
      assert.equal(q.serverCreates().length, 2)
      assert.equal(q.serverCreates()[1].status, 403)
    } finally {
      await sim.stop()
    }
  })
})
