import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/** Volume and volume type read commands through python-openstackclient 6.0.0 and openstackoid on one simulator: same stdout and exit code. */

const SAME = [
  'volume list',
  'volume list --long',
  'volume list -f json',
  'volume list --long -f yaml',
  'volume list --name data -f value',
  'volume list --status available -f value -c Name',
  'volume list --limit 1 -f value -c Name',
  'volume list --all-projects --long',
  'volume list --limit -1',
  'volume show mirror',
  'volume show mirror -f json',
  'volume show boot-vol',
  'volume show boot-vol -f yaml',
  'volume show boot-vol -f value -c volume_image_metadata',
  'volume show data',
  'volume show data -f json',
  'volume show nope',
  'volume type list',
  'volume type list --long',
  'volume type list --long -f json',
  'volume type list --default',
  'volume type list --public -f value',
  'volume type list --private',
]

describe('compatibility with python-openstackclient 6.0.0: volumes and volume types', function () {
  this.timeout(180_000)
  let w: World

  before(async function () {
    requireOsc(this)

    w = await world({instances: [{name: 'InstanceOne', volume: {createPolls: 0}}]})
    await setUp(w, [
      ['volume', 'create', '--size', '5', 'mirror', '--property', 'purpose=mirror', '--description', 'AFS mirror'],
      ['volume', 'create', '--size', '1', '--image', 'cirros-0.6.2-x86_64-disk', 'boot-vol'],
      ['volume', 'set', 'boot-vol', '--read-only', '--image-property', 'os_distro=cirros'],
      ['volume', 'create', '--size', '2', 'data'],
      ['server', 'create', 'worker', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--no-network', '--wait'],
    ])
    const volume = (await w.run(['--os-cloud', 'InstanceOne', 'volume', 'show', 'data', '-f', 'value', '-c', 'id'])).stdout.trim()
    const server = (await w.run(['--os-cloud', 'InstanceOne', 'server', 'show', 'worker', '-f', 'value', '-c', 'id'])).stdout.trim()
    const attached = await w.run(['--os-cloud', 'InstanceOne', 'api', 'compute', 'POST', `/servers/${server}/os-volume_attachments`, '--body', JSON.stringify({volumeAttachment: {volumeId: volume}})])
    if (attached.code !== 0) throw new Error(attached.stderr)
  })
  after(async () => w?.stop())

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      await assertSameAsOsc(w, line, ['--os-cloud', 'InstanceOne', ...line.split(' ')])
    })
  }
})
