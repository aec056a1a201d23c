import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {runCli, runOsc} from '../e2e/harness.js'
import {clientEnv, waitFor, type ClientEnv, type Cloud} from './lib/bed.js'

/**
 * openstackoid's block storage against the real Cinder of both bed instances (the bed is started
 * once by volumes.test.ts's root hooks): the mirror volume per region, snapshots, attach/detach,
 * and buildbot's worker life cycle with a boot from volume across instances; outputs compared with
 * Debian's python-openstackclient 6.0 on the same clouds.
 */
describe('integration: openstackoid on real Cinder', function () {
  this.timeout(900_000)
  const BOTH = '{"block-storage": "InstanceOne & InstanceTwo"}'
  let client: ClientEnv
  let disk: string

  const oid = async (args: string[], cloud: Cloud = 'InstanceOne') => runCli([...args, '--os-cloud', cloud], client.env, client.dir)
  const ok = async (args: string[], cloud: Cloud = 'InstanceOne') => {
    const r = await oid(args, cloud)
    assert.equal(r.code, 0, `openstackoid ${args.join(' ')}: ${r.stderr}`)
    return r
  }

  const json = async (args: string[], cloud: Cloud = 'InstanceOne') => JSON.parse((await ok([...args, '-f', 'json'], cloud)).stdout)
  const status = async (args: string[], cloud: Cloud = 'InstanceOne') => {
    const r = await oid([...args, '-f', 'value', '-c', 'status'], cloud)
    return r.code === 0 ? r.stdout.trim() : 'gone'
  }

  const settled = (want: string) => (s: string) => s === want || s.startsWith('error')
  /** The same JSON from OSC and from openstackoid, timestamps compared by key only. */
  const same = async (args: string[], cloud: Cloud = 'InstanceOne') => {
    const full = [...args, '-f', 'json', '--os-cloud', cloud]
    const [theirs, ours] = await Promise.all([runOsc(full, client.env), runCli(full, client.env, client.dir)])
    assert.equal(theirs.code, 0, theirs.stderr)
    assert.equal(ours.code, 0, ours.stderr)
    assert.deepEqual(strip(JSON.parse(ours.stdout)), strip(JSON.parse(theirs.stdout)), args.join(' '))
  }

  before(() => {
    client = clientEnv()
    disk = join(client.dir, 'worker.img')
    const bytes = Buffer.alloc(2 * 1024 * 1024)
    for (let index = 0; index < bytes.length; index += 512) bytes.writeUInt32LE(index, index)
    writeFileSync(disk, bytes)
  })

  after(async () => {
    // Best effort: what a failed run left behind.
    for (const cloud of ['InstanceOne', 'InstanceTwo'] as const) {
      const servers = await oid(['server', 'list', '-f', 'value', '-c', 'ID', '--name', '^oid-vo-'], cloud)
      for (const id of servers.stdout.split('\n').filter(Boolean)) await oid(['server', 'delete', id, '--wait'], cloud)
      await oid(['volume', 'snapshot', 'delete', 'oid-vo-snap'], cloud)
      const volumes = await oid(['volume', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'], cloud)
      for (const line of volumes.stdout.split('\n').filter((row) => / oid-vo-/.test(row) || /^\S+ $/.test(row))) await oid(['volume', 'delete', line.split(' ')[0], '--force'], cloud)
      const images = await oid(['image', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'], cloud)
      for (const line of images.stdout.split('\n').filter((row) => / oid-vo-/.test(row))) await oid(['image', 'delete', line.split(' ')[0]], cloud)
    }

    client?.dispose()
  })

  it('the mirror volume per region: one volume create under &, available in both, the same as OSC shows it', async () => {
    const made = await ok(['volume', 'create', '--size', '1', 'oid-vo-mirror', '--property', 'role=mirror', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'size'])
    assert.equal(made.stdout, 'InstanceOne oid-vo-mirror 1\nInstanceTwo oid-vo-mirror 1\n')
    for (const cloud of ['InstanceOne', 'InstanceTwo'] as const) {
      assert.equal(await waitFor(`oid-vo-mirror in ${cloud}`, async () => status(['volume', 'show', 'oid-vo-mirror'], cloud), settled('available')), 'available')
    }

    const rows = await json(['volume', 'list', '--scope', BOTH])
    assert.deepEqual(rows.filter((row: {Name: string}) => row.Name === 'oid-vo-mirror').map((row: {Instance: string}) => row.Instance), ['InstanceOne', 'InstanceTwo'])
    await same(['volume', 'show', 'oid-vo-mirror'])
    await same(['volume', 'list'])
    await same(['volume', 'list', '--long'])
    await same(['volume', 'type', 'list'])
  })

  it('volume set, a snapshot of it (available), OSC\'s snapshot show and list', async () => {
    await ok(['volume', 'set', 'oid-vo-mirror', '--property', 'tier=cold', '--description', 'mirror of the CI caches'])
    const shown = await json(['volume', 'show', 'oid-vo-mirror'])
    assert.equal(shown.description, 'mirror of the CI caches')
    assert.match(shown.properties && JSON.stringify(shown.properties), /tier/)
    await ok(['volume', 'snapshot', 'create', '--volume', 'oid-vo-mirror', 'oid-vo-snap'])
    assert.equal(await waitFor('oid-vo-snap', async () => status(['volume', 'snapshot', 'show', 'oid-vo-snap']), settled('available')), 'available')
    await same(['volume', 'snapshot', 'show', 'oid-vo-snap'])
    await same(['volume', 'snapshot', 'list', '--long'])
  })

  let copyOfImage = ''
  it('buildbot\'s worker across instances: --boot-from-volume of InstanceTwo\'s image in InstanceOne, ACTIVE, then server delete --wait names the volume it keeps', async () => {
    const image = await json(['image', 'create', 'oid-vo-worker-image', '--file', disk, '--disk-format', 'raw', '--public'], 'InstanceTwo')
    assert.equal(image.status, 'active')
    const server = await json(['server', 'create', 'oid-vo-worker', '--flavor', 'm1.tiny', '--image', 'oid-vo-worker-image', '--boot-from-volume', '1', '--nic', 'none', '--property', 'build=42', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo"}', '--wait'])
    assert.equal(server.status, 'ACTIVE')
    assert.match(server.image_origin, /^InstanceTwo: oid-vo-worker-image \([0-9a-f-]{36}\), copied$/)
    copyOfImage = (await json(['image', 'list'])).find((row: {Name: string}) => row.Name === 'oid-vo-worker-image')?.ID
    assert.ok(copyOfImage, 'the copy in InstanceOne\'s Glance')
    // -f json gives "Attached to" as Cinder's attachments, as OSC does (the table has the sentence).
    const attached = await json(['volume', 'list'])
    const root = attached.find((row: {'Attached to': {server_id: string}[]}) => row['Attached to'].some((a) => a.server_id === server.id))
    assert.ok(root, `a volume attached to the worker: ${JSON.stringify(attached)}`)
    // The table has OSC's sentence (-f value, like -f json, has the attachments themselves).
    const table = await ok(['volume', 'list', '-c', 'ID', '-c', 'Attached to'])
    assert.match(table.stdout, new RegExp(`\\| ${root.ID} \\| Attached to oid-vo-worker on /dev/\\w+ +\\|`))
    const gone = await ok(['server', 'delete', 'oid-vo-worker', '--wait'])
    // OSC 6.0's --boot-from-volume keeps the root volume (delete_on_termination false): said, with the command.
    assert.match(gone.stderr, new RegExp(`^Volume ${root.ID} of server oid-vo-worker remains in InstanceOne \\([a-z-]+, 1 GB: delete_on_termination is false\\); delete it with: openstackoid volume delete ${root.ID} --os-cloud InstanceOne\\n$`))
    await waitFor('the kept root volume detached', async () => status(['volume', 'show', root.ID]), settled('available'))
    await ok(['volume', 'delete', root.ID])
    await waitFor('the kept root volume deleted', async () => status(['volume', 'show', root.ID]), (s) => s === 'gone')
  })

  it('buildbot\'s worker with delete_on_termination: --block-device from the image, --wait, server delete --wait leaves no volume', async () => {
    const before = (await json(['volume', 'list'])).length
    const server = await json(['server', 'create', 'oid-vo-worker2', '--flavor', 'm1.tiny', '--nic', 'none', '--property', 'build=43', '--wait',
      '--block-device', `uuid=${copyOfImage},source_type=image,destination_type=volume,volume_size=1,boot_index=0,delete_on_termination=true`])
    assert.equal(server.status, 'ACTIVE')
    assert.equal((await json(['volume', 'list'])).length, before + 1)
    const gone = await ok(['server', 'delete', 'oid-vo-worker2', '--wait'])
    assert.equal(gone.stderr, '')
    await waitFor('no volume left by the worker', async () => (await json(['volume', 'list'])).length, (n) => n === before)
  })

  it('server add volume / server remove volume on a real Nova and Cinder', async () => {
    await json(['server', 'create', 'oid-vo-host', '--flavor', 'm1.tiny', '--image', copyOfImage, '--nic', 'none', '--wait'])
    await ok(['volume', 'create', '--size', '1', 'oid-vo-data'])
    await waitFor('oid-vo-data', async () => status(['volume', 'show', 'oid-vo-data']), settled('available'))
    const attachment = await json(['server', 'add', 'volume', 'oid-vo-host', 'oid-vo-data'])
    assert.deepEqual(Object.keys(attachment).slice(0, 4), ['ID', 'Server ID', 'Volume ID', 'Device'])
    assert.equal(await waitFor('oid-vo-data in-use', async () => status(['volume', 'show', 'oid-vo-data']), settled('in-use')), 'in-use')
    await same(['volume', 'show', 'oid-vo-data'])
    await ok(['server', 'remove', 'volume', 'oid-vo-host', 'oid-vo-data'])
    assert.equal(await waitFor('oid-vo-data detached', async () => status(['volume', 'show', 'oid-vo-data']), settled('available')), 'available')
    await ok(['server', 'delete', 'oid-vo-host', '--wait'])
  })

  it('limits show --absolute and availability zone list with their volume parts, as OSC', async () => {
    await same(['limits', 'show', '--absolute'])
    await same(['availability', 'zone', 'list'])
  })

  it('clean-up under &: snapshot and volumes deleted in both instances', async () => {
    await ok(['volume', 'snapshot', 'delete', 'oid-vo-snap'])
    await waitFor('oid-vo-snap deleted', async () => status(['volume', 'snapshot', 'show', 'oid-vo-snap']), (s) => s === 'gone')
    const deleted = await ok(['volume', 'delete', 'oid-vo-mirror', '--scope', BOTH])
    assert.equal(deleted.code, 0)
    await ok(['volume', 'delete', 'oid-vo-data'])
    for (const cloud of ['InstanceOne', 'InstanceTwo'] as const) {
      await waitFor(`no oid-vo- volume in ${cloud}`, async () => (await json(['volume', 'list'], cloud)).filter((row: {Name: string}) => row.Name?.startsWith('oid-vo-')).length, (n) => n === 0)
    }

    await ok(['image', 'delete', copyOfImage])
    await ok(['image', 'delete', 'oid-vo-worker-image'], 'InstanceTwo')
  })
})

/** Values that change between two calls are compared by key only. */
const VOLATILE = /^(updated_at|Updated At|expires)$/
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, VOLATILE.test(key) ? '<volatile>' : strip(item)]))
  }

  return value
}
