import {strict as assert} from 'node:assert'
import {createPublicKey} from 'node:crypto'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type World} from './harness.js'

const BOTH = '{"compute": "InstanceOne & InstanceTwo"}'
const EITHER = '{"compute": "InstanceOne | InstanceTwo"}'
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKr2Yd2oYhJqH1ZfM0wJ2x1q8j0Q3K7m0X9cQ1s4yq9T ci@example\n'

/** The compute chores: keypairs, server actions with --wait, snapshots, console, events, flavor/limits/quota/zones. */
describe('e2e: compute chores', function () {
  this.timeout(180_000)
  let w: World

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne', compute: {buildPolls: 0}}, {name: 'InstanceTwo', compute: {buildPolls: 0}, network: {quotas: {rbac_policy: 5}}}]})
    writeFileSync(join(w.dir, 'ci.pub'), PUBLIC_KEY)
    for (const cloud of ['InstanceOne', 'InstanceTwo']) {
      const boot = await w.run(['--os-cloud', cloud, 'server', 'create', 'vm1', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '-f', 'value', '-c', 'id'])
      assert.equal(boot.code, 0, boot.stderr)
    }
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [], 'a token crossed instances')
    await w.stop()
  })

  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])
  const status = async (cloud: string, server = 'vm1') => (await w.run(['--os-cloud', cloud, 'server', 'show', server, '-f', 'value', '-c', 'status'])).stdout.trim()

  describe('keypair', () => {
    it('registers one public key in every instance of "&" and lists them with an Instance column', async () => {
      const r = await run('keypair', 'create', 'ci', '--public-key', join(w.dir, 'ci.pub'), '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'fingerprint')
      assert.equal(r.code, 0, r.stderr)
      const lines = r.stdout.trim().split('\n')
      assert.equal(lines.length, 2)
      assert.match(lines[0], /^InstanceOne [0-9a-f:]{47} ci$/)
      assert.match(lines[1], /^InstanceTwo [0-9a-f:]{47} ci$/)
      assert.equal(lines[0].split(' ')[1], lines[1].split(' ')[1])
      const list = await run('keypair', 'list', '--scope', BOTH, '-f', 'csv')
      assert.equal(list.code, 0, list.stderr)
      assert.equal(list.stdout.split('\n')[0], '"Instance","Name","Fingerprint","Type"')
      assert.deepEqual(list.stdout.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 2).join(',')), ['"InstanceOne","ci"', '"InstanceTwo","ci"'])
    })

    it('generates ONE key pair for "&": the private key printed once, the same public key in each instance', async () => {
      const r = await run('keypair', 'create', 'gen', '--scope', BOTH)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n\n$/)
      assert.equal(r.stdout.match(/BEGIN/g)?.length, 1)
      const derived = createPublicKey(r.stdout).export({format: 'jwk'}) as {n: string}
      const shown = await Promise.all(['InstanceOne', 'InstanceTwo'].map(async (cloud) => (await w.run(['--os-cloud', cloud, 'keypair', 'show', 'gen', '--public-key'])).stdout))
      assert.equal(shown[0], shown[1])
      assert.match(shown[0], /^ssh-rsa AAAA/)
      const blob = Buffer.from(shown[0].split(' ')[1], 'base64')
      // The key's modulus is the last SSH string of the blob.
      assert.ok(blob.toString('base64url').includes(derived.n.slice(8, 60)) || blob.includes(Buffer.from(derived.n, 'base64url')))
    })

    it('writes --private-key with mode 0600 and shows the keypair as OSC does', async () => {
      const file = join(w.dir, 'gen2.pem')
      const r = await run('keypair', 'create', 'gen2', '--private-key', file, '-f', 'json')
      assert.equal(r.code, 0, r.stderr)
      const shown = JSON.parse(r.stdout)
      assert.deepEqual(Object.keys(shown), ['created_at', 'fingerprint', 'id', 'is_deleted', 'name', 'type', 'user_id'])
      assert.equal(shown.id, 'gen2')
      assert.equal(statSync(file).mode & 0o777, 0o600)
      assert.match(readFileSync(file, 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----/)
    })

    it('keeps OSC errors: a missing key file, a duplicate, a missing key', async () => {
      const missing = await run('keypair', 'create', 'x', '--public-key', join(w.dir, 'nope.pub'))
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /^Key file .*nope\.pub not found: /)
      const dup = await run('keypair', 'create', 'ci', '--public-key', join(w.dir, 'ci.pub'))
      assert.equal(dup.code, 1)
      assert.match(dup.stderr, /Key pair 'ci' already exists\. \(HTTP 409\)/)
      const show = await run('keypair', 'show', 'nope')
      assert.equal(show.code, 1)
      assert.equal(show.stderr, 'No Keypair found for nope\n')
      const both = await run('keypair', 'create', 'x', '--public-key', 'a', '--private-key', 'b')
      assert.equal(both.code, 2)
    })

    it('deletes in every instance of "&" that has the key, and counts the failures as OSC', async () => {
      const r = await run('keypair', 'delete', 'ci', '--scope', BOTH)
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr, 'Deleted key ci in InstanceOne, InstanceTwo.\n')
      const again = await run('keypair', 'delete', 'gen', 'ci')
      assert.equal(again.code, 1)
      assert.match(again.stderr, /^Failed to delete key with name or ID 'ci': No keypair with a name of 'ci' exists\.\n1 of 2 keys failed to delete\.\n$/)
    })
  })

  describe('server actions', () => {
    it('stops and starts with --wait in every instance of "&"', async () => {
      const stop = await run('server', 'stop', 'vm1', '--wait', '--scope', BOTH)
      assert.equal(stop.code, 0, stop.stderr)
      assert.equal(stop.stdout, '')
      assert.equal(stop.stderr, 'Stopped server vm1 in InstanceOne, InstanceTwo.\n')
      assert.deepEqual([await status('InstanceOne'), await status('InstanceTwo')], ['SHUTOFF', 'SHUTOFF'])
      const start = await run('server', 'start', 'vm1', '--wait', '--scope', BOTH)
      assert.equal(start.code, 0, start.stderr)
      assert.deepEqual([await status('InstanceOne'), await status('InstanceTwo')], ['ACTIVE', 'ACTIVE'])
    })

    it('pauses, unpauses, suspends and resumes; the first unknown server stops the command (exit 1)', async () => {
      assert.equal((await run('server', 'pause', 'vm1')).code, 0)
      assert.equal(await status('InstanceOne'), 'PAUSED')
      assert.equal((await run('server', 'unpause', 'vm1', '--wait')).code, 0)
      assert.equal((await run('server', 'suspend', 'vm1', '--wait')).code, 0)
      assert.equal(await status('InstanceOne'), 'SUSPENDED')
      const r = await run('server', 'resume', 'nosuch', 'vm1')
      assert.equal(r.code, 1)
      assert.equal(r.stderr, "No server with a name or ID of 'nosuch' exists.\n")
      assert.equal(await status('InstanceOne'), 'SUSPENDED')
      assert.equal((await run('server', 'resume', 'vm1', '--wait')).code, 0)
      assert.equal(await status('InstanceOne'), 'ACTIVE')
    })

    it('"|" acts in the first instance that has the server; a wrong state is Nova\'s 409', async () => {
      const r = await w.run(['--os-cloud', 'InstanceOne', 'server', 'start', 'vm1', '--scope', EITHER])
      assert.equal(r.code, 1)
      assert.match(r.stderr, /Cannot 'start' instance [0-9a-f-]+ while it is in vm_state active \(HTTP 409\)/)
    })

    it('reboots --hard --wait and prints Complete as OSC', async () => {
      const r = await run('server', 'reboot', 'vm1', '--hard', '--wait')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, 'Complete\n')
      assert.equal((await run('server', 'reboot', 'vm1', '--hard', '--soft')).code, 2)
    })

    it('resizes to VERIFY_RESIZE with --wait, then confirms; --revert is the deprecated form', async () => {
      const r = await run('server', 'resize', 'vm1', '--flavor', 'm1.small', '--wait')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, 'Complete\n')
      assert.equal(await status('InstanceOne'), 'VERIFY_RESIZE')
      const confirm = await run('server', 'resize', 'confirm', 'vm1', '--wait')
      assert.equal(confirm.code, 0, confirm.stderr)
      assert.equal(await status('InstanceOne'), 'ACTIVE')
      assert.equal((await run('server', 'resize', 'vm1', '--flavor', 'm1.medium')).code, 0)
      const revert = await run('server', 'resize', 'vm1', '--revert')
      assert.equal(revert.code, 0, revert.stderr)
      assert.equal(revert.stderr, "The --revert option has been deprecated. Please use the 'openstack server resize revert' command instead.\n")
      const flavor = await run('server', 'show', 'vm1', '-f', 'json', '-c', 'status', '-c', 'flavor')
      assert.equal(JSON.parse(flavor.stdout).flavor.original_name, 'm1.small')
      const bad = await run('server', 'resize', 'vm1', '--flavor', 'm1.nope')
      assert.equal(bad.code, 1)
      assert.equal(bad.stderr, "No flavor with a name or ID of 'm1.nope' exists.\n")
    })

    it('rebuilds from an image of the server\'s own instance, --wait', async () => {
      const r = await run('server', 'rebuild', 'vm1', '--image', 'debian-12-generic', '--wait', '-f', 'json', '-c', 'image', '-c', 'name')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout.split('\n')[0], 'Complete')
      const shown = JSON.parse(r.stdout.slice('Complete\n'.length))
      assert.match(shown.image, /^debian-12-generic \([0-9a-f-]{36}\)$/)
      assert.equal(await status('InstanceOne'), 'ACTIVE')
    })

    it('snapshots into the same instance\'s Glance with --wait, one per instance under "&"', async () => {
      const r = await run('server', 'image', 'create', 'vm1', '--name', 'vm1-snap', '--wait', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'status')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, '\nInstanceOne vm1-snap active\nInstanceTwo vm1-snap active\n')
      for (const cloud of ['InstanceOne', 'InstanceTwo']) assert.equal(w.sim.instance(cloud).images().filter((image) => image.name === 'vm1-snap').length, 1)
    })

    it('shows the console log (the last N lines) and the server events', async () => {
      const log = await run('console', 'log', 'show', 'vm1', '--lines', '1')
      assert.equal(log.code, 0, log.stderr)
      assert.equal(log.stdout, 'vm1 login: \n')
      assert.equal((await run('console', 'log', 'show', 'vm1', '--lines', '-1')).code, 2)
      const events = await run('server', 'event', 'list', 'vm1', '-f', 'value', '-c', 'Action')
      assert.equal(events.code, 0, events.stderr)
      assert.deepEqual(events.stdout.trim().split('\n').slice(0, 3), ['createImage', 'rebuild', 'revertResize'])
    })
  })

  describe('flavor, limits, quota, zones', () => {
    it('shows a flavor in each instance of "&"', async () => {
      const r = await run('flavor', 'show', 'm1.tiny', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'ram')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, 'InstanceOne m1.tiny 512\nInstanceTwo m1.tiny 512\n')
      const missing = await run('flavor', 'show', 'nope')
      assert.equal(missing.code, 1)
      assert.equal(missing.stderr, "No flavor with a name or ID of 'nope' exists.\n")
    })

    it('limits show needs --absolute or --rate; with "&" one row per limit and instance', async () => {
      const none = await run('limits', 'show')
      assert.equal(none.code, 2)
      const r = await run('limits', 'show', '--absolute', '--scope', BOTH, '-f', 'csv')
      assert.equal(r.code, 0, r.stderr)
      const rows = r.stdout.trim().split('\n')
      assert.equal(rows[0], '"Instance","Name","Value"')
      assert.ok(rows.includes('"InstanceOne","totalInstancesUsed",1'), r.stdout)
      assert.ok(rows.includes('"InstanceTwo","maxTotalKeypairs",100'), r.stdout)
    })

    it("quota show: Nova's, Cinder's and Neutron's parts with OSC's names, and openstacksdk's location", async () => {
      const one = w.sim.instance('InstanceOne')
      const admin = one.projectId('admin')
      const munch = `Munch({'cloud': 'InstanceOne', 'region_name': 'InstanceOne', 'zone': None, 'project': Munch({'id': '${admin}', 'name': 'admin', 'domain_id': None, 'domain_name': 'Default'})})`
      const rows: [string, string | number][] = [
        ['backup-gigabytes', 1000],
        ['backups', 10],
        ['cores', 20],
        ['fixed-ips', -1],
        ['floating-ips', 50],
        ['gigabytes', 1000],
        ['gigabytes___DEFAULT__', -1],
        ['gigabytes_lvmdriver-1', -1],
        ['groups', 10],
        ['injected-file-size', 10240],
        ['injected-files', 5],
        ['injected-path-size', 255],
        ['instances', 10],
        ['key-pairs', 100],
        ['location', munch],
        ['networks', 100],
        ['per-volume-gigabytes', -1],
        ['ports', 500],
        ['project', admin],
        ['project_name', 'admin'],
        ['properties', 128],
        ['ram', 51200],
        ['rbac_policies', 10],
        ['routers', 10],
        ['secgroup-rules', 100],
        ['secgroups', 10],
        ['server-group-members', 10],
        ['server-groups', 10],
        ['snapshots', 10],
        ['snapshots___DEFAULT__', -1],
        ['snapshots_lvmdriver-1', -1],
        ['subnet_pools', -1],
        ['subnets', 100],
        ['volumes', 10],
        ['volumes___DEFAULT__', -1],
        ['volumes_lvmdriver-1', -1],
      ]
      const width = munch.length
      const line = `+-----------------------+-${'-'.repeat(width)}-+\n`
      const table = line + `| Field                 | ${'Value'.padEnd(width)} |\n` + line + rows.map(([k, v]) => `| ${k.padEnd(21)} | ${String(v).padEnd(width)} |\n`).join('') + line
      const r = await run('quota', 'show')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, table)
      const value = await run('quota', 'show', '-f', 'value')
      assert.equal(value.stdout, rows.map(([, v]) => `${v}\n`).join(''))
      const json = await run('quota', 'show', '-f', 'json', '-c', 'location', '-c', 'floating-ips', '-c', 'networks', '-c', 'project')
      assert.equal(json.code, 0, json.stderr)
      assert.deepEqual(JSON.parse(json.stdout), {
        'floating-ips': 50,
        location: {cloud: 'InstanceOne', region_name: 'InstanceOne', zone: null, project: {id: admin, name: 'admin', domain_id: null, domain_name: 'Default'}},
        networks: 100,
        project: admin,
      })
      assert.match(json.stdout, /"location": \{\n {4}"cloud": "InstanceOne",\n {4}"region_name": "InstanceOne",\n {4}"zone": null,\n {4}"project": \{\n {6}"id"/)
      const shell = await run('quota', 'show', '-f', 'shell', '-c', 'location', '-c', 'subnet_pools')
      assert.equal(shell.stdout, `location="${munch}"\nsubnet_pools="-1"\n`)
      const yaml = await run('quota', 'show', '-f', 'yaml', '-c', 'location')
      assert.equal(yaml.stdout, `location:\n  cloud: InstanceOne\n  project:\n    domain_id: null\n    domain_name: Default\n    id: ${admin}\n    name: admin\n  region_name: InstanceOne\n  zone: null\n`)
    })

    it("quota show PROJECT and --default read Neutron's /quotas/{id} and /quotas/{id}/default; location stays the token's project", async () => {
      const one = w.sim.instance('InstanceOne')
      const demo = one.projectId('demo')
      const before = w.sim.requests.length
      const r = await run('quota', 'show', 'demo', '-f', 'json', '-c', 'project', '-c', 'project_name', '-c', 'ports', '-c', 'location')
      assert.equal(r.code, 0, r.stderr)
      const shown = JSON.parse(r.stdout)
      assert.equal(shown.project, demo)
      assert.equal(shown.project_name, 'demo')
      assert.equal(shown.ports, 500)
      assert.equal(shown.location.project.id, one.projectId('admin'))
      const paths = w.sim.requests.slice(before).filter((q) => q.service === 'network').map((q) => `${q.method} ${q.path}`)
      assert.ok(paths.includes(`GET /v2.0/quotas/${demo}`), paths.join('\n'))
      const defaults = await run('quota', 'show', '--default', '-f', 'value', '-c', 'project', '-c', 'routers', '-c', 'secgroup-rules')
      assert.equal(defaults.stdout, `${one.projectId('admin')}\n10\n100\n`)
      assert.ok(w.sim.requests.some((q) => q.service === 'network' && q.path === `/v2.0/quotas/${one.projectId('admin')}/default`))
    })

    it('quota show under "&": each instance\'s Neutron, with its own location', async () => {
      const r = await run('quota', 'show', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'rbac_policies')
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, 'InstanceOne 10\nInstanceTwo 5\n')
      const json = await run('quota', 'show', '--scope', BOTH, '-f', 'json', '-c', 'location')
      const clouds = (JSON.parse(json.stdout) as {location: {cloud: string; project: {id: string}}}[]).map((x) => [x.location.cloud, x.location.project.id])
      assert.deepEqual(clouds, [
        ['InstanceOne', w.sim.instance('InstanceOne').projectId('admin')],
        ['InstanceTwo', w.sim.instance('InstanceTwo').projectId('admin')],
      ])
    })

    it('quota show without a network endpoint leaves the network part out; with OS_* variables the cloud is unnamed', async () => {
      const bare = await world({instances: [{name: 'Bare', network: false, volume: false}]})
      try {
        const r = await bare.run(['--os-cloud', 'Bare', 'quota', 'show', '-f', 'value', '-c', 'cores', '-c', 'floating-ips', '-c', 'networks', '-c', 'location'])
        assert.equal(r.code, 0, r.stderr)
        // Nova's own floating_ips (below 2.36) stays when there is no Neutron to replace it.
        assert.equal(r.stdout, '20\n10\n')
        assert.equal(bare.sim.requests.filter((q) => q.service === 'network').length, 0)
      } finally {
        await bare.stop()
      }

      const one = w.sim.instance('InstanceOne')
      const env = {OS_CLIENT_CONFIG_FILE: join(w.dir, 'none.yaml'), OS_AUTH_URL: one.authUrl, OS_USERNAME: 'admin', OS_PASSWORD: 'secret', OS_PROJECT_NAME: 'admin', OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_ID: 'default'}
      const r = await w.run(['quota', 'show', '-f', 'value', '-c', 'location'], env)
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stdout, `Munch({'cloud': '', 'region_name': '', 'zone': None, 'project': Munch({'id': '${one.projectId('admin')}', 'name': 'admin', 'domain_id': 'default', 'domain_name': None})})\n`)
    })

    it('availability zone list (and --long) under "&"', async () => {
      const r = await run('availability', 'zone', 'list', '--scope', BOTH, '-f', 'value')
      assert.equal(r.code, 0, r.stderr)
      // Nova's zones, then the zone of the same instance's Cinder, as OSC lists them.
      assert.equal(r.stdout, 'InstanceOne internal available\nInstanceOne nova available\nInstanceOne nova available\nInstanceTwo internal available\nInstanceTwo nova available\nInstanceTwo nova available\n')
      const long = await run('availability', 'zone', 'list', '--long', '-f', 'value', '-c', 'Host Name', '-c', 'Service Name')
      // The Cinder zone has no host or service: an empty row, as OSC prints it.
      assert.equal(long.stdout, 'controller nova-conductor\ncontroller nova-scheduler\ncompute nova-compute\n \n')
    })
  })

  describe('image origin after a cross-instance boot', () => {
    it('server show has image_origin; server list --long has Image Origin; the default list is unchanged', async () => {
      const boot = await run('server', 'create', 'xvm', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '--scope', '{"compute": "InstanceOne", "image": "InstanceTwo"}', '-f', 'value', '-c', 'id')
      assert.equal(boot.code, 0, boot.stderr)
      const source = w.sim.instance('InstanceTwo').images().find((image) => image.name === 'cirros-0.6.2-x86_64-disk')!.id
      const origin = `InstanceTwo: cirros-0.6.2-x86_64-disk (${source})`
      const show = await run('server', 'show', 'xvm', '-f', 'json')
      assert.equal(JSON.parse(show.stdout).image_origin, origin)
      const plain = await run('server', 'show', 'vm1', '-f', 'json')
      assert.equal('image_origin' in JSON.parse(plain.stdout), false)
      const long = await run('server', 'list', '--long', '-f', 'json', '-c', 'Name', '-c', 'Image Origin')
      assert.deepEqual(JSON.parse(long.stdout), [
        {Name: 'xvm', 'Image Origin': origin},
        {Name: 'vm1', 'Image Origin': ''},
      ])
      const list = await run('server', 'list', '-f', 'csv')
      assert.equal(list.stdout.split('\n')[0], '"ID","Name","Status","Networks","Image","Flavor"')
    })
  })
})
