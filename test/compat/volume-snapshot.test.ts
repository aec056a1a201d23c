import {strict as assert} from 'node:assert'

import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/**
 * The snapshot read commands, through python-openstackclient 6.0.0 and openstackoid on the same
 * simulator: stdout and exit code identical (and stderr when both fail).
 */

const SAME = [
  'volume snapshot list',
  'volume snapshot list --long',
  'volume snapshot list --long -f json',
  'volume snapshot list -f yaml',
  'volume snapshot list --volume compat-vol -f value',
  'volume snapshot list --name compat-snap -c Name -c Size',
  'volume snapshot list --status error',
  'volume snapshot list --limit 1 -c Name',
  'volume snapshot list --all-projects -c Name',
  'volume snapshot show compat-snap',
  'volume snapshot show compat-snap -f json',
  'volume snapshot show compat-snap -f yaml',
  'volume snapshot show compat-snap -f value -c properties -c name',
  'volume snapshot show nope',
  'volume snapshot list --volume nope',
]

describe('compatibility with python-openstackclient 6.0.0: volume snapshots', function () {
  this.timeout(120_000)
  let w: World

  before(async function () {
    requireOsc(this)
    w = await world({instances: [{name: 'InstanceOne', volume: {createPolls: 0, deletePolls: 0}}]})
    await setUp(w, [
      ['api', 'block-storage', 'POST', '/volumes', '--body', JSON.stringify({volume: {name: 'compat-vol', size: 2}})],
      ['volume', 'snapshot', 'create', '--volume', 'compat-vol', '--description', 'for the comparison', '--property', 'a=b', '--property', 'c=d', 'compat-snap'],
      ['volume', 'snapshot', 'create', '--volume', 'compat-vol', 'second-snap'],
    ])
  })
  after(async () => w?.stop())

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const {theirs, ours} = await assertSameAsOsc(w, line, ['--os-cloud', 'InstanceOne', ...line.split(' ')])
      if (theirs.code !== 0) assert.equal(ours.stderr, theirs.stderr, `stderr of: ${line}`)
    })
  }
})
