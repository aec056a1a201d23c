import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/** Router and floating IP read commands through python-openstackclient 6.0.0 and openstackoid on one simulator: same stdout and exit code. */

const SAME = [
  'router list',
  'router list -f json',
  'router list --long',
  'router list --long -f json',
  'router list --long -f yaml',
  'router list --name edge -f value',
  'router list --disable',
  'router list --enable -f csv',
  'router show router1',
  'router show router1 -f json',
  'router show edge',
  'router show edge -f yaml',
  'router show down -f json',
  'router show nope',
  'floating ip list',
  'floating ip list -f json',
  'floating ip list --long',
  'floating ip list --long -f yaml',
  'floating ip list --network public -f value',
  'floating ip list --router router1',
  'floating ip list --status DOWN -f csv',
  'floating ip list --floating-ip-address 172.24.4.51 -f json',
  'floating ip list --router nope',
  'floating ip show 172.24.4.50',
  'floating ip show 172.24.4.51',
  'floating ip show 172.24.4.51 -f json',
  'floating ip show 172.24.4.50 -f yaml',
  'floating ip show nope',
]

describe('compatibility with python-openstackclient 6.0.0: routers and floating IPs', function () {
  this.timeout(180_000)
  let w: World

  before(async function () {
    requireOsc(this)

    w = await world({instances: ['InstanceOne']})
    await setUp(w, [
      ['router', 'create', 'edge', '--description', 'edge of the lab', '--external-gateway', 'public', '--disable-snat'],
      ['router', 'create', 'down', '--disable'],
      ['router', 'add', 'subnet', 'edge', 'shared-subnet'],
      ['floating', 'ip', 'create', 'public', '--floating-ip-address', '172.24.4.50', '--description', 'spare'],
      ['floating', 'ip', 'create', 'public', '--floating-ip-address', '172.24.4.51'],
      ['server', 'create', 'vm', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait'],
      ['server', 'add', 'floating', 'ip', 'vm', '172.24.4.51'],
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
