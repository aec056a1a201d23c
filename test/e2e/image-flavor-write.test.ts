import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type World} from './harness.js'

/** image unset, flavor create / delete / set, through the real CLI, on one and on two instances. */
describe('e2e: image unset, flavor create, delete and set', function () {
  this.timeout(120_000)
  const BOTH_IMAGE = JSON.stringify({image: 'InstanceOne & InstanceTwo'})
  const BOTH = JSON.stringify({compute: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({compute: 'InstanceTwo | InstanceOne'})
  let w: World
  let memberClouds: string
  const run = async (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const on = async (cloud: string, ...args: string[]) => w.run(['--os-cloud', cloud, ...args])
  const member = async (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args], {OS_CLIENT_CONFIG_FILE: memberClouds})
  const image = async (cloud: string, name: string) => {
    const r = await on(cloud, 'image', 'show', name, '-f', 'json', '-c', 'properties', '-c', 'tags')
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout) as {properties: Record<string, unknown>; tags: string[]}
  }
  const flavor = async (cloud: string, name: string) => {
    const r = await on(cloud, 'flavor', 'show', name, '-f', 'json')
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout) as Record<string, unknown>
  }
  const ok = (r: {code: number; stdout: string; stderr: string}) => {
    assert.equal(r.code, 0, r.stderr)
    return r
  }

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne'}, {name: 'InstanceTwo'}]})
    memberClouds = join(w.dir, 'member.yaml')
    writeFileSync(memberClouds, w.sim.cloudsYaml({user: 'demo'}))
    for (const cloud of ['InstanceOne', 'InstanceTwo']) {
      ok(await on(cloud, 'image', 'create', 'tagged', '--property', 'foo=1', '--property', 'bar=2', '--property', 'os_distro=debian', '--tag', 't1', '--tag', 't2'))
    }
  })
  after(async () => {
    if (!w) return
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })

  describe('image unset', () => {
    it('removes tags (DELETE .../tags/{tag}) and properties (one patch), prints nothing', async () => {
      w.sim.clearRequests()
      const r = ok(await run('image', 'unset', 'tagged', '--tag', 't1', '--property', 'foo', '--property', 'os_distro'))
      assert.equal(r.stdout + r.stderr, '')
      const shown = await image('InstanceOne', 'tagged')
      assert.deepEqual(shown.tags, ['t2'])
      assert.equal(shown.properties.foo, undefined)
      assert.equal(shown.properties.os_distro, undefined)
      assert.equal(shown.properties.bar, '2')
      const calls = w.sim.requests.filter((q) => q.method === 'DELETE' || q.method === 'PATCH').map((q) => `${q.method} ${q.path.replace(/images\/[0-9a-f-]+/, 'images/ID')}`)
      assert.deepEqual(calls, ['DELETE /image/v2/images/ID/tags/t1', 'PATCH /image/v2/images/ID'])
      // The other instance is untouched without a scope.
      assert.deepEqual((await image('InstanceTwo', 'tagged')).tags, ['t1', 't2'])
    })

    it('counts what the image does not have, in OSC\'s words; the rest is still done', async () => {
      const r = await run('image', 'unset', 'tagged', '--tag', 'nope', '--tag', 't2', '--property', 'zz', '--property', 'bar', '--property', 'hw_disk_bus')
      assert.equal(r.code, 1)
      assert.equal(r.stdout, '')
      assert.equal(r.stderr, "tag unset failed, 'nope' is a nonexistent tag \nproperty unset failed, 'zz' is a nonexistent property \nFailed to unset 1 of 2 tags,Failed to unset 1 of 3 properties.\n")
      const shown = await image('InstanceOne', 'tagged')
      assert.deepEqual(shown.tags, [])
      assert.equal(shown.properties.bar, undefined)
      const tags = await run('image', 'unset', 'tagged', '--tag', 'x')
      assert.deepEqual([tags.code, tags.stderr], [1, "tag unset failed, 'x' is a nonexistent tag \nFailed to unset 1 of 1 tags.\n"])
      const props = await run('image', 'unset', 'tagged', '--property', 'x')
      assert.deepEqual([props.code, props.stderr], [1, "property unset failed, 'x' is a nonexistent property \nFailed to unset 1 of 1 properties.\n"])
    })

    it('a base attribute is Glance\'s refusal; a missing image is an error; no image is a usage error', async () => {
      const base = await run('image', 'unset', 'tagged', '--property', 'name')
      assert.equal(base.code, 1)
      assert.match(base.stderr, /^InstanceOne \(image\): Properties name cannot be removed\. \(HTTP 403\)/)
      const missing = await run('image', 'unset', 'no-such-image', '--tag', 'a')
      assert.deepEqual([missing.code, missing.stdout], [1, ''])
      assert.match(missing.stderr, /no-such-image/)
      w.sim.clearRequests()
      const usage = await run('image', 'unset', '--tag', 'a')
      assert.equal(usage.code, 2)
      assert.equal(w.sim.requests.filter((q) => q.service === 'image').length, 0)
    })

    it('with "&": every instance that has the image, and the notes say where', async () => {
      for (const cloud of ['InstanceOne', 'InstanceTwo']) ok(await on(cloud, 'image', 'set', 'tagged', '--tag', 'both'))
      const r = ok(await run('image', 'unset', 'tagged', '--tag', 'both', '--scope', BOTH_IMAGE))
      assert.equal(r.stdout, '')
      assert.equal(r.stderr, 'Changed image tagged in InstanceOne, InstanceTwo.\n')
      assert.ok(!(await image('InstanceOne', 'tagged')).tags.includes('both'))
      assert.ok(!(await image('InstanceTwo', 'tagged')).tags.includes('both'))
    })
  })

  describe('flavor create', () => {
    it('sends OSC\'s defaults and prints OSC\'s fields', async () => {
      const r = ok(await run('flavor', 'create', 'ci.default', '-f', 'json'))
      const shown = JSON.parse(r.stdout) as Record<string, unknown>
      assert.match(String(shown.id), /^[0-9a-f]{8}-[0-9a-f]{4}-/)
      delete shown.id
      assert.deepEqual(shown, {
        'OS-FLV-DISABLED:disabled': false,
        'OS-FLV-EXT-DATA:ephemeral': 0,
        description: null,
        disk: 0,
        name: 'ci.default',
        'os-flavor-access:is_public': true,
        properties: {},
        ram: 256,
        rxtx_factor: 1,
        swap: '',
        vcpus: 1,
      })
      assert.match(r.stdout, /"rxtx_factor": 1\.0,/)
    })

    it('every option: sizes, ID, private with a project, properties, description', async () => {
      const r = ok(
        await run('flavor', 'create', 'ci.full', '--id', 'ci-full', '--ram', '512', '--disk', '5', '--ephemeral', '1', '--swap', '64', '--vcpus', '2', '--rxtx-factor', '1.5',
          '--private', '--project', 'demo', '--property', 'a=b', '--property', 'c=d', '--description', 'CI worker'),
      )
      assert.equal(r.stdout.split('\n')[3], '| OS-FLV-DISABLED:disabled   | False        |')
      assert.match(r.stdout, /\| properties {17}\| a='b', c='d' \|/)
      assert.match(r.stdout, /\| rxtx_factor {16}\| 1\.5 {10}\|/)
      assert.doesNotMatch(r.stdout, /access_project_ids/)
      const shown = await flavor('InstanceOne', 'ci-full')
      assert.deepEqual(shown.access_project_ids, [w.sim.instance('InstanceOne').projectId('demo')])
      assert.deepEqual([shown.id, shown.ram, shown.disk, shown['OS-FLV-EXT-DATA:ephemeral'], shown.swap, shown.vcpus, shown.description, shown['os-flavor-access:is_public']], ['ci-full', 512, 5, 1, 64, 2, 'CI worker', false])
      assert.deepEqual(shown.properties, {a: 'b', c: 'd'})
    })

    it('refuses what OSC and Nova refuse', async () => {
      const pub = await run('flavor', 'create', 'ci.x', '--project', 'demo')
      assert.deepEqual([pub.code, pub.stdout, pub.stderr], [1, '', '--project is only allowed with --private\n'])
      const version = await run('--os-compute-api-version', '2.54', 'flavor', 'create', 'ci.x', '--description', 'd')
      assert.deepEqual([version.code, version.stderr], [1, 'The --description parameter requires server support for API microversion 2.55\n'])
      const name = await run('flavor', 'create', 'ci.full')
      assert.equal(name.code, 1)
      assert.match(name.stderr, /^InstanceOne \(compute\): Flavor with name ci\.full already exists\. \(HTTP 409\)/)
      const id = await run('flavor', 'create', 'ci.y', '--id', 'ci-full')
      assert.match(id.stderr, /Flavor with ID ci-full already exists\. \(HTTP 409\)/)
      const ram = await run('flavor', 'create', 'ci.y', '--ram', '0')
      assert.match(ram.stderr, /Invalid input for field\/attribute ram\. Value: 0\. 0 is less than the minimum of 1 \(HTTP 400\)/)
      const both = await run('flavor', 'create', 'ci.y', '--public', '--private')
      assert.equal(both.code, 2)
      const notInt = await run('flavor', 'create', 'ci.y', '--ram', 'lots')
      assert.equal(notInt.code, 2)
      const notFloat = await run('flavor', 'create', 'ci.y', '--rxtx-factor', 'fast')
      assert.deepEqual([notFloat.code, notFloat.stderr], [2, "argument --rxtx-factor: invalid float value: 'fast'\n"])
      const property = await run('flavor', 'create', 'ci.y', '--property', 'novalue')
      assert.equal(property.code, 2)
      assert.match(property.stderr, /Expected 'key=value' type, but got: novalue/)
      assert.equal((await run('flavor', 'show', 'ci.y')).code, 1)
    })

    it('a member gets Nova\'s policy refusal', async () => {
      const r = await member('flavor', 'create', 'ci.member')
      assert.equal(r.code, 1)
      assert.match(r.stderr, /^InstanceOne \(compute\): Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed\. \(HTTP 403\)/)
      const del = await member('flavor', 'delete', 'm1.tiny')
      assert.equal(del.code, 1)
      assert.match(del.stderr, /Policy doesn't allow os_compute_api:os-flavor-manage:delete to be performed\./)
      const set = await member('flavor', 'set', 'm1.tiny', '--property', 'a=b')
      assert.match(set.stderr, /^Failed to set flavor properties: .*Policy doesn't allow os_compute_api:os-flavor-extra-specs:create to be performed\..*\nCommand Failed: One or more of the operations failed\n$/)
    })

    it('with "&": one flavor in each instance, an Instance column', async () => {
      const r = ok(await run('flavor', 'create', 'ci.both', '--id', 'ci-both', '--ram', '1024', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'id', '-c', 'ram'))
      assert.equal(r.stdout, 'InstanceOne ci-both 1024\nInstanceTwo ci-both 1024\n')
      assert.equal((await flavor('InstanceTwo', 'ci.both')).ram, 1024)
    })

    it('with "|": a refusal (409) moves on to the next instance', async () => {
      ok(await on('InstanceTwo', 'flavor', 'create', 'ci.taken'))
      const r = ok(await run('flavor', 'create', 'ci.taken', '--scope', FIRST, '-f', 'value', '-c', 'name'))
      assert.equal(r.stdout, 'ci.taken\n')
      assert.match(r.stderr, /InstanceOne/)
      ok(await on('InstanceOne', 'flavor', 'show', 'ci.taken'))
    })
  })

  describe('flavor set', () => {
    it('properties, --no-property, description, project access; prints nothing', async () => {
      ok(await run('flavor', 'create', 'ci.set', '--private', '--property', 'old=1'))
      const r = ok(await run('flavor', 'set', 'ci.set', '--no-property', '--property', 'new=2', '--description', 'changed', '--project', 'alt_demo'))
      assert.equal(r.stdout + r.stderr, '')
      const shown = await flavor('InstanceOne', 'ci.set')
      assert.deepEqual(shown.properties, {new: '2'})
      assert.equal(shown.description, 'changed')
      assert.deepEqual(shown.access_project_ids, [w.sim.instance('InstanceOne').projectId('alt_demo')])
      ok(await run('flavor', 'set', 'ci.set', '--property', 'new=3', '--property', 'more=4'))
      assert.deepEqual((await flavor('InstanceOne', 'ci.set')).properties, {more: '4', new: '3'})
    })

    it('refusals: a public flavor\'s access, the 2.55 description, a missing flavor', async () => {
      const pub = await run('flavor', 'set', 'm1.tiny', '--project', 'demo', '--property', 'p=1')
      assert.deepEqual([pub.code, pub.stdout, pub.stderr], [1, '', 'Failed to set flavor access to project: Cannot set access for a public flavor\nCommand Failed: One or more of the operations failed\n'])
      assert.deepEqual((await flavor('InstanceOne', 'm1.tiny')).properties, {p: '1'})
      const version = await run('--os-compute-api-version', '2.54', 'flavor', 'set', 'm1.tiny', '--description', 'd')
      assert.deepEqual([version.code, version.stderr], [1, 'The --description parameter requires server support for API microversion 2.55\n'])
      const missing = await run('flavor', 'set', 'nope', '--property', 'a=b')
      assert.deepEqual([missing.code, missing.stderr], [1, 'No Flavor found for nope\n'])
    })

    it('with "&": every instance that has the flavor', async () => {
      const r = ok(await run('flavor', 'set', 'ci.both', '--property', 'x=y', '--scope', BOTH))
      assert.equal(r.stderr, 'Changed flavor ci.both in InstanceOne, InstanceTwo.\n')
      assert.deepEqual((await flavor('InstanceOne', 'ci.both')).properties, {x: 'y'})
      assert.deepEqual((await flavor('InstanceTwo', 'ci.both')).properties, {x: 'y'})
    })
  })

  describe('flavor delete', () => {
    it('several, OSC\'s count of failures; the others are deleted', async () => {
      ok(await run('flavor', 'create', 'ci.del1'))
      ok(await run('flavor', 'create', 'ci.del2'))
      const r = await run('flavor', 'delete', 'ci.del1', 'nope', 'ci.del2')
      assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', "Failed to delete flavor with name or ID 'nope': No Flavor found for nope\n1 of 3 flavors failed to delete.\n"])
      assert.equal((await run('flavor', 'show', 'ci.del1')).code, 1)
      assert.equal((await run('flavor', 'show', 'ci.del2')).code, 1)
      const none = await run('flavor', 'delete')
      assert.equal(none.code, 2)
    })

    it('with "&": in every instance that has it; with "|", the first that has it', async () => {
      const r = ok(await run('flavor', 'delete', 'ci.both', '--scope', BOTH))
      assert.equal(r.stderr, 'Deleted flavor ci.both in InstanceOne, InstanceTwo.\n')
      assert.equal((await on('InstanceTwo', 'flavor', 'show', 'ci.both')).code, 1)
      ok(await on('InstanceOne', 'flavor', 'create', 'ci.one'))
      const first = ok(await run('flavor', 'delete', 'ci.one', '--scope', FIRST))
      assert.equal(first.stdout, '')
      assert.equal((await on('InstanceOne', 'flavor', 'show', 'ci.one')).code, 1)
    })
  })
})
