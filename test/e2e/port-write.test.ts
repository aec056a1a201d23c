import {strict as assert} from 'node:assert'

import {twoInstanceSuite} from './harness.js'

/** port create / set / unset: a CI set-up's VIP ports, their merge rules, Neutron's refusals, and `&`/`|`. */
describe('e2e: port create, set and unset', function () {
  this.timeout(120_000)
  const BOTH = JSON.stringify({network: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({network: 'InstanceTwo | InstanceOne'})
  const run = twoInstanceSuite()

  const show = async (port: string, ...columns: string[]) => {
    const shown = await run('port', 'show', port, '-f', 'json', ...columns.flatMap((c) => ['-c', c]))
    assert.equal(shown.code, 0, shown.stderr)
    return JSON.parse(shown.stdout) as Record<string, unknown>
  }

  it('creates a port with every attribute the simulator knows and shows it as port show does', async () => {
    const made = await run(
      'port', 'create', 'vip', '--network', 'private', '--fixed-ip', 'subnet=private-subnet,ip-address=10.0.0.40', '--fixed-ip', 'ip-address=10.0.0.41',
      '--description', 'web VIP', '--device', 'dev-1', '--device-owner', 'compute:nova', '--mac-address', 'fa:16:3e:00:00:01', '--vnic-type', 'direct',
      '--host', 'compute-1', '--binding-profile', 'a=1', '--binding-profile', '{"b": [2]}', '--disable', '--tag', 'web', '--tag', 'ci',
      '--allowed-address', 'ip-address=10.0.0.99', '--allowed-address', 'ip-address=10.0.0.98,mac-address=fa:16:3e:00:00:09', '--dns-name', 'vip',
      '--extra-dhcp-option', 'name=ntp-server,value=10.0.0.1', '-f', 'json',
    )
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stderr, '')
    const port = JSON.parse(made.stdout) as Record<string, unknown>
    const {id, created_at: created, updated_at: updated, network_id: network, project_id: project, security_group_ids: groups, fixed_ips: ips, ...rest} = port
    assert.match(String(id), /^[0-9a-f-]{36}$/)
    assert.equal(created, updated)
    assert.equal((ips as unknown[]).length, 2)
    assert.deepEqual((ips as {ip_address: string}[]).map((ip) => ip.ip_address), ['10.0.0.40', '10.0.0.41'])
    assert.equal((groups as string[]).length, 1)
    assert.ok(network && project)
    assert.deepEqual(rest, {
      admin_state_up: false,
      allowed_address_pairs: [
        {ip_address: '10.0.0.99', mac_address: 'fa:16:3e:00:00:01'},
        {ip_address: '10.0.0.98', mac_address: 'fa:16:3e:00:00:09'},
      ],
      binding_host_id: 'compute-1',
      binding_profile: {a: '1', b: [2]},
      binding_vif_details: {port_filter: true, connectivity: 'l2'},
      binding_vif_type: 'ovs',
      binding_vnic_type: 'direct',
      data_plane_status: null,
      description: 'web VIP',
      device_id: 'dev-1',
      device_owner: 'compute:nova',
      device_profile: null,
      dns_assignment: [
        {ip_address: '10.0.0.40', hostname: 'vip', fqdn: 'vip.openstacklocal.'},
        {ip_address: '10.0.0.41', hostname: 'vip', fqdn: 'vip.openstacklocal.'},
      ],
      dns_domain: null,
      dns_name: 'vip',
      extra_dhcp_opts: [{opt_name: 'ntp-server', opt_value: '10.0.0.1', ip_version: 4}],
      ip_allocation: null,
      mac_address: 'fa:16:3e:00:00:01',
      name: 'vip',
      numa_affinity_policy: null,
      port_security_enabled: true,
      propagate_uplink_status: null,
      qos_network_policy_id: null,
      qos_policy_id: null,
      resource_request: null,
      // What POST answered (OSC shows it, with the tags it then PUT).
      revision_number: 1,
      status: 'DOWN',
      tags: ['ci', 'web'],
      trunk_details: null,
    })
    // The same port through port show: the same document, but for what the tags PUT moved.
    const shown = await show('vip')
    assert.deepEqual({...shown, updated_at: updated, revision_number: 1}, port)
    assert.equal(shown.revision_number, 2)
  })

  it('refuses what Neutron refuses, with its message, and sends nothing for bad flag values', async () => {
    const cases: [string[], number, string][] = [
      [['--fixed-ip', 'ip-address=10.0.0.40'], 1, 'InstanceOne (network): IP address 10.0.0.40 already allocated in subnet SUBNET (HTTP 409)'],
      [['--fixed-ip', 'subnet=private-subnet,ip-address=10.9.9.9'], 1, 'InstanceOne (network): IP address 10.9.9.9 is not a valid IP for the specified subnet. (HTTP 400)'],
      [['--fixed-ip', 'ip-address=10.9.9.9'], 1, 'InstanceOne (network): IP address 10.9.9.9 is not a valid IP for any of the subnets on the specified network. (HTTP 400)'],
      [['--mac-address', 'fa:16:3e:00:00:01'], 1, 'InstanceOne (network): Unable to complete operation for network NETWORK. The mac address fa:16:3e:00:00:01 is in use. (HTTP 409)'],
      [['--disable-port-security', '--security-group', 'default'], 1, 'InstanceOne (network): Port security must be enabled and port must have an IP address in order to use security groups. (HTTP 400)'],
      [['--no-fixed-ip', '--security-group', 'default'], 1, 'InstanceOne (network): Port security must be enabled and port must have an IP address in order to use security groups. (HTTP 400)'],
      [['--disable-port-security', '--allowed-address', 'ip-address=10.0.0.7'], 1, 'InstanceOne (network): Port Security must be enabled in order to have allowed address pairs on a port. (HTTP 409)'],
      [['--dns-domain', 'example.org.'], 1, "InstanceOne (network): Unrecognized attribute(s) 'dns_domain' (HTTP 400)"],
      [['--numa-policy-legacy'], 1, "InstanceOne (network): Unrecognized attribute(s) 'numa_affinity_policy' (HTTP 400)"],
      [['--enable-uplink-status-propagation'], 1, "InstanceOne (network): Unrecognized attribute(s) 'propagate_uplink_status' (HTTP 400)"],
      [['--device-profile', 'dp'], 1, "InstanceOne (network): Unrecognized attribute(s) 'device_profile' (HTTP 400)"],
      [['--mac-address', 'nope'], 1, "InstanceOne (network): Invalid input for mac_address. Reason: 'nope' is not a valid MAC address. (HTTP 400)"],
      [['--security-group', 'nope'], 1, 'No SecurityGroup found for nope'],
      [['--fixed-ip', 'subnet=nope'], 1, 'No Subnet found for nope'],
      [['--fixed-ip', 'nope'], 1, "Expected comma separated 'key=value' pairs, but got: nope"],
      [['--fixed-ip', 'subnet=a,ip=1'], 1, 'Invalid keys ip specified.\nValid keys are: ip-address, subnet'],
      [['--allowed-address', 'mac-address=fa:16:3e:00:00:02'], 1, 'Missing required keys ip-address.\nRequired keys are: ip-address'],
      [['--binding-profile', 'nope'], 1, "Expected '<key>=<value>' or JSON data for option --binding-profile, but encountered JSON parsing error: Expecting value: line 1 column 1 (char 0)"],
    ]
    const subnet = (await show('vip', 'fixed_ips')).fixed_ips as {subnet_id: string}[]
    const network = String((await show('vip', 'network_id')).network_id)
    for (const [flags, code, message] of cases) {
      const out = await run('port', 'create', 'bad', '--network', 'private', ...flags)
      const expected = message.replace('SUBNET', subnet[0].subnet_id).replace('NETWORK', network)
      assert.equal(out.code, code, `${flags.join(' ')}: ${out.stderr}`)
      assert.equal(out.stdout, '')
      assert.ok(out.stderr.startsWith(expected), `${flags.join(' ')}:\n${out.stderr}\nexpected: ${expected}`)
      assert.doesNotMatch(out.stderr, /\n\s+at /)
    }
    const noNetwork = await run('port', 'create', 'bad', '--network', 'nope')
    assert.equal(noNetwork.code, 1)
    assert.match(noNetwork.stderr, /^No Network found for nope\n/)
    for (const flags of [['--fixed-ip', 'ip-address=10.0.0.9', '--no-fixed-ip'], ['--tag', 'a', '--no-tag'], ['--enable', '--disable'], ['--security-group', 'default', '--no-security-group'], ['--vnic-type', 'bogus']]) {
      const usage = await run('port', 'create', 'bad', '--network', 'private', ...flags)
      assert.equal(usage.code, 2, `${flags.join(' ')}: ${usage.stderr}`)
    }
    const noName = await run('port', 'create', '--network', 'private')
    assert.equal(noName.code, 2)
    const noNet = await run('port', 'create', 'p')
    assert.equal(noNet.code, 2)
    assert.match(noNet.stderr, /network/)
    // Nothing of the refused ones was made.
    assert.equal((await run('port', 'list', '--name', 'bad', '-f', 'value')).stdout, '')
  })

  it('set appends fixed IPs, groups, pairs, tags and profile keys; --no-… clears first; revision_number moves', async () => {
    assert.equal((await run('security', 'group', 'create', 'web')).code, 0)
    const before = await show('vip', 'revision_number', 'updated_at')
    const set = await run('port', 'set', 'vip', '--fixed-ip', 'subnet=private-subnet', '--security-group', 'web', '--allowed-address', 'ip-address=10.0.0.97', '--tag', 'blue', '--binding-profile', 'c=3', '--name', 'vip2', '--description', '')
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout + set.stderr, '')
    const after = await show('vip2', 'fixed_ips', 'security_group_ids', 'allowed_address_pairs', 'tags', 'binding_profile', 'description', 'revision_number')
    assert.deepEqual((after.fixed_ips as {ip_address: string}[]).map((ip) => ip.ip_address), ['10.0.0.40', '10.0.0.41', '10.0.0.2'])
    assert.equal((after.security_group_ids as string[]).length, 2)
    assert.deepEqual((after.allowed_address_pairs as {ip_address: string}[]).map((p) => p.ip_address), ['10.0.0.99', '10.0.0.98', '10.0.0.97'])
    assert.deepEqual(after.tags, ['blue', 'ci', 'web'])
    assert.deepEqual(after.binding_profile, {a: '1', b: [2], c: '3'})
    assert.equal(after.description, '')
    assert.equal(after.revision_number, Number(before.revision_number) + 2, 'one PUT of the port, one of its tags')

    const replace = await run('port', 'set', 'vip2', '--no-fixed-ip', '--fixed-ip', 'ip-address=10.0.0.45', '--no-security-group', '--no-allowed-address', '--no-tag', '--tag', 'only', '--no-binding-profile', '--enable')
    assert.equal(replace.code, 0, replace.stderr)
    const replaced = await show('vip2', 'fixed_ips', 'security_group_ids', 'allowed_address_pairs', 'tags', 'binding_profile', 'admin_state_up', 'dns_assignment')
    assert.deepEqual(replaced.fixed_ips, [{subnet_id: (after.fixed_ips as {subnet_id: string}[])[0].subnet_id, ip_address: '10.0.0.45'}])
    assert.deepEqual([replaced.security_group_ids, replaced.allowed_address_pairs, replaced.tags, replaced.binding_profile, replaced.admin_state_up], [[], [], ['only'], {}, true])
    // The old addresses are free again.
    const reuse = await run('port', 'create', 'reuse', '--network', 'private', '--fixed-ip', 'ip-address=10.0.0.40', '-f', 'value', '-c', 'fixed_ips')
    assert.equal(reuse.code, 0, reuse.stderr)

    const disable = await run('port', 'set', 'reuse', '--disable-port-security')
    assert.equal(disable.code, 1)
    assert.match(disable.stderr, /^InstanceOne \(network\): Port has security group associated\. Cannot disable port security or IP address until security group is removed\. \(HTTP 409\)/)
    const both = await run('port', 'set', 'reuse', '--disable-port-security', '--no-security-group')
    assert.equal(both.code, 0, both.stderr)
    assert.deepEqual(await show('reuse', 'port_security_enabled', 'security_group_ids'), {port_security_enabled: false, security_group_ids: []})
    const dns = await run('port', 'set', 'reuse', '--dns-domain', 'x.')
    assert.equal(dns.code, 1)
    assert.match(dns.stderr, /Unrecognized attribute\(s\) 'dns_domain'/)
    const missing = await run('port', 'set', 'nope', '--name', 'x')
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /^No Port found for nope\n/)
    const nothing = await run('port', 'set', 'reuse')
    assert.equal(nothing.code, 0, nothing.stderr)
    assert.equal(nothing.stdout, '')
  })

  it('unset removes what is there and names what is not, as OSC does', async () => {
    const made = await run('port', 'create', 'un', '--network', 'private', '--fixed-ip', 'ip-address=10.0.0.30', '--fixed-ip', 'ip-address=10.0.0.31', '--security-group', 'web', '--security-group', 'default',
      '--binding-profile', 'k=v', '--binding-profile', 'j=w', '--allowed-address', 'ip-address=10.0.0.90,mac-address=fa:16:3e:00:00:90', '--tag', 'a', '--tag', 'b', '--tag', 'c', '--host', 'h1', '-f', 'json', '-c', 'fixed_ips')
    assert.equal(made.code, 0, made.stderr)
    const subnet = (JSON.parse(made.stdout).fixed_ips as {subnet_id: string}[])[0].subnet_id
    const unset = await run('port', 'unset', 'un', '--fixed-ip', 'subnet=private-subnet,ip-address=10.0.0.30', '--security-group', 'web', '--binding-profile', 'k',
      '--allowed-address', 'ip-address=10.0.0.90,mac-address=fa:16:3e:00:00:90', '--tag', 'b', '--tag', 'zz', '--host')
    assert.equal(unset.code, 0, unset.stderr)
    assert.equal(unset.stdout + unset.stderr, '')
    const after = await show('un', 'fixed_ips', 'security_group_ids', 'binding_profile', 'allowed_address_pairs', 'tags', 'binding_host_id')
    assert.deepEqual(after.fixed_ips, [{subnet_id: subnet, ip_address: '10.0.0.31'}])
    assert.equal((after.security_group_ids as string[]).length, 1)
    assert.deepEqual([after.binding_profile, after.allowed_address_pairs, after.tags, after.binding_host_id], [{j: 'w'}, [], ['a', 'c'], ''])

    const errors: [string[], string][] = [
      [['--fixed-ip', 'ip-address=10.0.0.31'], "Port does not contain fixed-ip {'ip_address': '10.0.0.31'}"],
      [['--fixed-ip', 'subnet=private-subnet,ip-address=10.0.0.30'], `Port does not contain fixed-ip {'subnet_id': '${subnet}', 'ip_address': '10.0.0.30'}`],
      [['--binding-profile', 'k'], 'Port does not contain binding-profile k'],
      [['--security-group', 'web'], 'Port does not contain security group web'],
      [['--allowed-address', 'ip-address=10.0.0.91'], "Port does not contain allowed-address-pair {'ip_address': '10.0.0.91'}"],
      [['--qos-policy'], "InstanceOne (network): Unrecognized attribute(s) 'qos_policy_id' (HTTP 400)"],
      [['--security-group', 'nope'], 'No SecurityGroup found for nope'],
    ]
    for (const [flags, message] of errors) {
      const out = await run('port', 'unset', 'un', ...flags)
      assert.equal(out.code, 1, `${flags.join(' ')}: ${out.stderr}`)
      assert.ok(out.stderr.startsWith(`${message}\n`) || out.stderr.startsWith(`${message} `), `${flags.join(' ')}:\n${out.stderr}`)
    }
    const usage = await run('port', 'unset', 'un', '--tag', 'a', '--all-tag')
    assert.equal(usage.code, 2)
    const all = await run('port', 'unset', 'un', '--all-tag')
    assert.equal(all.code, 0, all.stderr)
    assert.deepEqual((await show('un', 'tags')).tags, [])
  })

  it('under & makes one port in each instance on its own network, sets and unsets in each; under | the first that has it', async () => {
    const made = await run('port', 'create', 'ci-port', '--network', 'private', '--tag', 'ci', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'tags')
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stdout, "InstanceOne ci-port ['ci']\nInstanceTwo ci-port ['ci']\n")
    const set = await run('port', 'set', 'ci-port', '--description', 'both', '--tag', 'x', '--scope', BOTH)
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout, '')
    assert.equal(set.stderr, 'Set port ci-port in InstanceOne, InstanceTwo.\n')
    const listed = await run('port', 'list', '--name', 'ci-port', '--long', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Tags')
    assert.equal(listed.stdout, "InstanceOne ['ci', 'x']\nInstanceTwo ['ci', 'x']\n")
    const unset = await run('port', 'unset', 'ci-port', '--tag', 'ci', '--scope', BOTH)
    assert.equal(unset.code, 0, unset.stderr)
    assert.equal(unset.stderr, 'Unset port ci-port in InstanceOne, InstanceTwo.\n')
    const shown = await run('port', 'show', 'ci-port', '--scope', FIRST, '-f', 'value', '-c', 'description', '-c', 'tags')
    assert.equal(shown.stdout, "both\n['x']\n")
    // `|`: only InstanceTwo has it, so InstanceOne's copy is left alone.
    assert.equal((await run('port', 'delete', 'ci-port')).code, 0)
    const first = await run('port', 'set', 'ci-port', '--name', 'two-only', '--scope', JSON.stringify({network: 'InstanceOne | InstanceTwo'}))
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /InstanceTwo/)
    assert.equal((await run('port', 'show', 'two-only', '--scope', JSON.stringify({network: 'InstanceTwo'}), '-f', 'value', '-c', 'name')).stdout, 'two-only\n')
    // `&` create where one instance refuses: the other still makes its port, and the failure is named.
    const mac = await run('port', 'create', 'mac-one', '--network', 'private', '--mac-address', 'fa:16:3e:00:00:77', '-f', 'value', '-c', 'name')
    assert.equal(mac.code, 0, mac.stderr)
    const partly = await run('port', 'create', 'mac-two', '--network', 'private', '--mac-address', 'fa:16:3e:00:00:77', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name')
    assert.notEqual(partly.code, 0)
    assert.match(partly.stderr, /InstanceOne.*The mac address fa:16:3e:00:00:77 is in use/s)
  })
})
