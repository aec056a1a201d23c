import assert from 'node:assert/strict'
import type {Sim, SimInstance} from '../../sim/index.js'
import {call, login, neutronWorld} from './helpers.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('sim: neutron subnets, routers, floating IPs', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let net: (path: string) => string
  const byName = async (collection: string, name: string, token = admin): Promise<Json> => {
    const r = await call(net(`/v2.0/${collection}?name=${name}`), {token})
    return r.json[collection.replace(/-/g, '_')][0]
  }
  const post = (path: string, body: unknown, token = admin) => call(net(path), {method: 'POST', token, body})
  const put = (path: string, body: unknown, token = admin) => call(net(path), {method: 'PUT', token, body})

  before(async () => {
    ;({sim, one, admin, demo, net} = await neutronWorld(['InstanceOne']))
  })
  after(async () => {
    await sim.stop()
  })

  it('seeds Devstack\'s public network and router1 joining it to private-subnet', async () => {
    const pub = await byName('networks', 'public')
    assert.equal(pub['router:external'], true)
    const sub = await byName('subnets', 'public-subnet')
    assert.equal(sub.cidr, '172.24.4.0/24')
    assert.deepEqual(sub.allocation_pools, [{start: '172.24.4.2', end: '172.24.4.254'}])
    const router = await byName('routers', 'router1')
    assert.equal(router.external_gateway_info.network_id, pub.id)
    assert.equal(router.external_gateway_info.external_fixed_ips[0].subnet_id, sub.id)
    assert.equal(router.external_gateway_info.enable_snat, true)
    const priv = await byName('subnets', 'private-subnet')
    const ports = await call(net(`/v2.0/ports?device_id=${router.id}&device_owner=network:router_interface`), {token: admin})
    assert.deepEqual(ports.json.ports.map((p: Json) => p.fixed_ips[0]), [{subnet_id: priv.id, ip_address: '10.0.0.1'}])
    // A non-admin sees the external network and its subnet, not the router.
    assert.ok(await byName('subnets', 'public-subnet', demo))
    assert.equal(await byName('routers', 'router1', demo), undefined)
  })

  it('validates subnets like Neutron: cidr, overlap, gateway, allocation pools', async () => {
    const n = await post('/v2.0/networks', {network: {name: 'sub-net'}}, demo)
    const id = n.json.network.id
    const sub = (extra: Json) => post('/v2.0/subnets', {subnet: {network_id: id, ip_version: 4, ...extra}}, demo)
    const bad = await sub({cidr: '10.9.0.0/33'})
    assert.equal(bad.status, 400)
    assert.equal(bad.json.NeutronError.message, "Invalid input for cidr. Reason: '10.9.0.0/33' is not a valid IP subnet.")
    assert.equal((await sub({cidr: '10.9.0.5'})).json.NeutronError.message, "Invalid input for cidr. Reason: '10.9.0.5' isn't a recognized IP subnet cidr, '10.9.0.5/32' is recommended.")
    const ok = await sub({cidr: '10.9.0.7/24', name: 'a', allocation_pools: [{start: '10.9.0.10', end: '10.9.0.20'}]})
    assert.equal(ok.status, 201)
    assert.equal(ok.json.subnet.cidr, '10.9.0.0/24')
    assert.equal(ok.json.subnet.gateway_ip, '10.9.0.1')
    assert.deepEqual(ok.json.subnet.allocation_pools, [{start: '10.9.0.10', end: '10.9.0.20'}])
    const overlap = await sub({cidr: '10.9.0.128/25'})
    assert.equal(overlap.status, 400)
    assert.equal(overlap.json.NeutronError.message, `Invalid input for operation: Requested subnet with cidr: 10.9.0.128/25 for network: ${id} overlaps with another subnet.`)
    assert.equal((await sub({cidr: '10.8.0.0/24', gateway_ip: '10.8.0.255'})).json.NeutronError.message, 'Invalid input for operation: Gateway is not valid on subnet.')
    const out = await sub({cidr: '10.8.0.0/24', allocation_pools: [{start: '10.8.0.2', end: '10.8.1.4'}]})
    assert.equal(out.json.NeutronError.message, 'The allocation pool 10.8.0.2-10.8.1.4 spans beyond the subnet cidr 10.8.0.0/24.')
    const gw = await sub({cidr: '10.8.0.0/24', gateway_ip: '10.8.0.5', allocation_pools: [{start: '10.8.0.2', end: '10.8.0.9'}]})
    assert.equal(gw.status, 409)
    assert.equal(gw.json.NeutronError.message, 'Gateway ip 10.8.0.5 conflicts with allocation pool 10.8.0.2-10.8.0.9.')
    const mid = await sub({cidr: '10.8.0.0/28', gateway_ip: '10.8.0.5'})
    assert.deepEqual(mid.json.subnet.allocation_pools, [{start: '10.8.0.1', end: '10.8.0.4'}, {start: '10.8.0.6', end: '10.8.0.14'}])
    // A port takes the first pool address; the subnet is then in use.
    const p = await post('/v2.0/ports', {port: {network_id: id, fixed_ips: [{subnet_id: ok.json.subnet.id}]}}, demo)
    assert.equal(p.json.port.fixed_ips[0].ip_address, '10.9.0.10')
    const inUse = await call(net(`/v2.0/subnets/${ok.json.subnet.id}`), {method: 'DELETE', token: demo})
    assert.equal(inUse.status, 409)
    assert.equal(inUse.json.NeutronError.message, `Unable to complete operation on subnet ${ok.json.subnet.id}: One or more ports have an IP allocation from this subnet.`)
    await call(net(`/v2.0/ports/${p.json.port.id}`), {method: 'DELETE', token: demo})
    assert.equal((await call(net(`/v2.0/subnets/${ok.json.subnet.id}`), {method: 'DELETE', token: demo})).status, 204)
  })

  it('creates routers, sets gateways, adds and removes interfaces with Neutron\'s refusals', async () => {
    const pub = await byName('networks', 'public', demo)
    const n = await post('/v2.0/networks', {network: {name: 'r-net'}}, demo)
    const s = await post('/v2.0/subnets', {subnet: {network_id: n.json.network.id, ip_version: 4, cidr: '10.20.0.0/24'}}, demo)
    const subId = s.json.subnet.id
    const r = await post('/v2.0/routers', {router: {name: 'r'}}, demo)
    assert.equal(r.status, 201)
    assert.equal(r.json.router.external_gateway_info, null)
    assert.equal(r.json.router.distributed, undefined)
    const rid = r.json.router.id
    const notExt = await put(`/v2.0/routers/${rid}`, {router: {external_gateway_info: {network_id: n.json.network.id}}}, demo)
    assert.equal(notExt.status, 400)
    assert.equal(notExt.json.NeutronError.message, `Bad router request: Network ${n.json.network.id} is not an external network.`)
    const gw = await put(`/v2.0/routers/${rid}`, {router: {external_gateway_info: {network_id: pub.id}}}, demo)
    assert.equal(gw.status, 200)
    assert.match(gw.json.router.external_gateway_info.external_fixed_ips[0].ip_address, /^172\.24\.4\.\d+$/)
    const add = await put(`/v2.0/routers/${rid}/add_router_interface`, {subnet_id: subId}, demo)
    assert.equal(add.status, 200)
    assert.deepEqual(Object.keys(add.json).sort(), ['id', 'network_id', 'port_id', 'project_id', 'subnet_id', 'subnet_ids', 'tenant_id'])
    const again = await put(`/v2.0/routers/${rid}/add_router_interface`, {subnet_id: subId}, demo)
    assert.equal(again.json.NeutronError.message, `Bad router request: Router already has a port on subnet ${subId}.`)
    const portDel = await call(net(`/v2.0/ports/${add.json.port_id}`), {method: 'DELETE', token: demo})
    assert.equal(portDel.status, 409)
    assert.equal(portDel.json.NeutronError.message, `Port ${add.json.port_id} cannot be deleted directly via the port API: has device owner network:router_interface.`)
    const busy = await call(net(`/v2.0/routers/${rid}`), {method: 'DELETE', token: demo})
    assert.equal(busy.status, 409)
    assert.equal(busy.json.NeutronError.message, `Router ${rid} still has ports`)
    assert.equal((await call(net(`/v2.0/subnets/${subId}`), {method: 'DELETE', token: demo})).status, 409)
    assert.equal((await put(`/v2.0/routers/${rid}/remove_router_interface`, {subnet_id: subId}, demo)).status, 200)
    const gone = await put(`/v2.0/routers/${rid}/remove_router_interface`, {subnet_id: subId}, demo)
    assert.equal(gone.status, 404)
    assert.equal(gone.json.NeutronError.message, `Router ${rid} has no interface on subnet ${subId}`)
    assert.equal((await call(net(`/v2.0/routers/${rid}`), {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(net(`/v2.0/routers/${rid}`), {token: demo})).json.NeutronError.message, `Router ${rid} could not be found`)
  })

  it('creates floating IPs on an external network and associates them only through a router', async () => {
    const pub = await byName('networks', 'public')
    const priv = await byName('networks', 'private')
    const shared = await byName('networks', 'shared')
    const notExt = await post('/v2.0/floatingips', {floatingip: {floating_network_id: priv.id}})
    assert.equal(notExt.json.NeutronError.message, `Bad floatingip request: Network ${priv.id} is not a valid external network.`)
    const fip = await post('/v2.0/floatingips', {floatingip: {floating_network_id: pub.id}})
    assert.equal(fip.status, 201)
    const f = fip.json.floatingip
    assert.match(f.floating_ip_address, /^172\.24\.4\.\d+$/)
    assert.equal(f.status, 'DOWN')
    assert.equal(f.port_id, null)
    const onShared = await post('/v2.0/ports', {port: {network_id: shared.id}})
    const unreachable = await put(`/v2.0/floatingips/${f.id}`, {floatingip: {port_id: onShared.json.port.id}})
    assert.equal(unreachable.status, 404)
    assert.equal(
      unreachable.json.NeutronError.message,
      `External network ${pub.id} is not reachable from subnet ${shared.subnets[0]}.  Therefore, cannot associate Port ${onShared.json.port.id} with a Floating IP.`,
    )
    const onPriv = await post('/v2.0/ports', {port: {network_id: priv.id}})
    const ok = await put(`/v2.0/floatingips/${f.id}`, {floatingip: {port_id: onPriv.json.port.id}})
    assert.equal(ok.status, 200)
    const router = await byName('routers', 'router1')
    assert.equal(ok.json.floatingip.router_id, router.id)
    assert.equal(ok.json.floatingip.fixed_ip_address, onPriv.json.port.fixed_ips[0].ip_address)
    assert.equal(ok.json.floatingip.status, 'ACTIVE')
    const second = await post('/v2.0/floatingips', {floatingip: {floating_network_id: pub.id, port_id: onPriv.json.port.id}})
    assert.equal(second.status, 409)
    assert.match(second.json.NeutronError.message, /as that fixed IP already has a floating IP on external network/)
    const rm = await put(`/v2.0/routers/${router.id}/remove_router_interface`, {subnet_id: priv.subnets[0]})
    assert.equal(rm.status, 409)
    const listed = await call(net(`/v2.0/floatingips?port_id=${onPriv.json.port.id}`), {token: admin})
    assert.deepEqual(listed.json.floatingips.map((x: Json) => x.id), [f.id])
    // Deleting the port lets go of the address; deleting the floating IP frees its port.
    assert.equal((await call(net(`/v2.0/ports/${onPriv.json.port.id}`), {method: 'DELETE', token: admin})).status, 204)
    assert.equal((await call(net(`/v2.0/floatingips/${f.id}`), {token: admin})).json.floatingip.port_id, null)
    assert.equal((await call(net(`/v2.0/floatingips/${f.id}`), {method: 'DELETE', token: admin})).status, 204)
    assert.equal((await call(net(`/v2.0/ports?device_id=${f.id}`), {token: admin})).json.ports.length, 0)
    assert.equal((await call(net(`/v2.0/floatingips/${f.id}`), {token: admin})).json.NeutronError.message, `Floating IP ${f.id} could not be found`)
  })
})

describe('sim: neutron security group rules', () => {
  let sim: Sim
  let one: SimInstance
  let demo: string
  let net: (path: string) => string
  let sg: string
  const rule = (extra: Json) => call(net('/v2.0/security-group-rules'), {method: 'POST', token: demo, body: {security_group_rule: {security_group_id: sg, direction: 'ingress', ...extra}}})
  const message = async (extra: Json) => (await rule(extra)).json.NeutronError.message

  before(async () => {
    ;({sim, one, demo, net} = await neutronWorld(['InstanceOne']))
    sg = (await call(net('/v2.0/security-groups'), {method: 'POST', token: demo, body: {security_group: {name: 'web'}}})).json.security_group.id
  })
  after(async () => {
    await sim.stop()
  })

  it('creates a rule, refuses its duplicate with 409 and the rule id, deletes it', async () => {
    const r = await rule({protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0', ethertype: 'IPv4'})
    assert.equal(r.status, 201)
    const x = r.json.security_group_rule
    assert.deepEqual([x.protocol, x.port_range_min, x.port_range_max, x.remote_ip_prefix, x.normalized_cidr, x.direction, x.ethertype], ['tcp', 22, 22, '0.0.0.0/0', '0.0.0.0/0', 'ingress', 'IPv4'])
    const dup = await rule({protocol: '6', port_range_min: 22, port_range_max: 22})
    assert.equal(dup.status, 409)
    assert.equal(dup.json.NeutronError.message, `Security group rule already exists. Rule id is ${x.id}.`)
    const listed = await call(net(`/v2.0/security-group-rules?security_group_id=${sg}&direction=ingress`), {token: demo})
    assert.deepEqual(listed.json.security_group_rules.map((y: Json) => y.id), [x.id])
    assert.equal((await call(net(`/v2.0/security-group-rules/${x.id}`), {method: 'DELETE', token: demo})).status, 204)
    assert.equal((await call(net(`/v2.0/security-group-rules/${x.id}`), {token: demo})).json.NeutronError.message, `Security group rule ${x.id} does not exist`)
    // The whole range is stored as no range.
    const all = await rule({protocol: 'udp', port_range_min: 1, port_range_max: 65535})
    assert.deepEqual([all.json.security_group_rule.port_range_min, all.json.security_group_rule.port_range_max], [null, null])
  })

  it('refuses bad rules with Neutron\'s messages', async () => {
    assert.equal(await message({direction: 'in'}), "Invalid input for direction. Reason: 'in' is not in ['ingress', 'egress'].")
    assert.equal(await message({ethertype: 'IPv5'}), "Invalid input for ethertype. Reason: 'IPv5' is not in ['IPv4', 'IPv6'].")
    assert.match(await message({protocol: 'foo'}), /^Security group rule protocol foo not supported\. Only protocol values \[None, 'ah', .*'vrrp'\] and integer representations \[0 to 255\] are supported\.$/)
    assert.equal(await message({port_range_min: 80, port_range_max: 80}), 'Must also specify protocol if port range is given.')
    assert.equal(await message({protocol: 'tcp', port_range_min: 90, port_range_max: 80}), 'For TCP/UDP protocols, port_range_min must be <= port_range_max')
    assert.equal(await message({protocol: 'tcp', port_range_min: 70000, port_range_max: 70000}), 'Invalid value for port 70000')
    assert.equal(await message({protocol: 'icmp', port_range_min: 300}), 'Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.')
    assert.equal(await message({protocol: 'icmp', port_range_max: 0}), 'ICMP code (port-range-max) 0 is provided but ICMP type (port-range-min) is missing.')
    assert.equal(await message({protocol: 'gre', port_range_min: 1, port_range_max: 2}), 'Ports cannot be specified for protocol 47. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.')
    assert.equal(await message({remote_ip_prefix: '10.0.0.0/8', ethertype: 'IPv6'}), 'Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8')
    assert.equal(await message({remote_ip_prefix: 'nope'}), 'Invalid CIDR nope given as IP prefix.')
    assert.equal(await message({remote_ip_prefix: '10.0.0.0/8', remote_group_id: sg}), 'Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.')
    const missing = '0b4f6b6c-0000-4000-8000-000000000000'
    assert.equal(await message({remote_group_id: missing}), `Security group ${missing} does not exist`)
    assert.equal((await rule({remote_group_id: missing})).status, 404)
    const noDir = await call(net('/v2.0/security-group-rules'), {method: 'POST', token: demo, body: {security_group_rule: {security_group_id: sg}}})
    assert.equal(noDir.json.NeutronError.message, "Failed to parse request. Required attribute 'direction' not specified")
  })
})
