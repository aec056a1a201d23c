import {strict as assert} from 'node:assert'

import {world, type World} from './harness.js'

/** Routers and floating IPs across instances, and a floating IP on a server of one instance. */
describe('e2e: routers and floating IPs across instances', function () {
  this.timeout(120_000)
  let w: World
  const BOTH = JSON.stringify({network: 'InstanceOne & InstanceTwo'})
  const FIRST = JSON.stringify({network: 'InstanceTwo | InstanceOne'})
  const run = (...args: string[]) => w.run(['--os-cloud', 'InstanceOne', ...args])

  before(async () => {
    w = await world({instances: ['InstanceOne', 'InstanceTwo']})
  })
  after(async () => {
    assert.deepEqual(w.sim.tokenLeaks(), [])
    await w.stop()
  })

  it('creates a router in every instance of &, gives it a gateway and a subnet, lists with Instance, deletes it in each', async () => {
    const made = await run('router', 'create', 'ci', '--description', 'CI router', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'name', '-c', 'description', '-c', 'external_gateway_info', '-c', 'admin_state_up')
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stdout, 'InstanceOne True CI router None ci\nInstanceTwo True CI router None ci\n')
    const set = await run('router', 'set', 'ci', '--external-gateway', 'public', '--scope', BOTH)
    assert.equal(set.code, 0, set.stderr)
    assert.equal(set.stdout, '')
    assert.equal(set.stderr, 'Set router ci in InstanceOne, InstanceTwo.\n')
    const added = await run('router', 'add', 'subnet', 'ci', 'shared-subnet')
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout, '')
    const shown = await run('router', 'show', 'ci', '-f', 'json', '-c', 'interfaces_info', '-c', 'external_gateway_info')
    assert.equal(shown.code, 0, shown.stderr)
    const detail = JSON.parse(shown.stdout) as {interfaces_info: {ip_address: string}[]; external_gateway_info: {enable_snat: boolean; external_fixed_ips: {ip_address: string}[]}}
    assert.deepEqual(detail.interfaces_info.map((i) => i.ip_address), ['192.168.233.1'])
    assert.equal(detail.external_gateway_info.enable_snat, true)
    assert.match(detail.external_gateway_info.external_fixed_ips[0].ip_address, /^172\.24\.4\.\d+$/)
    const listed = await run('router', 'list', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'Name', '-c', 'State')
    assert.equal(listed.stdout, 'InstanceOne router1 True\nInstanceOne ci True\nInstanceTwo router1 True\nInstanceTwo ci True\n')
    const busy = await run('router', 'delete', 'ci')
    assert.equal(busy.code, 1)
    assert.match(busy.stderr, /Failed to delete router with name or ID 'ci': .*\n1 of 1 routers failed to delete\.\n/)
    const removed = await run('router', 'remove', 'subnet', 'ci', 'shared-subnet')
    assert.equal(removed.code, 0, removed.stderr)
    assert.equal(removed.stdout + removed.stderr, '')
    const after = await run('router', 'show', 'ci', '-f', 'json', '-c', 'interfaces_info')
    assert.deepEqual(JSON.parse(after.stdout), {interfaces_info: []})
    const notThere = await run('router', 'remove', 'subnet', 'ci', 'shared-subnet')
    assert.equal(notThere.code, 1)
    assert.match(notThere.stderr, /subnet/i)
  })

  it('shows a router from the first instance of | that has it, and says when none has it', async () => {
    assert.equal((await run('router', 'create', 'only-one', '-f', 'value', '-c', 'name')).stdout, 'only-one\n')
    const shown = await run('router', 'show', 'only-one', '--scope', FIRST, '-f', 'value', '-c', 'name', '-c', 'status')
    assert.equal(shown.code, 0, shown.stderr)
    assert.equal(shown.stdout, 'only-one\nACTIVE\n')
    const gone = await run('router', 'delete', 'only-one', 'nope')
    assert.equal(gone.code, 1)
    assert.equal(gone.stderr.split('\n').slice(-2).join('\n'), '1 of 2 routers failed to delete.\n')
    const missing = await run('router', 'show', 'only-one', '--scope', BOTH)
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /No Router found for only-one/)
    assert.doesNotMatch(missing.stderr, /\n\s+at /)
  })

  it('refuses --enable-snat without --external-gateway with OSC\'s words', async () => {
    const r = await run('router', 'set', 'router1', '--enable-snat')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /You must specify '--external-gateway' in order to update the SNAT or fixed-ip values/)
  })

  it('creates floating IPs in every instance of &, lists them with Instance, deletes each', async () => {
    const made = await run('floating', 'ip', 'create', 'public', '--description', 'ci', '--scope', BOTH, '-f', 'value', '-c', 'Instance', '-c', 'status', '-c', 'description', '-c', 'port_id')
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stdout, 'InstanceOne ci None DOWN\nInstanceTwo ci None DOWN\n')
    const listed = await run('floating', 'ip', 'list', '--long', '--scope', BOTH, '-f', 'json', '-c', 'Instance', '-c', 'Floating IP Address', '-c', 'Description')
    assert.equal(listed.code, 0, listed.stderr)
    const rows = JSON.parse(listed.stdout) as {Instance: string; 'Floating IP Address': string; Description: string}[]
    assert.deepEqual(rows.map((r) => [r.Instance, r.Description]), [['InstanceOne', 'ci'], ['InstanceTwo', 'ci']])
    for (const row of rows) assert.match(row['Floating IP Address'], /^172\.24\.4\.\d+$/)
    const ids = await run('floating', 'ip', 'list', '--scope', BOTH, '-f', 'value', '-c', 'ID')
    const [one, two] = ids.stdout.trim().split('\n')
    const gone = await run('floating', 'ip', 'delete', one, two, '--scope', BOTH)
    assert.equal(gone.code, 0, gone.stderr)
    assert.equal(gone.stderr, `Deleted floating_ip ${one} in InstanceOne.\nNot found in InstanceTwo (network).\nDeleted floating_ip ${two} in InstanceTwo.\nNot found in InstanceOne (network).\n`)
    assert.equal((await run('floating', 'ip', 'list', '--scope', BOTH, '-f', 'value')).stdout, '')
    const none = await run('floating', 'ip', 'delete', '10.9.9.9')
    assert.equal(none.code, 1)
    assert.equal(none.stderr, "Failed to delete floating_ip with name or ID '10.9.9.9': No FloatingIP found for 10.9.9.9\n1 of 1 floating_ips failed to delete.\n")
  })

  it('associates a floating IP with a server booted in the test, shows it in server show, removes and deletes it', async () => {
    const boot = await run('server', 'create', 'web1', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '-f', 'value', '-c', 'id')
    assert.equal(boot.code, 0, boot.stderr)
    const fip = await run('floating', 'ip', 'create', 'public', '-f', 'value', '-c', 'floating_ip_address')
    assert.equal(fip.code, 0, fip.stderr)
    const address = fip.stdout.trim()
    const fixed = (await run('server', 'show', 'web1', '-f', 'json', '-c', 'addresses')).stdout
    const privateIp = (JSON.parse(fixed) as {addresses: {private: string[]}}).addresses.private[0]

    const added = await run('server', 'add', 'floating', 'ip', 'web1', address)
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout, '')
    assert.equal(added.stderr, '')
    const shown = await run('floating', 'ip', 'show', address, '-f', 'value', '-c', 'fixed_ip_address', '-c', 'status')
    assert.equal(shown.stdout, `${privateIp}\nACTIVE\n`)
    const addresses = await run('server', 'show', 'web1', '-f', 'json', '-c', 'addresses')
    assert.deepEqual(JSON.parse(addresses.stdout), {addresses: {private: [privateIp, address]}})
    const table = await run('server', 'list', '-f', 'value', '-c', 'Name', '-c', 'Networks')
    assert.equal(table.stdout, `web1 {'private': ['${privateIp}', '${address}']}\n`)
    const listed = await run('floating', 'ip', 'list', '--fixed-ip-address', privateIp, '-f', 'value', '-c', 'Floating IP Address', '-c', 'Fixed IP Address')
    assert.equal(listed.stdout, `${address} ${privateIp}\n`)

    const removed = await run('server', 'remove', 'floating', 'ip', 'web1', address)
    assert.equal(removed.code, 0, removed.stderr)
    assert.deepEqual(JSON.parse((await run('server', 'show', 'web1', '-f', 'json', '-c', 'addresses')).stdout), {addresses: {private: [privateIp]}})
    assert.equal((await run('floating', 'ip', 'show', address, '-f', 'value', '-c', 'port_id')).stdout, 'None\n')

    const wrongFixed = await run('server', 'add', 'floating', 'ip', 'web1', address, '--fixed-ip-address', '10.9.9.9')
    assert.equal(wrongFixed.code, 1)
    assert.match(wrongFixed.stderr, /No port found for fixed IP address 10\.9\.9\.9/)

    const deleted = await run('floating', 'ip', 'delete', address)
    assert.equal(deleted.code, 0, deleted.stderr)
    assert.equal((await run('floating', 'ip', 'list', '-f', 'value')).stdout, '')
    assert.equal((await run('server', 'delete', 'web1', '--wait')).code, 0)
  })

  it('fails with Neutron\'s 404 when the server\'s network has no router to the external network', async () => {
    // InstanceTwo's shared network has no router (the first test routed InstanceOne's).
    const two = JSON.stringify({compute: 'InstanceTwo'})
    const boot = await run('server', 'create', 'lonely', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'shared', '--wait', '--scope', two, '-f', 'value', '-c', 'id')
    assert.equal(boot.code, 0, boot.stderr)
    const address = (await run('floating', 'ip', 'create', 'public', '--scope', JSON.stringify({network: 'InstanceTwo'}), '-f', 'value', '-c', 'floating_ip_address')).stdout.trim()
    const added = await run('server', 'add', 'floating', 'ip', 'lonely', address, '--scope', two)
    assert.equal(added.code, 1)
    assert.match(added.stderr, /External network .* is not reachable from subnet/)
    assert.doesNotMatch(added.stderr, /\n\s+at /)
    assert.equal((await run('floating', 'ip', 'delete', address, '--scope', JSON.stringify({network: 'InstanceTwo'}))).code, 0)
    assert.equal((await run('server', 'delete', 'lonely', '--wait', '--scope', two)).code, 0)
  })

  it('refuses a network scope on another instance than the server\'s compute (usage error, exit 2)', async () => {
    const scope = JSON.stringify({compute: 'InstanceOne', network: 'InstanceTwo'})
    const added = await run('server', 'add', 'floating', 'ip', 'anything', '172.24.4.99', '--scope', scope)
    assert.equal(added.code, 2)
    assert.equal(added.stdout, '')
    assert.match(added.stderr, /A server's ports come from the Neutron of the instance that runs it \(InstanceOne\), but --scope sends network to "InstanceTwo"/)
    const removed = await run('server', 'remove', 'floating', 'ip', 'anything', '172.24.4.99', '--scope', scope)
    assert.equal(removed.code, 2)
    assert.match(removed.stderr, /Nova plugs only ports of its own Neutron/)
  })

  it('finds the server and its floating IP in the instance of the compute scope', async () => {
    const two = JSON.stringify({compute: 'InstanceTwo'})
    const boot = await run('server', 'create', 'far', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk', '--network', 'private', '--wait', '--scope', two, '-f', 'value', '-c', 'id')
    assert.equal(boot.code, 0, boot.stderr)
    const address = (await run('floating', 'ip', 'create', 'public', '--scope', JSON.stringify({network: 'InstanceTwo'}), '-f', 'value', '-c', 'floating_ip_address')).stdout.trim()
    const added = await run('server', 'add', 'floating', 'ip', 'far', address, '--scope', two)
    assert.equal(added.code, 0, added.stderr)
    const shown = await run('server', 'show', 'far', '--scope', two, '-f', 'json', '-c', 'addresses')
    assert.ok((JSON.parse(shown.stdout) as {addresses: {private: string[]}}).addresses.private.includes(address), shown.stdout)
    const here = await run('server', 'add', 'floating', 'ip', 'far', address)
    assert.equal(here.code, 1)
    assert.match(here.stderr, /No FloatingIP found for|No server with a name or ID of 'far' exists/)
    assert.equal((await run('server', 'remove', 'floating', 'ip', 'far', address, '--scope', two)).code, 0)
    assert.equal((await run('floating', 'ip', 'delete', address, '--scope', JSON.stringify({network: 'InstanceTwo'}))).code, 0)
    assert.equal((await run('server', 'delete', 'far', '--wait', '--scope', two)).code, 0)
  })
})
