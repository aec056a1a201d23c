import {strict as assert} from 'node:assert'
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {OSC, runCli, runOsc, type Run} from '../e2e/harness.js'

/**
 * The end-to-end story against two REAL OpenStack instances (Debian's Keystone, Glance,
 * Placement, Nova with the fake driver, Neutron), started by cloud.sh on 127.0.0.1, and
 * Debian's python-openstackclient beside openstackoid on the same clouds.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const CLOUD_SH = join(ROOT, 'test', 'integration', 'cloud.sh')
const CLOUDS = join(ROOT, 'test', 'integration', 'state', 'clouds.yaml')
const KEEP = process.env.OID_KEEP_CLOUDS === '1'

function cloudSh(...args: string[]): void {
  const result = spawnSync('bash', [CLOUD_SH, ...args], {stdio: 'inherit', timeout: 900_000})
  if (result.status !== 0) throw new Error(`cloud.sh ${args.join(' ')} failed (exit ${result.status}); see the logs under test/integration/state/`)
}

/** Both instances up already (a developer's loop): every service of both running, both ready. */
function running(): boolean {
  const status = spawnSync('bash', [CLOUD_SH, 'status', 'InstanceOne', 'InstanceTwo'], {encoding: 'utf8'}).stdout ?? ''
  return existsSync(CLOUDS) && /InstanceOne \(base port \d+\): ready/.test(status) && /InstanceTwo \(base port \d+\): ready/.test(status) && !/stopped/.test(status)
}

describe('integration: two real OpenStack instances', function () {
  this.timeout(900_000)
  let dir: string
  let env: Record<string, string>
  let disk: string
  let md5: string
  let startedHere = false

  before(async function () {
    if (!running()) {
      cloudSh('start')
      startedHere = true
    }

    dir = mkdtempSync(join(tmpdir(), 'oid-integration-'))
    env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), OS_CLIENT_CONFIG_FILE: CLOUDS, COLUMNS: '200'}
    disk = join(dir, 'cirros.img')
    const bytes = Buffer.alloc(5 * 1024 * 1024)
    for (let index = 0; index < bytes.length; index += 512) bytes.writeUInt32LE(index, index)
    writeFileSync(disk, bytes)
    md5 = createHash('md5').update(bytes).digest('hex')
  })

  after(async () => {
    // Clean up what the story made, even when it failed half-way.
    for (const cloud of ['InstanceOne', 'InstanceTwo']) {
      const servers = await oid(['server', 'list', '-f', 'value', '-c', 'ID', '--name', '^oid-it-'], cloud)
      for (const id of servers.stdout.split('\n').filter(Boolean)) await oid(['server', 'delete', id, '--wait'], cloud)
      const images = await oid(['image', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'], cloud)
      for (const line of images.stdout.split('\n').filter((row) => / oid-it-/.test(row))) await oid(['image', 'delete', line.split(' ')[0]], cloud)
    }

    await oid(['keypair', 'delete', 'oid-it-key', '--scope', '{"compute": "InstanceOne & InstanceTwo"}'])
    await oid(['security', 'group', 'delete', 'oid-it-sg'], 'InstanceTwo')
    for (const args of [['router', 'remove', 'subnet', 'oid-it-router', 'oid-it-sub'], ['router', 'delete', 'oid-it-router'], ['subnet', 'delete', 'oid-it-sub', 'oid-it-ext-sub'], ['network', 'delete', 'oid-it-net', 'oid-it-ext']]) {
      await oid(args, 'InstanceTwo')
    }
    if (dir) rmSync(dir, {recursive: true, force: true})
    if (startedHere && !KEEP) cloudSh('stop')
  })

  const oid = async (args: string[], cloud = 'InstanceOne', extra: Record<string, string> = {}) => runCli([...args, '--os-cloud', cloud], {...env, ...extra}, dir)
  const json = async (args: string[], cloud = 'InstanceOne') => {
    const r = await oid([...args, '-f', 'json'], cloud)
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    return JSON.parse(r.stdout)
  }

  it('token issue on each instance: two Keystones, two projects', async () => {
    const one = await json(['token', 'issue'], 'InstanceOne')
    const two = await json(['token', 'issue'], 'InstanceTwo')
    assert.notEqual(one.project_id, two.project_id)
    assert.match(one.expires, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/)
  })

  it('image create in InstanceTwo, image list on each', async () => {
    const image = await json(['image', 'create', 'oid-it-cirros', '--file', disk, '--disk-format', 'qcow2', '--public'], 'InstanceTwo')
    assert.equal(image.status, 'active')
    assert.equal(image.checksum, md5)
    const two = await json(['image', 'list'], 'InstanceTwo')
    assert.ok(two.some((row: {Name: string}) => row.Name === 'oid-it-cirros'))
    const one = await json(['image', 'list'], 'InstanceOne')
    assert.ok(!one.some((row: {Name: string}) => row.Name === 'oid-it-cirros'))
  })

  it('a scoped image list reads InstanceTwo\'s Glance from InstanceOne', async () => {
    const rows = await json(['image', 'list', '--scope', '{"image": "InstanceTwo"}'])
    assert.ok(rows.some((row: {Name: string}) => row.Name === 'oid-it-cirros'))
  })

  it('& lists both instances with an Instance column', async () => {
    const rows = await json(['image', 'list', '--scope', '{"image": "InstanceOne & InstanceTwo"}'])
    assert.deepEqual(Object.keys(rows[0] ?? {Instance: 0, ID: 0, Name: 0, Status: 0}), ['Instance', 'ID', 'Name', 'Status'])
    assert.ok(rows.some((row: {Instance: string; Name: string}) => row.Instance === 'InstanceTwo' && row.Name === 'oid-it-cirros'))
  })

  it('scope show resolves both instances\' endpoints and Nova\'s microversion range', async () => {
    const rows = await json(['scope', 'show', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo"}'])
    const compute = rows.find((row: Record<string, string>) => row['Service Type'] === 'compute')
    assert.equal(compute.Instance, 'InstanceOne')
    assert.match(compute.Microversions, /^2\.1 - 2\.\d+$/)
    const image = rows.find((row: Record<string, string>) => row['Service Type'] === 'image')
    assert.equal(image.Instance, 'InstanceTwo')
    assert.equal(image.Region, 'InstanceTwo')
  })

  let copyId = ''
  it('server create in InstanceOne from InstanceTwo\'s image: copied, then ACTIVE', async () => {
    const server = await json(['server', 'create', 'oid-it-vm1', '--flavor', 'm1.tiny', '--image', 'oid-it-cirros', '--no-network', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo"}', '--wait'])
    assert.equal(server.status, 'ACTIVE')
    assert.match(server.image_origin, /^InstanceTwo: oid-it-cirros \([0-9a-f-]{36}\), copied$/)
    const copies = (await json(['image', 'list', '--long'], 'InstanceOne')).filter((row: {Name: string}) => row.Name === 'oid-it-cirros')
    assert.equal(copies.length, 1)
    assert.equal(copies[0].Checksum, md5)
    copyId = copies[0].ID
    assert.equal(server.image, `oid-it-cirros (${copyId})`)
  })

  it('a second cross-instance boot reuses the copy', async () => {
    const server = await json(['server', 'create', 'oid-it-vm2', '--flavor', 'm1.tiny', '--image', 'oid-it-cirros', '--no-network', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo"}', '--wait'])
    assert.equal(server.status, 'ACTIVE')
    assert.match(server.image_origin, /copy reused$/)
    const copies = (await json(['image', 'list'], 'InstanceOne')).filter((row: {Name: string}) => row.Name === 'oid-it-cirros')
    assert.deepEqual(copies.map((row: {ID: string}) => row.ID), [copyId])
  })

  it('server list across both instances', async () => {
    await json(['server', 'create', 'oid-it-vm3', '--flavor', 'm1.tiny', '--image', 'oid-it-cirros', '--no-network', '--wait'], 'InstanceTwo')
    const rows = await json(['server', 'list', '--scope', '{"compute": "InstanceOne & InstanceTwo"}', '--name', '^oid-it-'])
    const seen = rows.map((row: {Instance: string; Name: string}) => `${row.Instance}/${row.Name}`).sort()
    assert.deepEqual(seen, ['InstanceOne/oid-it-vm1', 'InstanceOne/oid-it-vm2', 'InstanceTwo/oid-it-vm3'])
  })

  // The field's chores (keypairs, security groups, server actions, snapshots, capacity), for real.
  it('keypair create under & registers one generated key in both instances', async () => {
    const r = await oid(['keypair', 'create', 'oid-it-key', '--scope', '{"compute": "InstanceOne & InstanceTwo"}'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /-----BEGIN (RSA |OPENSSH )?PRIVATE KEY-----/)
    const rows = await json(['keypair', 'list', '--scope', '{"compute": "InstanceOne & InstanceTwo"}'])
    const mine = rows.filter((row: {Name: string}) => row.Name === 'oid-it-key')
    assert.deepEqual(mine.map((row: {Instance: string}) => row.Instance).sort(), ['InstanceOne', 'InstanceTwo'])
    assert.equal(mine[0].Fingerprint, mine[1].Fingerprint, 'the same public key in both')
  })

  it('security group create and a rule, in InstanceTwo', async () => {
    const group = await json(['security', 'group', 'create', 'oid-it-sg', '--description', 'openstackoid integration'], 'InstanceTwo')
    assert.equal(group.name, 'oid-it-sg')
    const rule = await json(['security', 'group', 'rule', 'create', 'oid-it-sg', '--protocol', 'tcp', '--dst-port', '22', '--remote-ip', '10.0.0.0/8'], 'InstanceTwo')
    assert.equal(rule.port_range_min, 22)
    assert.equal(rule.remote_ip_prefix, '10.0.0.0/8')
  })

  it('server stop --wait, start --wait, and a snapshot with server image create --wait', async () => {
    const stop = await oid(['server', 'stop', 'oid-it-vm3', '--wait'], 'InstanceTwo')
    assert.equal(stop.code, 0, stop.stderr)
    assert.equal((await json(['server', 'show', 'oid-it-vm3'], 'InstanceTwo')).status, 'SHUTOFF')
    const start = await oid(['server', 'start', 'oid-it-vm3', '--wait'], 'InstanceTwo')
    assert.equal(start.code, 0, start.stderr)
    assert.equal((await json(['server', 'show', 'oid-it-vm3'], 'InstanceTwo')).status, 'ACTIVE')
    // Nova's fake driver records the snapshot but never uploads its bytes: the image stays queued
    // (so no --wait here; the simulator's test covers --wait).
    const snapshot = await json(['server', 'image', 'create', 'oid-it-vm3', '--name', 'oid-it-snap'], 'InstanceTwo')
    assert.equal(snapshot.name, 'oid-it-snap')
    assert.ok(['queued', 'saving', 'active'].includes(snapshot.status), snapshot.status)
  })

  // A server reachable from outside: an external network, a router with its gateway there and an
  // interface on the server's subnet, a floating IP (Neutron's API alone: no L3 agent runs here).
  let floating = ''
  it('network, subnet, router with an external gateway, a server on the network and a floating IP', async () => {
    const two = async (args: string[]) => json(args, 'InstanceTwo')
    assert.equal((await two(['network', 'create', 'oid-it-ext', '--external'])).name, 'oid-it-ext')
    await two(['subnet', 'create', 'oid-it-ext-sub', '--network', 'oid-it-ext', '--subnet-range', '198.51.100.0/24', '--no-dhcp'])
    await two(['network', 'create', 'oid-it-net'])
    const subnet = await two(['subnet', 'create', 'oid-it-sub', '--network', 'oid-it-net', '--subnet-range', '10.11.0.0/24'])
    assert.equal(subnet.cidr, '10.11.0.0/24')
    await two(['router', 'create', 'oid-it-router'])
    for (const args of [['router', 'set', 'oid-it-router', '--external-gateway', 'oid-it-ext'], ['router', 'add', 'subnet', 'oid-it-router', 'oid-it-sub']]) {
      const r = await oid(args, 'InstanceTwo')
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    }

    const server = await two(['server', 'create', 'oid-it-vm4', '--flavor', 'm1.tiny', '--image', 'oid-it-cirros', '--network', 'oid-it-net', '--wait'])
    assert.equal(server.status, 'ACTIVE')
    const ip = await two(['floating', 'ip', 'create', 'oid-it-ext'])
    floating = ip.floating_ip_address
    assert.match(floating, /^198\.51\.100\.\d+$/)
    const added = await oid(['server', 'add', 'floating', 'ip', 'oid-it-vm4', floating], 'InstanceTwo')
    assert.equal(added.code, 0, added.stderr)
    const shown = await two(['floating', 'ip', 'show', floating])
    assert.match(shown.fixed_ip_address, /^10\.11\.0\.\d+$/)
    assert.ok(shown.port_id, 'the floating IP is bound to the server\'s port')
    const router = await two(['router', 'show', 'oid-it-router'])
    assert.equal(router.external_gateway_info.network_id, (await two(['network', 'show', 'oid-it-ext'])).id)
  })

  it('openstack floating ip show / router show / subnet show -f json: the same as openstackoid', async () => {
    assert.ok(floating, 'the floating IP of the previous test')
    for (const args of [['floating', 'ip', 'show', floating], ['router', 'show', 'oid-it-router'], ['subnet', 'show', 'oid-it-sub'], ['network', 'show', 'oid-it-net']]) {
      const full = [...args, '-f', 'json', '--os-cloud', 'InstanceTwo']
      const [theirs, ours] = await Promise.all([runOsc(full, env), runCli(full, env, dir)])
      assert.equal(theirs.code, 0, theirs.stderr)
      assert.equal(ours.code, 0, ours.stderr)
      assert.deepEqual(strip(JSON.parse(ours.stdout)), strip(JSON.parse(theirs.stdout)), args.join(' '))
    }
  })

  it('server remove floating ip, floating ip delete, router remove subnet, and the network goes', async () => {
    const steps = [
      ['server', 'remove', 'floating', 'ip', 'oid-it-vm4', floating],
      ['floating', 'ip', 'delete', floating],
      ['server', 'delete', 'oid-it-vm4', '--wait'],
      ['router', 'remove', 'subnet', 'oid-it-router', 'oid-it-sub'],
      ['router', 'delete', 'oid-it-router'],
      ['subnet', 'delete', 'oid-it-sub', 'oid-it-ext-sub'],
      ['network', 'delete', 'oid-it-net', 'oid-it-ext'],
    ]
    for (const args of steps) {
      const r = await oid(args, 'InstanceTwo')
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    }

    const left = await json(['network', 'list'], 'InstanceTwo')
    assert.ok(!left.some((row: {Name: string}) => row.Name.startsWith('oid-it-')))
  })

  // The same commands through python-openstackclient on the same clouds (inline, not a nested
  // describe: mocha would run a nested suite after the cleanup below).
  {
    // Same keys and, where not time-dependent, same values. OSC 6.0 speaks compute up to 2.92:
    // both are pinned to the same microversion.
    const cases: [string, string[]][] = [
      ['token issue -c project_id -c user_id', ['token', 'issue', '-c', 'project_id', '-c', 'user_id']],
      ['image list', ['image', 'list']],
      ['image list --long', ['image', 'list', '--long']],
      ['image show', ['image', 'show', 'oid-it-cirros']],
      ['flavor list --long', ['flavor', 'list', '--long']],
      ['network list --long', ['network', 'list', '--long']],
      ['server list --long', ['server', 'list', '--long', '--name', '^oid-it-']],
      ['server show', ['server', 'show', 'oid-it-vm3']],
      ['catalog list', ['catalog', 'list']],
      ['keypair list', ['keypair', 'list']],
      ['keypair show', ['keypair', 'show', 'oid-it-key']],
      ['security group show', ['security', 'group', 'show', 'oid-it-sg']],
      ['security group rule list', ['security', 'group', 'rule', 'list', 'oid-it-sg']],
      ['image show (snapshot)', ['image', 'show', 'oid-it-snap']],
      ['limits show --absolute', ['limits', 'show', '--absolute']],
      ['flavor show', ['flavor', 'show', 'm1.tiny']],
      // Nova's, Cinder's and Neutron's parts (Neutron 21's real quotas API), and openstacksdk's location.
      ['quota show', ['quota', 'show']],
      ['quota show --default', ['quota', 'show', '--default']],
      ['endpoint list (OpenStackoïd\'s set-up)', ['endpoint', 'list', '-c', 'Region', '-c', 'Service Type', '-c', 'Interface', '-c', 'URL']],
    ]
    for (const [label, args] of cases) {
      it(`openstack ${label} -f json: the same keys and values as openstackoid`, async () => {
        assert.ok(existsSync(OSC), `${OSC} is missing: cloud.sh install puts python3-openstackclient there`)
        const full = ['--os-compute-api-version', '2.90', ...args, '-f', 'json', '--os-cloud', 'InstanceTwo']
        const [theirs, ours] = await Promise.all([runOsc(full, env), runCli(full, env, dir)])
        assert.equal(theirs.code, 0, theirs.stderr)
        assert.equal(ours.code, 0, ours.stderr)
        const a = JSON.parse(theirs.stdout)
        const b = JSON.parse(ours.stdout)
        assert.deepEqual(strip(b), strip(a))
      })
    }
  }

  it('cleanup: server delete --wait and image delete', async () => {
    assert.equal((await oid(['server', 'delete', 'oid-it-vm1', 'oid-it-vm2', '--wait'])).code, 0)
    assert.equal((await oid(['server', 'delete', 'oid-it-vm3', '--wait'], 'InstanceTwo')).code, 0)
    assert.equal((await oid(['image', 'delete', copyId])).code, 0)
    assert.equal((await oid(['image', 'delete', 'oid-it-cirros'], 'InstanceTwo')).code, 0)
    assert.equal((await oid(['image', 'delete', 'oid-it-snap'], 'InstanceTwo')).code, 0)
    assert.equal((await oid(['security', 'group', 'delete', 'oid-it-sg'], 'InstanceTwo')).code, 0)
    const keys = await oid(['keypair', 'delete', 'oid-it-key', '--scope', '{"compute": "InstanceOne & InstanceTwo"}'])
    assert.equal(keys.code, 0, keys.stderr)
    assert.equal((await oid(['server', 'list', '--name', '^oid-it-', '-f', 'value'])).stdout, '')
  })
})

/** Values that change between two calls (timestamps, tokens, progress) are compared by key only. */
const VOLATILE = /^(expires|id|updated|updated_at|OS-SRV-USG:launched_at|progress)$/
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, VOLATILE.test(key) && typeof item === 'string' && key !== 'id' ? '<volatile>' : strip(item)]))
  }

  return value
}

