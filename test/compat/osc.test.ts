import {strict as assert} from 'node:assert'

import {OSC, runOsc, world, type Run, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc} from './helpers.js'

/**
 * The same commands, on the same simulator, through Debian's python-openstackclient 6.0.0 and
 * through openstackoid: stdout and exit code must be identical. Where OSC is plainly wrong we
 * differ on purpose, and the case says so (and the README lists it).
 */

/** OSC's error line, without argparse's "openstack image list: error: " prefix. */
function lastLine(stderr: string): string | undefined {
  return stderr.trim().split('\n').at(-1)?.replace(/^openstack [a-z ]+: error: /, '')
}

const SAME = [
  'token issue -c project_id -f value',
  'token issue -c user_id -c project_id -f json',
  'token issue -f shell -c project_id --prefix os_',
  'image list',
  'image list -f json',
  'image list -f yaml',
  'image list -f csv',
  'image list -f value -c Name',
  'image list --long',
  'image list --long -f json',
  'image list --long -f yaml',
  'image list --long --sort size:desc,name',
  'image list --public',
  'image list --private',
  'image list --shared',
  'image list --community',
  'image list --all',
  'image list --hidden',
  'image list --property os_distro=cirros',
  'image list --name debian-12-generic',
  'image list --status active -c ID',
  'image list --tag nosuchtag --print-empty',
  'image list --limit 2',
  'image list --marker cirros-0.6.2-x86_64-disk',
  'image list --project admin',
  'image list --project nope',
  'image list --member-status pending --shared',
  'image list --sort name:up',
  'image list --sort-column Name --sort-descending',
  'image list -f json --noindent',
  'image list -f csv --quote all',
  'image list --max-width 60 --long',
  'image show cirros-0.6.2-x86_64-disk',
  'image show cirros-0.6.2-x86_64-disk -f json',
  'image show cirros-0.6.2-x86_64-disk -f yaml',
  'image show cirros-0.6.2-x86_64-disk -f value',
  'image show cirros-0.6.2-x86_64-disk -f shell',
  'image show cirros-0.6.2-x86_64-disk --human-readable',
  'image show nope',
  'catalog list',
  'catalog list -f json',
  'catalog list -f yaml',
  'catalog show image',
  'catalog show glance -f json',
  'flavor list',
  'flavor list --long',
  'flavor list --all -f json',
  'network list',
  'network list --long -f json',
  '--os-compute-api-version 2.90 server list',
  '--os-compute-api-version 2.90 server list --long -f json',
  '--os-compute-api-version 2.90 server show compat-vm -f json',
  '--os-compute-api-version 2.1 server show compat-vm -f json',
  'server show nosuch',
  'image list -f shell',
  'token issue -f csv',
  // argparse habits: positionals after repeatable flags, one value per occurrence, prefixes
  'image set --property compat=yes cirros-0.6.2-x86_64-disk',
  'image show -c id -c name cirros-0.6.2-x86_64-disk',
  'image show -c name -c properties -f json cirros-0.6.2-x86_64-disk',
  'image list --sort-column Name --sort-column ID -c Name -c Status',
  'server show -c name -c status compat-vm',
  'imag lis -f value -c Name',
]

/** Both print help and exit 0 (the text is each tool's own); ours is shorter than before. */
const HELP = ['image delete -h', 'image list --help', 'image show cirros-0.6.2-x86_64-disk -h', 'imag sho -h']

/** Unknown commands: cliff's two lines, with the program's name. */
const UNKNOWN = ['imag lst', 'imagee list', 'frob packer-701']

/** Deliberate differences: [command, why]. */
const DIFFERENT: [string, (osc: Run, oid: Run) => void][] = [
  [
    'catalog show nope',
    (o, ours) => {
      // OSC logs the error and exits 0; a script deserves a failure.
      assert.equal(o.code, 0)
      assert.equal(ours.code, 1)
      assert.match(ours.stderr, /^service nope not found\n/)
    },
  ],
  [
    'image list -c Nope',
    (o, ours) => {
      // Same message; a bad -c is a usage error (exit 2), where cliff exits 1.
      assert.equal(o.code, 1)
      assert.equal(ours.code, 2)
      assert.equal(ours.stderr.split('\n')[0], lastLine(o.stderr))
    },
  ],
]

describe('compatibility with python-openstackclient 6.0.0 on the simulator', function () {
  this.timeout(120_000)
  let w: World

  before(async function () {
    requireOsc(this)

    w = await world({instances: [{name: 'InstanceOne', compute: {buildPolls: 0}}]})
    const boot = await w.run(['--os-cloud', 'InstanceOne', 'server', 'create', 'compat-vm', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait'])
    if (boot.code !== 0) throw new Error(boot.stderr)
  })
  after(async () => w?.stop())

  for (const line of SAME) {
    it(`openstack ${line}`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ')]
      const {theirs, ours} = await assertSameAsOsc(w, line, args)
      if (theirs.code !== 0) assert.equal(ours.stderr.split('\n')[0], lastLine(theirs.stderr), `first error line of: ${line}`)
    })
  }

  for (const line of HELP) {
    it(`openstack ${line} (help)`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ')]
      const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
      assert.deepEqual([theirs.code, ours.code, ours.stderr], [0, 0, ''])
      const typed = line.split(' ').slice(0, 2).join(' ')
      const command = typed.replace('imag sho', 'image show')
      assert.match(theirs.stdout, new RegExp(`^usage: openstack ${typed} `))
      assert.match(ours.stdout, new RegExp(`\\n {2}\\$ openstackoid ${command} .*\\[GLOBAL FLAGS\\]\\n`, 's'))
    })
  }

  for (const line of UNKNOWN) {
    it(`openstack ${line} (unknown command)`, async () => {
      const args = ['--os-cloud', 'InstanceOne', ...line.split(' ')]
      const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
      assert.deepEqual([ours.code, theirs.code], [2, 2])
      const head = (run: Run, bin: string) => run.stdout.split('\n').slice(0, 2).join('\n').replaceAll(bin, 'BIN')
      assert.equal(head(ours, 'openstackoid'), head(theirs, 'openstack'))
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
