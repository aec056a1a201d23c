import assert from 'node:assert/strict'

import {startSim, type Sim} from '../../sim/index.js'
import type {InstanceState} from '../../sim/state.js'
import {call, login} from './helpers.js'

/** The sim's GET /v3/role_assignments, /v3/roles/{id} and /v3/groups answer with Keystone's shapes and policy. */
describe('sim: keystone role assignments, roles, groups', () => {
  let sim: Sim
  before(async () => {
    sim = await startSim({instances: ['InstanceOne']})
  })
  after(async () => {
    await sim.stop()
  })

  const roleId = (name: string) => (sim.instance('InstanceOne') as unknown as {state: InstanceState}).state.roles.get(name)!.id

  it('lists assignments as Keystone does: role, user, scope.project, links.assignment; filters; include_names', async () => {
    const one = sim.instance('InstanceOne')
    const admin = await login(one)
    const [demoUser, demoProject, member] = [one.userId('demo'), one.projectId('demo'), roleId('member')]
    const byUser = await call(`${one.authUrl}/v3/role_assignments?user.id=${demoUser}`, {token: admin})
    assert.equal(byUser.status, 200)
    assert.deepEqual(byUser.json.role_assignments, [
      {role: {id: member}, user: {id: demoUser}, scope: {project: {id: demoProject}}, links: {assignment: `${one.authUrl}/v3/projects/${demoProject}/users/${demoUser}/roles/${member}`}},
    ])

    const effective = await call(`${one.authUrl}/v3/role_assignments?user.id=${demoUser}&effective=True&include_names=True`, {token: admin})
    const domain = {id: 'default', name: 'Default'}
    assert.deepEqual(
      effective.json.role_assignments.map((a: {role: unknown; user: unknown; scope: unknown}) => [a.role, a.user, a.scope]),
      ['member', 'reader'].map((r) => [{id: roleId(r), name: r}, {id: demoUser, name: 'demo', domain}, {project: {id: demoProject, name: 'demo', domain}}]),
    )
    assert.equal(effective.json.role_assignments[1].links.prior_role, `${one.authUrl}/v3/roles/${member}`)

    const byProjectAndRole = await call(`${one.authUrl}/v3/role_assignments?scope.project.id=${one.projectId('admin')}&role.id=${roleId('admin')}`, {token: admin})
    assert.deepEqual(byProjectAndRole.json.role_assignments.map((a: {user: {id: string}}) => a.user.id), [one.userId('admin')])
    for (const filter of ['scope.domain.id=default', 'group.id=x', 'scope.system=all', 'scope.OS-INHERIT:inherited_to=projects']) {
      assert.deepEqual((await call(`${one.authUrl}/v3/role_assignments?${filter}`, {token: admin})).json.role_assignments, [], filter)
    }
  })

  it("refuses a member with Keystone's policy text; roles and groups by ID: 404 texts", async () => {
    const one = sim.instance('InstanceOne')
    const admin = await login(one)
    const demo = await login(one, 'demo')
    const refused = await call(`${one.authUrl}/v3/role_assignments`, {token: demo})
    assert.equal(refused.status, 403)
    assert.equal(refused.json.error.message, 'You are not authorized to perform the requested action: identity:list_role_assignments.')
    const role = await call(`${one.authUrl}/v3/roles/${roleId('reader')}`, {token: admin})
    assert.deepEqual([role.status, role.json.role.name, role.json.role.domain_id], [200, 'reader', null])
    const noRole = await call(`${one.authUrl}/v3/roles/nope`, {token: admin})
    assert.deepEqual([noRole.status, noRole.json.error.message], [404, 'Could not find role: nope.'])
    assert.deepEqual((await call(`${one.authUrl}/v3/roles?name=member&domain_id=default`, {token: admin})).json.roles, [])
    const noGroup = await call(`${one.authUrl}/v3/groups/g1/users`, {token: admin})
    assert.deepEqual([noGroup.status, noGroup.json.error.message], [404, 'Could not find group: g1.'])
    assert.deepEqual((await call(`${one.authUrl}/v3/groups?name=g1`, {token: admin})).json.groups, [])
  })
})
