import assert from 'node:assert/strict'
import {CIRROS_NAME, startSim, type Sim, type SimInstance} from '../../sim/index.js'
import {call, login, type CallInit, type Reply} from './helpers.js'

describe('sim: cinder v3 and nova block devices', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let project: string
  let cirros: string

  const cinder = (path: string, init: CallInit & {mv?: string} = {}): Promise<Reply> => {
    const headers = {...(init.headers ?? {})}
    if (init.mv) headers['OpenStack-API-Version'] = `volume ${init.mv}`
    return call(`${one.baseUrl}/volume/v3/${project}${path}`, {token: admin, ...init, headers})
  }
  const nova = (path: string, init: CallInit = {}): Promise<Reply> =>
    call(`${one.baseUrl}/compute/v2.1${path}`, {token: admin, ...init, headers: {'OpenStack-API-Version': 'compute 2.79', ...(init.headers ?? {})}})
  const create = async (body: Record<string, unknown>): Promise<string> => {
    const r = await cinder('/volumes', {method: 'POST', body: {volume: body}})
    assert.equal(r.status, 202, r.text)
    return r.json.volume.id
  }
  const show = async (id: string) => (await cinder(`/volumes/${id}`)).json.volume

  before(async () => {
    sim = await startSim({instances: [{name: 'InstanceOne', compute: {buildPolls: 0, deletePolls: 0}, volume: {createPolls: 1, deletePolls: 1, quotas: {volumes: 4, gigabytes: 50}}}, 'InstanceTwo']})
    one = sim.instance('InstanceOne')
    admin = await login(one)
    demo = await login(one, 'demo')
    project = one.projectId('admin')
    cirros = one.images().find((i) => i.name === CIRROS_NAME)!.id
  })
  after(async () => {
    await sim.stop()
  })
  afterEach(async () => {
    for (const s of one.servers()) await nova(`/servers/${s.id}`, {method: 'DELETE'})
    for (const v of one.volumes()) {
      await cinder(`/volumes/${v.id}/action`, {method: 'POST', body: {'os-force_delete': {}}})
      await cinder(`/volumes/${v.id}?cascade=true`, {method: 'DELETE'})
      await cinder(`/volumes/${v.id}`)
      await cinder(`/volumes/${v.id}`)
    }
    assert.deepEqual(one.volumes(), [])
  })

  it('is in the catalog as block-storage and volumev3 with the project id filled in, and answers version discovery', async () => {
    const tok = await call(`${one.authUrl}/v3/auth/tokens`, {token: admin, headers: {'X-Subject-Token': admin}})
    const catalog = tok.json.token.catalog as {type: string; name: string; endpoints: {url: string; interface: string}[]}[]
    for (const [type, name] of [['block-storage', 'cinder'], ['volumev3', 'cinderv3']]) {
      const s = catalog.find((x) => x.type === type)!
      assert.equal(s.name, name)
      assert.deepEqual(s.endpoints.map((e) => [e.interface, e.url]), [['public', `${one.baseUrl}/volume/v3/${project}`]])
    }
    const eps = await call(`${one.authUrl}/v3/endpoints`, {token: admin})
    assert.ok(eps.json.endpoints.some((e: {url: string}) => e.url === `${one.baseUrl}/volume/v3/$(project_id)s`))
    const root = await call(`${one.baseUrl}/volume/`)
    assert.equal(root.status, 300)
    assert.deepEqual([root.json.versions[0].id, root.json.versions[0].min_version, root.json.versions[0].version], ['v3.0', '3.0', '3.70'])
    const v3 = await call(`${one.baseUrl}/volume/v3/`)
    assert.equal(v3.status, 200)
    assert.equal(v3.json.versions[0].links.find((l: {rel: string}) => l.rel === 'self').href, `${one.baseUrl}/volume/v3/`)
    assert.equal((await cinder('/volumes')).headers.get('openstack-api-version'), 'volume 3.0')
    assert.equal((await cinder('/volumes', {mv: '3.60'})).headers.get('openstack-api-version'), 'volume 3.60')
    const tooHigh = await cinder('/volumes', {mv: '3.99'})
    assert.equal(tooHigh.status, 406)
    assert.equal(tooHigh.json.computeFault?.message ?? tooHigh.json[Object.keys(tooHigh.json)[0]].message, 'Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.70.')
    assert.equal((await call(`${one.baseUrl}/volume/v3/${project}/volumes`)).status, 401)
  })

  it('creates a volume creating → available, lists, filters, pages, updates and deletes it (deleting → gone)', async () => {
    const r = await cinder('/volumes', {method: 'POST', body: {volume: {size: 1, name: 'v1', description: 'd', metadata: {a: 'b'}}}})
    assert.equal(r.status, 202)
    const v = r.json.volume
    assert.deepEqual([v.status, v.size, v.name, v.bootable, v.volume_type, v.availability_zone, v.attachments, v.metadata], ['creating', 1, 'v1', 'false', 'lvmdriver-1', 'nova', [], {a: 'b'}])
    assert.match(v.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/)
    assert.equal((await show(v.id)).status, 'creating')
    assert.equal((await show(v.id)).status, 'available')
    const id2 = await create({size: '2', name: 'v2'})
    const list = await cinder('/volumes')
    assert.deepEqual(list.json.volumes.map((x: {id: string}) => x.id), [id2, v.id])
    assert.deepEqual(Object.keys(list.json.volumes[0]).sort(), ['id', 'links', 'name'])
    const byName = await cinder('/volumes/detail?name=v1')
    assert.deepEqual(byName.json.volumes.map((x: {id: string}) => x.id), [v.id])
    const byStatus = await cinder('/volumes/detail?status=available')
    assert.deepEqual(byStatus.json.volumes.map((x: {id: string}) => x.id), [v.id])
    const page = await cinder('/volumes/detail?limit=1')
    assert.equal(page.json.volumes.length, 1)
    assert.equal(page.json.volumes_links[0].rel, 'next')
    assert.match(page.json.volumes_links[0].href, new RegExp(`marker=${id2}`))
    const next = await cinder(`/volumes/detail?limit=1&marker=${id2}`)
    assert.deepEqual(next.json.volumes.map((x: {id: string}) => x.id), [v.id])
    const upd = await cinder(`/volumes/${v.id}`, {method: 'PUT', body: {volume: {name: 'renamed', description: null}}})
    assert.equal(upd.status, 200)
    assert.deepEqual([upd.json.volume.name, upd.json.volume.description], ['renamed', null])
    const md = await cinder(`/volumes/${v.id}/metadata`, {method: 'POST', body: {metadata: {c: 'd'}}})
    assert.deepEqual(md.json.metadata, {a: 'b', c: 'd'})
    assert.equal((await cinder(`/volumes/${v.id}/metadata/a`, {method: 'DELETE'})).status, 200)
    assert.deepEqual((await show(v.id)).metadata, {c: 'd'})
    assert.equal((await cinder(`/volumes/${v.id}/action`, {method: 'POST', body: {'os-set_bootable': {bootable: true}}})).status, 200)
    assert.equal((await show(v.id)).bootable, 'true')
    assert.equal((await cinder(`/volumes/${v.id}`, {method: 'DELETE'})).status, 202)
    assert.equal((await show(v.id)).status, 'deleting')
    const gone = await cinder(`/volumes/${v.id}`)
    assert.equal(gone.status, 404)
    assert.equal(gone.json.itemNotFound.message, `Volume ${v.id} could not be found.`)
  })

  it('refuses bad sizes, unknown images, types and sources with Cinder\'s messages', async () => {
    const noSize = await cinder('/volumes', {method: 'POST', body: {volume: {name: 'x'}}})
    assert.equal(noSize.status, 400)
    assert.equal(noSize.json.badRequest.message, "Invalid input received: Volume size 'None' must be an integer and greater than 0")
    const zero = await cinder('/volumes', {method: 'POST', body: {volume: {size: 0}}})
    assert.equal(zero.status, 400)
    assert.match(zero.json.badRequest.message, /0 is less than the minimum of 1/)
    const img = await cinder('/volumes', {method: 'POST', body: {volume: {size: 1, imageRef: '11111111-2222-3333-4444-555555555555'}}})
    assert.equal(img.status, 400)
    assert.equal(img.json.badRequest.message, 'Invalid image identifier or unable to access requested image.')
    // An image of another instance is not there.
    const other = sim.instance('InstanceTwo').images()[0].id
    assert.equal((await cinder('/volumes', {method: 'POST', body: {volume: {size: 1, imageRef: other}}})).status, 400)
    const type = await cinder('/volumes', {method: 'POST', body: {volume: {size: 1, volume_type: 'nosuch'}}})
    assert.equal(type.status, 404)
    assert.equal(type.json.itemNotFound.message, 'Volume type with name nosuch could not be found.')
    const snap = await cinder('/volumes', {method: 'POST', body: {volume: {snapshot_id: '11111111-2222-3333-4444-555555555555'}}})
    assert.equal(snap.status, 404)
    assert.equal(snap.json.itemNotFound.message, 'Snapshot 11111111-2222-3333-4444-555555555555 could not be found.')
  })

  it('makes a bootable volume from an image with volume_image_metadata, and clones from volumes and snapshots', async () => {
    const id = await create({size: 1, imageRef: cirros, name: 'boot'})
    await show(id)
    const v = await show(id)
    assert.deepEqual([v.status, v.bootable, v.volume_image_metadata.image_id, v.volume_image_metadata.image_name], ['available', 'true', cirros, CIRROS_NAME])
    const s = await cinder('/snapshots', {method: 'POST', body: {snapshot: {volume_id: id, name: 's1'}}})
    assert.equal(s.status, 202)
    assert.equal(s.json.snapshot.status, 'creating')
    const sid = s.json.snapshot.id
    assert.equal((await cinder(`/snapshots/${sid}`)).json.snapshot.status, 'creating')
    const shown = (await cinder(`/snapshots/${sid}`)).json.snapshot
    assert.deepEqual([shown.status, shown.size, shown.volume_id, shown['os-extended-snapshot-attributes:progress']], ['available', 1, id, '100%'])
    const fromSnap = await create({snapshot_id: sid})
    const clone = await create({source_volid: id, size: 2})
    assert.deepEqual([(await show(fromSnap)).size, (await show(fromSnap)).bootable, (await show(clone)).size, (await show(clone)).source_volid], [1, 'true', 2, id])
    const refused = await cinder(`/volumes/${id}`, {method: 'DELETE'})
    assert.equal(refused.status, 400)
    assert.match(refused.json.badRequest.message, /^Invalid volume: Volume status must be available or error/)
    assert.deepEqual((await cinder('/snapshots/detail')).json.snapshots.map((x: {id: string}) => x.id), [sid])
    assert.equal((await cinder(`/volumes/${id}?cascade=true`, {method: 'DELETE'})).status, 202)
    assert.equal((await cinder(`/snapshots/${sid}`)).status, 404)
  })

  it('lists volume types as Devstack has them and shows the default', async () => {
    const types = (await cinder('/types')).json.volume_types
    assert.deepEqual(types.map((t: {name: string}) => t.name).sort(), ['__DEFAULT__', 'lvmdriver-1'])
    assert.equal((await cinder('/types/default')).json.volume_type.name, 'lvmdriver-1')
    const id = types[0].id
    assert.equal((await cinder(`/types/${id}`)).json.volume_type.id, id)
  })

  it('counts quota usage, refuses with Cinder\'s 413 bodies and shows absolute limits', async () => {
    for (let i = 0; i < 4; i++) {
      const id = await create({size: 1})
      await show(id)
      await show(id)
    }
    const over = await cinder('/volumes', {method: 'POST', body: {volume: {size: 1}}})
    assert.equal(over.status, 413)
    assert.equal(over.json.overLimit.message, "VolumeLimitExceeded: Maximum number of volumes allowed (4) exceeded for quota 'volumes'.")
    assert.equal(over.json.overLimit.retryAfter, '0')
    const q = (await cinder(`/os-quota-sets/${project}?usage=true`)).json.quota_set
    assert.deepEqual(q.volumes, {limit: 4, in_use: 4, reserved: 0})
    assert.deepEqual(q.gigabytes, {limit: 50, in_use: 4, reserved: 0})
    assert.equal(q['volumes_lvmdriver-1'].in_use, 4)
    assert.equal((await cinder(`/os-quota-sets/${project}`)).json.quota_set.volumes, 4)
    const abs = (await cinder('/limits')).json.limits.absolute
    assert.deepEqual([abs.maxTotalVolumes, abs.totalVolumesUsed, abs.maxTotalVolumeGigabytes, abs.totalGigabytesUsed], [4, 4, 50, 4])
    for (const v of one.volumes()) await cinder(`/volumes/${v.id}`, {method: 'DELETE'})
    for (const v of one.volumes()) await cinder(`/volumes/${v.id}`)
    assert.deepEqual(one.volumes().map((v) => v.status), ['deleting', 'deleting', 'deleting', 'deleting'])
    for (const v of one.volumes()) await cinder(`/volumes/${v.id}`)
    const big = await cinder('/volumes', {method: 'POST', body: {volume: {size: 51}}})
    assert.equal(big.status, 413)
    assert.match(big.json.overLimit.message, /^VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota\. Requested 51G, quota is 50G and \d+G has been consumed\.$/)
  })

  it('keeps projects apart: demo sees neither admin\'s volumes nor its quotas', async () => {
    const id = await create({size: 1})
    const demoProject = one.projectId('demo')
    const mine = await call(`${one.baseUrl}/volume/v3/${demoProject}/volumes`, {token: demo})
    assert.deepEqual(mine.json.volumes, [])
    assert.equal((await call(`${one.baseUrl}/volume/v3/${demoProject}/volumes/${id}`, {token: demo})).status, 404)
    assert.equal((await call(`${one.baseUrl}/volume/v3/${project}/volumes`, {token: demo})).status, 403)
  })

  it('boots from an image as a volume: an in-use volume, image "" and volumes_attached; deleted with the server', async () => {
    const r = await nova('/servers', {
      method: 'POST',
      body: {server: {name: 'bfv', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'image', destination_type: 'volume', uuid: cirros, boot_index: 0, volume_size: 2, delete_on_termination: true}]}},
    })
    assert.equal(r.status, 202, r.text)
    const sid = r.json.server.id
    const srv = (await nova(`/servers/${sid}`)).json.server
    assert.equal(srv.status, 'ACTIVE')
    assert.equal(srv.image, '')
    const [vol] = one.volumes()
    assert.deepEqual(srv['os-extended-volumes:volumes_attached'], [{id: vol.id, delete_on_termination: true}])
    const v = await show(vol.id)
    assert.deepEqual([v.status, v.size, v.bootable, v.attachments[0].server_id, v.attachments[0].device], ['in-use', 2, 'true', sid, '/dev/vda'])
    assert.equal((await cinder(`/volumes/${vol.id}`, {method: 'DELETE'})).status, 400)
    const noSize = await nova('/servers', {method: 'POST', body: {server: {name: 'x', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'image', destination_type: 'volume', uuid: cirros, boot_index: 0}]}}})
    assert.equal(noSize.status, 400)
    assert.equal(noSize.json.badRequest.message, "Images with destination_type 'volume' need to have a non-zero size specified")
    await nova(`/servers/${sid}`, {method: 'DELETE'})
    assert.deepEqual(one.volumes(), [])
  })

  it('boots from an existing volume and leaves it available when the server goes (no delete_on_termination)', async () => {
    const vid = await create({size: 1, imageRef: cirros})
    await show(vid)
    await show(vid)
    const other = sim.instance('InstanceTwo')
    const foreign = await nova('/servers', {method: 'POST', body: {server: {name: 'x', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'volume', destination_type: 'volume', uuid: '11111111-2222-3333-4444-555555555555', boot_index: 0}]}}})
    assert.equal(foreign.status, 400)
    assert.equal(foreign.json.badRequest.message, 'Block Device Mapping is Invalid: failed to get volume 11111111-2222-3333-4444-555555555555.')
    void other
    const r = await nova('/servers', {method: 'POST', body: {server: {name: 'vol', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'volume', destination_type: 'volume', uuid: vid, boot_index: 0}]}}})
    assert.equal(r.status, 202, r.text)
    const sid = r.json.server.id
    assert.deepEqual((await nova(`/servers/${sid}`)).json.server['os-extended-volumes:volumes_attached'], [{id: vid, delete_on_termination: false}])
    assert.equal((await show(vid)).status, 'in-use')
    const again = await nova('/servers', {method: 'POST', body: {server: {name: 'vol2', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'volume', destination_type: 'volume', uuid: vid, boot_index: 0}]}}})
    assert.equal(again.status, 400)
    await nova(`/servers/${sid}`, {method: 'DELETE'})
    const v = await show(vid)
    assert.deepEqual([v.status, v.attachments], ['available', []])
  })

  it('a boot that fails to schedule leaves a passed volume available and makes none', async () => {
    const vid = await create({size: 1, imageRef: cirros})
    await show(vid)
    await show(vid)
    one.failNextBoot()
    const r = await nova('/servers', {
      method: 'POST',
      body: {server: {name: 'bad', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{source_type: 'volume', destination_type: 'volume', uuid: vid, boot_index: 0}, {source_type: 'blank', destination_type: 'volume', volume_size: 1, delete_on_termination: true}]}},
    })
    assert.equal(r.status, 202, r.text)
    assert.equal((await nova(`/servers/${r.json.server.id}`)).json.server.status, 'ERROR')
    assert.deepEqual(one.volumes().map((v) => [v.id, v.status]), [[vid, 'available']])
  })

  it('attaches and detaches: attaching → in-use, detaching → available, listed under os-volume_attachments', async () => {
    const boot = await nova('/servers', {method: 'POST', body: {server: {name: 'vm', flavorRef: '1', imageRef: cirros, networks: 'none'}}})
    const sid = boot.json.server.id
    const vid = await create({size: 1})
    const early = await nova(`/servers/${sid}/os-volume_attachments`, {method: 'POST', body: {volumeAttachment: {volumeId: vid}}})
    assert.equal(early.status, 400, 'a creating volume cannot be attached')
    await show(vid)
    assert.equal((await show(vid)).status, 'available')
    const a = await nova(`/servers/${sid}/os-volume_attachments`, {method: 'POST', body: {volumeAttachment: {volumeId: vid}}})
    assert.equal(a.status, 200, a.text)
    assert.deepEqual(a.json.volumeAttachment, {device: '/dev/vdb', serverId: sid, volumeId: vid, id: vid, tag: null, delete_on_termination: false})
    assert.equal(one.volumes()[0].status, 'attaching')
    assert.equal((await show(vid)).status, 'in-use')
    const list = await nova(`/servers/${sid}/os-volume_attachments`)
    assert.deepEqual(list.json.volumeAttachments.map((x: {volumeId: string}) => x.volumeId), [vid])
    assert.deepEqual((await nova(`/servers/${sid}`)).json.server['os-extended-volumes:volumes_attached'], [{id: vid, delete_on_termination: false}])
    const busy = await cinder(`/volumes/${vid}`, {method: 'DELETE'})
    assert.equal(busy.status, 400)
    assert.equal((await nova(`/servers/${sid}/os-volume_attachments/${vid}`, {method: 'DELETE'})).status, 202)
    assert.equal((await show(vid)).status, 'available')
    assert.equal((await nova(`/servers/${sid}/os-volume_attachments/${vid}`, {method: 'DELETE'})).status, 404)
    const missing = await nova(`/servers/${sid}/os-volume_attachments`, {method: 'POST', body: {volumeAttachment: {volumeId: '11111111-2222-3333-4444-555555555555'}}})
    assert.equal(missing.status, 404)
  })
})
