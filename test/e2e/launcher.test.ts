import {strict as assert} from 'node:assert'
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:https'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'

import {selfSignedCertificate} from '../unit/core/helpers.js'

/**
 * bin/run.js run as a program (`openstackoid …`, its #!/bin/sh line): NODE_EXTRA_CA_CERTS is taken
 * out of Node's start-up (which reads it for every command, ~40 ms) and its certificates are added
 * by the HTTP client to Node's own for https requests, so a cloud signed by that CA still works.
 */
describe('e2e: bin/run.js as a program, and NODE_EXTRA_CA_CERTS', function () {
  this.timeout(60_000)
  const BIN = resolve(import.meta.dirname, '../../../bin/run.js')
  let dir = ''
  let server: Server | undefined
  let port = 0
  const seen: string[] = []

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'oid-launcher-'))
    if (!selfSignedCertificate(dir)) this.skip()

    // A Keystone that refuses every password: enough to see the TLS handshake succeed or fail.
    server = createServer({key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))}, (req, res) => {
      seen.push(`${req.method} ${req.url}`)
      req.resume()
      res.writeHead(401, {'Content-Type': 'application/json'})
      res.end(JSON.stringify({error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}))
    })
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
    port = (server.address() as AddressInfo).port
    writeFileSync(join(dir, 'clouds.yaml'), `clouds:\n  tls:\n    identity_api_version: 3\n    auth:\n      auth_url: https://127.0.0.1:${port}/v3\n      username: u\n      password: p\n      project_name: p\n      user_domain_name: Default\n      project_domain_name: Default\n`)
  })

  after(async () => {
    server?.closeAllConnections()
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()))
    rmSync(dir, {recursive: true, force: true})
  })

  /** Runs the file itself, as a shell runs `openstackoid`; `node` is the one running the tests. */
  const program = async (args: string[], env: Record<string, string>) =>
    new Promise<{code: number; stdout: string; stderr: string}>((done) => {
      const base = {PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), LC_ALL: 'C.UTF-8'}
      execFile(BIN, args, {env: {...base, ...env}, encoding: 'utf8'}, (error, stdout, stderr) => done({code: error ? Number(error.code ?? 1) : 0, stdout, stderr}))
    })

  it('runs as a program (the shell line starts node on the file)', async () => {
    const run = await program(['--version'], {})
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^openstackoid\/\d+\.\d+\.\d+ /)
  })

  it('without the CA: the self-signed certificate is refused', async () => {
    const run = await program(['--os-cloud', 'tls', 'token', 'issue'], {})
    assert.equal(run.code, 1)
    assert.match(run.stderr, /self[- ]signed certificate/)
  })

  it('NODE_EXTRA_CA_CERTS naming the CA: the handshake succeeds and Keystone answers (here, 401)', async () => {
    seen.length = 0
    const run = await program(['--os-cloud', 'tls', 'token', 'issue'], {NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem')})
    assert.equal(run.code, 1)
    assert.doesNotMatch(run.stderr, /certificate/)
    assert.match(run.stderr, /401/)
    assert.ok(seen.includes('POST /v3/auth/tokens'), seen.join(', '))
  })

  it('NODE_EXTRA_CA_CERTS naming a file that cannot be read: Node\'s warning, and the CA is not trusted', async () => {
    const run = await program(['--os-cloud', 'tls', 'token', 'issue'], {NODE_EXTRA_CA_CERTS: join(dir, 'missing.pem')})
    assert.equal(run.code, 1)
    assert.match(run.stderr, /^Warning: Ignoring extra certs from `\S+missing\.pem`, load failed: /)
    assert.match(run.stderr, /self[- ]signed certificate/)
  })
})
