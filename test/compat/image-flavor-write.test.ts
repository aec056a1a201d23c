import {strict as assert} from 'node:assert'

import {runOsc, world, type Run, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/**
 * image unset, flavor create / set / delete through python-openstackclient 6.0.0 and openstackoid
 * on the same simulator: each client works on its own copy (an image or flavor named with O or S),
 * stdout, stderr and exit code are compared (our API errors are worded our way, so those are only
 * compared by exit code), and the result as OSC's own `show -f json` sees it must be the same.
 */

type Step = {args: string[]; sameStderr?: boolean}

const IMAGE_STEPS: Step[] = [
  {args: ['image', 'unset', 'IMG', '--tag', 't1', '--property', 'foo', '--property', 'os_distro'], sameStderr: true},
  {args: ['image', 'unset', 'IMG', '--tag', 'nope', '--property', 'zz', '--property', 'hw_disk_bus', '--property', 'bar'], sameStderr: true},
  {args: ['image', 'unset', 'IMG', '--tag', 't2', '--tag', 't2'], sameStderr: true},
  {args: ['image', 'unset', 'IMG', '--property', 'name']},
  {args: ['image', 'unset', 'IMG']},
]

const FLAVOR_STEPS: Step[] = [
  {args: ['flavor', 'create', 'FLV', '--id', 'FLV-id', '--ram', '512', '--disk', '5', '--ephemeral', '1', '--swap', '64', '--vcpus', '2', '--rxtx-factor', '1.5', '--private', '--project', 'demo', '--property', 'a=b', '--description', 'CI worker'], sameStderr: true},
  {args: ['flavor', 'create', 'FLV']},
  {args: ['flavor', 'create', 'FLV-x', '--project', 'demo'], sameStderr: true},
  {args: ['flavor', 'create', 'FLV-x', '--ram', '0']},
  {args: ['--os-compute-api-version', '2.54', 'flavor', 'create', 'FLV-x', '--description', 'd'], sameStderr: true},
  {args: ['flavor', 'set', 'FLV', '--no-property', '--property', 'c=d', '--property', 'e=f', '--description', 'changed', '--project', 'alt_demo'], sameStderr: true},
  {args: ['flavor', 'set', 'FLV', '--property', 'c=2'], sameStderr: true},
  {args: ['--os-compute-api-version', '2.54', 'flavor', 'set', 'FLV', '--description', 'd'], sameStderr: true},
  {args: ['flavor', 'set', 'FLV-nope', '--property', 'a=b'], sameStderr: true},
  {args: ['flavor', 'create', 'FLV-pub', '-f', 'json', '-c', 'name', '-c', 'ram', '-c', 'vcpus', '-c', 'disk', '-c', 'swap', '-c', 'rxtx_factor', '-c', 'properties', '-c', 'os-flavor-access:is_public'], sameStderr: true},
  {args: ['flavor', 'set', 'FLV-pub', '--project', 'demo'], sameStderr: true},
  {args: ['flavor', 'delete', 'FLV-pub', 'FLV-nope'], sameStderr: true},
]

describe('compatibility with python-openstackclient 6.0.0: image unset, flavor create/set/delete', function () {
  this.timeout(120_000)
  let w: World
  const osc = async (args: string[]) => runOsc(['--os-cloud', 'InstanceOne', ...args], w.env, w.dir)
  const ours = async (args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const named = (args: string[], who: 'O' | 'S') => args.map((a) => a.replace(/^IMG$/, `img-${who}`).replace(/^FLV/, `flv-${who}`))
  const compare = async (step: Step, show: (who: 'O' | 'S') => string[], normalize: (shown: Record<string, unknown>, who: 'O' | 'S') => void) => {
    const line = step.args.join(' ')
    const [theirs, mine]: Run[] = await Promise.all([osc(named(step.args, 'O')), ours(named(step.args, 'S'))])
    const same = (text: string) => text.replaceAll('-S', '-O')
    assert.equal(same(mine.stdout).replace(/"flv-S/g, '"flv-O'), theirs.stdout.replace(/"flv-S/g, '"flv-O'), `stdout of ${line}\nOSC stderr: ${theirs.stderr}\nour stderr: ${mine.stderr}`)
    assert.equal(mine.code, theirs.code, `exit code of ${line}\nOSC stderr: ${theirs.stderr}\nour stderr: ${mine.stderr}`)
    if (step.sameStderr) assert.equal(same(mine.stderr), theirs.stderr, `stderr of ${line}`)
    const states = await Promise.all((['O', 'S'] as const).map(async (who) => {
      const r = await osc(show(who))
      if (r.code !== 0) return {missing: r.code}
      const shown = JSON.parse(r.stdout) as Record<string, unknown>
      normalize(shown, who)
      return shown
    }))
    assert.deepEqual(states[1], states[0], `state after ${line}`)
  }

  before(async function () {
    requireOsc(this)
    w = await world({instances: [{name: 'InstanceOne'}]})
    await setUp(w, (['O', 'S'] as const).map((who) => ['image', 'create', `img-${who}`, '--property', 'foo=1', '--property', 'bar=2', '--property', 'os_distro=debian', '--tag', 't1', '--tag', 't2']))
  })
  after(async () => w?.stop())

  for (const step of IMAGE_STEPS) {
    it(`same effect: ${step.args.join(' ')}`, async () => {
      await compare(step, (who) => ['image', 'show', `img-${who}`, '-f', 'json', '-c', 'properties', '-c', 'tags', '-c', 'name'], (shown, who) => {
        const properties = shown.properties as Record<string, unknown>
        delete properties.os_hash_value
        delete properties.openstackoid_create_id
        delete properties['owner_specified.openstack.object']
        shown.name = String(shown.name).replace(`-${who}`, '')
      })
    })
  }

  for (const step of FLAVOR_STEPS) {
    it(`same effect: ${step.args.join(' ')}`, async () => {
      await compare(step, (who) => ['flavor', 'show', `flv-${who}`, '-f', 'json'], (shown, who) => {
        shown.name = String(shown.name).replace(`-${who}`, '')
        shown.id = String(shown.id).replace(`-${who}`, '')
      })
    })
  }

  it('flavor show of a flavor we created is OSC\'s', async () => {
    await assertSameAsOsc(w, 'flavor show flv-S', ['--os-cloud', 'InstanceOne', 'flavor', 'show', 'flv-S', '-f', 'json'])
    await assertSameAsOsc(w, 'image show img-S', ['--os-cloud', 'InstanceOne', 'image', 'show', 'img-S', '-f', 'json', '-c', 'tags', '-c', 'properties'])
  })
})
