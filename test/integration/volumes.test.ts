import {strict as assert} from 'node:assert'
import {execFileSync} from 'node:child_process'
import {existsSync, openSync, readSync, closeSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {apiSession, bedDown, bedUp, clientEnv, osc as oscOn, oscJson as oscJsonOn, STATE, waitFor, type ApiSession, type ClientEnv, type Cloud} from './lib/bed.js'

/**
 * Cinder in the real bed (cloud.sh: cinder-api/-scheduler/-volume of Debian's python3-cinder, with
 * the file-backed test driver lib/openstackoid_testbed_cinder.py), driven through Debian's
 * python-openstackclient 6.0 so that the bed cannot silently lose block storage. The openstackoid
 * comparisons reuse osc()/json() and the clouds below.
 */

// Root hooks (outside any describe): they run once around every integration file, so the bed is
// started once for story.test.js and this file together (story's own before() then finds it up and
// leaves it to this stop).
before(function () {
  this.timeout(900_000)
  bedUp()
})
after(function () {
  this.timeout(300_000)
  bedDown()
})

export const CLOUD: Cloud = 'InstanceOne'
const PREFIX = 'oid-vt-'
let client: ClientEnv
/** For the waits only (a GET instead of an OSC process per poll); every command goes through OSC. */
const api: Partial<Record<Cloud, ApiSession>> = {}
const session = async (cloud: Cloud) => (api[cloud] ??= await apiSession(cloud))

/** /usr/bin/openstack on the bed (InstanceOne unless told). */
export const osc = async (args: string[], cloud: Cloud = CLOUD) => oscOn(args, cloud, client.env)
/** /usr/bin/openstack ... -f json, parsed; throws with OSC's stderr on a non-zero exit. */
export const json = async (args: string[], cloud: Cloud = CLOUD) => oscJsonOn(args, cloud, client.env)

const ok = async (args: string[], cloud: Cloud = CLOUD) => {
  const r = await osc(args, cloud)
  assert.equal(r.code, 0, `openstack ${args.join(' ')}: ${r.stderr}`)
  return r
}

const volumeStatus = async (id: string, cloud: Cloud = CLOUD) => (await json(['volume', 'show', id, '-c', 'status'], cloud)).status as string
/** Cinder's status of a volume or snapshot, or 'gone' (404). */
async function cinderStatus(kind: 'volumes' | 'snapshots', id: string, cloud: Cloud): Promise<string> {
  const r = await (await session(cloud)).get('block-storage', `/${kind}/${id}`)
  if (r.status === 404) return 'gone'
  if (r.status !== 200) return `HTTP ${r.status}`
  return r.body[kind.slice(0, -1)].status
}

const done = (want: string) => (s: string) => s === want || s.startsWith('error') || (s === 'gone' && want !== 'gone')
const waitVolume = async (id: string, status: string, cloud: Cloud = CLOUD) =>
  waitFor(`volume ${id} -> ${status}`, async () => cinderStatus('volumes', id, cloud), done(status))
const waitSnapshot = async (id: string, status: string) =>
  waitFor(`snapshot ${id} -> ${status}`, async () => cinderStatus('snapshots', id, CLOUD), done(status))
/** 'gone' once Cinder has deleted the volume (and OSC agrees it does not exist). */
async function waitVolumeGone(id: string): Promise<string> {
  await waitVolume(id, 'gone')
  const r = await osc(['volume', 'show', id])
  return r.code !== 0 && /No volume with a name or ID/.test(r.stderr) ? 'gone' : `openstack volume show: exit ${r.code} ${r.stdout}${r.stderr}`
}

/** The first `length` bytes of a file. */
function head(path: string, length: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const n = readSync(fd, buffer, 0, length, 0)
    return buffer.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

describe('integration: Cinder in the real instances (OSC 6.0)', function () {
  this.timeout(600_000)
  const ids: Record<string, string> = {}
  let raw: Buffer
  let imageId = ''

  before(async function () {
    client = clientEnv()
    // A small real qcow2 image (Cinder checks the format with qemu-img) holding a known pattern.
    raw = Buffer.alloc(8 * 1024 * 1024)
    for (let offset = 0; offset < raw.length; offset += 512) raw.writeUInt32LE(offset ^ 0x5a5a5a5a, offset)
    const rawFile = join(client.dir, 'disk.raw')
    const qcow2 = join(client.dir, 'disk.qcow2')
    writeFileSync(rawFile, raw)
    execFileSync('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', rawFile, qcow2])
    const image = await json(['image', 'create', `${PREFIX}cirros`, '--file', qcow2, '--disk-format', 'qcow2', '--container-format', 'bare'])
    imageId = image.id
    await waitFor('image active', async () => (await (await session(CLOUD)).get('image', `/v2/images/${imageId}`)).body?.status, (s) => s === 'active', 60)
  })

  after(async function () {
    if (!client) return
    // Whatever the tests left (also after a failure half-way): servers, snapshots, volumes, image.
    const servers = await osc(['server', 'list', '--name', `^${PREFIX}`, '-f', 'value', '-c', 'ID'])
    for (const id of servers.stdout.split('\n').filter(Boolean)) await osc(['server', 'delete', '--wait', id])
    const snapshots = await osc(['volume', 'snapshot', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'])
    for (const line of snapshots.stdout.split('\n').filter((row) => row.includes(` ${PREFIX}`))) await osc(['volume', 'snapshot', 'delete', line.split(' ')[0]])
    for (const cloud of ['InstanceOne', 'InstanceTwo'] as const) {
      const volumes = await osc(['volume', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'], cloud)
      const mine = volumes.stdout.split('\n').filter((row) => row.includes(` ${PREFIX}`) || Object.values(ids).includes(row.split(' ')[0]))
      for (const line of mine) {
        const id = line.split(' ')[0]
        await waitFor(`volume ${id} deletable`, async () => osc(['volume', 'delete', id], cloud), (r) => r.code === 0, 60).catch(() => undefined)
      }
    }

    if (imageId) await osc(['image', 'delete', imageId])
    client.dispose()
  })

  it('the catalog has block-storage and volumev3 at http://127.0.0.1:PORT/v3/<project id>; scheduler and volume services up', async () => {
    const token = await json(['token', 'issue', '-c', 'project_id'])
    const catalog: {Type: string; Endpoints: string | {url: string}[]}[] = await json(['catalog', 'list'])
    for (const type of ['block-storage', 'volumev3']) {
      const entry = catalog.find((row) => row.Type === type)
      assert.ok(entry, `no ${type} in the catalog`)
      assert.match(JSON.stringify(entry.Endpoints), new RegExp(`http://127\\.0\\.0\\.1:\\d+/v3/${token.project_id}`))
    }

    const services: {Binary: string; Host: string; State: string; Status: string}[] = await json(['volume', 'service', 'list'])
    assert.deepEqual(services.map((s) => `${s.Binary} ${s.Host} ${s.Status} ${s.State}`).sort(), ['cinder-scheduler InstanceOne-block enabled up', 'cinder-volume InstanceOne-block@file enabled up'])
  })

  it('volume create --size 1 -> available; its file exists', async () => {
    const v1 = await json(['volume', 'create', '--size', '1', `${PREFIX}v1`])
    ids.v1 = v1.id
    assert.equal(v1.size, 1)
    assert.equal(await waitVolume(ids.v1, 'available'), 'available')
    assert.ok(existsSync(join(STATE, CLOUD, 'volumes', `volume-${ids.v1}`)))
  })

  it('volume create --image -> available, bootable, the image\'s bytes written into the volume', async () => {
    const v2 = await json(['volume', 'create', '--size', '1', '--image', `${PREFIX}cirros`, `${PREFIX}v2`])
    ids.v2 = v2.id
    assert.equal(await waitVolume(ids.v2, 'available'), 'available')
    const show = await json(['volume', 'show', ids.v2])
    assert.equal(show.bootable, 'true')
    assert.equal(show.volume_image_metadata.image_id, imageId)
    const written = head(join(STATE, CLOUD, 'volumes', `volume-${ids.v2}`), raw.length)
    assert.ok(written.equals(raw), 'the volume does not hold the image\'s data')
  })

  it('volume list / show -f json', async () => {
    const rows: {ID: string; Name: string; Status: string; Size: number}[] = await json(['volume', 'list'])
    const mine = rows.filter((row) => row.Name.startsWith(PREFIX)).map((row) => `${row.Name} ${row.Status} ${row.Size}`).sort()
    assert.deepEqual(mine, [`${PREFIX}v1 available 1`, `${PREFIX}v2 available 1`])
    const show = await json(['volume', 'show', `${PREFIX}v1`])
    assert.equal(show.id, ids.v1)
    assert.equal(show.status, 'available')
    assert.equal(show.bootable, 'false')
    assert.equal(show.availability_zone, 'nova')
    assert.equal(show.type, '__DEFAULT__')
  })

  it('volume set --property k=v', async () => {
    await ok(['volume', 'set', '--property', 'k=v', `${PREFIX}v1`])
    assert.deepEqual((await json(['volume', 'show', ids.v1])).properties, {k: 'v'})
  })

  it('volume snapshot create -> available; volume create --snapshot -> available', async () => {
    const s1 = await json(['volume', 'snapshot', 'create', '--volume', `${PREFIX}v1`, `${PREFIX}s1`])
    ids.s1 = s1.id
    assert.equal(await waitSnapshot(ids.s1, 'available'), 'available')
    const v3 = await json(['volume', 'create', '--snapshot', `${PREFIX}s1`, `${PREFIX}v3`])
    ids.v3 = v3.id
    assert.equal(await waitVolume(ids.v3, 'available'), 'available')
    assert.equal((await json(['volume', 'show', ids.v3])).snapshot_id, ids.s1)
  })

  it('volume type list', async () => {
    const types: {Name: string; 'Is Public': boolean}[] = await json(['volume', 'type', 'list'])
    assert.ok(types.some((row) => row.Name === '__DEFAULT__' && row['Is Public'] === true), JSON.stringify(types))
  })

  it('server create --volume (boot from an existing volume) -> ACTIVE, the volume in-use', async () => {
    const server = await json(['server', 'create', '--flavor', 'm1.tiny', '--volume', `${PREFIX}v2`, '--nic', 'none', '--os-compute-api-version', '2.37', '--wait', `${PREFIX}bfv1`])
    ids.bfv1 = server.id
    assert.equal(server.status, 'ACTIVE')
    assert.deepEqual(server.volumes_attached.map((v: {id: string}) => v.id), [ids.v2])
    const volume = await json(['volume', 'show', ids.v2])
    assert.equal(volume.status, 'in-use')
    assert.equal(volume.attachments[0].server_id, ids.bfv1)
  })

  it('server add volume / server remove volume', async () => {
    await ok(['server', 'add', 'volume', `${PREFIX}bfv1`, `${PREFIX}v1`])
    assert.equal(await waitVolume(ids.v1, 'in-use'), 'in-use')
    const attached = (await json(['server', 'show', ids.bfv1])).volumes_attached.map((v: {id: string}) => v.id).sort()
    assert.deepEqual(attached, [ids.v1, ids.v2].sort())
    await ok(['server', 'remove', 'volume', `${PREFIX}bfv1`, `${PREFIX}v1`])
    assert.equal(await waitVolume(ids.v1, 'available'), 'available')
    assert.deepEqual((await json(['server', 'show', ids.bfv1])).volumes_attached.map((v: {id: string}) => v.id), [ids.v2])
  })

  it('server create --image --boot-from-volume 1 -> ACTIVE on a new bootable volume (OSC 6.0 keeps it: delete_on_termination false)', async () => {
    const server = await json(['server', 'create', '--flavor', 'm1.tiny', '--image', `${PREFIX}cirros`, '--boot-from-volume', '1', '--nic', 'none', '--os-compute-api-version', '2.37', '--wait', `${PREFIX}bfv2`])
    ids.bfv2 = server.id
    assert.equal(server.status, 'ACTIVE')
    assert.equal(server.volumes_attached.length, 1)
    assert.equal(server.volumes_attached[0].delete_on_termination, false)
    ids.root2 = server.volumes_attached[0].id
    const volume = await json(['volume', 'show', ids.root2])
    assert.equal(volume.status, 'in-use')
    assert.equal(volume.bootable, 'true')
    assert.equal(volume.size, 1)
  })

  it('server create --block-device ...,delete_on_termination=true -> ACTIVE with a volume made from the image', async () => {
    const bdm = `source_type=image,uuid=${imageId},destination_type=volume,volume_size=1,delete_on_termination=true`
    const server = await json(['server', 'create', '--flavor', 'm1.tiny', '--image', `${PREFIX}cirros`, '--block-device', bdm, '--nic', 'none', '--os-compute-api-version', '2.37', '--wait', `${PREFIX}bfv3`])
    ids.bfv3 = server.id
    assert.equal(server.status, 'ACTIVE')
    assert.equal(server.volumes_attached.length, 1)
    assert.equal(server.volumes_attached[0].delete_on_termination, true)
    ids.dot3 = server.volumes_attached[0].id
    assert.equal(await volumeStatus(ids.dot3), 'in-use')
  })

  it('server delete --wait: the delete_on_termination volume is gone, the others are available again', async () => {
    await ok(['server', 'delete', '--wait', `${PREFIX}bfv3`, `${PREFIX}bfv2`, `${PREFIX}bfv1`])
    assert.equal(await waitVolumeGone(ids.dot3), 'gone')
    assert.ok(!existsSync(join(STATE, CLOUD, 'volumes', `volume-${ids.dot3}`)), 'its file is left behind')
    assert.equal(await waitVolume(ids.root2, 'available'), 'available')
    assert.equal(await waitVolume(ids.v2, 'available'), 'available')
  })

  it('limits show --absolute and quota show include the volume parts; availability zone list has the volume zone', async () => {
    const limits: {Name: string; Value: number}[] = await json(['limits', 'show', '--absolute'])
    const names = new Set(limits.map((row) => row.Name))
    for (const name of ['maxTotalVolumes', 'maxTotalSnapshots', 'maxTotalVolumeGigabytes', 'totalVolumesUsed', 'totalGigabytesUsed', 'totalSnapshotsUsed']) assert.ok(names.has(name), `limits: no ${name}`)
    assert.equal(limits.find((row) => row.Name === 'totalVolumesUsed')?.Value, 4) // v1, v2, v3, root2
    assert.equal(limits.find((row) => row.Name === 'totalSnapshotsUsed')?.Value, 1)
    const quota = await json(['quota', 'show'])
    assert.equal(quota.volumes, 10)
    assert.equal(quota.snapshots, 10)
    assert.equal(quota.gigabytes, 1000)
    assert.equal(quota['volumes___DEFAULT__'], -1)
    const zones: {'Zone Name': string; 'Zone Status': string}[] = await json(['availability', 'zone', 'list', '--volume'])
    assert.deepEqual(zones, [{'Zone Name': 'nova', 'Zone Status': 'available'}])
    const all: unknown[] = await json(['availability', 'zone', 'list'])
    assert.ok(all.length >= 3, `compute, internal and volume zones expected: ${JSON.stringify(all)}`)
  })

  it('volume snapshot delete, volume delete: gone, files removed', async () => {
    await ok(['volume', 'delete', ids.v3])
    await waitVolumeGone(ids.v3)
    await ok(['volume', 'snapshot', 'delete', ids.s1])
    assert.equal(await waitSnapshot(ids.s1, 'gone'), 'gone')
    await ok(['volume', 'delete', ids.v1, ids.v2, ids.root2])
    for (const id of [ids.v1, ids.v2, ids.root2]) assert.equal(await waitVolumeGone(id), 'gone')
    for (const id of [ids.v1, ids.v2, ids.v3, ids.root2]) assert.ok(!existsSync(join(STATE, CLOUD, 'volumes', `volume-${id}`)), `volume-${id} left behind`)
    assert.ok(!existsSync(join(STATE, CLOUD, 'volumes', `snapshot-${ids.s1}`)))
  })

  it('InstanceTwo has its own Cinder: a volume there is not seen in InstanceOne', async () => {
    const volume = await json(['volume', 'create', '--size', '1', `${PREFIX}two`], 'InstanceTwo')
    ids.two = volume.id
    assert.equal(await waitVolume(ids.two, 'available', 'InstanceTwo'), 'available')
    const one: {ID: string}[] = await json(['volume', 'list'])
    assert.ok(!one.some((row) => row.ID === ids.two))
    await ok(['volume', 'delete', ids.two], 'InstanceTwo')
  })
})
