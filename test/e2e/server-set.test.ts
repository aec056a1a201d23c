import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

/** server set / unset / add|remove security group, through the real CLI, on one and on two instances. */
describe('e2e: server set, unset, add and remove security group', function () {
  this.timeout(120_000)
  const BOTH = JSON.stringify({compute: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({compute: 'InstanceTwo | InstanceOne'})
  let w: World
  const run = async (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const show = async (name: string, ...args: string[]) => {
    const r = await run('server', 'show', name, '-f', 'json', '-c', 'name', '-c', 'properties', '-c', 'description', '-c', 'tags', '-c', 'security_groups', ...args)
    assert.equal(r.code, 0, r.stderr)
    const shown = JSON.parse(r.stdout) as Record<string, unknown> & {properties: Record<string, string>}
    delete shown.properties.openstackoid_create_id
    return shown
  }

  before(async () => {
    const compute = {buildPolls: 0, quotas: {metadata_items: 4}}
    w = await world({instances: [{name: 'InstanceOne', compute}, {name: 'InstanceTwo', compute}]})
    for (const [name, scope] of [['vm', 'InstanceOne'], ['twin', 'InstanceOne & InstanceTwo']]) {
      const made = await run('server', 'create', name, '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '--scope', JSON.stringify({compute: scope}), '-f', 'value', '-c', 'id')
      if (made.code !== 0) throw new Error(made.stderr)
    }
    const sg = await run('security', 'group', 'create', 'web', '-f', 'value', '-c', 'id')
    if (sg.code !== 0) throw new Error(sg.stderr)
    const other = await w.run(['--os-cloud', 'InstanceTwo', 'security', 'group', 'create', 'only-two'])
    if (other.code !== 0) throw new Error(other.stderr)
  })
  after(async () => {
    if (!w) return
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })

  it('sets name, properties, description and tags, prints nothing, and server show has them; unset removes them', async () => {
    const set = await run('server', 'set', 'vm', '--name', 'vm-renamed', '--property', 'a=1', '--property', 'b=2', '--description', 'CI worker', '--tag', 't1', '--tag', 't2')
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout + set.stderr, '')
    assert.deepEqual(await show('vm-renamed'), {name: 'vm-renamed', properties: {a: '1', b: '2'}, description: 'CI worker', tags: ['t1', 't2'], security_groups: [{name: 'default'}]})
    const again = await run('server', 'set', 'vm-renamed', '--name', 'vm', '--property', 'a=3', '--tag', 't1')
    assert.equal(again.code, 0, again.stderr)
    assert.deepEqual(await show('vm'), {name: 'vm', properties: {a: '3', b: '2'}, description: 'CI worker', tags: ['t1', 't2'], security_groups: [{name: 'default'}]})
    const unset = await run('server', 'unset', 'vm', '--property', 'a', '--description', '--tag', 't1')
    assert.equal(unset.code, 0, unset.stderr)
    assert.equal(unset.stdout + unset.stderr, '')
    assert.deepEqual(await show('vm'), {name: 'vm', properties: {b: '2'}, description: null, tags: ['t2'], security_groups: [{name: 'default'}]})
    const gone = await run('server', 'unset', 'vm', '--property', 'nosuch')
    assert.equal(gone.code, 1)
    assert.match(gone.stderr, /Metadata item was not found \(HTTP 404\)/)
    const noTag = await run('server', 'unset', 'vm', '--tag', 'nosuch')
    assert.equal(noTag.code, 1)
    assert.match(noTag.stderr, /has no tag 'nosuch' \(HTTP 404\)/)
  })

  it('keeps to Nova\'s limits: the metadata_items quota, the tag charset', async () => {
    // b, the create marker and four more: six, over the quota of 4.
    const over = await run('server', 'set', 'vm', '--property', 'c=1', '--property', 'd=1', '--property', 'e=1', '--property', 'f=1')
    assert.equal(over.code, 1)
    assert.match(over.stderr, /Maximum number of metadata items exceeds 4 \(HTTP 403\)/)
    const badTag = await run('server', 'set', 'vm', '--tag', 'a,b')
    assert.equal(badTag.code, 1)
    assert.match(badTag.stderr, /Tag 'a,b' is invalid\. It must be a non empty string without characters '\/' and ','/)
    assert.deepEqual((await show('vm')).properties, {b: '2'})
  })

  it('refuses what the microversion does not support, with OSC\'s words, before changing anything', async () => {
    const desc = await run('--os-compute-api-version', '2.18', 'server', 'set', 'vm', '--name', 'not-this', '--description', 'x')
    assert.equal(desc.code, 1)
    assert.equal(desc.stderr, '--os-compute-api-version 2.19 or greater is required to support the --description option\n')
    const tag = await run('--os-compute-api-version', '2.25', 'server', 'set', 'vm', '--tag', 'x')
    assert.equal(tag.code, 1)
    assert.equal(tag.stderr, '--os-compute-api-version 2.26 or greater is required to support the --tag option\n')
    const host = await run('--os-compute-api-version', '2.89', 'server', 'set', 'vm', '--hostname', 'h')
    assert.equal(host.stderr, '--os-compute-api-version 2.90 or greater is required to support the --hostname option\n')
    const unset = await run('--os-compute-api-version', '2.1', 'server', 'unset', 'vm', '--description')
    assert.equal(unset.code, 1)
    assert.equal(unset.stderr, 'Description is not supported for --os-compute-api-version less than 2.19\n')
    assert.equal((await show('vm')).name, 'vm')
  })

  it('resets the state (admin) and changes the password only of an ACTIVE server', async () => {
    assert.equal((await run('server', 'set', 'vm', '--password', 's3cret')).code, 0)
    const reset = await run('server', 'set', 'vm', '--state', 'error')
    assert.equal(reset.code, 0, reset.stderr)
    assert.equal((await run('server', 'show', 'vm', '-f', 'value', '-c', 'status')).stdout, 'ERROR\n')
    const refused = await run('server', 'set', 'vm', '--password', 's3cret')
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /Cannot 'changePassword' instance [0-9a-f-]{36} while it is in vm_state error \(HTTP 409\)/)
    assert.doesNotMatch(refused.stderr, /s3cret/)
    assert.equal((await run('server', 'set', 'vm', '--state', 'active')).code, 0)
    assert.equal((await run('server', 'show', 'vm', '-f', 'value', '-c', 'status')).stdout, 'ACTIVE\n')
    assert.equal((await run('server', 'set', 'vm', '--no-password')).code, 0)
  })

  it('gives usage errors (exit 2) before anything is sent', async () => {
    const cases: [string[], RegExp][] = [
      [['server', 'set', 'vm', '--state', 'bogus'], /Expected --state=bogus to be one of: active, error/],
      [['server', 'set', 'vm', '--password', 'x', '--no-password'], /cannot also be provided/],
      [['server', 'set', '--name', 'x'], /server/i],
      [['server', 'set', 'vm', '--root-password'], /^--root-password asks for the new password on a terminal, and there is none/],
      [['server', 'add', 'security', 'group', 'vm'], /group/i],
      [['server', 'unset', 'vm', '--description', 'extra', 'words'], /Unexpected argument|unexpected/i],
    ]
    for (const [args, expected] of cases) {
      const r = await run(...args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, expected)
      assert.doesNotMatch(r.stderr, /\n\s+at /)
    }
  })

  it('adds and removes a security group found in the Neutron beside the server, with Nova\'s refusals', async () => {
    const added = await run('server', 'add', 'security', 'group', 'vm', 'web')
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout + added.stderr, '')
    assert.deepEqual((await show('vm')).security_groups, [{name: 'default'}, {name: 'web'}])
    const removed = await run('server', 'remove', 'security', 'group', 'vm', 'web')
    assert.equal(removed.code, 0, removed.stderr)
    assert.deepEqual((await show('vm')).security_groups, [{name: 'default'}])
    const notThere = await run('server', 'remove', 'security', 'group', 'vm', 'web')
    assert.equal(notThere.code, 1)
    assert.match(notThere.stderr, /Security group [0-9a-f-]{36} not associated with the instance [0-9a-f-]{36} \(HTTP 400\)/)
    const missing = await run('server', 'add', 'security', 'group', 'vm', 'nosuch')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'No SecurityGroup found for nosuch\n')
    // A group of InstanceTwo is not one of InstanceOne's server: it lives where the server lives.
    const elsewhere = await run('server', 'add', 'security', 'group', 'vm', 'only-two')
    assert.equal(elsewhere.code, 1)
    assert.equal(elsewhere.stderr, 'No SecurityGroup found for only-two\n')
    const split = await run('server', 'add', 'security', 'group', 'vm', 'only-two', '--scope', JSON.stringify({compute: 'InstanceOne', network: 'InstanceTwo'}))
    assert.equal(split.code, 2)
    assert.match(split.stderr, /A server's ports come from the Neutron of the instance that runs it \(InstanceOne\)/)
  })

  it('under &, changes the server in every instance and says where; under |, the first that has it', async () => {
    const set = await run('server', 'set', 'twin', '--property', 'fleet=ci', '--scope', BOTH)
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout, '')
    assert.equal(set.stderr, 'Updated server twin in InstanceOne, InstanceTwo.\n')
    for (const cloud of ['InstanceOne', 'InstanceTwo']) {
      const r = await w.run(['--os-cloud', cloud, 'server', 'show', 'twin', '-f', 'json', '-c', 'properties'])
      assert.equal((JSON.parse(r.stdout) as {properties: Record<string, string>}).properties.fleet, 'ci', cloud)
    }
    const sg = await w.run(['--os-cloud', 'InstanceTwo', 'security', 'group', 'create', 'web'])
    assert.equal(sg.code, 0, sg.stderr)
    const added = await run('server', 'add', 'security', 'group', 'twin', 'web', '--scope', BOTH)
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stderr, 'Added security group to server twin in InstanceOne, InstanceTwo.\n')
    const first = await run('server', 'unset', 'twin', '--property', 'fleet', '--scope', FIRST)
    assert.equal(first.code, 0, first.stderr)
    const one = await w.run(['--os-cloud', 'InstanceOne', 'server', 'show', 'twin', '-f', 'json', '-c', 'properties', '-c', 'security_groups'])
    const two = await w.run(['--os-cloud', 'InstanceTwo', 'server', 'show', 'twin', '-f', 'json', '-c', 'properties', '-c', 'security_groups'])
    assert.equal((JSON.parse(one.stdout) as {properties: Record<string, string>}).properties.fleet, 'ci')
    assert.equal((JSON.parse(two.stdout) as {properties: Record<string, string>}).properties.fleet, undefined)
    assert.deepEqual((JSON.parse(two.stdout) as {security_groups: unknown}).security_groups, [{name: 'default'}, {name: 'web'}])
    const missing = await run('server', 'set', 'vm', '--property', 'x=1', '--scope', JSON.stringify({compute: 'InstanceTwo'}))
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /No server with a name or ID of 'vm' exists\./)
  })
})
