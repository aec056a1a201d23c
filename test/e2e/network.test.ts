import {strict as assert} from 'node:assert'

import {twoInstanceSuite} from './harness.js'

/** The cloud launcher's chores on networks: security groups and rules in every cloud at once. */
describe('e2e: security groups and rules across instances', function () {
  this.timeout(120_000)
  const BOTH = JSON.stringify({network: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({network: 'InstanceTwo | InstanceOne'})
  const run = twoInstanceSuite()

  it('creates a group with its rules in every instance of &, lists them with Instance, deletes them in each', async () => {
    const made = await run('security', 'group', 'create', 'ci', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'description')
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stdout, 'InstanceOne ci ci\nInstanceTwo ci ci\n')
    const rule = await run('security', 'group', 'rule', 'create', 'ci', '--protocol', 'tcp', '--dst-port', '22', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'protocol', '-c', 'port_range_min', '-c', 'port_range_max', '-c', 'remote_ip_prefix')
    assert.equal(rule.code, 0, rule.stderr)
    assert.equal(rule.stdout, 'InstanceOne 22 22 tcp 0.0.0.0/0\nInstanceTwo 22 22 tcp 0.0.0.0/0\n')
    const rules = await run('security', 'group', 'rule', 'list', 'ci', '--ingress', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'IP Protocol', '-c', 'Port Range')
    assert.equal(rules.stdout, 'InstanceOne tcp 22:22\nInstanceTwo tcp 22:22\n')
    const groups = await run('security', 'group', 'list', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Name')
    assert.equal(groups.stdout, 'InstanceOne default\nInstanceOne ci\nInstanceTwo default\nInstanceTwo ci\n')
    const gone = await run('security', 'group', 'delete', 'ci', '--scope', BOTH)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stdout, '')
    assert.equal(gone.stderr, 'Deleted group ci in InstanceOne, InstanceTwo.\n')
    assert.equal((await run('security', 'group', 'list', '--scope', BOTH, '-f', 'value', '-c', 'Name')).stdout, 'default\ndefault\n')
  })

  it('shows a group from the first instance of | that has it', async () => {
    assert.equal((await run('security', 'group', 'create', 'only-one', '-f', 'value', '-c', 'name')).stdout, 'only-one\n')
    const shown = await run('security', 'group', 'show', 'only-one', '--scope', FIRST, '-f', 'value', '-c', 'name', '-c', 'description')
    assert.equal(shown.code, 0, shown.stderr)
    assert.equal(shown.stdout, 'only-one\nonly-one\n')
    const deleted = await run('security', 'group', 'delete', 'only-one')
    assert.equal(deleted.code, 0, deleted.stderr)
  })

  it('refuses a duplicate rule with Neutron\'s message, exit 1', async () => {
    assert.equal((await run('security', 'group', 'create', 'dup')).code, 0)
    const args = ['security', 'group', 'rule', 'create', 'dup', '--protocol', 'udp', '--dst-port', '53', '--remote-ip', '10.0.0.0/8', '-f', 'value', '-c', 'id']
    const first = await run(...args)
    assert.equal(first.code, 0, first.stderr)
    const second = await run(...args)
    assert.equal(second.code, 1)
    assert.equal(second.stdout, '')
    assert.match(second.stderr, new RegExp(`Security group rule already exists\\. Rule id is ${first.stdout.trim()}\\.`))
    assert.doesNotMatch(second.stderr, /\n\s+at /)
    const removed = await run('security', 'group', 'rule', 'delete', first.stdout.trim())
    assert.equal(removed.code, 0, removed.stderr)
    assert.equal((await run('security', 'group', 'rule', 'list', 'dup', '--ingress', '-f', 'value')).stdout, '')
  })

  it('gives OSC\'s errors for a bad port range, an ICMP code without type and unknown groups', async () => {
    const range = await run('security', 'group', 'rule', 'create', 'default', '--protocol', 'tcp', '--dst-port', '81:80')
    assert.equal(range.code, 2)
    assert.match(range.stderr, /^argument --dst-port: Invalid range, 81 is not less than 80\n/)
    const icmp = await run('security', 'group', 'rule', 'create', 'default', '--protocol', 'icmp', '--icmp-code', '3')
    assert.equal(icmp.code, 1)
    assert.match(icmp.stderr, /^Argument --icmp-type required with argument --icmp-code\n/)
    const missing = await run('security', 'group', 'delete', 'nope', 'nada')
    assert.equal(missing.code, 1)
    assert.equal(
      missing.stderr.split('\n').slice(0, 3).join('\n'),
      "Failed to delete group with name or ID 'nope': No SecurityGroup found for nope\nFailed to delete group with name or ID 'nada': No SecurityGroup found for nada\n2 of 2 groups failed to delete.",
    )
    const show = await run('security', 'group', 'show', 'nope')
    assert.equal(show.code, 1)
    assert.match(show.stderr, /^No SecurityGroup found for nope\n/)
  })
})
