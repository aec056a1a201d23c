import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/** Network, subnet and port read commands through python-openstackclient 6.0.0 and openstackoid on one simulator: same stdout and exit code. */

const SAME = [
  'network show private',
  'network show private -f json',
  'network show public -f yaml',
  'network show web-net',
  'network show web-net -f json -c name -c mtu -c shared',
  'network show nope',
  'subnet list',
  'subnet list --long',
  'subnet list -f json',
  'subnet list --network web-net --long -f json',
  'subnet list --ip-version 4 -f value -c Name',
  'subnet list --no-dhcp',
  'subnet show private-subnet',
  'subnet show web-subnet',
  'subnet show web-subnet -f json',
  'subnet show nope',
  'port list',
  'port list --long',
  'port list -f json',
  'port list --network public --long -f json',
  'port list --device-owner network:router_interface -f value -c ID -c Status',
  'port show nope',
]

describe('compatibility with python-openstackclient 6.0.0: networks, subnets, ports', function () {
  this.timeout(120_000)
  let w: World
  let portId = ''

  before(async function () {
    requireOsc(this)

    w = await world({instances: ['InstanceOne']})
    await setUp(w, [
      ['network', 'create', 'web-net', '--description', 'web tier', '--mtu', '1400', '--share'],
      ['subnet', 'create', 'web-subnet', '--network', 'web-net', '--subnet-range', '10.20.0.0/24', '--allocation-pool', 'start=10.20.0.10,end=10.20.0.50', '--allocation-pool', 'start=10.20.0.100,end=10.20.0.150', '--dns-nameserver', '8.8.8.8', '--dns-nameserver', '1.1.1.1', '--no-dhcp', '--gateway', '10.20.0.254'],
    ])

    portId = (await w.run(['--os-cloud', 'InstanceOne', 'port', 'list', '--device-owner', 'network:router_gateway', '-f', 'value', '-c', 'ID'])).stdout.trim()
  })
  after(async () => w?.stop())

  const lines = [...SAME, 'port show PORT', 'port show PORT -f json', 'port show PORT -f shell -c fixed_ips -c binding_vif_details']
  for (const line of lines) {
    it(`openstack ${line}`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.replace('PORT', portId).split(' ')]
      await assertSameAsOsc(w, line, args)
    })
  }
})
