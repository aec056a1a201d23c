import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

/**
 * OpenStack infra's "CI on donated clouds": a 500 GB mirror volume in every region at once, listed
 * across them, changed and deleted in each; buildbot's boot volumes from an image; OSC's errors.
 */
describe('e2e: volumes across instances', function () {
  this.timeout(120_000)
  let w: World
  const BOTH = JSON.stringify({'block-storage': 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({'block-storage': 'InstanceTwo | InstanceOne'})
  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  /** Every volume of the simulator: [instance, name]. */
  const volumes = () => w.sim.instances.flatMap((instance) => instance.volumes().map((volume) => ({instance: instance.name, name: volume.name})))

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', volume: {createPolls: 0, deletePolls: 0}},
        {name: 'InstanceTwo', volume: {createPolls: 0, deletePolls: 0, quotas: {gigabytes: 100}}},
      ],
    })
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })

  it('sends microversion 3.0 as OSC does, the one --os-volume-api-version or OS_VOLUME_API_VERSION fixes, and refuses one the cloud lacks', async () => {
    const sent = () => w.sim.requests.filter((r) => r.service === 'block-storage' && r.path.includes('/volumes/detail')).map((r) => r.headers['openstack-api-version'])
    const before = sent().length
    assert.equal((await run('volume', 'list')).code, 0)
    assert.equal((await run('volume', 'list', '--os-volume-api-version', '3.42')).code, 0)
    assert.equal((await w.run(['--os-cloud', 'InstanceOne', 'volume', 'list'], {OS_VOLUME_API_VERSION: '3.5'})).code, 0)
    assert.equal((await w.run(['--os-cloud', 'InstanceOne', 'volume', 'list', '--os-volume-api-version', '3'], {OS_VOLUME_API_VERSION: '3.5'})).code, 0)
    assert.deepEqual(sent().slice(before), ['volume 3.0', 'volume 3.42', 'volume 3.5', 'volume 3.0'])
    const tooNew = await run('volume', 'list', '--os-volume-api-version', '3.70')
    assert.equal(tooNew.code, 0, tooNew.stderr)
    const beyond = await w.run(['--os-cloud', 'InstanceOne', 'volume', 'list'], {OS_VOLUME_API_VERSION: '3.71'})
    assert.equal(beyond.code, 2)
    assert.match(beyond.stderr, /^versions supported by client: 3\.0 - 3\.70 \(asked for 3\.71\)\.\n/)
    const bad = await run('volume', 'list', '--os-volume-api-version', 'three')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /^Invalid volume API version 'three'\./)
  })

  it('creates one mirror volume in every instance of &, lists them with Instance, sets and deletes them in each', async () => {
    const created = await run('volume', 'create', '--size', '50', 'mirror', '--property', 'purpose=mirror', '--description', 'AFS mirror', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'size', '-c', 'properties', '-c', 'description', '-c', 'type')
    assert.equal(created.code, 0, created.stderr)
    assert.equal(created.stdout, "InstanceOne AFS mirror mirror {'purpose': 'mirror'} 50 lvmdriver-1\nInstanceTwo AFS mirror mirror {'purpose': 'mirror'} 50 lvmdriver-1\n")
    assert.equal(volumes().filter((v) => v.name === 'mirror').length, 2)

    const listed = await run('volume', 'list', '--scope', BOTH, '--long', '-c', 'Instance', '-c', 'Name', '-c', 'Status', '-c', 'Size', '-c', 'Type', '-c', 'Bootable', '-c', 'Properties')
    assert.equal(listed.code, 0, listed.stderr)
    assert.equal(
      listed.stdout,
      [
        '+-------------+--------+-----------+------+-------------+----------+------------------+',
        '| Instance    | Name   | Status    | Size | Type        | Bootable | Properties       |',
        '+-------------+--------+-----------+------+-------------+----------+------------------+',
        "| InstanceOne | mirror | available |   50 | lvmdriver-1 | false    | purpose='mirror' |",
        "| InstanceTwo | mirror | available |   50 | lvmdriver-1 | false    | purpose='mirror' |",
        '+-------------+--------+-----------+------+-------------+----------+------------------+',
        '',
      ].join('\n'),
    )

    const set = await run('volume', 'set', 'mirror', '--size', '60', '--property', 'tier=ssd', '--bootable', '--scope', BOTH)
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout, '')
    assert.equal(set.stderr, 'Set volume mirror in InstanceOne, InstanceTwo.\n')
    const shown = await run('volume', 'show', 'mirror', '--scope', BOTH, '-f', 'json', '-c', 'Instance', '-c', 'size', '-c', 'bootable', '-c', 'properties')
    assert.equal(shown.code, 0, shown.stderr)
    assert.deepEqual(JSON.parse(shown.stdout), [
      {Instance: 'InstanceOne', bootable: 'true', properties: {purpose: 'mirror', tier: 'ssd'}, size: 60},
      {Instance: 'InstanceTwo', bootable: 'true', properties: {purpose: 'mirror', tier: 'ssd'}, size: 60},
    ])

    const gone = await run('volume', 'delete', 'mirror', '--scope', BOTH)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stdout, '')
    assert.equal(gone.stderr, 'Deleted volume mirror in InstanceOne, InstanceTwo.\n')
    assert.equal(volumes().filter((v) => v.name === 'mirror').length, 0)
  })

  it('under |, moves on when the first instance refuses the create (quota), and leaves no marker behind', async () => {
    const created = await run('volume', 'create', '--size', '500', 'big', '--scope', FIRST, '-f', 'value', '-c', 'name', '-c', 'size', '-c', 'properties')
    assert.equal(created.code, 0, created.stderr)
    assert.equal(created.stdout, 'big\n{}\n500\n')
    assert.match(created.stderr, /^block-storage served by InstanceOne after InstanceTwo \(.*\)\.\n$/)
    const mine = volumes().filter((v) => v.name === 'big')
    assert.deepEqual(mine.map((v) => v.instance), ['InstanceOne'])
    const shown = await run('volume', 'show', 'big', '-f', 'value', '-c', 'properties')
    assert.equal(shown.stdout, '{}\n')
    assert.equal((await run('volume', 'delete', 'big')).code, 0)
  })

  it('makes a bootable volume from an image of the same instance, and shows its image metadata as OSC does', async () => {
    const created = await run('volume', 'create', '--size', '1', '--image', 'cirros-0.6.2-x86_64-disk', 'boot-vol', '-f', 'value', '-c', 'bootable', '-c', 'status')
    assert.equal(created.code, 0, created.stderr)
    assert.equal(created.stdout, 'true\navailable\n')
    const shown = await run('volume', 'show', 'boot-vol', '-c', 'volume_image_metadata', '-f', 'yaml')
    assert.equal(shown.code, 0, shown.stderr)
    assert.match(shown.stdout, /^volume_image_metadata:\n {2}checksum: afda55d89dcb2e613fbcd22684099b8c\n {2}container_format: bare\n {2}disk_format: qcow2\n {2}image_id: [0-9a-f-]{36}\n {2}image_name: cirros-0.6.2-x86_64-disk\n/)
    const table = await run('volume', 'show', 'boot-vol', '-c', 'volume_image_metadata', '-f', 'value')
    assert.match(table.stdout, /^\{'image_id': '[0-9a-f-]{36}', 'image_name': 'cirros-0.6.2-x86_64-disk', 'checksum': 'afda55d89dcb2e613fbcd22684099b8c',/)
    assert.equal((await run('volume', 'delete', 'boot-vol')).code, 0)
  })

  it('names the server a volume is attached to, as "Attached to <server> on <device> "', async () => {
    const server = await run('server', 'create', 'worker', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--no-network', '--wait', '-f', 'value', '-c', 'id')
    assert.equal(server.code, 0, server.stderr)
    const volume = await run('volume', 'create', '--size', '1', 'data', '-f', 'value', '-c', 'id')
    assert.equal(volume.code, 0, volume.stderr)
    const attach = await run('api', 'compute', 'POST', `/servers/${server.stdout.trim()}/os-volume_attachments`, '--body', JSON.stringify({volumeAttachment: {volumeId: volume.stdout.trim()}}))
    assert.equal(attach.code, 0, attach.stderr)
    const table = await run('volume', 'list', '--name', 'data', '-c', 'Name', '-c', 'Attached to')
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /\| data \| Attached to worker on \/dev\/vdb  \|\n/)
    const json = await run('volume', 'list', '--name', 'data', '-f', 'json', '-c', 'Attached to')
    assert.equal(JSON.parse(json.stdout)[0]['Attached to'][0].server_id, server.stdout.trim())
  })

  it('lists volume types, the default one, and with --long their properties', async () => {
    const types = await run('volume', 'type', 'list', '--long', '-f', 'value')
    assert.equal(types.code, 0, types.stderr)
    assert.equal(types.stdout, "9e9e8a3a-0c2d-4b46-a8d2-3a2f8d1a0001 __DEFAULT__ True Default Volume Type {}\n3f8a3a9c-57c1-4b1c-9a38-6b3b2b7b0002 lvmdriver-1 True None {'volume_backend_name': 'lvmdriver-1'}\n")
    const both = await run('volume', 'type', 'list', '--default', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Name')
    assert.equal(both.stdout, 'InstanceOne lvmdriver-1\nInstanceTwo lvmdriver-1\n')
  })

  it("gives OSC's errors: size 0, no size, a missing image (nothing created anywhere), an unknown volume", async () => {
    const before = volumes().length
    const zero = await run('volume', 'create', '--size', '0', 'z', '--scope', BOTH)
    assert.deepEqual([zero.code, zero.stdout, zero.stderr], [1, '', 'Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1.\n'])
    const negative = await run('volume', 'create', '--size', '-3', 'z')
    assert.deepEqual([negative.code, negative.stderr], [1, 'Invalid input for field/attribute size. Value: -3. -3 is less than the minimum of 1.\n'])
    const nosize = await run('volume', 'create', 'z')
    assert.deepEqual([nosize.code, nosize.stderr], [1, '--size is a required option if snapshot or source volume is not specified.\n'])
    const noimage = await run('volume', 'create', '--size', '1', '--image', 'nope', 'z')
    assert.deepEqual([noimage.code, noimage.stderr], [1, 'No Image found for nope\n'])
    const noimageBoth = await run('volume', 'create', '--size', '1', '--image', 'nope', 'z', '--scope', BOTH)
    assert.deepEqual([noimageBoth.code, noimageBoth.stderr], [1, 'InstanceOne: No Image found for nope InstanceTwo: No Image found for nope No volume was created.\n'])
    const notint = await run('volume', 'create', '--size', 'big', 'z')
    assert.equal(notint.code, 2)
    assert.equal(volumes().length, before)

    const show = await run('volume', 'show', 'nope', '--scope', BOTH)
    assert.deepEqual([show.code, show.stdout], [1, ''])
    assert.match(show.stderr, /No volume with a name or ID of 'nope' exists\./)
    const del = await run('volume', 'delete', 'nope', 'other')
    assert.deepEqual(
      [del.code, del.stderr],
      [1, "Failed to delete volume with name or ID 'nope': No volume with a name or ID of 'nope' exists.\nFailed to delete volume with name or ID 'other': No volume with a name or ID of 'other' exists.\n2 of 2 volumes failed to delete.\n"],
    )
    const shrink = await run('volume', 'create', '--size', '2', 'small', '-f', 'value', '-c', 'id')
    assert.equal(shrink.code, 0, shrink.stderr)
    const set = await run('volume', 'set', 'small', '--size', '1')
    assert.deepEqual([set.code, set.stderr], [1, 'Failed to set volume size: New size must be greater than 2 GB\nOne or more of the set operations failed\n'])
    const limit = await run('volume', 'list', '--limit=-1')
    assert.deepEqual([limit.code, limit.stderr], [1, '--limit expected a non-negative integer\n'])
    const exclusive = await run('volume', 'create', '--size', '1', '--image', 'a', '--source', 'b', 'z')
    assert.equal(exclusive.code, 2)
  })
})
