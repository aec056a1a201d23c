import assert from 'node:assert/strict'
import {CIRROS_NAME, startSim, type Sim, type SimInstance} from '../../sim/index.js'
import {call, login, type CallInit, type Reply} from './helpers.js'

describe('sim: nova server actions, instance actions, quotas', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let cirros: string

  const nova = (path: string, init: CallInit & {mv?: string} = {}): Promise<Reply> => {
    const headers = {...(init.headers ?? {})}
    if (init.mv) headers['OpenStack-API-Version'] = `compute ${init.mv}`
    return call(`${one.baseUrl}/compute/v2.1${path}`, {token: admin, ...init, headers})
  }
  const action = (id: string, body: unknown, mv?: string) => nova(`/servers/${id}/action`, {method: 'POST', body, mv})
  const show = async (id: string) => (await nova(`/servers/${id}`)).json.server
  /** A server that is ACTIVE already (buildPolls 0). */
  const boot = async (name = 'vm', flavorRef = '1', token = admin): Promise<string> => {
    const r = await nova('/servers', {method: 'POST', token, body: {server: {name, flavorRef, imageRef: cirros, networks: 'none'}}, mv: '2.37'})
    assert.equal(r.status, 202, r.text)
    return r.json.server.id
  }

  before(async () => {
    sim = await startSim({instances: [{name: 'InstanceOne', compute: {buildPolls: 0, deletePolls: 0, quotas: {instances: 5, cores: 6}}}]})
    one = sim.instance('InstanceOne')
    admin = await login(one)
    demo = await login(one, 'demo')
    cirros = one.images().find((i) => i.name === CIRROS_NAME)!.id
  })
  after(async () => {
    await sim.stop()
  })
  afterEach(async () => {
    for (const s of one.servers()) await nova(`/servers/${s.id}`, {method: 'DELETE'})
  })

  it('stops and starts: task_state first, the new state on the next GET, 409 in the wrong state', async () => {
    const id = await boot()
    const stop = await action(id, {'os-stop': null})
    assert.equal(stop.status, 202)
    assert.equal(stop.text, '')
    const again = await action(id, {'os-stop': null})
    assert.equal(again.status, 409)
    assert.equal(again.json.conflictingRequest.message, `Cannot 'stop' instance ${id} while it is in task_state powering-off`)
    let srv = await show(id)
    assert.deepEqual([srv.status, srv['OS-EXT-STS:vm_state'], srv['OS-EXT-STS:task_state'], srv['OS-EXT-STS:power_state']], ['SHUTOFF', 'stopped', null, 4])
    const stopped = await action(id, {'os-stop': null})
    assert.equal(stopped.status, 409)
    assert.equal(stopped.json.conflictingRequest.message, `Cannot 'stop' instance ${id} while it is in vm_state stopped`)
    assert.equal((await action(id, {'os-start': null})).status, 202)
    srv = await show(id)
    assert.deepEqual([srv.status, srv['OS-EXT-STS:power_state']], ['ACTIVE', 1])
    const started = await action(id, {'os-start': null})
    assert.equal(started.json.conflictingRequest.message, `Cannot 'start' instance ${id} while it is in vm_state active`)
  })

  it('pauses, unpauses, suspends, resumes and reboots (SOFT only when ACTIVE)', async () => {
    const id = await boot()
    assert.equal((await action(id, {pause: null})).status, 202)
    assert.equal((await show(id)).status, 'PAUSED')
    const soft = await action(id, {reboot: {type: 'SOFT'}})
    assert.equal(soft.json.conflictingRequest.message, `Cannot 'reboot' instance ${id} while it is in vm_state paused`)
    assert.equal((await action(id, {unpause: null})).status, 202)
    assert.equal((await show(id)).status, 'ACTIVE')
    assert.equal((await action(id, {suspend: null})).status, 202)
    assert.equal((await show(id)).status, 'SUSPENDED')
    assert.equal((await action(id, {resume: null})).status, 202)
    assert.equal((await show(id)).status, 'ACTIVE')
    assert.equal((await action(id, {reboot: {type: 'HARD'}})).status, 202)
    assert.equal((await show(id)).status, 'ACTIVE')
    const badType = await action(id, {reboot: {type: 'GENTLE'}})
    assert.equal(badType.status, 400)
    assert.equal((await action(id, {nosuch: null})).status, 400)
  })

  it('resizes to VERIFY_RESIZE, then confirms (new flavor) or reverts (old flavor)', async () => {
    const id = await boot()
    const same = await action(id, {resize: {flavorRef: '1'}})
    assert.equal(same.status, 400)
    assert.equal(same.json.badRequest.message, 'When resizing, instances must change flavor!')
    assert.equal((await action(id, {resize: {flavorRef: '2'}})).status, 202)
    let srv = await show(id)
    assert.deepEqual([srv.status, srv['OS-EXT-STS:vm_state'], srv.flavor.id], ['VERIFY_RESIZE', 'resized', '2'])
    const confirm = await action(id, {confirmResize: null})
    assert.equal(confirm.status, 204)
    srv = await show(id)
    assert.deepEqual([srv.status, srv.flavor.id], ['ACTIVE', '2'])
    const notResized = await action(id, {confirmResize: null})
    assert.equal(notResized.json.conflictingRequest.message, `Cannot 'confirmResize' instance ${id} while it is in vm_state active`)
    assert.equal((await action(id, {resize: {flavorRef: '3'}})).status, 202)
    assert.equal((await show(id)).status, 'VERIFY_RESIZE')
    assert.equal((await action(id, {revertResize: null})).status, 202)
    srv = await show(id)
    assert.deepEqual([srv.status, srv.flavor.id], ['ACTIVE', '2'])
  })

  it('rebuilds with another image and answers the server with an adminPass', async () => {
    const id = await boot()
    const other = one.images().find((i) => i.name === 'debian-12-generic')!.id
    const r = await action(id, {rebuild: {imageRef: other, name: 'rebuilt'}})
    assert.equal(r.status, 202)
    assert.equal(r.json.server.status, 'REBUILD')
    assert.equal(r.json.server.image.id, other)
    assert.equal(typeof r.json.server.adminPass, 'string')
    const srv = await show(id)
    assert.deepEqual([srv.status, srv.name], ['ACTIVE', 'rebuilt'])
    const missing = await action(id, {rebuild: {imageRef: '00000000-0000-0000-0000-000000000000'}})
    assert.equal(missing.status, 400)
    assert.equal(missing.json.badRequest.message, 'Image 00000000-0000-0000-0000-000000000000 could not be found.')
  })

  it('snapshots into the same instance Glance: image_id from 2.45, a Location header before', async () => {
    const id = await boot()
    const r = await action(id, {createImage: {name: 'snap-1', metadata: {purpose: 'ci'}}}, '2.45')
    assert.equal(r.status, 202)
    const img = one.images().find((i) => i.id === r.json.image_id)!
    assert.equal(img.name, 'snap-1')
    assert.equal(img.status, 'active')
    assert.equal(img.visibility, 'private')
    assert.equal(img.owner, one.projectId('admin'))
    assert.deepEqual([img.properties.image_type, img.properties.instance_uuid, img.properties.base_image_ref, img.properties.purpose], ['snapshot', id, cirros, 'ci'])
    const busy = await action(id, {createImage: {name: 'snap-2'}}, '2.45')
    assert.equal(busy.json.conflictingRequest.message, `Cannot 'createImage' instance ${id} while it is in task_state image_snapshot`)
    await show(id)
    const old = await action(id, {createImage: {name: 'snap-3'}}, '2.44')
    assert.equal(old.status, 202)
    assert.equal(old.text, '')
    const loc = old.headers.get('location')!
    assert.match(loc, new RegExp(`^${one.baseUrl}/image/images/[0-9a-f-]{36}$`))
    assert.equal(one.images().find((i) => i.id === loc.split('/').pop())!.name, 'snap-3')
  })

  it('gives the console log (all, or the last `length` lines), 409 when not running', async () => {
    const id = await boot('consoled')
    const all = await action(id, {'os-getConsoleOutput': {length: null}})
    assert.equal(all.status, 200)
    const lines = all.json.output.split('\n').filter(Boolean)
    assert.ok(lines.length > 3)
    assert.match(all.json.output, /consoled login: /)
    const two = await action(id, {'os-getConsoleOutput': {length: 2}})
    assert.equal(two.json.output, lines.slice(-2).map((l: string) => `${l}\n`).join(''))
    assert.equal((await action(id, {'os-getConsoleOutput': {length: -2}})).status, 400)
    await action(id, {'os-stop': null})
    await show(id)
    assert.equal((await action(id, {'os-getConsoleOutput': {}})).status, 409)
  })

  it('lists the instance actions newest first, one with its events', async () => {
    const id = await boot()
    const stop = await action(id, {'os-stop': null})
    const list = await nova(`/servers/${id}/os-instance-actions`, {mv: '2.58'})
    assert.equal(list.status, 200)
    assert.deepEqual(list.json.instanceActions.map((a: {action: string}) => a.action), ['stop', 'create'])
    const a = list.json.instanceActions[0]
    assert.equal(a.request_id, stop.headers.get('x-openstack-request-id'))
    assert.deepEqual(Object.keys(a).sort(), ['action', 'instance_uuid', 'message', 'project_id', 'request_id', 'start_time', 'updated_at', 'user_id'])
    const one_ = await nova(`/servers/${id}/os-instance-actions/${a.request_id}`)
    assert.equal(one_.json.instanceAction.events[0].event, 'compute_stop_instance')
    assert.equal((await nova(`/servers/${id}/os-instance-actions/req-nope`)).status, 404)
  })

  it('refuses a create over the cores or instances quota with Nova 403, and shows quotas and limits', async () => {
    await boot('a', '3') // 2 cores
    await boot('b', '3') // 4 cores
    const over = await nova('/servers', {method: 'POST', body: {server: {name: 'c', flavorRef: '4', imageRef: cirros, networks: 'none'}}, mv: '2.37'})
    assert.equal(over.status, 403)
    assert.equal(over.json.forbidden.message, 'Quota exceeded for cores: Requested 4, but already used 4 of 6 cores')
    const q = await nova(`/os-quota-sets/${one.projectId('admin')}/detail`)
    assert.deepEqual(q.json.quota_set.cores, {in_use: 4, limit: 6, reserved: 0})
    assert.deepEqual(q.json.quota_set.instances, {in_use: 2, limit: 5, reserved: 0})
    assert.equal(q.json.quota_set.security_groups.limit, 10)
    const plain = await nova(`/os-quota-sets/${one.projectId('admin')}`, {mv: '2.57'})
    assert.equal(plain.json.quota_set.ram, 51200)
    assert.equal(plain.json.quota_set.id, one.projectId('admin'))
    assert.equal('injected_files' in plain.json.quota_set, false)
    assert.equal('security_groups' in plain.json.quota_set, false)
    const lim = await nova('/limits')
    assert.deepEqual([lim.json.limits.absolute.maxTotalCores, lim.json.limits.absolute.totalCoresUsed, lim.json.limits.absolute.maxTotalInstances, lim.json.limits.absolute.totalInstancesUsed], [6, 4, 5, 2])
    assert.equal(lim.json.limits.absolute.maxTotalKeypairs, 100)
    const other = await nova(`/os-quota-sets/${one.projectId('admin')}`, {token: demo})
    assert.equal(other.status, 403)
  })

  it('sets a project quota (admin only) that then refuses instances', async () => {
    const pid = one.projectId('demo')
    assert.equal((await nova(`/os-quota-sets/${pid}`, {method: 'PUT', token: demo, body: {quota_set: {instances: 1}}})).status, 403)
    const put = await nova(`/os-quota-sets/${pid}`, {method: 'PUT', body: {quota_set: {instances: 1}}})
    assert.equal(put.status, 200)
    assert.equal(put.json.quota_set.instances, 1)
    await boot('d1', '1', demo)
    const over = await nova('/servers', {method: 'POST', token: demo, body: {server: {name: 'd2', flavorRef: '1', imageRef: cirros, networks: 'none'}}, mv: '2.37'})
    assert.equal(over.json.forbidden.message, 'Quota exceeded for instances: Requested 1, but already used 1 of 1 instances')
    const defaults = await nova(`/os-quota-sets/${pid}/defaults`)
    assert.equal(defaults.json.quota_set.instances, 5)
  })
})
