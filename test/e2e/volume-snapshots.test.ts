import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

/**
 * buildbot's latent workers and the CI mirror volumes: snapshots of a volume in every cloud at
 * once, a volume attached to a worker and removed again, and the volume parts of limits, quotas
 * and zones — through bin/run.js on the simulator, exact output and exit codes.
 */
describe('e2e: volume snapshots, server volumes, and the volume parts of limits/quota/zones', function () {
  this.timeout(120_000)
  let w: World
  const BOTH = JSON.stringify({'block-storage': 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({'block-storage': 'InstanceTwo | InstanceOne'})
  const COMPUTE_BOTH = JSON.stringify({compute: 'InstanceOne & InstanceTwo'})
  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const volumes: Record<string, string> = {}

  /** A volume through the raw API (volume create is another family's command). */
  async function makeVolume(instance: string, name: string): Promise<string> {
    const made = await w.run(['--os-cloud', instance, 'api', 'block-storage', 'POST', '/volumes', '--body', JSON.stringify({volume: {name, size: 1}})])
    assert.equal(made.code, 0, made.stderr)
    return (JSON.parse(made.stdout) as {volume: {id: string}}).volume.id
  }

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne', compute: {buildPolls: 0}, volume: {createPolls: 0, deletePolls: 0}}, {name: 'InstanceTwo', volume: {createPolls: 0, deletePolls: 0}}]})
    volumes.one = await makeVolume('InstanceOne', 'mirror')
    volumes.two = await makeVolume('InstanceTwo', 'mirror')
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })

  it('snapshots the mirror volume in every instance of &, lists, shows and deletes them', async () => {
    const made = await run('volume', 'snapshot', 'create', '--volume', 'mirror', '--description', 'nightly', '--property', 'kind=ci', 'mirror-snap', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'volume_id', '-c', 'properties', '-c', 'status')
    assert.equal(made.code, 0, made.stderr)
    // Under "&" a show becomes rows: properties print as the value they hold, as in every merged show.
    assert.equal(made.stdout, `InstanceOne mirror-snap {'kind': 'ci'} available ${volumes.one}\nInstanceTwo mirror-snap {'kind': 'ci'} available ${volumes.two}\n`)

    const listed = await run('volume', 'snapshot', 'list', '--long', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Name', '-c', 'Description', '-c', 'Size', '-c', 'Volume', '-c', 'Properties')
    assert.equal(listed.code, 0, listed.stderr)
    // -f value prints what a formattable column holds (cliff): the volume's ID, the properties dict.
    assert.equal(listed.stdout, `InstanceOne mirror-snap nightly 1 ${volumes.one} {'kind': 'ci'}\nInstanceTwo mirror-snap nightly 1 ${volumes.two} {'kind': 'ci'}\n`)
    const table = await run('volume', 'snapshot', 'list', '--long', '--scope', BOTH, '-c', 'Instance', '-c', 'Volume', '-c', 'Properties')
    assert.equal(
      table.stdout,
      [
        '+-------------+--------+------------+',
        '| Instance    | Volume | Properties |',
        '+-------------+--------+------------+',
        "| InstanceOne | mirror | kind='ci'  |",
        "| InstanceTwo | mirror | kind='ci'  |",
        '+-------------+--------+------------+',
        '',
      ].join('\n'),
    )
    const json = JSON.parse((await run('volume', 'snapshot', 'list', '--long', '-f', 'json', '-c', 'Volume', '-c', 'Properties')).stdout)
    assert.deepEqual(json, [{Volume: volumes.one, Properties: {kind: 'ci'}}])
    const filtered = await run('volume', 'snapshot', 'list', '--volume', 'mirror', '--status', 'available', '--name', 'mirror-snap', '-f', 'value', '-c', 'Name')
    assert.equal(filtered.stdout, 'mirror-snap\n')
    assert.equal((await run('volume', 'snapshot', 'list', '--status', 'error', '-f', 'value')).stdout, '')

    const shown = await run('volume', 'snapshot', 'show', 'mirror-snap', '--scope', FIRST, '-f', 'json', '-c', 'name', '-c', 'volume_id', '-c', 'properties')
    assert.equal(shown.code, 0, shown.stderr)
    assert.deepEqual(JSON.parse(shown.stdout), {name: 'mirror-snap', properties: {kind: 'ci'}, volume_id: volumes.two})
    assert.equal(shown.stderr, 'block-storage served by InstanceTwo.\n')

    const gone = await run('volume', 'snapshot', 'delete', 'mirror-snap', '--scope', BOTH)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stderr, 'Deleted snapshot mirror-snap in InstanceOne, InstanceTwo.\n')
    assert.equal((await run('volume', 'snapshot', 'list', '--scope', BOTH, '-f', 'value')).stdout, '')
  })

  it("gives OSC's errors for a snapshot of an unknown volume, an unknown snapshot and a bad status", async () => {
    const noVolume = await run('volume', 'snapshot', 'create', '--volume', 'nope', 'snap')
    assert.equal(noVolume.code, 1)
    assert.equal(noVolume.stdout, '')
    assert.equal(noVolume.stderr, "No volume with a name or ID of 'nope' exists.\n")
    const byName = await run('volume', 'snapshot', 'create', 'nope')
    assert.equal(byName.stderr, "No volume with a name or ID of 'nope' exists.\n")
    const missing = await run('volume', 'snapshot', 'delete', 'ghost', 'ghost2')
    assert.equal(missing.code, 1)
    assert.equal(
      missing.stderr,
      "Failed to delete snapshot with name or ID 'ghost': No snapshot with a name or ID of 'ghost' exists.\nFailed to delete snapshot with name or ID 'ghost2': No snapshot with a name or ID of 'ghost2' exists.\n2 of 2 snapshots failed to delete.\n",
    )
    const show = await run('volume', 'snapshot', 'show', 'ghost')
    assert.equal(show.code, 1)
    assert.equal(show.stderr, "No snapshot with a name or ID of 'ghost' exists.\n")
    const status = await run('volume', 'snapshot', 'list', '--status', 'bogus')
    assert.equal(status.code, 2)
    assert.match(status.stderr, /Expected --status=bogus to be one of: available, error, creating, deleting, error_deleting/)
    const property = await run('volume', 'snapshot', 'create', '--volume', 'mirror', '--property', 'novalue', 'snap')
    assert.equal(property.code, 2)
    assert.match(property.stderr, /Expected 'key=value' type, but got: novalue/)
  })

  it('attaches a volume to a worker (its fields as OSC prints them), refuses it twice, removes it', async () => {
    const boot = await run('server', 'create', 'worker', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '-f', 'value', '-c', 'id')
    assert.equal(boot.code, 0, boot.stderr)
    const serverId = boot.stdout.trim()
    const added = await run('server', 'add', 'volume', 'worker', 'mirror', '--tag', 'data', '--enable-delete-on-termination', '-f', 'json')
    assert.equal(added.code, 0, added.stderr)
    const attachment = JSON.parse(added.stdout)
    assert.deepEqual(Object.keys(attachment), ['ID', 'Server ID', 'Volume ID', 'Device', 'Tag', 'Delete On Termination'])
    assert.equal(attachment['Server ID'], serverId)
    assert.equal(attachment['Volume ID'], volumes.one)
    assert.equal(attachment.Device, '/dev/vdb')
    assert.equal(attachment.Tag, 'data')
    assert.equal(attachment['Delete On Termination'], true)
    assert.match(attachment.ID, /^[0-9a-f-]{36}$/)

    const again = await run('server', 'add', 'volume', 'worker', 'mirror')
    assert.equal(again.code, 1)
    assert.equal(again.stdout, '')
    assert.match(again.stderr, /already attached|status must be 'available'/)

    const removed = await run('server', 'remove', 'volume', 'worker', 'mirror')
    assert.equal(removed.code, 0, removed.stderr)
    assert.equal(removed.stdout + removed.stderr, '')
    const notAttached = await run('server', 'remove', 'volume', 'worker', 'mirror')
    assert.equal(notAttached.code, 1)
    assert.equal(notAttached.stderr, `No VolumeAttachment found for ${volumes.one}\n`)
  })

  it("gives the SDK's wording for an unknown server or volume, the microversion errors, and the colocation error", async () => {
    const noServer = await run('server', 'add', 'volume', 'nope', 'mirror')
    assert.equal(noServer.code, 1)
    assert.equal(noServer.stderr, 'No Server found for nope\n')
    const noVolume = await run('server', 'add', 'volume', 'worker', 'nope')
    assert.equal(noVolume.code, 1)
    assert.equal(noVolume.stderr, 'No Volume found for nope\n')
    const old = await run('--os-compute-api-version', '2.48', 'server', 'add', 'volume', 'worker', 'mirror', '--tag', 't')
    assert.equal(old.code, 1)
    assert.equal(old.stderr, '--os-compute-api-version 2.49 or greater is required to support the --tag option\n')
    const dot = await run('--os-compute-api-version', '2.60', 'server', 'add', 'volume', 'worker', 'mirror', '--disable-delete-on-termination')
    assert.equal(dot.code, 1)
    assert.equal(dot.stderr, '--os-compute-api-version 2.79 or greater is required to support the --disable-delete-on-termination option.\n')
    const both = await run('server', 'add', 'volume', 'worker', 'mirror', '--enable-delete-on-termination', '--disable-delete-on-termination')
    assert.equal(both.code, 2)
    const elsewhere = await run('server', 'add', 'volume', 'worker', 'mirror', '--scope', JSON.stringify({compute: 'InstanceOne', 'block-storage': 'InstanceTwo'}))
    assert.equal(elsewhere.code, 2)
    assert.match(elsewhere.stderr, /A server's volumes come from the Cinder of the instance that runs it \(InstanceOne\), but --scope sends block-storage to "InstanceTwo"/)
    const twoWithout = await run('server', 'add', 'volume', 'worker', 'mirror', '--scope', JSON.stringify({compute: 'InstanceTwo'}))
    assert.equal(twoWithout.code, 1)
    assert.equal(twoWithout.stderr, 'No Server found for worker\n')
  })

  it('merges Cinder into limits show, quota show and availability zone list, per instance under &', async () => {
    const limits = await run('limits', 'show', '--absolute', '--scope', COMPUTE_BOTH, '-f', 'value')
    assert.equal(limits.code, 0, limits.stderr)
    const rows = limits.stdout.trim().split('\n')
    assert.ok(rows.includes('InstanceOne maxTotalInstances 10'), limits.stdout)
    assert.ok(rows.includes('InstanceOne maxTotalVolumes 10'), limits.stdout)
    assert.ok(rows.includes('InstanceTwo maxTotalVolumeGigabytes 1000'), limits.stdout)
    assert.ok(rows.indexOf('InstanceOne maxTotalInstances 10') < rows.indexOf('InstanceOne maxTotalVolumes 10'))
    const rate = await run('limits', 'show', '--rate', '-f', 'csv')
    assert.equal(rate.stdout, '"Verb","URI","Value","Remain","Unit","Next Available"\n')

    const quota = await run('quota', 'show', '-f', 'json', '-c', 'cores', '-c', 'volumes', '-c', 'backup-gigabytes', '-c', 'per-volume-gigabytes', '-c', 'snapshots')
    assert.equal(quota.code, 0, quota.stderr)
    assert.deepEqual(JSON.parse(quota.stdout), {'backup-gigabytes': 1000, cores: 20, 'per-volume-gigabytes': -1, snapshots: 10, volumes: 10})

    const zones = await run('availability', 'zone', 'list', '--scope', COMPUTE_BOTH, '-f', 'value')
    assert.equal(zones.code, 0, zones.stderr)
    assert.equal(zones.stdout, 'InstanceOne internal available\nInstanceOne nova available\nInstanceOne nova available\nInstanceTwo internal available\nInstanceTwo nova available\nInstanceTwo nova available\n')
    const volumeZones = await run('availability', 'zone', 'list', '--volume', '--long', '-f', 'csv')
    assert.equal(volumeZones.stdout, '"Zone Name","Zone Status","Zone Resource","Host Name","Service Name","Service Status"\n"nova","available","","","",""\n')
    const networkZones = await run('availability', 'zone', 'list', '--network')
    assert.equal(networkZones.code, 0)
    // An empty table prints an empty line, as OSC's does.
    assert.equal(networkZones.stdout, '\n')
    assert.equal(networkZones.stderr, 'Availability zones list not supported by Network API\n')
  })
})
