import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {CIRROS_NAME, extraImageSeeds, startSim, type Sim, type SimInstance} from '../../sim/index.js'
import {call, imageUrl, login} from './helpers.js'

const JSON_PATCH = 'application/openstack-images-v2.1-json-patch'

describe('sim: glance', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let alt: string

  before(async () => {
    sim = await startSim({instances: ['InstanceOne']})
    one = sim.instance('InstanceOne')
    admin = await login(one)
    demo = await login(one, 'demo')
    alt = await login(one, 'alt_demo')
  })
  after(async () => {
    await sim.stop()
  })

  const names = (r: {json: {images: {name: string}[]}}) => r.json.images.map((i) => i.name).sort()

  it('answers version discovery with many ids on one href, without auth', async () => {
    const r = await call(`${one.baseUrl}/image`)
    assert.equal(r.status, 300)
    assert.equal(r.json.versions[0].id, 'v2.16')
    assert.equal(r.json.versions[0].status, 'CURRENT')
    assert.ok(r.json.versions.length > 5)
    for (const v of r.json.versions) assert.equal(v.links[0].href, `${one.baseUrl}/image/v2/`)
    assert.ok(r.json.versions.slice(1).every((v: {status: string}) => v.status === 'SUPPORTED'))
  })

  it('requires a token of this instance', async () => {
    const none = await call(imageUrl(one, '/v2/images'))
    assert.equal(none.status, 401)
    assert.equal(none.json.error.code, 401)
    assert.equal(none.headers.get('www-authenticate'), `Keystone uri="${one.authUrl}"`)
    assert.equal((await call(imageUrl(one, '/v2/images'), {token: 'gAAAAAbogus'})).status, 401)
  })

  it('shows cirros with Glance fields and nulls', async () => {
    const list = await call(imageUrl(one, `/v2/images?name=${CIRROS_NAME}`), {token: demo})
    assert.equal(list.json.images.length, 1)
    const img = list.json.images[0]
    const show = await call(imageUrl(one, `/v2/images/${img.id}`), {token: demo})
    assert.equal(show.status, 200)
    const i = show.json
    assert.equal(i.status, 'active')
    assert.equal(i.visibility, 'public')
    assert.equal(i.disk_format, 'qcow2')
    assert.equal(i.container_format, 'bare')
    assert.equal(i.size, 65536)
    assert.equal(i.virtual_size, 117440512)
    assert.match(i.checksum, /^[0-9a-f]{32}$/)
    assert.equal(i.os_hash_algo, 'sha512')
    assert.match(i.os_hash_value, /^[0-9a-f]{128}$/)
    assert.equal(i.owner, one.projectId('admin'))
    assert.match(i.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.equal(i.self, `/v2/images/${i.id}`)
    assert.equal(i.file, `/v2/images/${i.id}/file`)
    assert.equal(i.schema, '/v2/schemas/image')
    assert.equal(i.stores, 'file')
    assert.equal(i.protected, false)
    assert.equal(i.os_hidden, false)
    assert.deepEqual(i.tags, [])
  })

  it('404s like webob (JSON when asked, HTML otherwise)', async () => {
    const j = await call(imageUrl(one, '/v2/images/nope'), {token: demo})
    assert.equal(j.status, 404)
    assert.equal(j.json.code, '404 Not Found')
    assert.equal(j.json.title, 'Not Found')
    assert.match(j.json.message, /^No image found with ID nope<br \/><br \/>/)
    const h = await call(imageUrl(one, '/v2/images/nope'), {token: demo, headers: {Accept: '*/*'}})
    assert.equal(h.status, 404)
    assert.match(h.headers.get('content-type')!, /^text\/html/)
    assert.match(h.text, /<h1>404 Not Found<\/h1>/)
  })

  it('applies the default visibility rules per user', async () => {
    const a = await call(imageUrl(one, '/v2/images'), {token: admin})
    assert.deepEqual(names(a), ['admin-shared-image', CIRROS_NAME, 'debian-12-generic', 'demo-private-snapshot', 'ubuntu-22.04-minimal'])
    const d = await call(imageUrl(one, '/v2/images'), {token: demo})
    // demo: public + own private + shared accepted; no community (not owned), no hidden
    assert.deepEqual(names(d), ['admin-shared-image', CIRROS_NAME, 'debian-12-generic', 'demo-private-snapshot', 'ubuntu-22.04-minimal'])
    const al = await call(imageUrl(one, '/v2/images'), {token: alt})
    // alt_demo: membership pending → not listed; owns the community image → listed
    assert.deepEqual(names(al), [CIRROS_NAME, 'community-alpine', 'debian-12-generic', 'ubuntu-22.04-minimal'])
  })

  it('filters by visibility, member_status, hidden, tags, properties, owner', async () => {
    const q = async (query: string, token = demo) => names(await call(imageUrl(one, `/v2/images?${query}`), {token}))
    assert.deepEqual(await q('visibility=community'), ['community-alpine'])
    assert.deepEqual(await q('visibility=shared'), ['admin-shared-image'])
    assert.deepEqual(await q('visibility=shared', alt), [])
    assert.deepEqual(await q('visibility=shared&member_status=pending', alt), ['admin-shared-image'])
    assert.deepEqual(await q('visibility=shared&member_status=all', alt), ['admin-shared-image'])
    assert.deepEqual(await q('visibility=private'), ['demo-private-snapshot'])
    assert.deepEqual(await q('visibility=private', alt), [])
    assert.deepEqual(await q('visibility=all'), ['admin-shared-image', CIRROS_NAME, 'community-alpine', 'debian-12-generic', 'demo-private-snapshot', 'ubuntu-22.04-minimal'])
    assert.deepEqual(await q('os_hidden=true'), ['cirros-0.5.2-x86_64-disk'])
    assert.deepEqual(await q('tag=ubuntu&tag=lts'), ['ubuntu-22.04-minimal'])
    assert.deepEqual(await q('tag=ubuntu&tag=nope'), [])
    assert.deepEqual(await q('os_distro=debian'), ['debian-12-generic'])
    assert.deepEqual(await q('name=in:debian-12-generic,ubuntu-22.04-minimal'), ['debian-12-generic', 'ubuntu-22.04-minimal'])
    assert.deepEqual(await q(`owner=${one.projectId('demo')}`), ['demo-private-snapshot'])
    assert.deepEqual(await q('disk_format=raw'), ['admin-shared-image', 'ubuntu-22.04-minimal'])
    assert.deepEqual(await q('protected=true'), ['debian-12-generic'])
    assert.equal((await call(imageUrl(one, '/v2/images?visibility=bogus'), {token: demo})).status, 400)
  })

  it('lists in created_at desc order by default and sorts on request', async () => {
    const d = await call(imageUrl(one, '/v2/images?visibility=public'), {token: demo})
    assert.deepEqual(d.json.images.map((i: {name: string}) => i.name), ['debian-12-generic', 'ubuntu-22.04-minimal', CIRROS_NAME])
    const byName = await call(imageUrl(one, '/v2/images?visibility=public&sort=name:asc'), {token: demo})
    assert.deepEqual(byName.json.images.map((i: {name: string}) => i.name), [CIRROS_NAME, 'debian-12-generic', 'ubuntu-22.04-minimal'])
    const legacy = await call(imageUrl(one, '/v2/images?visibility=public&sort_key=size&sort_dir=asc'), {token: demo})
    assert.deepEqual(legacy.json.images.map((i: {name: string}) => i.name), ['debian-12-generic', 'ubuntu-22.04-minimal', CIRROS_NAME])
    assert.equal((await call(imageUrl(one, '/v2/images?sort_key=bogus'), {token: demo})).status, 400)
  })

  it('paginates with root-relative next links without the /image prefix', async () => {
    const s = await startSim({instances: [{name: 'Many', images: extraImageSeeds(60)}]})
    try {
      const inst = s.instance('Many')
      const tok = await login(inst)
      const first = await call(imageUrl(inst, '/v2/images'), {token: tok})
      assert.equal(first.json.images.length, 25, 'default limit 25')
      assert.equal(first.json.first, '/v2/images')
      assert.equal(first.json.schema, '/v2/schemas/images')
      assert.equal(first.json.next, `/v2/images?marker=${first.json.images[24].id}`)

      const seen: string[] = []
      let next: string | undefined = '/v2/images?limit=7'
      let pages = 0
      while (next) {
        assert.ok(next.startsWith('/v2/images?'), next)
        const r = await call(`${inst.baseUrl}/image${next}`, {token: tok})
        assert.equal(r.status, 200)
        seen.push(...r.json.images.map((i: {name: string}) => i.name))
        assert.equal(r.json.first, '/v2/images?limit=7')
        next = r.json.next
        if (next) assert.match(next, /^\/v2\/images\?limit=7&marker=[0-9a-f-]{36}$/)
        pages++
      }
      assert.equal(seen.length, 60)
      assert.equal(new Set(seen).size, 60)
      assert.equal(pages, 9)
      assert.equal(seen[0], 'image-060')

      // exact multiple of the limit: one more, empty page (as Glance)
      const ten = await call(imageUrl(inst, '/v2/images?limit=60'), {token: tok})
      assert.ok(ten.json.next)
      const empty = await call(`${inst.baseUrl}/image${ten.json.next}`, {token: tok})
      assert.deepEqual(empty.json.images, [])
      assert.equal(empty.json.next, undefined)

      // the next link joined naively to the host hits no Glance
      const wrong = await call(new URL(first.json.next, inst.baseUrl).href, {token: tok})
      assert.equal(wrong.status, 404)

      assert.equal((await call(imageUrl(inst, '/v2/images?marker=00000000-0000-0000-0000-000000000000'), {token: tok})).status, 400)
      assert.equal((await call(imageUrl(inst, '/v2/images?limit=x'), {token: tok})).status, 400)
      assert.equal((await call(imageUrl(inst, '/v2/images?limit=5000'), {token: tok})).json.images.length, 60)
    } finally {
      await s.stop()
    }
  })

  it('creates, uploads (streamed, hashed), downloads and deletes', async () => {
    const created = await call(imageUrl(one, '/v2/images'), {
      method: 'POST',
      token: demo,
      body: {name: 'up', disk_format: 'raw', container_format: 'bare', foo: 'bar', tags: ['x'], min_ram: 64},
    })
    assert.equal(created.status, 201)
    const img = created.json
    assert.equal(img.status, 'queued')
    assert.equal(img.visibility, 'shared')
    assert.equal(img.foo, 'bar')
    assert.equal(img.size, null)
    assert.equal(img.checksum, null)
    assert.equal(img.virtual_size, null)
    assert.equal(img.owner, one.projectId('demo'))
    assert.equal(created.headers.get('location'), `${one.baseUrl}/v2/images/${img.id}`)

    const none = await call(imageUrl(one, `/v2/images/${img.id}/file`), {token: demo})
    assert.equal(none.status, 204)

    const data = Buffer.alloc(3 * 1024 * 1024 + 17)
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff
    const put = await call(imageUrl(one, `/v2/images/${img.id}/file`), {method: 'PUT', token: demo, body: data, headers: {'Content-Type': 'application/octet-stream'}})
    assert.equal(put.status, 204)
    const after = (await call(imageUrl(one, `/v2/images/${img.id}`), {token: demo})).json
    assert.equal(after.status, 'active')
    assert.equal(after.size, data.length)
    assert.equal(after.virtual_size, data.length)
    assert.equal(after.checksum, createHash('md5').update(data).digest('hex'))
    assert.equal(after.os_hash_value, createHash('sha512').update(data).digest('hex'))

    const again = await call(imageUrl(one, `/v2/images/${img.id}/file`), {method: 'PUT', token: demo, body: data, headers: {'Content-Type': 'application/octet-stream'}})
    assert.equal(again.status, 409)

    const res = await fetch(imageUrl(one, `/v2/images/${img.id}/file`), {headers: {'X-Auth-Token': demo}})
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/octet-stream')
    assert.equal(res.headers.get('content-md5'), after.checksum)
    const got = Buffer.from(await res.arrayBuffer())
    assert.ok(got.equals(data))

    assert.equal((await call(imageUrl(one, `/v2/images/${img.id}`), {method: 'DELETE', token: alt})).status, 404)
    assert.equal((await call(imageUrl(one, `/v2/images/${img.id}`), {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(imageUrl(one, `/v2/images/${img.id}`), {token: demo})).status, 404)
  })

  it('refuses uploads without formats, wrong content types and read-only attributes', async () => {
    const bare = await call(imageUrl(one, '/v2/images'), {method: 'POST', token: demo, body: {name: 'noformat'}})
    assert.equal(bare.status, 201)
    assert.equal(bare.json.name, 'noformat')
    assert.equal(bare.json.disk_format, null)
    const put = await call(imageUrl(one, `/v2/images/${bare.json.id}/file`), {method: 'PUT', token: demo, body: 'abc', headers: {'Content-Type': 'application/octet-stream'}})
    assert.equal(put.status, 400)
    assert.equal((await call(imageUrl(one, `/v2/images/${bare.json.id}/file`), {method: 'PUT', token: demo, body: 'abc', headers: {'Content-Type': 'text/plain'}})).status, 415)
    assert.equal((await call(imageUrl(one, '/v2/images'), {method: 'POST', token: demo, body: {name: 'x', status: 'active'}})).status, 403)
    assert.equal((await call(imageUrl(one, '/v2/images'), {method: 'POST', token: demo, body: {name: 'x', disk_format: 'bogus'}})).status, 400)
    assert.equal((await call(imageUrl(one, '/v2/images'), {method: 'POST', token: demo, body: {name: 'x', visibility: 'public'}})).status, 403)
  })

  it('patches with json-patch, manages tags and protects', async () => {
    const c = await call(imageUrl(one, '/v2/images'), {method: 'POST', token: admin, body: {name: 'p', disk_format: 'qcow2', container_format: 'bare', a: '1'}})
    const id = c.json.id
    const url = imageUrl(one, `/v2/images/${id}`)
    const ops = [
      {op: 'replace', path: '/name', value: 'p2'},
      {op: 'add', path: '/b', value: '2'},
      {op: 'replace', path: '/a', value: '11'},
      {op: 'add', path: '/protected', value: true},
      {op: 'add', path: '/min_disk', value: 5},
    ]
    const p = await call(url, {method: 'PATCH', token: admin, body: JSON.stringify(ops), headers: {'Content-Type': JSON_PATCH}})
    assert.equal(p.status, 200)
    assert.equal(p.json.name, 'p2')
    assert.equal(p.json.a, '11')
    assert.equal(p.json.b, '2')
    assert.equal(p.json.min_disk, 5)
    assert.equal(p.json.protected, true)
    const rm = await call(url, {method: 'PATCH', token: admin, body: JSON.stringify([{op: 'remove', path: '/a'}]), headers: {'Content-Type': JSON_PATCH}})
    assert.equal(rm.json.a, undefined)
    const missing = await call(url, {method: 'PATCH', token: admin, body: JSON.stringify([{op: 'remove', path: '/zzz'}]), headers: {'Content-Type': JSON_PATCH}})
    assert.equal(missing.status, 409)
    const ro = await call(url, {method: 'PATCH', token: admin, body: JSON.stringify([{op: 'replace', path: '/status', value: 'active'}]), headers: {'Content-Type': JSON_PATCH}})
    assert.equal(ro.status, 403)
    const wrongType = await call(url, {method: 'PATCH', token: admin, body: JSON.stringify(ops), headers: {'Content-Type': 'application/json'}})
    assert.equal(wrongType.status, 415)

    assert.equal((await call(`${url}/tags/t1`, {method: 'PUT', token: admin})).status, 204)
    assert.deepEqual((await call(url, {token: admin})).json.tags, ['t1'])
    assert.equal((await call(`${url}/tags/t1`, {method: 'DELETE', token: admin})).status, 204)
    assert.equal((await call(`${url}/tags/t1`, {method: 'DELETE', token: admin})).status, 404)

    const del = await call(url, {method: 'DELETE', token: admin})
    assert.equal(del.status, 403)
    assert.match(del.json.message, /is protected and cannot be deleted/)
    await call(url, {method: 'PATCH', token: admin, body: JSON.stringify([{op: 'replace', path: '/protected', value: false}]), headers: {'Content-Type': JSON_PATCH}})
    assert.equal((await call(url, {method: 'DELETE', token: admin})).status, 204)
  })

  it('manages members like Glance', async () => {
    const c = await call(imageUrl(one, '/v2/images'), {method: 'POST', token: demo, body: {name: 'to-share', visibility: 'private'}})
    const id = c.json.id
    const members = imageUrl(one, `/v2/images/${id}/members`)
    const altId = one.projectId('alt_demo')
    const notShared = await call(members, {method: 'POST', token: demo, body: {member: altId}})
    assert.equal(notShared.status, 403)
    assert.match(notShared.json.message, /Only shared images have members/)

    await call(imageUrl(one, `/v2/images/${id}`), {method: 'PATCH', token: demo, body: JSON.stringify([{op: 'replace', path: '/visibility', value: 'shared'}]), headers: {'Content-Type': JSON_PATCH}})
    assert.equal((await call(imageUrl(one, `/v2/images/${id}`), {token: alt})).status, 404)

    const add = await call(members, {method: 'POST', token: demo, body: {member: altId}})
    assert.equal(add.status, 200)
    assert.deepEqual(Object.keys(add.json).sort(), ['created_at', 'image_id', 'member_id', 'schema', 'status', 'updated_at'])
    assert.equal(add.json.status, 'pending')
    assert.equal((await call(members, {method: 'POST', token: demo, body: {member: altId}})).status, 409)
    assert.equal((await call(members, {method: 'POST', token: alt, body: {member: one.projectId('admin')}})).status, 403)

    // the member sees the image by id but not in its default list until it accepts
    assert.equal((await call(imageUrl(one, `/v2/images/${id}`), {token: alt})).status, 200)
    assert.ok(!names(await call(imageUrl(one, '/v2/images'), {token: alt})).includes('to-share'))

    assert.equal((await call(`${members}/${altId}`, {method: 'PUT', token: demo, body: {status: 'accepted'}})).status, 403, 'owner cannot accept')
    assert.equal((await call(`${members}/${altId}`, {method: 'PUT', token: alt, body: {status: 'bogus'}})).status, 400)
    const acc = await call(`${members}/${altId}`, {method: 'PUT', token: alt, body: {status: 'accepted'}})
    assert.equal(acc.status, 200)
    assert.equal(acc.json.status, 'accepted')
    assert.ok(names(await call(imageUrl(one, '/v2/images'), {token: alt})).includes('to-share'))

    const list = await call(members, {token: demo})
    assert.equal(list.json.schema, '/v2/schemas/members')
    assert.equal(list.json.members.length, 1)
    assert.equal((await call(`${members}/${altId}`, {token: alt})).json.status, 'accepted')

    assert.equal((await call(`${members}/${altId}`, {method: 'DELETE', token: alt})).status, 403)
    assert.equal((await call(`${members}/${altId}`, {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(imageUrl(one, `/v2/images/${id}`), {token: alt})).status, 404)
  })

  it('serves schemas', async () => {
    const s = await call(imageUrl(one, '/v2/schemas/image'), {token: demo})
    assert.equal(s.status, 200)
    assert.equal(s.json.name, 'image')
    assert.deepEqual(s.json.additionalProperties, {type: 'string'})
    assert.equal((await call(imageUrl(one, '/v2/schemas/images'), {token: demo})).json.name, 'images')
  })

  it('addImage() seeds an image visible through the API', async () => {
    const img = one.addImage({name: 'added', data: 'hello', disk_format: 'raw', container_format: 'bare', visibility: 'public'})
    assert.equal(img.checksum, createHash('md5').update('hello').digest('hex'))
    const r = await call(imageUrl(one, `/v2/images/${img.id}/file`), {token: demo})
    assert.equal(r.text, 'hello')
    assert.ok(one.images().some((i) => i.id === img.id))
  })
})
