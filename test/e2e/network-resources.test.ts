import {strict as assert} from 'node:assert'

import {twoInstanceSuite} from './harness.js'

/** The cloud launcher's and nodepool's chores: a network with its subnet in every cloud at once, its ports, and the clean-up. */
describe('e2e: networks, subnets and ports across instances', function () {
  this.timeout(120_000)
  const BOTH = JSON.stringify({network: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({network: 'InstanceTwo | InstanceOne'})
  const run = twoInstanceSuite()

  it('creates a network and its subnet in every instance of &, shows them, deletes them in each', async () => {
    const net = await run('network', 'create', 'ci-net', '--description', 'CI', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'description', '-c', 'admin_state_up', '-c', 'subnets')
    assert.equal(net.code, 0, net.stderr)
    assert.equal(net.stdout, 'InstanceOne True CI ci-net []\nInstanceTwo True CI ci-net []\n')
    const subnet = await run(
      'subnet', 'create', 'ci-subnet', '--network', 'ci-net', '--subnet-range', '10.9.0.0/24', '--allocation-pool', 'start=10.9.0.10,end=10.9.0.20',
      '--dns-nameserver', '10.9.0.2', '--no-dhcp', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'cidr', '-c', 'allocation_pools', '-c', 'enable_dhcp', '-c', 'gateway_ip',
    )
    assert.equal(subnet.code, 0, subnet.stderr)
    assert.equal(subnet.stdout, "InstanceOne [{'start': '10.9.0.10', 'end': '10.9.0.20'}] 10.9.0.0/24 False 10.9.0.1 ci-subnet\nInstanceTwo [{'start': '10.9.0.10', 'end': '10.9.0.20'}] 10.9.0.0/24 False 10.9.0.1 ci-subnet\n")
    const listed = await run('subnet', 'list', '--network', 'ci-net', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Name', '-c', 'Subnet')
    assert.equal(listed.code, 0, listed.stderr)
    assert.equal(listed.stdout, 'InstanceOne ci-subnet 10.9.0.0/24\nInstanceTwo ci-subnet 10.9.0.0/24\n')
    const shown = await run('network', 'show', 'ci-net', '--scope', FIRST, '-f', 'json', '-c', 'name', '-c', 'router:external')
    assert.equal(shown.code, 0, shown.stderr)
    assert.equal(shown.stdout, '{\n  "name": "ci-net",\n  "router:external": false\n}\n')
    const subnetShown = await run('subnet', 'show', 'ci-subnet', '--scope', FIRST, '-f', 'value', '-c', 'name', '-c', 'ip_version')
    assert.equal(subnetShown.stdout, '4\nci-subnet\n')
    const goneSubnet = await run('subnet', 'delete', 'ci-subnet', '--scope', BOTH)
    assert.equal(goneSubnet.code, 0, goneSubnet.stderr)
    assert.equal(goneSubnet.stderr, 'Deleted subnet ci-subnet in InstanceOne, InstanceTwo.\n')
    const gone = await run('network', 'delete', 'ci-net', '--scope', BOTH)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stdout, '')
    assert.equal(gone.stderr, 'Deleted network ci-net in InstanceOne, InstanceTwo.\n')
    assert.equal((await run('network', 'list', '--name', 'ci-net', '--scope', BOTH, '-f', 'value')).stdout, '')
  })

  it('lists ports under & with Instance, and shows one under |', async () => {
    const ports = await run('port', 'list', '--network', 'public', '--long', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Device Owner', '-c', 'Security Groups')
    assert.equal(ports.code, 0, ports.stderr)
    assert.equal(ports.stdout, 'InstanceOne None network:router_gateway\nInstanceTwo None network:router_gateway\n')
    const id = (await run('port', 'list', '--device-owner', 'network:router_interface', '-f', 'value', '-c', 'ID')).stdout.trim()
    assert.match(id, /^[0-9a-f-]{36}$/)
    const shown = await run('port', 'show', id, '--scope', FIRST, '-f', 'value', '-c', 'device_owner', '-c', 'admin_state_up')
    assert.equal(shown.code, 0, shown.stderr)
    assert.equal(shown.stdout, 'True\nnetwork:router_interface\n')
  })

  it('gives OSC\'s errors for a missing network, a bad allocation pool and unknown names', async () => {
    const noNetwork = await run('subnet', 'create', 's', '--subnet-range', '10.1.0.0/24')
    assert.equal(noNetwork.code, 2)
    assert.match(noNetwork.stderr, /network/)
    const pool = await run('subnet', 'create', 's', '--network', 'private', '--subnet-range', '10.1.0.0/24', '--allocation-pool', 'start=10.1.0.5')
    assert.equal(pool.code, 1)
    assert.match(pool.stderr, /^Missing required keys end\.\nRequired keys are: start, end\n/)
    const unknownNet = await run('subnet', 'create', 's', '--network', 'nope', '--subnet-range', '10.1.0.0/24')
    assert.equal(unknownNet.code, 1)
    assert.match(unknownNet.stderr, /^No Network found for nope\n/)
    const missing = await run('network', 'delete', 'nope', 'nada')
    assert.equal(missing.code, 1)
    assert.equal(
      missing.stderr.split('\n').slice(0, 3).join('\n'),
      "Failed to delete network with name or ID 'nope': No Network found for nope\nFailed to delete network with name or ID 'nada': No Network found for nada\n2 of 2 networks failed to delete.",
    )
    const port = await run('port', 'delete', 'nope', '--scope', BOTH)
    assert.equal(port.code, 1)
    assert.equal(port.stderr.split('\n').slice(0, 2).join('\n'), "Failed to delete port with name or ID 'nope': InstanceOne: No Port found for nope InstanceTwo: No Port found for nope\n1 of 1 ports failed to delete.")
    for (const [noun, sdk] of [['subnet', 'Subnet'], ['port', 'Port'], ['network', 'Network']]) {
      const show = await run(noun, 'show', 'nope')
      assert.equal(show.code, 1)
      assert.match(show.stderr, new RegExp(`^No ${sdk} found for nope\\n`))
      assert.doesNotMatch(show.stderr, /\n\s+at /)
    }
  })
})
