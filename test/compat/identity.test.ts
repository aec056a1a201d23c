import {strict as assert} from 'node:assert'

import {world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, memberCases, requireOsc} from './helpers.js'

/**
 * endpoint list and project list, through Debian's python-openstackclient 6.0.0 and through
 * openstackoid on the same simulator: stdout and exit code identical; on errors, the same first
 * line. Keystone's refusals (403) differ on purpose: ours name the instance and service before
 * Keystone's words (as every openstackoid error does), and the Request-ID differs per request.
 */

const SAME = [
  'endpoint list',
  'endpoint list -f json',
  'endpoint list -f yaml',
  'endpoint list -f csv',
  'endpoint list -c Region -c Service_Type -c Interface -c URL -f json',
  'endpoint list --service image',
  'endpoint list --service glance --interface public -f value',
  'endpoint list --service nope',
  'endpoint list --region InstanceOne -f value -c URL',
  'endpoint list --region nowhere',
  'endpoint list --endpoint nope',
  'endpoint list --project admin',
  'endpoint list --project nope',
  'endpoint list --sort-column URL --sort-descending',
  'project list',
  'project list -f json',
  'project list --long',
  'project list --long -f yaml',
  'project list --my-projects',
  'project list --sort name:desc',
  'project list --sort bogus',
  'project list --sort name:up',
  'project list --user demo',
  'project list --user nope',
  'project list --domain default --long',
  'project list --domain nope',
  'project list --parent nope',
  'project list --tags x',
  'project list --not-tags x -f value',
]

const FORBIDDEN = ['endpoint list', 'endpoint list --service image', 'project list --domain default', 'project list --user demo', 'endpoint list --project demo']
const MEMBER_SAME = ['project list', 'project list --my-projects', 'project list --long -f json']

describe('compatibility with python-openstackclient 6.0.0: identity', function () {
  this.timeout(120_000)
  let w: World
  let demo: World

  before(async function () {
    requireOsc(this)

    w = await world({instances: [{name: 'InstanceOne'}]})
    demo = await world({instances: [{name: 'InstanceOne'}]}, (sim) => sim.cloudsYaml({user: 'demo'}))
  })
  after(async () => {
    await w?.stop()
    await demo?.stop()
  })

  const split = (line: string) => ['--os-cloud', 'InstanceOne', ...line.split(' ').map((word) => word.replaceAll('_', ' '))]

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const args = split(line)
      const {theirs, ours} = await assertSameAsOsc(w, line, args)
      if (theirs.code !== 0) assert.equal(ours.stderr.split('\n')[0], theirs.stderr.trim().split('\n').at(-1)?.replace(/^openstack [a-z ]+: error: /, ''), `first error line of: ${line}`)
    })
  }

  memberCases(() => demo, split, MEMBER_SAME, FORBIDDEN)
})
