import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

const CIRROS = 'cccccccc-0000-4000-8000-00000000000c'
const BIG = 'dddddddd-0000-4000-8000-00000000000d'
const SCOPE = '{"compute": "InstanceOne", "image": "InstanceTwo"}'

/** The headline: boot in InstanceOne from an image that lives in InstanceTwo, against unmodified clouds. */
describe('e2e: server create across instances', function () {
  this.timeout(120_000)
  let w: World

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', images: [], compute: {buildPolls: 1}},
        {
          name: 'InstanceTwo',
          compute: {buildPolls: 1},
          images: [
            {id: CIRROS, name: 'cirros', data: 256 * 1024, disk_format: 'qcow2', visibility: 'public', properties: {os_distro: 'cirros'}, min_ram: 64},
            {id: BIG, name: 'big', data: 64 * 1024 * 1024, visibility: 'public'},
          ],
        },
      ],
    })
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })
  afterEach(() => {
    for (const instance of w.sim.instances) instance.clearFaults()
  })

  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const copiesInOne = () => w.sim.instance('InstanceOne').images().filter((image) => image.name === 'cirros')
  const putsInOne = () => w.sim.requests.filter((r) => r.instance === 'InstanceOne' && r.method === 'PUT' && r.path.endsWith('/file')).length

  it('a bad flavor fails before anything is created or copied (exit 1, OSC wording)', async () => {
    const r = await run('server', 'create', 'vm0', '--flavor', 'm1.nope', '--image', 'cirros', '--no-network', '--scope', SCOPE)
    assert.equal(r.code, 1)
    assert.equal(r.stderr, "No flavor with a name or ID of 'm1.nope' exists.\n")
    assert.equal(copiesInOne().length, 0)
    assert.equal(w.sim.instance('InstanceOne').serverCreates().length, 0)
  })

  it('a network scoped to another instance than compute is a usage error that says why', async () => {
    const r = await run('server', 'create', 'vm0', '--flavor', 'm1.tiny', '--image', 'cirros', '--network', 'private', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo", "network": "InstanceTwo"}')
    assert.equal(r.code, 2)
    assert.match(r.stderr, /Nova plugs only ports of its own Neutron/)
    assert.equal(copiesInOne().length, 0)
  })

  let copyId = ''
  it('copies the image into InstanceOne\'s Glance, boots from the copy, --wait until ACTIVE', async () => {
    w.sim.clearRequests()
    const r = await run('server', 'create', 'vm1', '--flavor', 'm1.tiny', '--image', 'cirros', '--network', 'private', '--scope', SCOPE, '--wait', '-f', 'json')
    assert.equal(r.code, 0, r.stderr)
    const server = JSON.parse(r.stdout)
    assert.equal(server.status, 'ACTIVE')
    assert.equal(server.name, 'vm1')
    const copies = copiesInOne()
    assert.equal(copies.length, 1)
    copyId = copies[0].id
    assert.equal(server.image, `cirros (${copyId})`)
    assert.equal(server.image_origin, `InstanceTwo: cirros (${CIRROS}), copied`)
    assert.match(server.addresses.private[0], /^10\.0\.0\.\d+$/)
    // One POST /servers, in InstanceOne only; the image uploaded once, with its properties and provenance.
    const creates = w.sim.instance('InstanceOne').serverCreates()
    assert.equal(creates.length, 1)
    assert.equal((creates[0].body as {server: {imageRef: string}}).server.imageRef, copyId)
    assert.equal(w.sim.instance('InstanceTwo').serverCreates().length, 0)
    assert.equal(putsInOne(), 1)
    const copy = copies[0] as unknown as Record<string, unknown>
    assert.equal(JSON.stringify(copy).includes('"os_distro":"cirros"') || (copy.properties as Record<string, string> | undefined)?.os_distro === 'cirros', true)
  })

  it('a second boot reuses the verified copy: no second upload', async () => {
    w.sim.clearRequests()
    const r = await run('server', 'create', 'vm2', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--scope', SCOPE, '--wait', '-f', 'value', '-c', 'image_origin', '-c', 'status')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, `InstanceTwo: cirros (${CIRROS}), copy reused\nACTIVE\n`)
    assert.equal(putsInOne(), 0)
    assert.equal(copiesInOne().length, 1)
  })

  it('server show, server list (also across both instances with &)', async () => {
    const show = await run('server', 'show', 'vm1', '-f', 'value', '-c', 'status', '-c', 'image')
    assert.equal(show.stdout, `cirros (${copyId})\nACTIVE\n`)
    const list = await run('server', 'list', '-f', 'value', '-c', 'Name', '-c', 'Status', '--sort-column', 'Name')
    assert.equal(list.stdout, 'vm1 ACTIVE\nvm2 ACTIVE\n')
    await w.run(['--os-cloud', 'InstanceTwo', 'server', 'create', 'vm3', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--wait'])
    const both = await run('server', 'list', '--scope', '{"compute": "InstanceOne & InstanceTwo"}', '-f', 'value', '-c', 'Instance', '-c', 'Name', '--sort-column', 'Name')
    assert.equal(both.stdout, 'InstanceOne vm1\nInstanceOne vm2\nInstanceTwo vm3\n')
  })

  it('ERROR stops --wait at once with Nova\'s fault message (exit 1)', async () => {
    w.sim.instance('InstanceOne').failNextBoot()
    const r = await run('server', 'create', 'vm-bad', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--scope', SCOPE, '--wait')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^Error creating server: vm-bad: No valid host was found\. \(server [0-9a-f-]{36} in InstanceOne is ERROR, fault code 500\)\.\n/)
  })

  it('--wait-timeout gives up with a clear message (exit 1)', async () => {
    // Nova's server GETs made slow: the build cannot be seen ACTIVE within a second.
    w.sim.instance('InstanceTwo').fault({service: 'compute', method: 'GET', pathPrefix: '/compute/v2.1/servers/', latencyMs: 1500})
    const slow = await w.run(['--os-cloud', 'InstanceTwo', 'server', 'create', 'vm-slow2', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--wait', '--wait-timeout', '1'])
    assert.equal(slow.code, 1)
    assert.match(slow.stderr, /^Timed out after 1 s waiting for server vm-slow2 \([0-9a-f-]{36}\) in InstanceTwo to become ACTIVE; it is BUILD\./)
  })

  it('& on compute boots one server in each instance, copying where needed', async () => {
    const r = await run('server', 'create', 'ci-worker', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--scope', '{"compute": "InstanceOne & InstanceTwo", "image": "InstanceTwo"}', '--wait', '-f', 'json', '-c', 'Instance', '-c', 'status', '-c', 'image_origin')
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), [
      {Instance: 'InstanceOne', status: 'ACTIVE', image_origin: `InstanceTwo: cirros (${CIRROS}), copy reused`},
      {Instance: 'InstanceTwo', status: 'ACTIVE', image_origin: null},
    ])
  })

  it('a copy cut off by the network leaves no image behind in either instance', async () => {
    w.sim.instance('InstanceOne').fault({service: 'image', method: 'PUT', drop: true})
    const before = w.sim.instance('InstanceTwo').images().length
    const r = await run('server', 'create', 'vm-big', '--flavor', 'm1.tiny', '--image', 'big', '--no-network', '--scope', SCOPE)
    assert.equal(r.code, 1)
    assert.equal(w.sim.instance('InstanceOne').images().filter((image) => image.name === 'big').length, 0)
    assert.equal(w.sim.instance('InstanceTwo').images().length, before)
    assert.equal(w.sim.instance('InstanceOne').serverCreates().filter((c) => JSON.stringify(c.body).includes('vm-big')).length, 0)
  })

  it('Ctrl-C during the copy deletes the half-made copy and exits 130', async () => {
    // Slow the download so that the signal lands mid-copy.
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${BIG}/file`, latencyMs: 1500})
    const downloads = () => w.sim.requests.filter((r) => r.instance === 'InstanceTwo' && r.method === 'GET' && r.path.endsWith(`/images/${BIG}/file`)).length
    const before = downloads()
    const interrupted = await w.run(['--os-cloud', 'InstanceOne', 'server', 'create', 'vm-int2', '--flavor', 'm1.tiny', '--image', 'big', '--no-network', '--scope', SCOPE], {}, (child) => {
      // The signal lands once the copy is under way (its download held by the fault), however slow the machine.
      const timer = setInterval(() => {
        if (downloads() === before) return
        clearInterval(timer)
        setTimeout(() => child.kill('SIGINT'), 200)
      }, 50)
      child.once('exit', () => clearInterval(timer))
    })
    assert.equal(interrupted.code, 130)
    assert.match(interrupted.stderr, /Interrupted by SIGINT: the half-made copy of big in InstanceOne was deleted\./)
    assert.equal(w.sim.instance('InstanceOne').images().filter((image) => image.name === 'big').length, 0, 'a half-made copy was left behind')
  })

  it('server delete of several, --wait', async () => {
    const r = await run('server', 'delete', 'vm1', 'vm2', '--wait')
    assert.equal(r.code, 0, r.stderr)
    assert.equal((await run('server', 'list', '-f', 'value', '-c', 'Name', '--name', '^vm[12]$')).stdout, '')
    const missing = await run('server', 'delete', 'nope')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, "Failed to delete server with name or ID 'nope': No server with a name or ID of 'nope' exists.\n1 of 1 servers failed to delete.\n")
  })

  it('server delete under & deletes in every instance that has the server, and says where; | deletes in the first that has it', async () => {
    const both = '{"compute": "InstanceOne & InstanceTwo", "image": "InstanceTwo"}'
    const created = await run('server', 'create', 'both-vm', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--scope', both, '--wait', '-f', 'value', '-c', 'id')
    assert.equal(created.code, 0, created.stderr)
    const gone = await run('server', 'delete', 'both-vm', '--wait', '--scope', both)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stderr, 'Deleted server both-vm in InstanceOne, InstanceTwo.\n')
    const listed = await run('server', 'list', '-f', 'value', '-c', 'Name', '--name', '^both-vm$', '--scope', both)
    assert.equal(listed.stdout, '')

    const alone = await w.run(['--os-cloud', 'InstanceTwo', 'server', 'create', 'two-only', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '--wait', '-f', 'value', '-c', 'id'])
    assert.equal(alone.code, 0, alone.stderr)
    const one = await run('server', 'delete', 'two-only', '--scope', both)
    assert.equal(one.code, 0, one.stderr)
    assert.equal(one.stderr, 'Deleted server two-only in InstanceTwo.\nNot found in InstanceOne (compute).\n')

    const nowhere = await run('server', 'delete', 'nowhere-vm', '--scope', '{"compute": "InstanceOne | InstanceTwo"}')
    assert.equal(nowhere.code, 1)
    assert.match(nowhere.stderr, /^Failed to delete server with name or ID 'nowhere-vm': No instance of "InstanceOne \| InstanceTwo" could serve compute\. InstanceOne: No server with a name or ID of 'nowhere-vm' exists\. InstanceTwo: No server with a name or ID of 'nowhere-vm' exists\.\n1 of 1 servers failed to delete\.\n$/)
  })
})
