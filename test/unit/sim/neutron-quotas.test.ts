import assert from 'node:assert/strict'
import type {Sim, SimInstance} from '../../sim/index.js'
import {call, login, neutronWorld} from './helpers.js'

/** Neutron's defaults (neutron/conf/quota.py; subnetpool falls back to default_quota -1). */
const DEFAULTS = {network: 100, subnet: 100, subnetpool: -1, port: 500, router: 10, floatingip: 50, security_group: 10, security_group_rule: 100, rbac_policy: 10}

describe('sim: neutron quotas', () => {
  let sim: Sim
  let one: SimInstance
  let admin: string
  let demo: string
  let net: (path: string) => string

  before(async () => {
    ;({sim, one, admin, demo, net} = await neutronWorld(['InstanceOne', {name: 'Tight', network: {quotas: {router: 3, floatingip: 7}}}]))
  })
  after(async () => {
    await sim.stop()
  })

  it("lists the quotas extensions and answers a project's quota with Neutron's defaults", async () => {
    const ext = await call(net('/v2.0/extensions'), {token: demo})
    const aliases = ext.json.extensions.map((e: {alias: string}) => e.alias)
    assert.ok(aliases.includes('quotas') && aliases.includes('quota_details'), aliases.join(' '))
    const own = await call(net(`/v2.0/quotas/${one.projectId('demo')}`), {token: demo})
    assert.equal(own.status, 200)
    assert.deepEqual(own.json, {quota: DEFAULTS})
    const defaults = await call(net(`/v2.0/quotas/${one.projectId('demo')}/default`), {token: demo})
    assert.deepEqual(defaults.json, {quota: DEFAULTS})
    const me = await call(net('/v2.0/quotas/project'), {token: demo})
    assert.deepEqual(me.json, {project: {project_id: one.projectId('demo')}})
  })

  it('takes the limits of every project from the instance options', async () => {
    const tight = sim.instance('Tight')
    const token = await login(tight)
    const r = await call(`http://127.0.0.1:${tight.ports.network}/v2.0/quotas/${tight.projectId('admin')}`, {token})
    assert.deepEqual(r.json.quota, {...DEFAULTS, router: 3, floatingip: 7})
  })

  it("refuses a member another project's quota, the list, and changes, with Neutron's policy errors", async () => {
    const other = await call(net(`/v2.0/quotas/${one.projectId('admin')}`), {token: demo})
    assert.equal(other.status, 403)
    assert.deepEqual(other.json.NeutronError, {type: 'PolicyNotAuthorized', message: 'rule:get_quota is disallowed by policy', detail: ''})
    const details = await call(net(`/v2.0/quotas/${one.projectId('admin')}/details`), {token: demo})
    assert.equal(details.status, 403)
    assert.equal(details.json.NeutronError.message, 'User does not have admin privileges: Only admin is authorized to access quotas for another project.')
    const list = await call(net('/v2.0/quotas'), {token: demo})
    assert.equal(list.status, 403)
    assert.equal(list.json.NeutronError.message, 'rule:get_quota is disallowed by policy')
    const put = await call(net(`/v2.0/quotas/${one.projectId('demo')}`), {token: demo, method: 'PUT', body: {quota: {network: 1}}})
    assert.equal(put.status, 403)
    assert.equal(put.json.NeutronError.message, 'rule:update_quota is disallowed by policy')
  })

  it("counts a project's resources in details", async () => {
    const pid = one.projectId('demo')
    const made = await call(net('/v2.0/networks'), {token: demo, method: 'POST', body: {network: {name: 'q-net'}}})
    assert.equal(made.status, 201)
    const sub = await call(net('/v2.0/subnets'), {token: demo, method: 'POST', body: {subnet: {network_id: made.json.network.id, cidr: '10.9.0.0/24', ip_version: 4}}})
    assert.equal(sub.status, 201)
    const port = await call(net('/v2.0/ports'), {token: demo, method: 'POST', body: {port: {network_id: made.json.network.id}}})
    assert.equal(port.status, 201)
    const r = await call(net(`/v2.0/quotas/${pid}/details`), {token: demo})
    assert.equal(r.status, 200)
    const q = r.json.quota
    assert.deepEqual(q.network, {limit: 100, used: 1, reserved: 0})
    assert.deepEqual(q.subnet, {limit: 100, used: 1, reserved: 0})
    assert.deepEqual(q.port, {limit: 500, used: 1, reserved: 0})
    // The default security group Neutron made for the project, with its four rules.
    assert.deepEqual(q.security_group, {limit: 10, used: 1, reserved: 0})
    assert.deepEqual(q.security_group_rule, {limit: 100, used: 4, reserved: 0})
    assert.deepEqual(q.router, {limit: 10, used: 0, reserved: 0})
    assert.deepEqual(Object.keys(q).sort(), Object.keys(DEFAULTS).sort())
  })

  it('lets the admin set, list and reset per-project limits', async () => {
    const pid = one.projectId('demo')
    const bad = await call(net(`/v2.0/quotas/${pid}`), {token: admin, method: 'PUT', body: {quota: {nope: 1}}})
    assert.equal(bad.status, 400)
    assert.equal(bad.json.NeutronError.message, "Unrecognized attribute(s) 'nope'")
    const low = await call(net(`/v2.0/quotas/${pid}`), {token: admin, method: 'PUT', body: {quota: {network: -2}}})
    assert.equal(low.status, 400)
    const set = await call(net(`/v2.0/quotas/${pid}`), {token: admin, method: 'PUT', body: {quota: {network: 5, port: '20'}}})
    assert.equal(set.status, 200)
    assert.deepEqual(set.json.quota, {...DEFAULTS, network: 5, port: 20})
    assert.equal((await call(net(`/v2.0/quotas/${pid}`), {token: demo})).json.quota.network, 5)
    assert.equal((await call(net(`/v2.0/quotas/${pid}/default`), {token: demo})).json.quota.network, 100)
    const list = await call(net('/v2.0/quotas'), {token: admin})
    assert.deepEqual(list.json, {quotas: [{...DEFAULTS, network: 5, port: 20, project_id: pid, tenant_id: pid}]})
    assert.equal((await call(net(`/v2.0/quotas/${pid}`), {token: admin, method: 'DELETE'})).status, 204)
    assert.deepEqual((await call(net('/v2.0/quotas'), {token: admin})).json, {quotas: []})
    assert.equal((await call(net(`/v2.0/quotas/${pid}`), {token: demo})).json.quota.network, 100)
  })
})
