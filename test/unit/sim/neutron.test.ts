import assert from 'node:assert/strict'
import type {Sim, SimInstance} from '../../sim/index.js'
import {call, login, neutronWorld} from './helpers.js'

describe('sim: neutron', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let net: (path: string) => string

  before(async () => {
    ;({sim, one, admin, demo, net} = await neutronWorld(['InstanceOne', 'InstanceTwo']))
  })
  after(async () => {
    await sim.stop()
  })

  it('answers the versions document without auth, and the resources list with auth', async () => {
    const r = await call(net('/'))
    assert.equal(r.status, 200)
    assert.deepEqual(r.json.versions.map((v: {id: string; status: string}) => [v.id, v.status]), [['v2.0', 'CURRENT']])
    assert.equal(r.json.versions[0].links[0].href, `http://127.0.0.1:${one.ports.network}/v2.0/`)
    assert.equal((await call(net('/v2.0'))).status, 401)
    const res = await call(net('/v2.0'), {token: admin})
    assert.equal(res.status, 200)
    assert.ok(res.json.resources.some((x: {collection: string}) => x.collection === 'networks'))
  })

  it('401s a missing token and a token of another instance with keystonemiddleware\'s body', async () => {
    const none = await call(net('/v2.0/networks'))
    assert.equal(none.status, 401)
    assert.equal(none.json.error.code, 401)
    const other = await login(sim.instance('InstanceTwo'))
    assert.equal((await call(net('/v2.0/networks'), {token: other})).status, 401)
  })

  it('seeds private (admin), shared and external public networks with Neutron fields', async () => {
    const r = await call(net('/v2.0/networks'), {token: admin})
    assert.equal(r.status, 200)
    const byName = Object.fromEntries(r.json.networks.map((n: {name: string}) => [n.name, n]))
    const p = byName.private
    assert.equal(p.tenant_id, one.projectId('admin'))
    assert.equal(p.project_id, one.projectId('admin'))
    assert.equal(p.shared, false)
    assert.equal(p['router:external'], false)
    assert.equal(p.status, 'ACTIVE')
    assert.equal(p.admin_state_up, true)
    assert.equal(typeof p.mtu, 'number')
    assert.deepEqual(p.availability_zones, ['nova'])
    assert.equal(p.ipv4_address_scope, null)
    assert.equal(p.port_security_enabled, true)
    assert.equal(p['provider:network_type'], 'geneve')
    assert.match(p.created_at, /Z$/)
    assert.equal(p.subnets.length, 1)
    assert.equal(byName.shared.shared, true)
    assert.doesNotMatch(byName.shared.created_at, /Z$/)
    const sub = await call(net(`/v2.0/subnets/${p.subnets[0]}`), {token: admin})
    assert.equal(sub.json.subnet.cidr, '10.0.0.0/26')
    assert.equal(sub.json.subnet.gateway_ip, '10.0.0.1')
    assert.deepEqual(sub.json.subnet.allocation_pools, [{start: '10.0.0.2', end: '10.0.0.62'}])
    const subs = await call(net(`/v2.0/subnets?network_id=${byName.shared.id}`), {token: admin})
    assert.equal(subs.json.subnets[0].cidr, '192.168.233.0/24')
  })

  it('shows a non-admin only shared and own networks, with provider:* null', async () => {
    const r = await call(net('/v2.0/networks'), {token: demo})
    assert.deepEqual(r.json.networks.map((n: {name: string}) => n.name), ['shared', 'public'])
    assert.equal(r.json.networks[0]['provider:network_type'], null)
    assert.equal(r.json.networks[0]['provider:segmentation_id'], null)
  })

  it('filters by name, shared, router:external and projects fields', async () => {
    const byName = await call(net('/v2.0/networks?name=private'), {token: admin})
    assert.deepEqual(byName.json.networks.map((n: {name: string}) => n.name), ['private'])
    const shared = await call(net('/v2.0/networks?shared=true'), {token: admin})
    assert.deepEqual(shared.json.networks.map((n: {name: string}) => n.name), ['shared'])
    const ext = await call(net('/v2.0/networks?router%3Aexternal=true'), {token: admin})
    assert.deepEqual(ext.json.networks.map((n: {name: string}) => n.name), ['public'])
    const f = await call(net('/v2.0/networks?name=private&fields=id&fields=name'), {token: admin})
    assert.deepEqual(Object.keys(f.json.networks[0]).sort(), ['id', 'name'])
    const proj = await call(net(`/v2.0/networks?project_id=${one.projectId('demo')}`), {token: admin})
    assert.deepEqual(proj.json.networks, [])
  })

  it('404s with NeutronError NetworkNotFound', async () => {
    const r = await call(net('/v2.0/networks/private'), {token: admin})
    assert.equal(r.status, 404)
    assert.deepEqual(r.json, {NeutronError: {type: 'NetworkNotFound', message: 'Network private could not be found.', detail: ''}})
    const p = await call(net('/v2.0/ports/nope'), {token: admin})
    assert.equal(p.json.NeutronError.type, 'PortNotFound')
  })

  it('creates and deletes networks, subnets and ports; a network with ports is in use', async () => {
    const n = await call(net('/v2.0/networks'), {method: 'POST', token: demo, body: {network: {name: 'demo-net'}}})
    assert.equal(n.status, 201)
    assert.equal(n.json.network.project_id, one.projectId('demo'))
    const id = n.json.network.id
    const s = await call(net('/v2.0/subnets'), {method: 'POST', token: demo, body: {subnet: {network_id: id, cidr: '10.1.0.0/24', ip_version: 4, name: 'demo-sub'}}})
    assert.equal(s.status, 201)
    const p = await call(net('/v2.0/ports'), {method: 'POST', token: demo, body: {port: {network_id: id}}})
    assert.equal(p.status, 201)
    assert.equal(p.json.port.fixed_ips[0].ip_address, '10.1.0.2')
    assert.match(p.json.port.mac_address, /^fa:16:3e(:[0-9a-f]{2}){3}$/)
    assert.equal(p.json.port.security_groups.length, 1)
    const inUse = await call(net(`/v2.0/networks/${id}`), {method: 'DELETE', token: demo})
    assert.equal(inUse.status, 409)
    assert.equal(inUse.json.NeutronError.type, 'NetworkInUse')
    const byNet = await call(net(`/v2.0/ports?network_id=${id}`), {token: demo})
    assert.equal(byNet.json.ports.length, 1)
    assert.equal((await call(net(`/v2.0/ports/${p.json.port.id}`), {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(net(`/v2.0/networks/${id}`), {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(net(`/v2.0/networks/${id}`), {token: demo})).status, 404)
    const sharedByDemo = await call(net('/v2.0/networks'), {method: 'POST', token: demo, body: {network: {name: 'x', shared: true}}})
    assert.equal(sharedByDemo.status, 403)
  })

  it('gives each project a default security group with its rules on first use', async () => {
    const alt = await login(one, 'alt_demo')
    const r = await call(net('/v2.0/security-groups'), {token: alt})
    assert.equal(r.status, 200)
    assert.equal(r.json.security_groups.length, 1)
    const sg = r.json.security_groups[0]
    assert.equal(sg.name, 'default')
    assert.equal(sg.tenant_id, one.projectId('alt_demo'))
    assert.equal(sg.security_group_rules.length, 4)
    assert.deepEqual(sg.security_group_rules.map((x: {direction: string; ethertype: string}) => `${x.direction}/${x.ethertype}`).sort(), ['egress/IPv4', 'egress/IPv6', 'ingress/IPv4', 'ingress/IPv6'])
    const web = await call(net('/v2.0/security-groups'), {method: 'POST', token: alt, body: {security_group: {name: 'web', description: 'w'}}})
    assert.equal(web.status, 201)
    assert.equal(web.json.security_group.security_group_rules.length, 2)
    const show = await call(net(`/v2.0/security-groups/${web.json.security_group.id}`), {token: alt})
    assert.equal(show.json.security_group.name, 'web')
    // Other projects do not see it.
    assert.equal((await call(net(`/v2.0/security-groups/${web.json.security_group.id}`), {token: demo})).status, 404)
  })
})
