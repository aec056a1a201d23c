import {strict as assert} from 'node:assert'
import {mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type Run, type World} from './harness.js'

const IMAGE = 'eeeeeeee-0000-4000-8000-00000000000e'
const BIG = 'ffffffff-0000-4000-8000-00000000000f'
const CROSS = '{"compute": "InstanceOne", "image": "InstanceTwo"}'

/**
 * Copies and creates at CI scale (DESIGN §2 and §4): many clients that share nothing but the
 * clouds boot from the same remote image at once; clients die; replies get lost.
 */
describe('e2e: copies and creates at CI scale', function () {
  this.timeout(180_000)
  let w: World

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', images: [], compute: {buildPolls: 1}},
        {
          name: 'InstanceTwo',
          compute: {buildPolls: 1},
          images: [
            {id: IMAGE, name: 'ci-base', data: 2 * 1024 * 1024, disk_format: 'qcow2', visibility: 'public'},
            {id: BIG, name: 'ci-big', data: 16 * 1024 * 1024, disk_format: 'raw', visibility: 'public'},
          ],
        },
        {name: 'InstanceThree', images: []},
        // A Glance configured with another hashing_algorithm: copies into it are checked by md5.
        {name: 'InstanceFour', images: [], imageHashAlgorithm: 'sha256'},
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

  /** A client with a HOME (and token cache) of its own, as separate CI machines have. */
  let homes = 0
  const machine = (args: string[], env: Record<string, string> = {}, onSpawn?: Parameters<World['run']>[2]): Promise<Run> => {
    const home = join(w.dir, `machine-${homes++}`)
    mkdirSync(home, {recursive: true})
    return w.run(['--os-cloud', 'InstanceOne', ...args], {HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...env}, onSpawn)
  }

  /** SIGKILL once the copier is past its reservation and election: its download of `id` has begun (held by a fault). */
  const killWhenDownloading = (id: string): Parameters<World['run']>[2] => (child) => {
    const downloads = () => w.sim.requests.filter((r) => r.instance === 'InstanceTwo' && r.method === 'GET' && r.path.endsWith(`/images/${id}/file`)).length
    const before = downloads()
    const timer = setInterval(() => {
      if (downloads() === before) return
      clearInterval(timer)
      setTimeout(() => child.kill('SIGKILL'), 200)
    }, 50)
    child.once('exit', () => clearInterval(timer))
  }

  const imagesIn = (instance: string, name: string) => w.sim.instance(instance).images().filter((image) => image.name === name)
  const uploadsIn = (instance: string) => w.sim.requests.filter((r) => r.instance === instance && r.method === 'PUT' && r.path.endsWith('/file')).length

  it('six machines booting at once from the same remote image make one copy, and the name stays unambiguous', async () => {
    // Slow the source a little so that the boots overlap for real.
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${IMAGE}/file`, latencyMs: 300})
    const before = uploadsIn('InstanceOne')
    // The waiters lower their CPU priority (nice +10) for the copier: watched in /proc while they run.
    const nice = new Map<number, number>()
    const watchNice: Parameters<World['run']>[2] = (child) => {
      const timer = setInterval(() => {
        try {
          const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
          nice.set(child.pid!, Math.max(nice.get(child.pid!) ?? 0, Number(fields[16])))
        } catch {
          // Gone already.
        }
      }, 25)
      child.once('exit', () => clearInterval(timer))
    }
    const runs = await Promise.all(
      Array.from({length: 6}, async (_, i) => machine(['server', 'create', `ci-worker-${i}`, '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--scope', CROSS, '--wait', '-f', 'json', '-c', 'status', '-c', 'image_origin'], {}, watchNice)),
    )
    for (const run of runs) assert.equal(run.code, 0, run.stderr)
    const origins = runs.map((run) => (JSON.parse(run.stdout) as {image_origin: string}).image_origin)
    assert.equal(origins.filter((origin) => origin.endsWith(', copied')).length, 1, origins.join('\n'))
    assert.equal(origins.filter((origin) => origin.endsWith(', copy reused')).length, 5, origins.join('\n'))
    assert.deepEqual([...nice.values()].sort((a, b) => a - b), [0, 10, 10, 10, 10, 10], 'the copier keeps its priority, the five waiters lower theirs')
    assert.equal(uploadsIn('InstanceOne') - before, 1, 'the image bytes were sent more than once')
    const copies = imagesIn('InstanceOne', 'ci-base')
    assert.equal(copies.length, 1, 'more than one copy (or a half-made one) is left')
    assert.equal(copies[0].status, 'active')
    assert.equal(copies[0].os_hidden, false)
    // A later boot by name in InstanceOne alone finds exactly one image.
    const local = await machine(['server', 'create', 'local-vm', '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--wait', '-f', 'value', '-c', 'status'])
    assert.equal(local.code, 0, local.stderr)
    assert.equal(local.stdout, 'ACTIVE\n')
  })

  it('a copier killed with SIGKILL leaves a reservation that the next copier reclaims once its lease lapses', async () => {
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${BIG}/file`, latencyMs: 4000, count: 1})
    const killed = await machine(['image', 'copy', 'ci-big', '--to', 'InstanceThree', '--scope', '{"image": "InstanceTwo"}'], {OPENSTACKOID_COPY_LEASE: '1'}, killWhenDownloading(BIG))
    assert.equal(killed.code, -1)
    const left = w.sim.instance('InstanceThree').images().filter((image) => image.name === 'ci-big')
    assert.equal(left.length, 1, 'the killed copier had made its reservation')
    assert.equal(left[0].os_hidden, true, 'a half-made copy is hidden')
    // Meanwhile the half-made copy is never a match for the name.
    const show = await machine(['image', 'show', 'ci-big', '--scope', '{"image": "InstanceThree"}'])
    assert.equal(show.code, 1)
    assert.equal(show.stderr, 'No Image found for ci-big\n')

    const next = await machine(['image', 'copy', 'ci-big', '--to', 'InstanceThree', '--scope', '{"image": "InstanceTwo"}', '-f', 'value', '-c', 'status'])
    assert.equal(next.code, 0, next.stderr)
    assert.equal(next.stdout, 'active\n')
    const after = imagesIn('InstanceThree', 'ci-big')
    assert.equal(after.length, 1, 'the dead reservation was not reclaimed')
    assert.notEqual(after[0].id, left[0].id)
  })

  it('image copy --prune lists (--dry-run) and deletes dead copies', async () => {
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${IMAGE}/file`, latencyMs: 4000, count: 1})
    const killed = await machine(['image', 'copy', 'ci-base', '--to', 'InstanceThree', '--scope', '{"image": "InstanceTwo"}'], {OPENSTACKOID_COPY_LEASE: '1'}, killWhenDownloading(IMAGE))
    assert.equal(killed.code, -1)
    const [dead] = imagesIn('InstanceThree', 'ci-base')
    assert.ok(dead, 'the killed copier had made its reservation')
    await new Promise((resolve) => setTimeout(resolve, 7000)) // lease (1 s) + grace (5 s), by Glance's clock
    const dry = await machine(['image', 'copy', '--prune', '--dry-run', '--scope', '{"image": "InstanceThree"}', '-f', 'value', '-c', 'ID', '-c', 'Action'])
    assert.equal(dry.code, 0, dry.stderr)
    assert.equal(dry.stdout, `${dead.id} would delete (--dry-run)\n`)
    assert.equal(imagesIn('InstanceThree', 'ci-base').length, 1)
    const pruned = await machine(['image', 'copy', '--prune', '--scope', '{"image": "InstanceThree"}', '-f', 'value', '-c', 'ID', '-c', 'Action'])
    assert.equal(pruned.code, 0, pruned.stderr)
    assert.equal(pruned.stdout, `${dead.id} deleted\n`)
    assert.equal(imagesIn('InstanceThree', 'ci-base').length, 0)
  })

  it('image copy --to "A & B" reads the source once and makes a verified copy in each', async () => {
    const reads = () => w.sim.requests.filter((r) => r.instance === 'InstanceTwo' && r.method === 'GET' && r.path.endsWith(`/images/${IMAGE}/file`)).length
    const before = reads()
    for (const image of imagesIn('InstanceThree', 'ci-base')) await machine(['image', 'delete', image.id, '--scope', '{"image": "InstanceThree"}'])
    const copy = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceOne & InstanceThree', '-f', 'value', '-c', 'Instance', '-c', 'status'])
    assert.equal(copy.code, 0, copy.stderr)
    assert.equal(copy.stdout, 'InstanceOne active\nInstanceThree active\n')
    assert.match(copy.stderr, /^InstanceOne already has a verified copy of ci-base from InstanceTwo: reused\.\nCopied ci-base from InstanceTwo to InstanceThree: 2097152 bytes in [\d.]+ s\.\n$/)
    assert.equal(reads() - before, 1)
    const bad = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceOne | InstanceThree'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /only "&" joins them/)
  })

  it('a boot from a fresh HOME asks each version document once, though its lookups run side by side', async () => {
    // The first boot copies the image, the second reuses the copy: their lookups overlap differently.
    for (const name of ['thrifty-1', 'thrifty-2']) {
      const before = w.sim.requests.length
      const r = await machine(['server', 'create', name, '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--scope', CROSS, '--wait', '-f', 'value', '-c', 'status'])
      assert.equal(r.code, 0, r.stderr)
      const roots = w.sim.requests.slice(before).filter((q) => q.method === 'GET' && /^\/(identity|image|compute\/v2\.1)\/?$/.test(q.path)).map((q) => `${q.instance} ${q.path}`)
      assert.deepEqual([...roots].sort(), ['InstanceOne /compute/v2.1', 'InstanceOne /identity', 'InstanceOne /image', 'InstanceTwo /identity', 'InstanceTwo /image'], name)
    }
    for (const name of ['thrifty-1', 'thrifty-2']) assert.equal((await machine(['server', 'delete', name, '--wait'])).code, 0)
  })

  it('a copy whose bytes were altered on the way is refused by the hashes Glance computed, and deleted', async () => {
    for (const image of imagesIn('InstanceThree', 'ci-base')) await machine(['image', 'delete', image.id, '--scope', '{"image": "InstanceThree"}'])
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${IMAGE}/file`, corruptByteAt: 1_000_000, count: 1})
    const r = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceThree', '-f', 'value', '-c', 'status'])
    assert.equal(r.code, 1)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^The copy of ci-base in InstanceThree does not have the source's sha512 hash \([0-9a-f]{16}…, expected [0-9a-f]{16}…\): the transfer from InstanceTwo was corrupted\. The half-made copy of ci-base in InstanceThree was deleted\.\n$/)
    assert.deepEqual(imagesIn('InstanceThree', 'ci-base'), [])
    const again = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceThree', '-f', 'value', '-c', 'status'])
    assert.equal(again.code, 0, again.stderr)
    assert.equal(again.stdout, 'active\n')
  })

  it('a target Glance that hashes with another algorithm: the copy is checked by md5, a corrupted one refused', async () => {
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${IMAGE}/file`, corruptByteAt: 5, count: 1})
    const bad = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceFour'])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^The copy of ci-base in InstanceFour does not have the source's md5 hash \([0-9a-f]{16}…, expected [0-9a-f]{16}…\): the transfer from InstanceTwo was corrupted\. The half-made copy of ci-base in InstanceFour was deleted\.\n$/)
    assert.deepEqual(imagesIn('InstanceFour', 'ci-base'), [])
    const good = await w.run(['--os-cloud', 'InstanceTwo', 'image', 'copy', 'ci-base', '--to', 'InstanceFour', '-f', 'value', '-c', 'status'])
    assert.equal(good.code, 0, good.stderr)
    assert.equal(good.stdout, 'active\n')
    assert.deepEqual(imagesIn('InstanceFour', 'ci-base').map((image) => image.os_hash_algo), ['sha256'])
  })

  it('compute "A | B": a POST /servers whose reply is lost after A acted is found by its marker and adopted — never a second server', async () => {
    const one = w.sim.instance('InstanceOne')
    const two = w.sim.instance('InstanceTwo')
    const beforeOne = one.serverCreates().length
    const beforeTwo = two.serverCreates().length
    one.fault({service: 'compute', method: 'POST', pathPrefix: '/compute/v2.1/servers', holdMs: 4000, count: 1})
    const r = await machine(['server', 'create', 'lost-reply', '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--timeout', '2', '--scope', '{"compute": "InstanceOne | InstanceTwo", "image": "InstanceTwo"}', '--wait', '-f', 'value', '-c', 'status'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'ACTIVE\n')
    assert.match(r.stderr, /The compute request had gone through: what it created was found and is used\./)
    assert.equal(one.serverCreates().length - beforeOne, 1)
    assert.equal(two.serverCreates().length - beforeTwo, 0, 'the create was sent to InstanceTwo too')
    assert.equal(one.servers().filter((server) => server.name === 'lost-reply').length, 1)
    assert.equal(two.servers().filter((server) => server.name === 'lost-reply').length, 0)
  })

  it('compute "A | B" --wait: a boot in A that finds no valid host is deleted and B is tried; the output says where and why', async () => {
    const one = w.sim.instance('InstanceOne')
    one.failNextBoot(1)
    const r = await machine(['server', 'create', 'roomy', '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--scope', '{"compute": "InstanceOne | InstanceTwo", "image": "InstanceTwo"}', '--wait', '-f', 'value', '-c', 'status'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'ACTIVE\n')
    assert.equal(r.stderr, 'compute served by InstanceTwo after InstanceOne (no room: its server was deleted).\n')
    assert.equal(one.servers().filter((server) => server.name === 'roomy').length, 0, 'the ERROR server was left in InstanceOne')
    assert.equal(w.sim.instance('InstanceTwo').servers().filter((server) => server.name === 'roomy').length, 1)
  })

  it('a single instance: no valid host leaves the server in ERROR for inspection (nothing else to try)', async () => {
    w.sim.instance('InstanceTwo').failNextBoot(1)
    const r = await w.run(['--os-cloud', 'InstanceTwo', 'server', 'create', 'no-room', '--flavor', 'm1.tiny', '--image', 'ci-base', '--no-network', '--wait'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /No valid host was found/)
    assert.equal(w.sim.instance('InstanceTwo').servers().filter((server) => server.name === 'no-room').length, 1)
  })
})
