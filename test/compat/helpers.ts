import {strict as assert} from 'node:assert'
import {existsSync} from 'node:fs'

import {OSC, runOsc, type Run, type World} from '../e2e/harness.js'

/** Python-openstackclient is the peer: skipped on a workstation without it, a failure in CI (.ci/run installs it). */
export function requireOsc(context: Mocha.Context): void {
  if (existsSync(OSC)) return
  if (process.env.CI) throw new Error(`${OSC} is missing: .ci/run must apt-get install python3-openstackclient`)
  console.warn(`    (skipped: ${OSC} is not installed; apt-get install python3-openstackclient)`)
  context.skip()
}

/** Makes what the comparisons read, through openstackoid on InstanceOne; the first step that fails stops the set-up. */
export async function setUp(w: World, steps: string[][]): Promise<void> {
  for (const step of steps) {
    const made = await w.run(['--os-cloud', 'InstanceOne', ...step])
    if (made.code !== 0) throw new Error(made.stderr)
  }
}

/** Both clients with the same arguments on the same cloud: stdout and exit code must be identical. */
export async function assertSameAsOsc(w: World, line: string, args: string[]): Promise<{theirs: Run; ours: Run}> {
  const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
  assert.equal(ours.stdout, theirs.stdout, `stdout of: ${line}\nOSC stderr: ${theirs.stderr}\nour stderr: ${ours.stderr}`)
  assert.equal(ours.code, theirs.code, `exit code of: ${line}\nOSC stderr: ${theirs.stderr}\nour stderr: ${ours.stderr}`)
  return {theirs, ours}
}

/** Keystone's 403 line without openstackoid's instance prefix and the Request-ID (which differs per request). */
function keystoneWords(line: string | undefined): string {
  return (line ?? '').replace(/^InstanceOne \(identity\): /, '').replace(/ \(Request-ID: [^)]*\)$/, '')
}

/**
 * The identity comparisons as a project member (`demo()`, a world whose clouds.yaml names the demo
 * user): `same` lines give identical stdout and exit code; `forbidden` lines are Keystone's 403,
 * the same words, deliberately prefixed with the instance and service on our side.
 */
export function memberCases(demo: () => World, split: (line: string) => string[], same: string[], forbidden: string[]): void {
  for (const line of same) {
    it(`openstack ${line} (a project member)`, async () => {
      const args = split(line)
      const [theirs, ours] = await Promise.all([runOsc(args, demo().env, demo().dir), demo().run(args)])
      assert.equal(ours.stdout, theirs.stdout, `stdout of: ${line}\nOSC stderr: ${theirs.stderr}\nour stderr: ${ours.stderr}`)
      assert.equal(ours.code, theirs.code)
    })
  }

  for (const line of forbidden) {
    it(`openstack ${line} (a project member: Keystone's 403, deliberately prefixed)`, async () => {
      const args = split(line)
      const [theirs, ours] = await Promise.all([runOsc(args, demo().env, demo().dir), demo().run(args)])
      assert.deepEqual([ours.code, ours.stdout], [theirs.code, theirs.stdout])
      assert.equal(theirs.code, 1)
      assert.match(ours.stderr, /^InstanceOne \(identity\): /)
      assert.equal(keystoneWords(ours.stderr.split('\n')[0]), keystoneWords(theirs.stderr.trim().split('\n').at(-1)))
    })
  }
}
