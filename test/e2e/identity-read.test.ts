import {strict as assert} from 'node:assert'

import type {InstanceState} from '../sim/state.js'
import {world, type World} from './harness.js'

/** The sim's Keystone state of an instance (role IDs are random per instance). */
function stateOf(w: World, name: string): InstanceState {
  return (w.sim.instance(name) as unknown as {state: InstanceState}).state
}

function roleId(w: World, instance: string, role: string): string {
  return stateOf(w, instance).roles.get(role)!.id
}

const FORBIDDEN = /^InstanceOne \(identity\): You are not authorized to perform the requested action: identity:([a-z_]+)\. \(HTTP 403\) \(Request-ID: req-[0-9a-f-]+\)$/

describe('e2e: identity reads (project show, user list/show, role list, role assignment list)', function () {
  this.timeout(60_000)
  let w: World
  let demo: World

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne'}, {name: 'InstanceTwo'}]})
    demo = await world({instances: [{name: 'InstanceOne'}]}, (sim) => sim.cloudsYaml({user: 'demo'}))
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
    await demo.stop()
  })

  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const one = () => w.sim.instance('InstanceOne')
  const BOTH = ['--scope', '{"identity": "InstanceOne & InstanceTwo"}']

  it('project show NAME -f value -c id: the ID, by name or by ID; every field in json', async () => {
    const id = one().projectId('alt_demo')
    for (const key of ['alt_demo', id]) {
      const r = await run('project', 'show', key, '-f', 'value', '-c', 'id')
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${id}\n`, ''], key)
    }

    const json = await run('project', 'show', 'alt_demo', '-f', 'json')
    assert.equal(json.code, 0)
    assert.deepEqual(JSON.parse(json.stdout), {description: '', domain_id: 'default', enabled: true, id, is_domain: false, name: 'alt_demo', options: {}, parent_id: 'default', tags: []})
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ['description', 'domain_id', 'enabled', 'id', 'is_domain', 'name', 'options', 'parent_id', 'tags'])
  })

  it('project show as a table: Python reprs of options and tags; --domain by name or ID', async () => {
    const id = one().projectId('demo')
    const expected = [
      '+-------------+----------------------------------+',
      '| Field       | Value                            |',
      '+-------------+----------------------------------+',
      '| description |                                  |',
      '| domain_id   | default                          |',
      '| enabled     | True                             |',
      `| id          | ${id} |`,
      '| is_domain   | False                            |',
      '| name        | demo                             |',
      '| options     | {}                               |',
      '| parent_id   | default                          |',
      '| tags        | []                               |',
      '+-------------+----------------------------------+',
      '',
    ].join('\n')
    for (const domain of [[], ['--domain', 'Default'], ['--domain', 'default']]) {
      const r = await run('project', 'show', 'demo', ...domain)
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, expected, ''], domain.join(' '))
    }
  })

  it("project show: OSC's not-found text; an unknown --domain", async () => {
    const r = await run('project', 'show', 'nope')
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', "No project with a name or ID of 'nope' exists.\n"])
    const d = await run('project', 'show', 'demo', '--domain', 'nowhere')
    assert.equal(d.code, 1)
    assert.match(d.stderr, /^No domain with a name or ID of 'nowhere' exists\.\n/)
  })

  it('project show --parents / --children are refused before anything is sent (exit 2, the flag named)', async () => {
    for (const flag of ['--parents', '--children']) {
      w.sim.clearRequests()
      const r = await run('project', 'show', 'demo', flag)
      assert.equal(r.code, 2, flag)
      assert.equal(r.stdout, '')
      assert.match(r.stderr.split('\n')[0], new RegExp(`^openstackoid does not support project show ${flag} yet`))
      assert.deepEqual(w.sim.requests.filter((q) => q.path.includes('/v3/projects')), [], flag)
    }

    const missing = await run('project', 'show')
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /Missing 1 required arg/)
  })

  it('project show as a member: its own project by name (the token gives the ID); another project is Keystone\'s 403', async () => {
    const id = demo.sim.instance('InstanceOne').projectId('demo')
    const own = await demo.run(['--os-cloud', 'InstanceOne', 'project', 'show', 'demo', '-f', 'value', '-c', 'id'])
    assert.deepEqual([own.code, own.stdout, own.stderr], [0, `${id}\n`, ''])
    const other = await demo.run(['--os-cloud', 'InstanceOne', 'project', 'show', 'alt_demo'])
    assert.deepEqual([other.code, other.stdout], [1, ''])
    assert.equal(other.stderr.split('\n')[0].match(FORBIDDEN)?.[1], 'list_projects', other.stderr)
  })

  it('project show under &: one row per instance with an Instance column', async () => {
    const r = await run(...BOTH, 'project', 'show', 'demo', '-f', 'value', '-c', 'Instance', '-c', 'id')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.equal(r.stdout, `InstanceOne ${one().projectId('demo')}\nInstanceTwo ${w.sim.instance('InstanceTwo').projectId('demo')}\n`)
  })

  it('user list (ID, Name) and --long (Project, Domain, Description, Email, Enabled); --domain', async () => {
    const users = ['admin', 'demo', 'alt_demo']
    const r = await run('user', 'list', '-f', 'value')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.equal(r.stdout, users.map((u) => `${one().userId(u)} ${u}\n`).join(''))
    const long = await run('user', 'list', '--long', '-f', 'csv', '--domain', 'default')
    assert.equal(long.stdout, ['"ID","Name","Project","Domain","Description","Email","Enabled"', ...users.map((u) => `"${one().userId(u)}","${u}","","default","","",True`), ''].join('\n'))
    const none = await run('user', 'list', '--domain', 'nowhere')
    assert.equal(none.code, 1)
    assert.match(none.stderr, /^No domain with a name or ID of 'nowhere' exists\./)
  })

  it('user list --project: the users with a role on the project (GET /role_assignments, then each user)', async () => {
    w.sim.clearRequests()
    const r = await run('user', 'list', '--project', 'demo', '-f', 'json')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.deepEqual(JSON.parse(r.stdout), [{ID: one().userId('demo'), Name: 'demo'}])
    const paths = w.sim.requests.filter((q) => q.service === 'identity' && q.method === 'GET').map((q) => q.path)
    assert.ok(paths.includes(`/identity/v3/role_assignments?scope.project.id=${one().projectId('demo')}`), paths.join('\n'))
  })

  it('user list under &: rows of both instances with an Instance column', async () => {
    const r = await run(...BOTH, 'user', 'list', '-f', 'value', '-c', 'Instance', '-c', 'Name')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.equal(r.stdout, ['InstanceOne', 'InstanceTwo'].flatMap((i) => ['admin', 'demo', 'alt_demo'].map((u) => `${i} ${u}\n`)).join(''))
  })

  it('user show (by name, by ID): the fields Keystone sent, sorted, links left out', async () => {
    const id = one().userId('demo')
    for (const key of ['demo', id]) {
      const r = await run('user', 'show', key, '-f', 'json')
      assert.deepEqual([r.code, r.stderr], [0, ''], key)
      assert.equal(r.stdout, `{\n  "domain_id": "default",\n  "enabled": true,\n  "id": "${id}",\n  "name": "demo",\n  "options": {},\n  "password_expires_at": null\n}\n`)
    }

    const shell = await run('user', 'show', 'demo', '-f', 'shell', '-c', 'id', '-c', 'password_expires_at')
    assert.equal(shell.stdout, `id="${id}"\npassword_expires_at="None"\n`)
    const nope = await run('user', 'show', 'nope')
    assert.deepEqual([nope.code, nope.stdout, nope.stderr], [1, '', "No user with a name or ID of 'nope' exists.\n"])
  })

  it('user show / user list as a member: itself by name; others and the list are Keystone\'s 403', async () => {
    const self = await demo.run(['--os-cloud', 'InstanceOne', 'user', 'show', 'demo', '-f', 'value', '-c', 'name'])
    assert.deepEqual([self.code, self.stdout, self.stderr], [0, 'demo\n', ''])
    for (const [args, action] of [[['user', 'show', 'alt_demo'], 'list_users'], [['user', 'list'], 'list_users'], [['role', 'list'], 'list_roles'], [['role', 'assignment', 'list'], 'list_role_assignments']] as const) {
      const r = await demo.run(['--os-cloud', 'InstanceOne', ...args])
      assert.deepEqual([r.code, r.stdout], [1, ''], args.join(' '))
      assert.equal(r.stderr.split('\n')[0].match(FORBIDDEN)?.[1], action, r.stderr)
    }
  })

  it('role list: ID, Name; --domain adds Domain (the sim has no domain roles: an empty list)', async () => {
    const roles = ['admin', 'member', 'reader', 'service']
    const r = await run('role', 'list', '-f', 'value')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.equal(r.stdout, roles.map((role) => `${roleId(w, 'InstanceOne', role)} ${role}\n`).join(''))
    const domain = await run('role', 'list', '--domain', 'default', '-f', 'csv')
    assert.deepEqual([domain.code, domain.stdout], [0, '"ID","Name","Domain"\n'])
  })

  it('role assignment list: Role, User, Group, Project, Domain, System, Inherited; filters by user, project and role', async () => {
    const row = (role: string, user: string, project: string) => `${roleId(w, 'InstanceOne', role)} ${one().userId(user)}  ${one().projectId(project)}   False\n`
    const all = await run('role', 'assignment', 'list', '-f', 'value')
    assert.deepEqual([all.code, all.stderr], [0, ''])
    assert.equal(all.stdout, row('admin', 'admin', 'admin') + row('member', 'demo', 'demo') + row('member', 'alt_demo', 'alt_demo'))
    const header = await run('role', 'assignment', 'list', '-f', 'csv', '--user', 'nope')
    assert.deepEqual([header.code, header.stderr], [1, "No user with a name or ID of 'nope' exists.\n"])
    const user = await run('role', 'assignment', 'list', '-f', 'value', '--user', 'demo')
    assert.equal(user.stdout, row('member', 'demo', 'demo'))
    const project = await run('role', 'assignment', 'list', '-f', 'value', '--project', 'alt_demo', '--role', 'member')
    assert.equal(project.stdout, row('member', 'alt_demo', 'alt_demo'))
    const role = await run('role', 'assignment', 'list', '-f', 'value', '--role', 'reader')
    assert.equal(role.stdout, '')
    const domain = await run('role', 'assignment', 'list', '-f', 'json', '--domain', 'default')
    assert.deepEqual([domain.code, domain.stdout], [0, '[]\n'])
  })

  it('role assignment list --effective --names: implied roles, name@domain', async () => {
    const r = await run('role', 'assignment', 'list', '--effective', '--names', '--user', 'demo', '-f', 'json')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    const row = (role: string) => ({Role: role, User: 'demo@Default', Group: '', Project: 'demo@Default', Domain: '', System: '', Inherited: false})
    assert.deepEqual(JSON.parse(r.stdout), [row('member'), row('reader')])
  })

  it('role assignment list: mutually exclusive scopes are a usage error (exit 2) before anything is sent', async () => {
    w.sim.clearRequests()
    const r = await run('role', 'assignment', 'list', '--project', 'demo', '--domain', 'default')
    assert.equal(r.code, 2)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /cannot also be provided when using/)
    assert.deepEqual(w.sim.requests.filter((q) => q.path.includes('role_assignments')), [])
  })

  it('role assignment list under &: every instance, with an Instance column', async () => {
    const r = await run(...BOTH, 'role', 'assignment', 'list', '--names', '--user', 'admin', '-f', 'value', '-c', 'Instance', '-c', 'Role', '-c', 'User')
    assert.deepEqual([r.code, r.stderr], [0, ''])
    assert.equal(r.stdout, 'InstanceOne admin admin@Default\nInstanceTwo admin admin@Default\n')
  })

  it("groups: the sim has none, so --group is OSC's not-found (user list, role assignment list); --group with --project is a usage error; --role-domain finds only domain roles", async () => {
    for (const args of [['user', 'list', '--group', 'admins'], ['role', 'assignment', 'list', '--group', 'admins', '--group-domain', 'default']]) {
      const r = await run(...args)
      assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', "No group with a name or ID of 'admins' exists.\n"], args.join(' '))
    }

    const both = await run('user', 'list', '--group', 'admins', '--project', 'demo')
    assert.deepEqual([both.code, both.stdout], [2, ''])
    const role = await run('role', 'assignment', 'list', '--role', 'member', '--role-domain', 'default', '-f', 'value', '-c', 'User')
    // --role-domain looks for a domain-specific role: the seeded roles are global (domain_id null).
    assert.deepEqual([role.code, role.stdout, role.stderr], [1, '', "No role with a name or ID of 'member' exists.\n"])
  })
})
