import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {runOsc, world, type Run, type World} from '../e2e/harness.js'
import {requireOsc} from './helpers.js'

/**
 * server create's block-device flags: python-openstackclient 6.0.0 and openstackoid run with the
 * same flags on the same simulator, and the POST /servers body each sent must be the same (ours
 * carries one more metadata key, its create marker); the flags OSC rejects are rejected with
 * OSC's message and exit code, and nothing is sent.
 */

const MARKER = 'openstackoid_create_id'
const V = ['--os-compute-api-version', '2.67']

/** Flag sets that create a server; `{vol1}` and the like are replaced by IDs. Those that take vol1 or vol2 run one at a time. */
const BODIES: string[][] = [
  ['--image', 'cirros-0.6.2-x86_64-disk', '--boot-from-volume', '1'],
  ['--volume', 'vol1'],
  ['--volume', '{vol1}', '--property', 'build=42'],
  ['--snapshot', 'snap1'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--swap', '512'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--ephemeral', 'size=1,format=ext4', '--ephemeral', 'size=2'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb=vol1'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb=snap1:snapshot:1:true'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb=cirros-0.6.2-x86_64-disk:image:1:false'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'uuid={vol1},source_type=volume,destination_type=volume,boot_index=1,delete_on_termination=no,device_name=vdb,tag=data'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'source_type=blank,destination_type=volume,volume_size=1,volume_type=__DEFAULT__'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'source_type=blank,volume_size=1,guest_format=ext4,disk_bus=virtio,device_type=disk'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', '{json}'],
  ['--volume', 'vol1', '--swap', '1', '--block-device', 'source_type=blank,volume_size=1', '--block-device-mapping', 'vdc=vol2:volume::0'],
  ['--snapshot', 'snap1', '--ephemeral', 'size=1', '--block-device', 'uuid={cirros},source_type=image,destination_type=volume,volume_size=1,boot_index=1'],
]

/** Flag sets both clients refuse: same exit code, same (first) error line, no POST /servers. */
const REFUSED: string[][] = [
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'foo=bar'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb=a:foo'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device-mapping', 'vdb=nope'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--ephemeral', 'format=ext4'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'boot_index=x'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'delete_on_termination=x'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'source_type=blank,volume_size=1,tag=x', '--os-compute-api-version', '2.1'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--block-device', 'source_type=blank,volume_size=1,volume_type=x', '--os-compute-api-version', '2.60'],
  ['--volume', 'vol1', '--boot-from-volume', '1'],
  ['--volume', 'nope'],
  ['--image', 'cirros-0.6.2-x86_64-disk', '--volume', 'vol1'],
  ['--property', 'a=b'],
]

function lastLine(stderr: string): string {
  return stderr.trim().split('\n').at(-1)!.replace(/^openstack [a-z ]+: error: /, '')
}

describe('compatibility with python-openstackclient 6.0.0: server create block devices', function () {
  this.timeout(300_000)
  let w: World
  const ids: Record<string, string> = {}
  const one = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const creates = () => w.sim.instance('InstanceOne').serverCreates()

  before(async function () {
    requireOsc(this)
    w = await world({instances: [{name: 'InstanceOne', compute: {buildPolls: 0, deletePolls: 0}, volume: {createPolls: 0, deletePolls: 0}}]})
    const osc = (args: string[]) => runOsc(['--os-cloud', 'InstanceOne', ...args], w.env, w.dir)
    for (const [name, args] of [
      ['vol1', ['volume', 'create', '--size', '1', 'vol1']],
      ['vol2', ['volume', 'create', '--size', '1', 'vol2']],
      ['base', ['volume', 'create', '--size', '1', 'base']],
    ] as const) {
      const made = await osc([...args, '-f', 'value', '-c', 'id'])
      if (made.code !== 0) throw new Error(made.stderr)
      ids[name] = made.stdout.trim()
    }

    const snap = await osc(['volume', 'snapshot', 'create', '--volume', 'base', 'snap1', '-f', 'value', '-c', 'id'])
    if (snap.code !== 0) throw new Error(snap.stderr)
    ids.snap1 = snap.stdout.trim()
    ids.cirros = w.sim.instance('InstanceOne').images().find((image) => image.name === 'cirros-0.6.2-x86_64-disk')!.id
    ids.json = join(w.dir, 'bdm.json')
    writeFileSync(ids.json, JSON.stringify({source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1, delete_on_termination: true, guest_format: 'swap'}))
  })
  after(async () => w?.stop())

  const fill = (args: string[]) => args.map((arg) => arg.replaceAll(/\{(\w+)\}/g, (_, key: string) => ids[key]))

  /** The body as OSC would send it: our marker taken out (and the metadata it alone made). */
  function comparable(body: unknown): Record<string, unknown> {
    const copy = structuredClone(body) as {server: Record<string, unknown>}
    const metadata = copy.server.metadata as Record<string, unknown> | undefined
    if (metadata) {
      delete metadata[MARKER]
      if (Object.keys(metadata).length === 0) delete copy.server.metadata
    }

    return copy
  }

  async function sent(run: () => Promise<Run>, name: string): Promise<{run: Run; body?: unknown}> {
    const before = creates().length
    const result = await run()
    const posted = creates().slice(before).filter((create) => (create.body as {server?: {name?: string}})?.server?.name === name)
    assert.ok(posted.length <= 1, `more than one POST /servers for ${name}`)
    return {run: result, body: posted[0]?.body}
  }

  async function removeServer(name: string): Promise<void> {
    const gone = await one('server', 'delete', name, '--wait')
    if (gone.code !== 0) throw new Error(gone.stderr)
  }

  /** One flag set: OSC's create, then ours, each server deleted before the next; the two bodies. */
  async function both(flags: string[], name: string): Promise<void> {
    const args = ['--os-cloud', 'InstanceOne', 'server', 'create', name, '--flavor', 'm1.tiny', ...V, ...fill(flags), '-f', 'value', '-c', 'id']
    const theirs = await sent(() => runOsc(args, w.env, w.dir), name)
    assert.equal(theirs.run.code, 0, theirs.run.stderr)
    assert.ok(theirs.body, 'OSC sent no POST /servers')
    await removeServer(name)
    const ours = await sent(() => w.run(args), name)
    assert.equal(ours.run.code, 0, ours.run.stderr)
    await removeServer(name)
    assert.deepEqual(comparable(ours.body), comparable(theirs.body), flags.join(' '))
  }

  const reserves = (flags: string[]) => flags.some((flag) => /vol[12]/.test(flag))
  for (const [index, flags] of BODIES.entries()) {
    if (reserves(flags)) it(`the same POST /servers: ${flags.join(' ')}`, async () => both(flags, `bdm-${index}`))
  }

  it('the same POST /servers, for the flag sets that take no volume (in parallel)', async () => {
    const free = [...BODIES.entries()].filter(([, flags]) => !reserves(flags))
    for (let at = 0; at < free.length; at += 3) await Promise.all(free.slice(at, at + 3).map(async ([index, flags]) => both(flags, `bdm-${index}`)))
  })

  /** One refusal: same exit code, stdout and (first) error line; the caller checks that nothing was posted. */
  async function refusedAlike(flags: string[]): Promise<void> {
    const args = ['--os-cloud', 'InstanceOne', 'server', 'create', 'refused', '--flavor', 'm1.tiny', ...fill(flags)]
    const [theirs, ours] = await Promise.all([runOsc(args, w.env, w.dir), w.run(args)])
    const line = flags.join(' ')
    assert.equal(ours.code, theirs.code, `exit code of ${line}; OSC: ${theirs.stderr}\nours: ${ours.stderr}`)
    assert.equal(ours.stdout, theirs.stdout, line)
    const first = theirs.code === 2 ? lastLine(theirs.stderr) : theirs.stderr.split('\n')[0]
    assert.equal(ours.stderr.split('\n')[0], first, line)
  }

  it('refused alike, nothing sent: bad block devices, exclusive flags, unknown volumes and snapshots', async () => {
    const before = creates().length
    for (let at = 0; at < REFUSED.length; at += 4) await Promise.all(REFUSED.slice(at, at + 4).map(async (flags) => refusedAlike(flags)))
    assert.equal(creates().length, before, 'a refused create sent POST /servers')
  })
})
