import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {runOsc, world, type Run, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc} from './helpers.js'

/**
 * The compute read commands, through python-openstackclient 6.0.0 and openstackoid on the same
 * simulator: stdout and exit code identical (and the first error line when both fail).
 */

function lastLine(stderr: string): string | undefined {
  return stderr.trim().split('\n').at(-1)?.replace(/^openstack [a-z ]+: error: /, '')
}

const SAME = [
  'keypair list',
  'keypair list -f json',
  'keypair show compat-key',
  'keypair show compat-key -f json',
  'keypair show compat-key -f yaml',
  'keypair show compat-key --public-key',
  'flavor show m1.tiny',
  'flavor show m1.small -f json',
  'flavor show 2 -f yaml',
  'flavor show m1.tiny -f value',
  'limits show --absolute',
  'limits show --absolute -f json',
  'limits show --absolute -f value -c Name',
  'availability zone list',
  'availability zone list -f json',
  'availability zone list --long -c Zone_Name -c Host_Name -c Service_Name',
  'availability zone list --volume --long',
  'availability zone list --compute',
  'limits show --absolute --project admin -f json',
  'limits show --rate',
  'server event list compat-vm -c Action',
  'server event list compat-vm --long -f json -c Action -c Message',
  'console log show compat-vm',
  'console log show compat-vm --lines 2',
  'quota show',
  'quota show -f json',
  'quota show -f yaml',
  'quota show -f value',
  'quota show -f shell',
  'quota show --default',
  'quota show demo -f json',
  'quota show demo --default -f json',
  'quota show -f json -c location -c networks -c floating-ips',
]

/** Deliberate differences: [command, why]. */
const DIFFERENT: [string, (osc: Run, oid: Run) => void][] = [
  [
    'keypair show nope',
    (o, ours) => {
      assert.equal(o.code, 1)
      assert.equal(ours.code, 1)
      assert.equal(ours.stderr, o.stderr)
    },
  ],
]

describe('compatibility with python-openstackclient 6.0.0: compute', function () {
  this.timeout(120_000)
  let w: World

  before(async function () {
    requireOsc(this)

    // A cloud with Cinder: limits and availability zones merge its part into Nova's, as OSC does.
    w = await world({instances: [{name: 'InstanceOne', compute: {buildPolls: 0}}]})
    const boot = await w.run(['--os-cloud', 'InstanceOne', 'server', 'create', 'compat-vm', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait'])
    if (boot.code !== 0) throw new Error(boot.stderr)
    writeFileSync(join(w.dir, 'compat.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKr2Yd2oYhJqH1ZfM0wJ2x1q8j0Q3K7m0X9cQ1s4yq9T compat\n')
    const key = await w.run(['--os-cloud', 'InstanceOne', 'keypair', 'create', 'compat-key', '--public-key', join(w.dir, 'compat.pub')])
    if (key.code !== 0) throw new Error(key.stderr)
  })
  after(async () => w?.stop())

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ').map((word) => word.replaceAll('_', ' '))]
      const {theirs, ours} = await assertSameAsOsc(w, line, args)
      if (theirs.code !== 0) assert.equal(ours.stderr.split('\n')[0], lastLine(theirs.stderr), `first error line of: ${line}`)
    })
  }

  for (const [line, check] of DIFFERENT) {
    it(`openstack ${line} (deliberately different)`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ')]
      const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
      check(theirs, ours)
    })
  }
})
