import {strict as assert} from 'node:assert'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createServer, type Server} from 'node:https'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ConnectionError} from '../../../src/errors.js'
import {client, rejection, selfSignedCertificate} from './helpers.js'

/** HTTPS through the one client: verification on by default, --insecure, --os-cacert. */
describe('core/http: HttpClient over TLS (self-signed certificate for 127.0.0.1)', function () {
  this.timeout(20_000)
  let dir = ''
  let server: Server | undefined
  let origin = ''

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'oid-tls-'))
    if (!selfSignedCertificate(dir)) this.skip()

    server = createServer({key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))}, (req, res) => {
      res.writeHead(200, {'Content-Type': 'application/json'})
      res.end(JSON.stringify({version: {id: 'v3.14'}}))
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  after(async () => {
    server?.closeAllConnections()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    rmSync(dir, {recursive: true, force: true})
  })

  it('an unknown CA is refused, with the reason, and not retried into success', async () => {
    const error = await rejection(client().request({method: 'GET', url: `${origin}/v3`, instance: 'InstanceOne', service: 'identity'}))
    assert.ok(error instanceof ConnectionError, String(error))
    assert.match(error.message, /^Unable to reach the identity service of InstanceOne at https:\/\/127\.0\.0\.1:\d+: self[- ]signed certificate/)
  })

  it('--insecure (verify: false) accepts it', async () => {
    const response = await client({verify: false}).request({method: 'GET', url: `${origin}/v3`})
    assert.deepEqual(response.body, {version: {id: 'v3.14'}})
  })

  it('--os-cacert with the certificate accepts it', async () => {
    const response = await client({cacert: join(dir, 'cert.pem')}).request({method: 'GET', url: `${origin}/v3`})
    assert.deepEqual(response.body, {version: {id: 'v3.14'}})
  })
})
