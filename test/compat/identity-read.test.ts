import {strict as assert} from 'node:assert'

import {runOsc, world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, memberCases, requireOsc} from './helpers.js'

/**
 * project show, user list/show, role list and role assignment list, through Debian's
 * python-openstackclient 6.0.0 and through openstackoid on the same simulator: stdout and exit
 * code identical; on errors, the same first line. Keystone's refusals (403) differ on purpose: ours
 * name the instance and service first, and the Request-ID differs per request.
 */

const SAME = [
  'project show demo',
  'project show alt_demo -f value -c id',
  'project show demo -f yaml',
  'project show demo -f shell',
  'project show demo --domain default',
  'project show demo --domain Default -f json',
  'project show nope',
  'project show demo --domain nope',
  'user list',
  'user list -f json',
  'user list --long',
  'user list --domain default -f csv',
  'user list --project demo',
  'user list --project alt_demo --long -f json',
  'user list --project nope',
  'user show demo',
  'user show admin -f json',
  'user show alt_demo -f yaml',
  'user show nope',
  'role list',
  'role list -f json',
  'role list --domain default',
  'role assignment list',
  'role assignment list --names',
  'role assignment list --effective --names -f csv',
  'role assignment list --user demo',
  'role assignment list --user demo --effective --names',
  'role assignment list --project alt_demo',
  'role assignment list --role member',
  'role assignment list --role reader --effective',
  'role assignment list --role nope',
  'role assignment list --project nope',
  'role assignment list --domain default',
  'role assignment list --inherited',
  'role assignment list --auth-user --names',
  'role assignment list --auth-project',
  'role assignment list --group admins',
  'role assignment list --role member --role-domain default -f value',
  'user list --group admins',
]

/** Usage errors: both refuse with exit 2 (the words are argparse's or oclif's). */
const USAGE = ['project show', 'user show', 'user list --bogus', 'role assignment list --project demo --domain default', 'role assignment list --project demo --system all', 'user list --group x --project y']

const FORBIDDEN = ['project show alt_demo', 'user list', 'user list --group admins', 'user show alt_demo', 'role list', 'role assignment list --user demo']
const MEMBER_SAME = ['project show demo -f json', 'project show demo --domain default -f value -c id', 'user show demo']

describe('compatibility with python-openstackclient 6.0.0: identity reads', function () {
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

  const split = (line: string) => ['--os-cloud', 'InstanceOne', ...line.split(' ')]

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const args = split(line)
      const {theirs, ours} = await assertSameAsOsc(w, line, args)
      if (theirs.code !== 0) assert.equal(ours.stderr.split('\n')[0], theirs.stderr.trim().split('\n').at(-1)?.replace(/^openstack [a-z ]+: error: /, ''), `first error line of: ${line}`)
    })
  }

  for (const line of USAGE) {
    it(`openstack ${line} (a usage error: exit 2, nothing on stdout)`, async () => {
      const args = split(line)
      const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
      assert.deepEqual([ours.code, ours.stdout], [theirs.code, theirs.stdout])
      assert.equal(ours.code, 2)
    })
  }

  memberCases(() => demo, split, MEMBER_SAME, FORBIDDEN)
})
