import {strict as assert} from 'node:assert'
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {closeSync, openSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {BIN, world, type Run, type World} from './harness.js'

/** bin/run.js with stdin from a file descriptor or from bytes written into a pipe. */
function runWithStdin(w: World, args: string[], stdin: number | Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: w.env, cwd: w.dir, stdio: [typeof stdin === 'number' ? stdin : 'pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, code: code ?? -1}))
    if (typeof stdin !== 'number') child.stdin!.end(stdin)
  })
}

/** Command lines as OSC users write them (argparse habits), through the real bin/run.js. */
describe('e2e: parsing as argparse does it', function () {
  this.timeout(120_000)
  let w: World
  const IMAGE = 'cirros-0.6.2-x86_64-disk'

  before(async () => {
    w = await world({instances: ['InstanceOne']})
  })
  after(async () => w.stop())

  const run = (...args: string[]) => w.run([...args, '--os-cloud', 'InstanceOne'])

  it('takes a positional argument after a repeatable flag: image set --property k=v IMAGE', async () => {
    const set = await run('image', 'set', '--property', 'stage=ci', '--property', 'owner_team=qa', IMAGE)
    assert.deepEqual([set.code, set.stdout, set.stderr], [0, '', ''])
    const shown = await run('image', 'show', IMAGE, '-f', 'json', '-c', 'properties')
    const properties = JSON.parse(shown.stdout).properties as Record<string, string>
    assert.equal(properties.stage, 'ci')
    assert.equal(properties.owner_team, 'qa')
  })

  it('takes one value per -c: image show -c id -c name IMAGE', async () => {
    const id = (await run('image', 'show', IMAGE, '-f', 'value', '-c', 'id')).stdout.trim()
    assert.match(id, /^[0-9a-f-]{36}$/)
    const shown = await run('image', 'show', '-c', 'id', '-c', 'name', IMAGE, '-f', 'value')
    assert.deepEqual([shown.code, shown.stdout, shown.stderr], [0, `${id}\n${IMAGE}\n`, ''])
  })

  it('takes one value per --sort-column: image list --sort-column Name --sort-descending -c Name', async () => {
    const listed = await run('image', 'list', '--sort-column', 'Name', '--sort-descending', '-c', 'Name', '-f', 'value')
    assert.equal(listed.code, 0, listed.stderr)
    const names = listed.stdout.trim().split('\n')
    assert.deepEqual(names, [...names].sort().reverse())
    assert.ok(names.length > 1)
  })

  it('server create --flavor X --image Y --network none NAME: the name after the flags; none is --nic none', async () => {
    const before = w.sim.instance('InstanceOne').serverCreates().length
    const created = await run('server', 'create', '--flavor', 'm1.tiny', '--image', IMAGE, '--network', 'none', 'parsed-vm', '-f', 'value', '-c', 'name')
    assert.deepEqual([created.code, created.stdout, created.stderr], [0, 'parsed-vm\n', ''])
    const body = w.sim.instance('InstanceOne').serverCreates().slice(before)[0].body as {server: {networks: unknown; name: string}}
    assert.equal(body.server.name, 'parsed-vm')
    assert.equal(body.server.networks, 'none')
  })

  it('--network auto is --nic auto', async () => {
    const before = w.sim.instance('InstanceOne').serverCreates().length
    const created = await run('server', 'create', 'auto-vm', '--flavor', 'm1.tiny', '--image', IMAGE, '--network', 'auto', '-f', 'value', '-c', 'name')
    assert.equal(created.code, 0, created.stderr)
    const body = w.sim.instance('InstanceOne').serverCreates().slice(before)[0].body as {server: {networks: unknown}}
    assert.equal(body.server.networks, 'auto')
  })

  it('-- ends the flags: what follows is a positional argument', async () => {
    const shown = await w.run(['image', 'show', '-f', 'value', '-c', 'name', '--', '-no-such-image'], {OS_CLOUD: 'InstanceOne'})
    assert.deepEqual([shown.code, shown.stdout], [1, ''])
    assert.equal(shown.stderr, "No Image found for -no-such-image\n")
  })

  it('runs an unambiguous prefix of each word, as cliff: imag lis', async () => {
    const listed = await run('imag', 'lis', '-f', 'value', '-c', 'Name')
    const full = await run('image', 'list', '-f', 'value', '-c', 'Name')
    assert.deepEqual([listed.code, listed.stderr], [0, ''])
    assert.equal(listed.stdout, full.stdout)
    assert.ok(listed.stdout.includes(`${IMAGE}\n`))
  })

  it('an unknown command: the words with spaces, "Did you mean", exit 2', async () => {
    const result = await w.run(['imag', 'lst', '--long'])
    assert.equal(result.code, 2)
    assert.equal(result.stderr, '')
    // cliff's get_fuzzy_matches: every command that starts with the word, then the next-closest tier
    assert.equal(
      result.stdout,
      `openstackoid: 'imag lst --long' is not an openstackoid command. See 'openstackoid --help'.
Did you mean one of these?
  image add project
  image copy
  image create
  image delete
  image list
  image member list
  image remove project
  image save
  image set
  image show
  image unset
  limits show
`,
    )
  })

  it('arguments are not folded into the command name', async () => {
    const result = await w.run(['frob', 'packer-701'])
    assert.equal(result.code, 2)
    assert.equal(result.stdout.split('\n')[0], "openstackoid: 'frob packer-701' is not an openstackoid command. See 'openstackoid --help'.")
  })

  it('a command OSC has and openstackoid has not: says so and where to run it', async () => {
    const result = await w.run(['server', 'migrate', 'packer-701'])
    assert.deepEqual([result.code, result.stdout], [2, ''])
    assert.equal(
      result.stderr,
      "openstackoid: 'server migrate' is a python-openstackclient command that openstackoid does not have. Run it with OSC ('openstack server migrate …'), or send the API request directly with 'openstackoid api SERVICE [METHOD] PATH' (e.g. 'openstackoid api compute GET /os-hypervisors'; see 'openstackoid api --help').\n",
    )
  })

  it('never echoes a password in the not-found message', async () => {
    const result = await w.run(['frob', '--os-password', 'hunter2', 'x'])
    assert.equal(result.code, 2)
    assert.ok(!result.stdout.includes('hunter2') && !result.stderr.includes('hunter2'), result.stdout)
  })

  describe('image create with the data on standard input (OSC uploads stdin when it is not a terminal)', () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 5, 3)
    for (let index = 0; index < bytes.length; index += 997) bytes[index] = index % 253
    const md5 = createHash('md5').update(bytes).digest('hex')

    it('image create NAME --disk-format raw < disk.img: uploaded, active, checksum of the bytes', async () => {
      const disk = join(w.dir, 'stdin-disk.img')
      writeFileSync(disk, bytes)
      const fd = openSync(disk, 'r')
      try {
        const result = await runWithStdin(w, ['image', 'create', 'from-redirect', '--disk-format', 'raw', '--progress', '--os-cloud', 'InstanceOne', '-f', 'json', '-c', 'status', '-c', 'checksum', '-c', 'size'], fd)
        assert.deepEqual([result.code, result.stderr], [0, ''])
        assert.deepEqual(JSON.parse(result.stdout), {checksum: md5, size: bytes.length, status: 'active'})
      } finally {
        closeSync(fd)
      }
    })

    it('cat disk.img | image create NAME: a pipe is streamed (chunked) and uploaded', async () => {
      const result = await runWithStdin(w, ['image', 'create', 'from-pipe', '--os-cloud', 'InstanceOne', '-f', 'value', '-c', 'status', '-c', 'checksum'], bytes)
      assert.deepEqual([result.code, result.stdout, result.stderr], [0, `${md5}\nactive\n`, ''])
    })

    it('stdin that is /dev/null (cron, CI) is not read: a queued image, as before', async () => {
      const result = await run('image', 'create', 'no-data', '-f', 'value', '-c', 'status')
      assert.deepEqual([result.code, result.stdout, result.stderr], [0, 'queued\n', ''])
    })
  })
})
