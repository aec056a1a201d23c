import {strict as assert} from 'node:assert'

import {OidError} from '../../../src/errors.js'
import {createServer, findFlavor, getKeypair, getServer, listFlavors, listServers} from '../../../src/services/compute.js'
import {findProject} from '../../../src/services/identity.js'
import {findNetwork, findPort, findSecurityGroup, listNetworks} from '../../../src/services/network.js'
import {sendJson, sendText, serve, type Handler, type LocalServer} from './helpers.js'
import {mount, type Mounted} from './service-helpers.js'

/** The error a malformed reply must give: an OidError naming the instance, the service, what and where. */
function readable(service: string, what: string, ...details: RegExp[]) {
  return (error: unknown) => {
    assert.ok(error instanceof OidError, `expected an OidError, got ${String(error)}`)
    assert.ok(!(error instanceof TypeError))
    assert.ok(error.message.startsWith(`InstanceOne's ${service} sent ${what} that openstackoid cannot read: `), error.message)
    assert.ok(!error.message.includes('\n'), 'one paragraph')
    for (const detail of details) assert.match(error.message, detail)
    return true
  }
}

describe('core/services: zod-checked Nova, Neutron and Keystone replies', () => {
  let server: LocalServer | undefined
  let mounted: Mounted | undefined

  async function start(type: string, path: string, handler: Handler) {
    server = await serve(handler)
    mounted = mount(server, type, path, type === 'compute' ? {minMicroversion: '2.1', maxMicroversion: '2.90'} : {})
    return mounted.client
  }

  afterEach(async () => {
    mounted?.cleanup()
    await server?.close()
    server = undefined
    mounted = undefined
  })

  describe('Nova', () => {
    it('a server list entry without an id: which entry, what was expected', async () => {
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 200, {servers: [{id: 's1'}, {name: 'no-id'}]}))
      await assert.rejects(listServers(client), readable('Nova', 'a server list', /expected string/, /servers\[1\]\.id/))
    })

    it('a reply that is not JSON (an HTML error page from a proxy, sent with 200)', async () => {
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendText(res, 200, '<html>gateway</html>', 'text/html'))
      await assert.rejects(listServers(client), readable('Nova', 'a server list'))
    })

    it('servers is not a list; a server status is a number; fault.message is not text', async () => {
      let body: unknown = {servers: {id: 's1'}}
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 200, body))
      await assert.rejects(listServers(client), readable('Nova', 'a server list', /servers/, /expected array/))
      body = {server: {id: 's1', status: 3}}
      await assert.rejects(getServer(client, 's1'), readable('Nova', 'a server', /server\.status/))
      body = {server: {id: 's1', status: 'ERROR', fault: {code: 500, message: ['No valid host']}}}
      await assert.rejects(getServer(client, 's1'), readable('Nova', 'a server', /server\.fault\.message/))
      body = {server: {id: 's1', addresses: {private: [{addr: 10}]}}}
      await assert.rejects(getServer(client, 's1'), readable('Nova', 'a server', /server\.addresses\.private\[0\]\.addr/))
    })

    it('loose: unknown fields (new microversions) are kept; image "" (boot from volume) and the 2.47 flavor are read', async () => {
      const reply = {
        id: 's1',
        name: 'web',
        status: 'ACTIVE',
        image: '',
        flavor: {original_name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1, ephemeral: 0, swap: 0, extra_specs: {}},
        addresses: {private: [{addr: '10.0.0.3', version: 4, 'OS-EXT-IPS:type': 'fixed'}]},
        'OS-EXT-STS:vm_state': 'active',
        pinned_availability_zone: null,
        links: [{rel: 'self', href: 'http://x/v2.1/servers/s1'}],
      }
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 200, {server: reply}))
      const got = await getServer(client, 's1')
      assert.deepEqual(got, reply)
      // the cloud's key order, not the schema's (server show -f json shows the flavor as it came)
      assert.equal(JSON.stringify(got), JSON.stringify(reply))
    })

    it('getServer: a 404 is still undefined (not a schema error)', async () => {
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 404, {itemNotFound: {code: 404, message: 'Instance s1 could not be found.'}}))
      assert.equal(await getServer(client, 's1'), undefined)
    })

    it('createServer: a 202 without an id, and one with neither server nor reservation', async () => {
      let body: unknown = {server: {links: []}}
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 202, body))
      await assert.rejects(createServer(client, {server: {name: 'x'}}), readable('Nova', 'the created server', /server\.id/))
      body = {reservation_id: 'r-1'}
      await assert.rejects(createServer(client, {server: {name: 'x'}}), {message: /returned no server \(reservation r-1\)/})
    })

    it('flavors: ram must be a number; a flavor list entry without a name', async () => {
      let body: unknown = {flavor: {id: '1', name: 'm1.tiny', ram: '512', vcpus: 1, disk: 1}}
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 200, body))
      await assert.rejects(findFlavor(client, '1'), readable('Nova', 'a flavor', /flavor\.ram/, /expected number/))
      body = {flavors: [{id: '1', ram: 512, vcpus: 1, disk: 1}]}
      await assert.rejects(listFlavors(client), readable('Nova', 'a flavor list', /flavors\[0\]\.name/))
    })

    it('a keypair without a name', async () => {
      const client = await start('compute', '/compute/v2.1', (_req, res) => sendJson(res, 200, {keypair: {fingerprint: 'aa:bb'}}))
      await assert.rejects(getKeypair(client, 'k'), readable('Nova', 'a keypair', /keypair\.name/))
    })
  })

  describe('Neutron', () => {
    it('a network list entry without an id; subnets that are not strings', async () => {
      let body: unknown = {networks: [{name: 'private'}]}
      const client = await start('network', '/v2.0', (_req, res) => sendJson(res, 200, body))
      await assert.rejects(listNetworks(client), readable('Neutron', 'a Network list', /networks\[0\]\.id/))
      body = {networks: [{id: 'n1', name: 'private', subnets: [{id: 's'}]}]}
      await assert.rejects(listNetworks(client), readable('Neutron', 'a Network list', /networks\[0\]\.subnets\[0\]/))
    })

    it('a list reply without its key', async () => {
      const client = await start('network', '/v2.0', (_req, res) => sendJson(res, 200, {}))
      await assert.rejects(listNetworks(client), readable('Neutron', 'a Network list', /networks/))
    })

    it('find by ID: a port without network_id, a security group whose name is null', async () => {
      let body: unknown = {port: {id: 'p1', name: ''}}
      const client = await start('network', '/v2.0', (_req, res) => sendJson(res, 200, body))
      await assert.rejects(findPort(client, 'p1'), readable('Neutron', 'a Port', /port\.network_id/))
      body = {security_group: {id: 'g1', name: null}}
      await assert.rejects(findSecurityGroup(client, 'g1'), readable('Neutron', 'a SecurityGroup', /security_group\.name/))
    })

    it('a good reply is returned whole (loose: tenant_id, provider:* nulls kept)', async () => {
      const network = {id: 'n1', name: 'private', subnets: ['s1'], tenant_id: 't', project_id: 't', 'provider:network_type': null, mtu: 0}
      const client = await start('network', '/v2.0', (_req, res) => sendJson(res, 200, {network}))
      const got = await findNetwork(client, 'n1')
      assert.deepEqual(got, network)
      assert.equal(JSON.stringify(got), JSON.stringify(network))
    })
  })

  describe('Keystone', () => {
    it('a project list that is not a list of {id, name}', async () => {
      const client = await start('identity', '/identity/v3', (req, res) => {
        if (req.url === '/identity/v3/projects/demo') return sendJson(res, 404, {error: {code: 404, message: 'Could not find project: demo.'}})
        return sendJson(res, 200, {projects: [{id: 7, name: 'demo'}]})
      })
      await assert.rejects(findProject(client, 'demo'), readable('Keystone', 'a project list', /"projects"/))
    })
  })
})
