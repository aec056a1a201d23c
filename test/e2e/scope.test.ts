import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

const ONE_CIRROS = 'aaaaaaaa-0000-4000-8000-000000000001'
const TWO_CIRROS = 'bbbbbbbb-0000-4000-8000-000000000002'
const TWO_ONLY = 'bbbbbbbb-0000-4000-8000-000000000003'

describe('e2e: --scope across two instances', function () {
  this.timeout(60_000)
  let w: World

  before(async () => {
    w = await world({
      instances: [
        {name: 'InstanceOne', images: [{id: ONE_CIRROS, name: 'cirros', data: 1024, visibility: 'public'}]},
        {
          name: 'InstanceTwo',
          images: [
            {id: TWO_CIRROS, name: 'cirros', data: 1024, visibility: 'public'},
            {id: TWO_ONLY, name: 'only-in-two', data: 2048, visibility: 'public'},
          ],
        },
      ],
    })
  })
  after(async () => {
    // A token only ever goes to the instance that issued it, over every test of this file.
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })
  afterEach(async () => {
    for (const instance of w.sim.instances) {
      instance.clearFaults()
      await instance.up()
    }
  })

  const run = (scope: string, ...args: string[]) => w.run(['--os-cloud', 'InstanceOne', '--scope', scope, ...args])

  it('{"image": "InstanceTwo"} lists InstanceTwo\'s images, as OSC would print them', async () => {
    const r = await run('{"image": "InstanceTwo"}', 'image', 'list', '-f', 'value')
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, `${TWO_CIRROS} cirros active\n${TWO_ONLY} only-in-two active\n`)
  })

  it('& asks every instance and adds an Instance first column', async () => {
    const r = await run('{"image": "InstanceOne & InstanceTwo"}', 'image', 'list')
    assert.equal(r.code, 0)
    assert.equal(
      r.stdout,
      [
        '+-------------+--------------------------------------+-------------+--------+',
        '| Instance    | ID                                   | Name        | Status |',
        '+-------------+--------------------------------------+-------------+--------+',
        `| InstanceOne | ${ONE_CIRROS} | cirros      | active |`,
        `| InstanceTwo | ${TWO_CIRROS} | cirros      | active |`,
        `| InstanceTwo | ${TWO_ONLY} | only-in-two | active |`,
        '+-------------+--------------------------------------+-------------+--------+',
        '',
      ].join('\n'),
    )
    const rows = JSON.parse((await run('["InstanceOne", "InstanceTwo"]'.replace(/^/, '{"image": ').concat('}'), 'image', 'list', '-f', 'json')).stdout)
    assert.deepEqual(Object.keys(rows[0]), ['Instance', 'ID', 'Name', 'Status'])
    assert.equal(rows.length, 3)
  })

  it('token issue with & prints one row per instance, each instance\'s own token', async () => {
    const r = await run('{"identity": "InstanceOne & InstanceTwo"}', 'token', 'issue', '-f', 'json')
    const rows = JSON.parse(r.stdout)
    assert.deepEqual(rows.map((row: {Instance: string}) => row.Instance), ['InstanceOne', 'InstanceTwo'])
    assert.equal(rows[0].project_id, w.sim.instance('InstanceOne').projectId('admin'))
    assert.equal(rows[1].project_id, w.sim.instance('InstanceTwo').projectId('admin'))
    assert.ok(w.sim.instance('InstanceTwo').issuedTokens().has(rows[1].id))
  })

  it('token issue --scope \'{"identity": "InstanceTwo"}\' issues InstanceTwo\'s token', async () => {
    const r = await run('{"identity": "InstanceTwo"}', 'token', 'issue', '-c', 'project_id', '-f', 'value')
    assert.equal(r.stdout, `${w.sim.instance('InstanceTwo').projectId('admin')}\n`)
  })

  it('& with one instance down: the other\'s rows, one stderr line naming the failed one, exit 1', async () => {
    await w.run(['--os-cloud', 'InstanceTwo', 'token', 'issue'])
    await w.sim.instance('InstanceTwo').down()
    const r = await run('{"image": "InstanceOne & InstanceTwo"}', 'image', 'list', '-f', 'value', '--timeout', '5')
    assert.equal(r.stdout, `InstanceOne ${ONE_CIRROS} cirros active\n`)
    const lines = r.stderr.trim().split('\n')
    assert.equal(lines.length, 1)
    assert.match(lines[0], /^InstanceTwo: Unable to reach the image service of InstanceTwo at http:\/\/127\.0\.0\.1:\d+/)
    assert.equal(r.code, 1)
  })

  it('| falls back when the first instance answers 503, and says who served', async () => {
    w.sim.instance('InstanceTwo').fault({service: 'image', status: 503})
    const r = await run('{"image": "InstanceTwo | InstanceOne"}', 'image', 'list', '-f', 'value', '-c', 'ID')
    assert.equal(r.stdout, `${ONE_CIRROS}\n`)
    assert.equal(r.stderr, 'image served by InstanceOne after InstanceTwo (HTTP 503).\n')
    assert.equal(r.code, 0)
  })

  it('| falls back on a lookup when the first instance does not have the resource', async () => {
    const r = await run('{"image": "InstanceOne | InstanceTwo"}', 'image', 'show', 'only-in-two', '-c', 'id', '-f', 'value')
    assert.equal(r.stdout, `${TWO_ONLY}\n`)
    assert.equal(r.stderr, 'image served by InstanceTwo after InstanceOne (not found).\n')
  })

  it('| takes the first instance that works and stops there', async () => {
    const r = await run('{"image": "InstanceTwo | InstanceOne"}', 'image', 'show', 'cirros', '-c', 'id', '-f', 'value')
    assert.equal(r.stdout, `${TWO_CIRROS}\n`)
    assert.equal(r.stderr, 'image served by InstanceTwo.\n')
  })

  it('| with every instance failing gives each instance\'s reason, exit 1', async () => {
    const r = await run('{"image": "InstanceOne | InstanceTwo"}', 'image', 'show', 'nowhere')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'No instance of "InstanceOne | InstanceTwo" could serve image. InstanceOne: No Image found for nowhere InstanceTwo: No Image found for nowhere\n')
  })

  it('scope show prints the routing of every service', async () => {
    const r = await run('{"image": "InstanceTwo | InstanceOne"}', 'scope', 'show', '-f', 'json', '-c', 'Service Type', '-c', 'Instance', '-c', 'Region', '-c', 'Version')
    assert.equal(r.code, 0)
    const rows = JSON.parse(r.stdout)
    const image = rows.filter((row: {'Service Type': string}) => row['Service Type'] === 'image')
    assert.deepEqual(image, [
      {'Service Type': 'image', Instance: 'InstanceTwo', Region: 'InstanceTwo', Version: 'v2.16'},
      {'Service Type': 'image', Instance: 'InstanceOne', Region: 'InstanceOne', Version: 'v2.16'},
    ])
    assert.deepEqual(rows.find((row: {'Service Type': string}) => row['Service Type'] === 'identity'), {'Service Type': 'identity', Instance: 'InstanceOne', Region: 'InstanceOne', Version: 'v3.14'})
  })

  it('OS_SCOPE and OpenStackoïd\'s OS_SCOPE_<SERVICE> and --os-scope spellings work; the flag wins', async () => {
    const names = async (args: string[], env: Record<string, string> = {}) =>
      (await w.run(['--os-cloud', 'InstanceOne', 'image', 'list', '-f', 'value', '-c', 'Name', ...args], env)).stdout
    assert.equal(await names([], {OS_SCOPE: '{"image": "InstanceTwo"}'}), 'cirros\nonly-in-two\n')
    assert.equal(await names([], {OS_SCOPE_IMAGE: 'InstanceTwo'}), 'cirros\nonly-in-two\n')
    assert.equal(await names(['--os-scope', '{"image": "InstanceTwo"}']), 'cirros\nonly-in-two\n')
    assert.equal(await names(['--scope', '{"image": "InstanceOne"}'], {OS_SCOPE: '{"image": "InstanceTwo"}'}), 'cirros\n')
  })

  for (const [scope, pattern] of [
    ['{"image": InstanceTwo}', /is not valid JSON/],
    ['["image"]', /JSON object/],
    ['{"imag": "InstanceTwo"}', /did you mean "image"/],
    ['{"image": "InstanceTow"}', /Unknown instance "InstanceTow".*did you mean "InstanceTwo"/],
    ['{"image": "InstanceOne & & InstanceTwo"}', /position/],
    ['{"image": ""}', /empty/],
  ] as const) {
    it(`a bad scope is a usage error: ${scope}`, async () => {
      const r = await run(scope, 'image', 'list')
      assert.equal(r.code, 2)
      assert.equal(r.stdout, '')
      assert.match(r.stderr, pattern)
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/)
    })
  }
})
