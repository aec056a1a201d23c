import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

const CIRROS = 'cccccccc-0000-4000-8000-0000000000b1'

/**
 * buildbot's latent worker, scripted with OSC's flags: boot from a volume made from an image
 * (delete_on_termination), metadata, --wait; destroy it with server delete --wait; no volume left
 * behind — in one instance, across two (the image copied into the compute instance's Glance), and
 * when the boot fails (the `|` fall-back deletes the failed server; Cinder refusing the volume).
 */
describe('e2e: boot from volume, the worker life cycle', function () {
  this.timeout(180_000)
  let w: World

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', images: [], compute: {buildPolls: 1, deletePolls: 1}, volume: {createPolls: 1, deletePolls: 1, quotas: {gigabytes: 4}}},
        {name: 'InstanceTwo', compute: {buildPolls: 1, deletePolls: 1}, images: [{id: CIRROS, name: 'cirros', data: 64 * 1024, disk_format: 'qcow2', visibility: 'public'}]},
      ],
    })
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })

  const two = (...args: string[]) => w.run(['--os-cloud', 'InstanceTwo', ...args])
  const one = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const volumes = (instance: string) => w.sim.instance(instance).volumes()
  const lastCreate = (instance: string) => w.sim.instance(instance).serverCreates().at(-1)!.body as {server: Record<string, unknown>}

  it('boots a worker from a volume made from an image, with metadata; server delete --wait leaves no volume', async () => {
    const device = `uuid=${CIRROS},source_type=image,destination_type=volume,volume_size=1,boot_index=0,delete_on_termination=true`
    const boot = await two('server', 'create', 'worker-1', '--flavor', 'm1.tiny', '--block-device', device, '--property', 'build=42', '--no-network', '--wait', '-f', 'json', '-c', 'status', '-c', 'image', '-c', 'properties')
    assert.equal(boot.stderr, '')
    assert.equal(boot.code, 0)
    const shown = JSON.parse(boot.stdout)
    assert.deepEqual([shown.image, shown.status, shown.properties.build], ['N/A (booted from volume)', 'ACTIVE', '42'])
    const sent = lastCreate('InstanceTwo').server
    assert.equal(sent.imageRef, '')
    assert.deepEqual(sent.block_device_mapping_v2, [{uuid: CIRROS, source_type: 'image', destination_type: 'volume', volume_size: '1', boot_index: 0, delete_on_termination: true}])
    assert.equal(volumes('InstanceTwo').length, 1)
    assert.equal(volumes('InstanceTwo')[0].status, 'in-use')

    const gone = await two('server', 'delete', 'worker-1', '--wait')
    assert.deepEqual([gone.code, gone.stdout, gone.stderr], [0, '', ''])
    assert.deepEqual(volumes('InstanceTwo'), [])
  })

  it("boots from a volume in InstanceOne from InstanceTwo's image (copied first); the root volume that outlives the server is named", async () => {
    const scope = '{"compute": "InstanceOne", "image": "InstanceTwo"}'
    const boot = await one('server', 'create', 'worker-2', '--flavor', 'm1.tiny', '--image', 'cirros', '--boot-from-volume', '1', '--no-network', '--scope', scope, '--wait', '-f', 'json', '-c', 'status', '-c', 'image', '-c', 'image_origin')
    assert.equal(boot.code, 0, boot.stderr)
    const copy = w.sim.instance('InstanceOne').images().find((image) => image.name === 'cirros')!
    assert.deepEqual(JSON.parse(boot.stdout), {image: 'N/A (booted from volume)', image_origin: `InstanceTwo: cirros (${CIRROS}), copied`, status: 'ACTIVE'})
    assert.deepEqual(lastCreate('InstanceOne').server.block_device_mapping_v2, [{uuid: copy.id, boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: 1}])
    const [root] = volumes('InstanceOne')
    assert.equal(root.status, 'in-use')

    // --boot-from-volume keeps the root volume (OSC: "The root volume will not be deleted"): said, with the command that deletes it.
    const gone = await one('server', 'delete', 'worker-2', '--wait')
    assert.equal(gone.code, 0)
    assert.equal(gone.stderr, `Volume ${root.id} of server worker-2 remains in InstanceOne (available, 1 GB: delete_on_termination is false); delete it with: openstackoid volume delete ${root.id} --os-cloud InstanceOne\n`)
    assert.deepEqual(volumes('InstanceOne').map((volume) => [volume.id, volume.status]), [[root.id, 'available']])

    // --volume of that volume: the server boots from it, in InstanceOne's Cinder.
    const again = await one('server', 'create', 'worker-3', '--flavor', 'm1.tiny', '--volume', root.id, '--no-network', '--wait', '-f', 'value', '-c', 'status')
    assert.deepEqual([again.code, again.stdout, again.stderr], [0, 'ACTIVE\n', ''])
    assert.deepEqual(lastCreate('InstanceOne').server.block_device_mapping_v2, [{uuid: root.id, boot_index: '0', source_type: 'volume', destination_type: 'volume'}])
    const del = await one('server', 'delete', 'worker-3', '--wait')
    assert.match(del.stderr, new RegExp(`^Volume ${root.id} of server worker-3 remains in InstanceOne \\(available, 1 GB: delete_on_termination is false\\)`))
  })

  it('--volume of a volume still being created waits for it', async () => {
    const made = await one('api', 'block-storage', 'POST', '/volumes', '--body', '{"volume": {"size": 1, "name": "fresh"}}')
    assert.equal(made.code, 0, made.stderr)
    assert.equal(JSON.parse(made.stdout).volume.status, 'creating')
    const boot = await one('server', 'create', 'worker-4', '--flavor', 'm1.tiny', '--volume', 'fresh', '--no-network', '--wait', '-f', 'value', '-c', 'status')
    assert.deepEqual([boot.code, boot.stdout, boot.stderr], [0, 'ACTIVE\n', ''])
    const del = await one('server', 'delete', 'worker-4', '--wait')
    assert.equal(del.code, 0)
    const fresh = volumes('InstanceOne').find((volume) => volume.name === 'fresh')!
    assert.equal(del.stderr, `Volume fresh (${fresh.id}) of server worker-4 remains in InstanceOne (available, 1 GB: delete_on_termination is false); delete it with: openstackoid volume delete ${fresh.id} --os-cloud InstanceOne\n`)
  })

  it('a volume of another instance than compute is the colocation error; nothing is sent', async () => {
    const before = w.sim.instance('InstanceOne').serverCreates().length
    const r = await one('server', 'create', 'worker-5', '--flavor', 'm1.tiny', '--volume', 'fresh', '--no-network', '--scope', '{"compute": "InstanceOne", "block-storage": "InstanceTwo"}')
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^A server's volumes come from the Cinder of the instance that runs it \(InstanceOne\), but --scope sends block-storage to "InstanceTwo"\./)
    assert.equal(w.sim.instance('InstanceOne').serverCreates().length, before)
  })

  it('a boot volume Cinder refuses: the server ERROR names it, and deleting the failed worker leaves nothing', async () => {
    const before = volumes('InstanceOne').length
    const boot = await one('server', 'create', 'worker-6', '--flavor', 'm1.tiny', '--image', 'cirros', '--boot-from-volume', '9', '--no-network', '--wait')
    assert.equal(boot.code, 1)
    const id = w.sim.instance('InstanceOne').servers().find((server) => server.name === 'worker-6')!.id
    assert.equal(
      boot.stderr.split('\n')[0],
      `Error creating server: worker-6: Build of instance ${id} aborted: VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 9G, quota is 4G and 2G has been consumed. (server ${id} in InstanceOne is ERROR, fault code 500).`,
    )
    const del = await one('server', 'delete', 'worker-6', '--wait')
    assert.deepEqual([del.code, del.stderr], [0, ''])
    assert.equal(volumes('InstanceOne').length, before)
  })

  it('under "|", a worker with no room is deleted (its volume with it) and booted in the next instance', async () => {
    w.sim.instance('InstanceTwo').failNextBoot()
    const device = `uuid=${CIRROS},source_type=image,destination_type=volume,volume_size=1,boot_index=0,delete_on_termination=true`
    const boot = await two('server', 'create', 'worker-7', '--flavor', 'm1.tiny', '--block-device', device, '--no-network', '--scope', '{"compute": "InstanceTwo | InstanceOne", "image": "InstanceTwo"}', '--wait', '-f', 'value', '-c', 'status')
    // The --block-device uuid is InstanceTwo's image ID: InstanceOne has no such image, Nova says so (OSC passes that ID as given).
    assert.equal(boot.code, 1)
    assert.match(boot.stderr, /^No instance of "InstanceTwo \| InstanceOne" could serve compute\. InstanceTwo: InstanceTwo had no room for the server \(No valid host was found\); the server was deleted\. InstanceOne: InstanceOne \(compute\): Image cccccccc-0000-4000-8000-0000000000b1 could not be found\./)
    assert.deepEqual(w.sim.instance('InstanceTwo').servers().filter((server) => server.name === 'worker-7'), [])
    assert.deepEqual(volumes('InstanceTwo'), [])

    w.sim.instance('InstanceTwo').failNextBoot()
    const ok = await two('server', 'create', 'worker-8', '--flavor', 'm1.tiny', '--image', 'cirros', '--boot-from-volume', '1', '--no-network', '--scope', '{"compute": "InstanceTwo | InstanceOne", "image": "InstanceTwo"}', '--wait', '-f', 'value', '-c', 'status')
    assert.deepEqual([ok.code, ok.stdout], [0, 'ACTIVE\n'])
    assert.equal(ok.stderr, 'compute served by InstanceOne after InstanceTwo (no room: its server was deleted).\n')
    assert.deepEqual(volumes('InstanceTwo'), [])
  })
})
