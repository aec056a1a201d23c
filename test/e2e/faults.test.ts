import {strict as assert} from 'node:assert'
import type {ChildProcess} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type World} from './harness.js'

const CIRROS = 'cccccccc-0000-4000-8000-00000000000c'
const BOTH = '{"image": "InstanceOne & InstanceTwo"}'

/** What a CI fleet meets: interruptions, a network that cuts streams, bad state on disk, bad input. */
describe('e2e: faults, interruptions and bad input', function () {
  this.timeout(120_000)
  let w: World
  let disk: string

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', compute: {buildPolls: 0}, images: [{id: CIRROS, name: 'cirros', data: 2 * 1024 * 1024, disk_format: 'qcow2', visibility: 'public'}]},
        {name: 'InstanceTwo', compute: {buildPolls: 0}, images: []},
      ],
    })
    disk = join(w.dir, 'disk.raw')
    writeFileSync(disk, Buffer.alloc(4 * 1024 * 1024, 3))
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })
  afterEach(() => {
    for (const instance of w.sim.instances) instance.clearFaults()
  })

  const one = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const imagesNamed = (instance: string, name: string) => w.sim.instance(instance).images().filter((image) => image.name === name)
  const uploadsStarted = (name: string) => w.sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/file') && imagesOf(r.path, name)).length
  const imagesOf = (path: string, name: string) => w.sim.instances.some((instance) => instance.images().some((image) => image.name === name && path.includes(image.id)))

  /** Sends `signal` once `ready()` holds (polled), and records when it was sent. */
  function signalWhen(ready: () => boolean, signal: NodeJS.Signals, sent: {at?: number}) {
    return (child: ChildProcess) => {
      const timer = setInterval(() => {
        if (!ready()) return
        clearInterval(timer)
        sent.at = performance.now()
        child.kill(signal)
      }, 20)
      child.once('close', () => clearInterval(timer))
    }
  }

  describe('interruptions', () => {
    it('Ctrl-C during image create --file stops at once, deletes the queued image and exits 130', async () => {
      w.sim.instance('InstanceOne').fault({service: 'image', method: 'PUT', slowBodyMs: 200})
      const sent: {at?: number} = {}
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'create', 'int-one', '--file', disk], {}, signalWhen(() => uploadsStarted('int-one') > 0, 'SIGINT', sent))
      const after = (performance.now() - sent.at!) / 1000
      assert.equal(r.code, 130, r.stderr)
      assert.ok(after < 2, `exited ${after.toFixed(2)} s after the signal`)
      assert.equal(r.stderr, "Interrupted by SIGINT. The half-made image 'int-one' was deleted.\n")
      assert.deepEqual(imagesNamed('InstanceOne', 'int-one'), [])
    })

    it('SIGTERM during an upload to two instances deletes both images and exits 130', async () => {
      for (const instance of w.sim.instances) instance.fault({service: 'image', method: 'PUT', slowBodyMs: 200})
      const sent: {at?: number} = {}
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'create', 'int-both', '--file', disk, '--scope', BOTH], {}, signalWhen(() => uploadsStarted('int-both') > 1, 'SIGTERM', sent))
      assert.equal(r.code, 130, r.stderr)
      assert.ok((performance.now() - sent.at!) / 1000 < 2)
      assert.equal(r.stderr, "Interrupted by SIGTERM. The half-made image 'int-both' was deleted in InstanceOne, InstanceTwo.\n")
      assert.deepEqual(imagesNamed('InstanceOne', 'int-both'), [])
      assert.deepEqual(imagesNamed('InstanceTwo', 'int-both'), [])
    })

    it('when the clean-up fails too, it says what is left and the command that deletes it', async () => {
      const two = w.sim.instance('InstanceTwo')
      two.fault({service: 'image', method: 'PUT', slowBodyMs: 200})
      two.fault({service: 'image', method: 'DELETE', status: 503})
      const sent: {at?: number} = {}
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'create', 'int-left', '--file', disk, '--scope', '{"image": "InstanceTwo"}'], {}, signalWhen(() => uploadsStarted('int-left') > 0, 'SIGINT', sent))
      assert.equal(r.code, 130, r.stderr)
      const [left] = imagesNamed('InstanceTwo', 'int-left')
      assert.ok(left, 'the image should still be there (its DELETE failed)')
      assert.equal(r.stderr.split('\n').length, 2, r.stderr)
      assert.match(r.stderr, new RegExp(`^Interrupted by SIGINT\\. The half-made image ${left.id} is left in InstanceTwo \\(deleting it failed: .*503.*\\); delete it with: openstackoid image delete ${left.id} --os-cloud InstanceTwo\\.\\n$`))
      two.clearFaults()
      const removed = await w.run(['image', 'delete', left.id, '--os-cloud', 'InstanceTwo'])
      assert.equal(removed.code, 0, removed.stderr)
      assert.deepEqual(imagesNamed('InstanceTwo', 'int-left'), [])
    })

    it('Ctrl-C during image save removes the partial file and exits 130', async () => {
      w.sim.instance('InstanceOne').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${CIRROS}/file`, latencyMs: 1000})
      const file = join(w.dir, 'interrupted.img')
      const sent: {at?: number} = {}
      const asked = () => w.sim.requests.some((r) => r.method === 'GET' && r.path.endsWith(`${CIRROS}/file`))
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'save', 'cirros', '--file', file], {}, signalWhen(asked, 'SIGINT', sent))
      assert.equal(r.code, 130, r.stderr)
      assert.equal(r.stderr, `Interrupted by SIGINT while saving image 'cirros' (${CIRROS}): the partial file ${file} was removed.\n`)
      assert.ok(!existsSync(file))
    })
  })

  describe('a network that cuts streams', () => {
    it('a download cut mid-stream names the image, the instance and the service, and removes the partial file', async () => {
      w.sim.instance('InstanceOne').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${CIRROS}/file`, cutAfterBytes: 300_000})
      const file = join(w.dir, 'cut.img')
      const r = await one('image', 'save', 'cirros', '--file', file)
      assert.equal(r.code, 1)
      assert.doesNotMatch(r.stderr, /Unexpected error/)
      assert.match(r.stderr, new RegExp(`^Downloading image 'cirros' \\(${CIRROS}\\) from the image service of InstanceOne failed after \\d+ bytes of ${2 * 1024 * 1024}: the connection was (cut|closed) before the end; the partial file ${file} was removed\\.\\n`))
      assert.ok(!existsSync(file))
    })

    it('a download to stdout cut mid-stream says how much was written', async () => {
      w.sim.instance('InstanceOne').fault({service: 'image', method: 'GET', pathPrefix: `/image/v2/images/${CIRROS}/file`, cutAfterBytes: 100_000})
      const r = await one('image', 'save', 'cirros')
      assert.equal(r.code, 1)
      const written = Buffer.byteLength(r.stdout, 'latin1')
      assert.ok(written <= 100_000)
      assert.match(r.stderr, /from the image service of InstanceOne failed after \d+ bytes of \d+: the connection was (cut|closed) before the end; \d+ bytes were written to standard output\./)
    })

    it('an upload cut by the network names the image, the instance and the service, and says the image was deleted', async () => {
      w.sim.instance('InstanceTwo').fault({service: 'image', method: 'PUT', drop: true})
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'create', 'cut-up', '--file', disk, '--scope', BOTH, '-f', 'value', '-c', 'status'])
      assert.equal(r.code, 1)
      assert.doesNotMatch(r.stderr, /Unexpected error/)
      assert.match(r.stderr, new RegExp(`^InstanceTwo: uploading ${disk} to image 'cut-up' \\([0-9a-f-]+\\) in the image service of InstanceTwo failed: [^\\n]+\\. The half-made image was deleted\\.\\n$`))
      assert.equal(r.stdout, 'active\n')
      assert.deepEqual(imagesNamed('InstanceTwo', 'cut-up'), [])
      assert.equal(imagesNamed('InstanceOne', 'cut-up').length, 1)
    })
  })

  describe('bad state and bad input', () => {
    it('a token cache entry of the wrong shape is ignored and rewritten', async () => {
      const dir = join(w.dir, 'cache', 'openstackoid')
      for (const file of readdirSync(dir)) if (file.startsWith('token-')) rmSync(join(dir, file))
      assert.equal((await one('token', 'issue', '-f', 'value', '-c', 'id')).code, 0)
      const files = readdirSync(dir).filter((file) => file.startsWith('token-'))
      assert.equal(files.length, 1)
      const valid = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'))
      const shapes = [
        [],
        {version: 1, auth: {token: 't'}},
        {...valid, auth: {...valid.auth, expiresAt: 12}},
        {...valid, auth: {...valid.auth, catalog: 'none'}},
        {...valid, discovery: {x: 1}},
        'a string',
      ]
      for (const shape of shapes) {
        for (const file of files) writeFileSync(join(dir, file), JSON.stringify(shape))
        const r = await one('image', 'list', '-f', 'value', '-c', 'Name')
        assert.equal(r.code, 0, `${JSON.stringify(shape)}: ${r.stderr}`)
        assert.match(r.stdout, /cirros/)
        const rewritten = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'))
        assert.equal(rewritten.version, 1)
        assert.equal(typeof rewritten.auth.expiresAt, 'string')
      }
    })

    it('server create -c naming no column is a usage error before anything is created', async () => {
      const before = w.sim.instance('InstanceOne').serverCreates().length
      const r = await one('server', 'create', 'vm-c', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '-c', 'NoSuchColumn')
      assert.equal(r.code, 2)
      assert.match(r.stderr, /^No recognized column names in \['NoSuchColumn'\]\. Recognized columns are \('OS-DCF:diskConfig', /)
      assert.equal(w.sim.instance('InstanceOne').serverCreates().length, before)
      const kept = await one('server', 'create', 'vm-c', '--flavor', 'm1.tiny', '--image', 'cirros', '--no-network', '-c', 'name', '-c', 'NoSuchColumn', '-f', 'value')
      assert.equal(kept.code, 0, kept.stderr)
      assert.equal(kept.stdout, 'vm-c\n')
    })

    it('image create -c naming no column is a usage error before anything is created', async () => {
      const r = await one('image', 'create', 'img-c', '--file', disk, '-c', 'Nope')
      assert.equal(r.code, 2)
      assert.match(r.stderr, /^No recognized column names in \['Nope'\]/)
      assert.deepEqual(imagesNamed('InstanceOne', 'img-c'), [])
      const both = await one('image', 'create', 'img-c', '--scope', BOTH, '-c', 'Instance', '-c', 'status', '-f', 'value')
      assert.equal(both.code, 0, both.stderr)
      assert.equal(both.stdout, 'InstanceOne queued\nInstanceTwo queued\n')
    })

    for (const [flags, flag] of [
      [['--flavor', ''], 'flavor'],
      [['--network', ''], 'network'],
      [['--image', ''], 'image'],
      [['--key-name', ''], 'key-name'],
      [['--security-group', ''], 'security-group'],
      [['--port', ''], 'port'],
    ] as [string[], string][]) {
      it(`server create ${flags.join(' ')}'' is a usage error naming the flag`, async () => {
        const before = w.sim.requests.length
        const base = ['server', 'create', 'vm-e', '--flavor', 'm1.tiny', '--image', 'cirros']
        const args = flag === 'flavor' || flag === 'image' ? base.filter((arg, i) => arg !== `--${flag}` && base[i - 1] !== `--${flag}`) : base
        const r = await one(...args, ...flags)
        assert.equal(r.code, 2, r.stderr)
        assert.match(r.stderr, new RegExp(`^--${flag} is empty: it takes `))
        assert.doesNotMatch(r.stderr, /Unexpected/)
        assert.ok(!w.sim.requests.slice(before).some((req) => req.method === 'POST' && req.service === 'compute'))
      })
    }

    it("server create --nic net-id= is a usage error", async () => {
      const r = await one('server', 'create', 'vm-e', '--flavor', 'm1.tiny', '--image', 'cirros', '--nic', 'net-id=')
      assert.equal(r.code, 2)
      assert.match(r.stderr, /--nic/)
    })

    it('a --scope of 100 kB is a usage error with a short echo', async () => {
      const huge = JSON.stringify({image: 'A'.repeat(100 * 1024)})
      const r = await one('image', 'list', '--scope', huge)
      assert.equal(r.code, 2)
      assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters`)
      assert.match(r.stderr, new RegExp(`^--scope '\\{"image":"A{190}… \\(${huge.length} characters\\)' is too long: --scope takes at most 65536 characters\\.`))
    })

    it('a --scope nested 5,000 levels deep is a usage error, not a stack overflow', async () => {
      for (const deep of [`{"image": "${'('.repeat(5000)}InstanceOne${')'.repeat(5000)}"}`, `{"image": ${'['.repeat(5000)}"InstanceOne"${']'.repeat(5000)}}`]) {
        const r = await one('image', 'list', '--scope', deep)
        assert.equal(r.code, 2)
        assert.doesNotMatch(r.stderr, /call stack|Unexpected/)
        assert.match(r.stderr, /is nested 5001 levels deep: --scope takes at most 32 levels/)
        assert.ok(r.stderr.length < 1000)
      }
    })

    it('OS_SCOPE gets the same limits', async () => {
      const r = await w.run(['--os-cloud', 'InstanceOne', 'image', 'list'], {OS_SCOPE: JSON.stringify({image: 'B'.repeat(70_000)})})
      assert.equal(r.code, 2)
      assert.match(r.stderr, /^OS_SCOPE='\{"image":"B{190}… \(70012 characters\)' is too long: OS_SCOPE takes at most 65536 characters\./)
    })
  })
})
