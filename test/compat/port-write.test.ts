import {strict as assert} from 'node:assert'

import {runOsc, world, type World} from '../e2e/harness.js'
import {assertSameAsOsc, requireOsc, setUp} from './helpers.js'

/**
 * port create / set / unset through python-openstackclient 6.0.0 and openstackoid on one simulator.
 * Creates: each client makes its own port with the same flags; the outputs must be the same but
 * for what differs between two ports (id, MAC, times, addresses). Set/unset: each client changes
 * its own twin port; stdout and exit code must match, then both ports' `port show -f json`.
 * Refusals: the same command through both, nothing made, same stdout and exit code.
 */

const CLOUD = ['--os-cloud', 'InstanceOne']

/** What necessarily differs between two ports made the same way. */
function normalise(json: string): unknown {
  const port = JSON.parse(json) as Record<string, unknown>
  for (const key of ['id', 'name', 'mac_address', 'created_at', 'updated_at']) if (key in port) port[key] = key
  const ips = (port.fixed_ips as {subnet_id: string}[] | undefined)?.map((ip) => ip.subnet_id)
  if (ips) port.fixed_ips = ips
  if (port.dns_assignment) port.dns_assignment = (port.dns_assignment as unknown[]).length
  if (port.allowed_address_pairs) port.allowed_address_pairs = (port.allowed_address_pairs as {ip_address: string}[]).map((p) => p.ip_address)
  return port
}

const CREATES = [
  '--description web --tag b --tag a --binding-profile x=1 --binding-profile {"y":[2]} --device dev --device-owner compute:nova --host h1 --vnic-type direct',
  '--no-fixed-ip --no-security-group --disable',
  '--fixed-ip subnet=private-subnet --security-group web --security-group default --allowed-address ip-address=10.0.0.99',
  '--disable-port-security --dns-name www --extra-dhcp-option name=ntp-server,value=10.0.0.1,ip-version=4',
  '--no-tag --enable --enable-port-security',
]

const REFUSED = [
  'port create bad --network private --fixed-ip ip-address=10.0.0.2',
  'port create bad --network private --fixed-ip ip-address=10.9.9.9',
  'port create bad --network private --fixed-ip subnet=private-subnet,ip-address=10.9.9.9',
  'port create bad --network private --fixed-ip subnet=shared-subnet',
  'port create bad --network private --fixed-ip subnet=nope',
  'port create bad --network private --fixed-ip nope',
  'port create bad --network private --fixed-ip subnet=a,ip=1',
  'port create bad --network private --allowed-address mac-address=fa:16:3e:00:00:01',
  'port create bad --network private --binding-profile nope',
  'port create bad --network private --dns-domain example.org.',
  'port create bad --network private --numa-policy-required',
  'port create bad --network private --disable-uplink-status-propagation',
  'port create bad --network private --device-profile dp',
  'port create bad --network private --qos-policy q1',
  'port create bad --network private --mac-address zz',
  'port create bad --network private --disable-port-security --security-group default',
  'port create bad --network private --no-fixed-ip --security-group default',
  'port create bad --network private --disable-port-security --allowed-address ip-address=10.0.0.7',
  'port create bad --network private --security-group nope',
  'port create bad --network nope',
  'port create bad --network private --tag a --no-tag',
  'port create bad --network private --enable --disable',
  'port create bad --network private --fixed-ip ip-address=10.0.0.9 --no-fixed-ip',
  'port create bad --network private --vnic-type bogus',
  'port create --network private',
  'port set nope --name x',
  'port unset nope --all-tag',
  'port unset twin-a --tag a --all-tag',
]

/** Each change is applied by OSC to twin-a and by openstackoid to twin-b, in order (they build on each other). */
const CHANGES = [
  'port set PORT --fixed-ip subnet=private-subnet --tag c --binding-profile y=2 --description hi --allowed-address ip-address=10.0.0.98',
  'port set PORT --security-group web --tag a',
  'port set PORT --disable-port-security',
  'port set PORT --dns-domain x.',
  'port set PORT --disable --vnic-type macvtap --device d2 --device-owner owner --host h2 --dns-name n2 --name NAME',
  'port unset PORT --fixed-ip ip-address=10.0.0.1',
  'port unset PORT --binding-profile nope',
  'port unset PORT --security-group nope',
  'port unset PORT --allowed-address ip-address=10.0.0.98',
  'port unset PORT --qos-policy',
  'port unset PORT --binding-profile x --tag a --tag zz --host --security-group web',
  'port set PORT --no-allowed-address --no-security-group --disable-port-security --no-tag --tag z --no-binding-profile --binding-profile k=v',
  'port set PORT --no-fixed-ip --fixed-ip subnet=private-subnet --enable-port-security --security-group default --allowed-address ip-address=10.0.0.97',
  'port unset PORT --all-tag',
  'port set PORT',
]

describe('compatibility with python-openstackclient 6.0.0: port create, set, unset', function () {
  this.timeout(120_000)
  let w: World

  before(async function () {
    requireOsc(this)
    w = await world({instances: ['InstanceOne']})
    const twin = ['--network', 'private', '--tag', 'a', '--binding-profile', 'x=1', '--allowed-address', 'ip-address=10.0.0.98', '--fixed-ip', 'subnet=private-subnet', '--fixed-ip', 'subnet=private-subnet']
    await setUp(w, [
      ['security', 'group', 'create', 'web'],
      ['port', 'create', 'twin-a', ...twin],
      ['port', 'create', 'twin-b', ...twin],
    ])
  })
  after(async () => w?.stop())

  CREATES.forEach((flags, i) => {
    it(`openstack port create --network private ${flags}`, async () => {
      const args = (name: string) => [...CLOUD, 'port', 'create', name, '--network', 'private', ...flags.split(' '), '-f', 'json']
      const [theirs, ours] = [await runOsc(args(`osc-${i}`), w.env, w.dir), await w.run(args(`oid-${i}`))]
      assert.equal(ours.code, theirs.code, `OSC: ${theirs.stderr}\nours: ${ours.stderr}`)
      assert.equal(theirs.code, 0, theirs.stderr)
      assert.deepEqual(normalise(ours.stdout), normalise(theirs.stdout))
      const show = async (name: string) => normalise((await w.run([...CLOUD, 'port', 'show', name, '-f', 'json'])).stdout)
      assert.deepEqual(await show(`oid-${i}`), await show(`osc-${i}`))
    })
  })

  for (const line of REFUSED) {
    it(`openstack ${line}`, async () => {
      const {theirs, ours} = await assertSameAsOsc(w, line, [...CLOUD, ...line.split(' ')])
      assert.notEqual(theirs.code, 0)
      assert.doesNotMatch(ours.stderr, /\n\s+at /)
    })
  }

  it('made nothing for the refused creates', async () => {
    assert.equal((await w.run([...CLOUD, 'port', 'list', '--name', 'bad', '-f', 'value'])).stdout, '')
  })

  for (const line of CHANGES) {
    it(`openstack ${line}`, async () => {
      const args = (port: string) => [...CLOUD, ...line.replace('PORT', port).replace('NAME', port).split(' ')]
      const theirs = await runOsc(args('twin-a'), w.env, w.dir)
      const ours = await w.run(args('twin-b'))
      assert.equal(ours.stdout, theirs.stdout)
      assert.equal(ours.code, theirs.code, `OSC: ${theirs.stderr}\nours: ${ours.stderr}`)
      // OSC's own messages (not the HTTP errors, which each client words its way): the same first line.
      if (theirs.code !== 0 && !theirs.stderr.includes('Client Error')) assert.equal(ours.stderr.split('\n')[0], theirs.stderr.split('\n')[0])
      const show = async (port: string) => normalise((await w.run([...CLOUD, 'port', 'show', port, '-f', 'json'])).stdout)
      assert.deepEqual(await show('twin-b'), await show('twin-a'))
    })
  }
})
