import {strict as assert} from 'node:assert'
import {createHash} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {Sim} from '../sim/index.js'
import {world, type World} from './harness.js'

/** clouds.yaml with the sim's instances plus two tenants of InstanceOne: SOURCE (demo) and TARGET (alt_demo). */
function tenants(sim: Sim): string {
  const one = sim.instance('InstanceOne')
  const cloud = (name: string, user: string) =>
    `  "${name}":\n    auth:\n      auth_url: "${one.authUrl}"\n      username: "${user}"\n      password: "secret"\n      project_name: "${user}"\n      user_domain_name: "Default"\n      project_domain_name: "Default"\n    region_name: "InstanceOne"\n`
  return sim.cloudsYaml() + cloud('SOURCE', 'demo') + cloud('TARGET', 'alt_demo')
}

describe('e2e: image workflows from the field', function () {
  this.timeout(120_000)
  let w: World
  let disk: string
  let md5: string

  before(async () => {
    w = await world({instances: ['InstanceOne', 'InstanceTwo']}, tenants)
    disk = join(w.dir, 'disk.qcow2')
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7)
    for (let index = 0; index < bytes.length; index += 4096) bytes[index] = index % 251
    writeFileSync(disk, bytes)
    md5 = createHash('md5').update(bytes).digest('hex')
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })
  afterEach(() => {
    for (const instance of w.sim.instances) instance.clearFaults()
  })

  const as = (cloud: string, ...args: string[]) => w.run([...args, '--os-cloud', cloud])
  const names = async (cloud: string, ...args: string[]) => (await as(cloud, 'image', 'list', '-f', 'value', '-c', 'Name', ...args)).stdout.split('\n').filter(Boolean)

  it('shares an image between two tenants, as a release team does', async () => {
    const target = (await as('TARGET', 'token', 'issue', '-c', 'project_id', '-f', 'value')).stdout.trim()
    assert.equal(target, w.sim.instance('InstanceOne').projectId('alt_demo'))
    const created = await as('SOURCE', 'image', 'create', 'ci-image', '--file', disk, '--disk-format', 'qcow2', '--private', '-f', 'json')
    assert.equal(created.code, 0, created.stderr)
    const image = JSON.parse(created.stdout)
    assert.equal(image.checksum, md5)
    assert.equal(image.status, 'active')
    assert.ok((await names('SOURCE', '--private')).includes('ci-image'))
    assert.ok(!(await names('TARGET')).includes('ci-image'))

    assert.equal((await as('SOURCE', 'image', 'set', 'ci-image', '--shared')).code, 0)
    const added = await as('SOURCE', 'image', 'add', 'project', 'ci-image', target, '-f', 'json')
    assert.deepEqual(Object.keys(JSON.parse(added.stdout)), ['created_at', 'image_id', 'member_id', 'schema', 'status', 'updated_at'])
    assert.equal(JSON.parse(added.stdout).status, 'pending')
    assert.ok(!(await names('TARGET', '--shared')).includes('ci-image'), 'pending: not listed yet')

    assert.equal((await as('TARGET', 'image', 'set', image.id, '--accept')).code, 0)
    assert.ok((await names('TARGET', '--shared')).includes('ci-image'))
    assert.ok((await names('TARGET')).includes('ci-image'))
    const members = await as('SOURCE', 'image', 'member', 'list', 'ci-image', '-f', 'value')
    assert.equal(members.stdout, `${image.id} ${target} accepted\n`)

    assert.equal((await as('SOURCE', 'image', 'set', 'ci-image', '--private')).code, 0)
    assert.ok(!(await names('TARGET')).includes('ci-image'), '--private hides it again')
    assert.equal((await as('SOURCE', 'image', 'set', 'ci-image', '--shared')).code, 0)

    assert.equal((await as('TARGET', 'image', 'set', image.id, '--reject')).code, 0)
    assert.ok(!(await names('TARGET', '--shared')).includes('ci-image'))
    assert.ok((await names('TARGET', '--shared', '--member-status', 'rejected')).includes('ci-image'))
    assert.equal((await as('TARGET', 'image', 'set', image.id, '--pending')).code, 0)
    assert.ok((await names('TARGET', '--shared', '--member-status', 'pending')).includes('ci-image'))

    assert.equal((await as('SOURCE', 'image', 'remove', 'project', 'ci-image', target)).code, 0)
    assert.equal((await as('SOURCE', 'image', 'member', 'list', 'ci-image', '-f', 'value')).stdout, '')
    assert.ok(!(await names('TARGET', '--shared', '--member-status', 'all')).includes('ci-image'))
  })

  it('image save streams the bytes back (to a file and to stdout)', async () => {
    const file = join(w.dir, 'saved.qcow2')
    assert.equal((await as('SOURCE', 'image', 'save', 'ci-image', '--file', file)).code, 0)
    assert.equal(createHash('md5').update(readFileSync(file)).digest('hex'), md5)
  })

  it('uploads one file to every instance of "&" at once, reading it once', async () => {
    w.sim.clearRequests()
    const r = await as('InstanceOne', 'image', 'create', 'build-42', '--file', disk, '--scope', '{"image": "InstanceOne & InstanceTwo"}', '-f', 'json', '-c', 'Instance', '-c', 'checksum', '-c', 'status')
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), [
      {Instance: 'InstanceOne', checksum: md5, status: 'active'},
      {Instance: 'InstanceTwo', checksum: md5, status: 'active'},
    ])
    const puts = w.sim.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/file'))
    assert.deepEqual(puts.map((request) => request.instance).sort(), ['InstanceOne', 'InstanceTwo'])
  })

  it('with one instance failing, keeps the others, deletes the half-made image, exit 1', async () => {
    w.sim.instance('InstanceTwo').fault({service: 'image', method: 'PUT', status: 500})
    const r = await as('InstanceOne', 'image', 'create', 'build-43', '--file', disk, '--scope', '{"image": "InstanceOne & InstanceTwo"}', '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'status')
    assert.equal(r.code, 1)
    assert.equal(r.stdout, 'InstanceOne build-43 active\n')
    assert.match(r.stderr, /^InstanceTwo: .*HTTP 500/m)
    assert.equal(w.sim.instance('InstanceTwo').images().filter((image) => image.name === 'build-43').length, 0, 'half-made image left in InstanceTwo')
    assert.equal(w.sim.instance('InstanceOne').images().filter((image) => image.name === 'build-43').length, 1)
  })

  it('image copy streams an image to another instance once, then reuses the copy', async () => {
    const first = await as('InstanceTwo', 'image', 'copy', 'cirros-0.6.2-x86_64-disk', '--to', 'InstanceOne', '-f', 'json')
    assert.equal(first.code, 0, first.stderr)
    const copy = JSON.parse(first.stdout)
    assert.equal(copy.properties.openstackoid_source_instance, 'InstanceTwo')
    assert.match(first.stderr, /^Copied cirros-0\.6\.2-x86_64-disk from InstanceTwo to InstanceOne: \d+ bytes/)
    const second = await as('InstanceTwo', 'image', 'copy', 'cirros-0.6.2-x86_64-disk', '--to', 'InstanceOne', '-f', 'value', '-c', 'id')
    assert.equal(second.stdout, `${copy.id}\n`)
    assert.match(second.stderr, /already has a verified copy/)
  })

  it('image delete of several, one missing: OSC\'s wording, exit 1, the others deleted', async () => {
    const r = await as('SOURCE', 'image', 'delete', 'ci-image', 'no-such-image')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, "Failed to delete image with name or ID 'no-such-image': No Image found for no-such-image\nFailed to delete 1 of 2 images.\n")
    assert.ok(!(await names('SOURCE')).includes('ci-image'))
  })

  it('a missing --file creates nothing anywhere (exit 2)', async () => {
    const before = w.sim.instances.map((instance) => instance.images().length)
    const r = await as('InstanceOne', 'image', 'create', 'x', '--file', join(w.dir, 'nope.img'), '--scope', '{"image": "InstanceOne & InstanceTwo"}')
    assert.equal(r.code, 2)
    assert.match(r.stderr, /Cannot read the image file/)
    assert.deepEqual(w.sim.instances.map((instance) => instance.images().length), before)
  })
})
