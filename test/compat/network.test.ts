import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/** Network read commands through python-openstackclient 6.0.0 and openstackoid on one simulator: same stdout and exit code. */

const SAME = [
  'network list',
  'network list --external',
  'network list --internal -f json',
  'security group list',
  'security group list -f json',
  'security group list -f value -c Name',
  'security group show default',
  'security group show default -f json',
  'security group show web -f yaml',
  'security group show nope',
  'security group rule list',
  'security group rule list -f json',
  'security group rule list web',
  'security group rule list web --ingress',
  'security group rule list default --egress -f json',
  'security group rule list --protocol tcp',
  'security group rule list --protocol icmp -f csv',
  'security group rule list nope',
]

describe('compatibility with python-openstackclient 6.0.0: network', function () {
  this.timeout(120_000)
  let w: World

  before(async function () {
    requireOsc(this)

    w = await world({instances: ['InstanceOne']})
    await setUp(w, [
      ['security', 'group', 'create', 'web', '--description', 'HTTP in'],
      ['security', 'group', 'rule', 'create', 'web', '--protocol', 'tcp', '--dst-port', '80:81', '--remote-ip', '10.0.0.0/8'],
      ['security', 'group', 'rule', 'create', 'web', '--protocol', 'icmp', '--icmp-type', '8', '--icmp-code', '0'],
      ['security', 'group', 'rule', 'create', 'web', '--remote-group', 'default', '--ethertype', 'IPv6'],
    ])
  })
  after(async () => w?.stop())

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ')]
      await assertSameAsOsc(w, line, args)
    })
  }
})
