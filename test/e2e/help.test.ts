import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

/** -h, --help and `help <command…>` through the real bin/run.js. */
describe('e2e: help', function () {
  this.timeout(120_000)
  let w: World

  before(async () => {
    w = await world({instances: ['InstanceOne']})
  })
  after(async () => w.stop())

  const DELETE_HELP = `Delete image(s)

USAGE
  $ openstackoid image delete IMAGE... [GLOBAL FLAGS]

ARGUMENTS
  IMAGE...  Image(s) to delete (name or ID)

GLOBAL FLAGS
  --os-cloud, --scope, --debug, …: see 'openstackoid --help'.

EXAMPLES
  $ openstackoid image delete old-image

  $ openstackoid image delete a b c --scope '{"image": "InstanceTwo"}'

`

  it('image delete --help: its own flags, [GLOBAL FLAGS], the examples', async () => {
    const result = await w.run(['image', 'delete', '--help'])
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, DELETE_HELP, ''])
  })

  it('-h is --help, on a command, after its arguments, and after leading global options', async () => {
    for (const args of [['image', 'delete', '-h'], ['image', 'delete', 'x', '-h'], ['--os-cloud', 'InstanceOne', 'image', 'delete', '-h'], ['imag', 'del', '-h']]) {
      const result = await w.run(args)
      assert.deepEqual([result.code, result.stdout, result.stderr], [0, DELETE_HELP, ''], args.join(' '))
    }
  })

  it('help <command…> prints the same as <command> --help', async () => {
    const result = await w.run(['help', 'image', 'delete'])
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, DELETE_HELP, ''])
  })

  it('a usage line names the command\'s own flags, not the ~40 global ones', async () => {
    const result = await w.run(['image', 'list', '-h'])
    assert.equal(result.code, 0)
    const usage = result.stdout.slice(result.stdout.indexOf('USAGE'), result.stdout.indexOf('\n\n', result.stdout.indexOf('USAGE')))
    assert.ok(usage.includes('--property <key=value>...'), usage)
    assert.ok(usage.trimEnd().endsWith('[GLOBAL FLAGS]'), usage)
    assert.ok(!usage.includes('--os-cloud') && !usage.includes('--scope'), usage)
    assert.ok(result.stdout.includes('OUTPUT FORMATTERS FLAGS'))
    assert.ok(result.stdout.includes('EXAMPLES'))
  })

  it('help and -h alone: the root help, with topic descriptions and the global flags once', async () => {
    const help = await w.run(['help'])
    const dash = await w.run(['-h'])
    assert.equal(help.code, 0)
    assert.equal(help.stdout, dash.stdout)
    assert.match(help.stdout, /^ {2}image +Images \(Glance\): list, show, create, upload, save, share, copy$/m)
    assert.match(help.stdout, /^ {2}server +Compute servers \(Nova\): create, list, set, actions, delete$/m)
    // Every topic has its own description, not its first command's.
    assert.match(help.stdout, /^ {2}port +Ports \(Neutron\): create, list, show, set, unset, delete$/m)
    assert.match(help.stdout, /^ {2}security +Security groups and their rules \(Neutron\)$/m)
    assert.equal(help.stdout.match(/--os-cloud <value>/g)?.length, 1)
    assert.ok(help.stdout.includes('GLOBAL FLAGS'))
  })

  it('help <topic>: the topic\'s commands', async () => {
    const result = await w.run(['help', 'image'])
    assert.equal(result.code, 0)
    assert.ok(result.stdout.startsWith('Images (Glance)'), result.stdout)
    assert.match(result.stdout, /^ {2}image delete +Delete image\(s\)$/m)
  })

  it('help <unknown>: "Did you mean", exit 2', async () => {
    const result = await w.run(['help', 'imagee', 'lst'])
    assert.equal(result.code, 2)
    assert.equal(result.stdout.split('\n').slice(0, 3).join('\n'), "openstackoid: 'imagee lst' is not an openstackoid command. See 'openstackoid --help'.\nDid you mean one of these?\n  image add project")
  })
})
