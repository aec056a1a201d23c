import {strict as assert} from 'node:assert'
import {PassThrough, Readable} from 'node:stream'
import {gzipSync} from 'node:zlib'

import {ApiError, ConnectionError} from '../../../src/errors.js'
import {RequestLog} from '../../../src/http/log.js'
import {client, freePort, type LocalServer, rejection, sendJson, sendText, serve} from './helpers.js'

describe('core/http: HttpClient (local server)', function () {
  this.timeout(15_000)
  let server: LocalServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('parses a JSON body and sends Accept, User-Agent and (for json) Content-Type', async () => {
    server = await serve((req, res) => sendJson(res, 200, {images: [{id: 'i-1'}]}, {'x-openstack-request-id': 'req-1'}))
    const response = await client().request<{images: {id: string}[]}>({method: 'POST', url: `${server.origin}/v2/images`, json: {name: 'x'}})
    assert.equal(response.status, 200)
    assert.deepEqual(response.body, {images: [{id: 'i-1'}]})
    assert.equal(response.headers['x-openstack-request-id'], 'req-1')
    assert.equal(response.url, `${server.origin}/v2/images`)
    const seen = server.seen[0]
    assert.equal(seen.headers.accept, 'application/json')
    assert.equal(seen.headers['user-agent'], 'test')
    assert.equal(seen.headers['content-type'], 'application/json')
    assert.deepEqual(JSON.parse(seen.body), {name: 'x'})
  })

  it('a JSON body without a JSON content type is still parsed; text stays text; empty is undefined', async () => {
    server = await serve((req, res) => {
      if (req.url === '/json') sendText(res, 200, '{"a": 1}', 'text/plain')
      else if (req.url === '/text') sendText(res, 200, 'hello')
      else {
        res.writeHead(204)
        res.end()
      }
    })
    assert.deepEqual((await client().request({method: 'GET', url: `${server.origin}/json`})).body, {a: 1})
    assert.equal((await client().request({method: 'GET', url: `${server.origin}/text`})).body, 'hello')
    const empty = await client().request({method: 'DELETE', url: `${server.origin}/empty`})
    assert.equal(empty.status, 204)
    assert.equal(empty.body, undefined)
  })

  it('caller headers override the defaults; no Content-Type without a json body', async () => {
    server = await serve((req, res) => sendJson(res, 200, {}))
    await client().request({method: 'GET', url: `${server.origin}/x`, headers: {Accept: 'application/octet-stream', 'X-Auth-Token': 't'}})
    assert.equal(server.seen[0].headers.accept, 'application/octet-stream')
    assert.equal(server.seen[0].headers['x-auth-token'], 't')
    assert.equal(server.seen[0].headers['content-type'], undefined)
  })

  it('`accept` makes another status an answer (Keystone root: 300 Multiple Choices)', async () => {
    server = await serve((req, res) => sendJson(res, 300, {versions: {values: []}}))
    const response = await client().request({method: 'GET', url: server.origin, accept: (status) => status === 200 || status === 300})
    assert.equal(response.status, 300)
    assert.deepEqual(response.body, {versions: {values: []}})
    // without it, 300 is an error
    const error = await rejection(client().request({method: 'GET', url: server.origin}))
    assert.ok(error instanceof ApiError)
    assert.equal(error.status, 300)
  })

  it('a GET is retried on 503, then succeeds', async () => {
    server = await serve((req, res, body, count) => {
      if (count < 3) sendJson(res, 503, {serviceUnavailable: {code: 503, message: 'busy'}})
      else sendJson(res, 200, {ok: true})
    })
    const response = await client().request({method: 'GET', url: `${server.origin}/v2/images`})
    assert.deepEqual(response.body, {ok: true})
    assert.equal(server.count, 3)
  })

  it('a GET that keeps getting 503 gives up after 1 + retries attempts', async () => {
    server = await serve((req, res) => sendText(res, 503, '503 Service Unavailable\n\nThe server is currently unavailable.\n\n'))
    const error = await rejection(client().request({method: 'GET', url: `${server.origin}/v2/images`, instance: 'InstanceOne', service: 'image'}))
    assert.ok(error instanceof ApiError)
    assert.equal(error.status, 503)
    assert.equal(server.count, 3)
    assert.equal(error.message, 'InstanceOne (image): The server is currently unavailable. (HTTP 503)')
  })

  it('a POST is not retried on 503', async () => {
    server = await serve((req, res) => sendJson(res, 503, {serviceUnavailable: {code: 503, message: 'busy'}}))
    const error = await rejection(client().request({method: 'POST', url: `${server.origin}/servers`, json: {server: {}}}))
    assert.ok(error instanceof ApiError)
    assert.equal(error.status, 503)
    assert.equal(server.count, 1)
  })

  it('retry: false turns retries off for a GET; 4xx and 500 are never retried', async () => {
    server = await serve((req, res) => {
      if (req.url === '/503') sendJson(res, 503, {})
      else if (req.url === '/500') sendJson(res, 500, {computeFault: {code: 500, message: 'Unexpected API Error.'}})
      else sendJson(res, 404, {itemNotFound: {code: 404, message: 'nope'}})
    })
    await rejection(client().request({method: 'GET', url: `${server.origin}/503`, retry: false}))
    await rejection(client().request({method: 'GET', url: `${server.origin}/500`}))
    await rejection(client().request({method: 'GET', url: `${server.origin}/404`}))
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/503', '/500', '/404'],
    )
  })

  it('the ApiError message holds the API message, the HTTP status and the Request-ID', async () => {
    server = await serve((req, res) =>
      sendJson(res, 404, {itemNotFound: {code: 404, message: 'Image cirros could not be found.'}}, {'x-openstack-request-id': 'req-5483b4d7-83b9-427c-ab02-ed268869f79f'}),
    )
    const error = await rejection(client().request({method: 'GET', url: `${server.origin}/v2.1/servers/x`, instance: 'InstanceOne', service: 'compute'}))
    assert.ok(error instanceof ApiError)
    assert.equal(error.message, 'InstanceOne (compute): Image cirros could not be found. (HTTP 404) (Request-ID: req-5483b4d7-83b9-427c-ab02-ed268869f79f)')
    assert.equal(error.status, 404)
    assert.deepEqual(error.details, {
      instance: 'InstanceOne',
      service: 'compute',
      method: 'GET',
      url: `${server.origin}/v2.1/servers/x`,
      status: 404,
      apiMessage: 'Image cirros could not be found.',
      requestId: 'req-5483b4d7-83b9-427c-ab02-ed268869f79f',
    })
  })

  it('x-compute-request-id is the fallback request id; an empty body gives the status text', async () => {
    server = await serve((req, res) => {
      res.writeHead(403, {'x-compute-request-id': 'req-nova-1'})
      res.end()
    })
    const error = await rejection(client().request({method: 'DELETE', url: `${server.origin}/v2.1/servers/x`}))
    assert.ok(error instanceof ApiError)
    assert.equal(error.message, 'Forbidden (HTTP 403) (Request-ID: req-nova-1)')
    assert.equal(server.count, 1)
  })

  it('Keystone, Neutron and Glance envelopes reach the message', async () => {
    server = await serve((req, res) => {
      if (req.url === '/keystone') sendJson(res, 401, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}, {'WWW-Authenticate': 'Keystone uri="http://h/identity"'})
      else if (req.url === '/neutron') sendJson(res, 404, {NeutronError: {type: 'NetworkNotFound', message: 'Network n could not be found.', detail: ''}})
      else sendText(res, 404, '404 Not Found\n\nNo image found with ID x\n\n   ')
    })
    assert.match((await rejection(client().request({method: 'GET', url: `${server.origin}/keystone`}))).message, /^The request you have made requires authentication\. \(HTTP 401\)$/)
    assert.match((await rejection(client().request({method: 'GET', url: `${server.origin}/neutron`}))).message, /^Network n could not be found\. \(HTTP 404\)$/)
    assert.match((await rejection(client().request({method: 'GET', url: `${server.origin}/glance`}))).message, /^No image found with ID x \(HTTP 404\)$/)
  })

  it('connection refused → ConnectionError with a hint (a POST: no retry)', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/v3/auth/tokens`
    const error = await rejection(client().request({method: 'POST', url, json: {}, instance: 'InstanceOne', service: 'identity'}))
    assert.ok(error instanceof ConnectionError, String(error))
    assert.equal(error.timedOut, false)
    assert.equal(error.url, url)
    assert.equal(error.instance, 'InstanceOne')
    assert.match(error.message, new RegExp(`^Unable to reach the identity service of InstanceOne at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`))
    assert.match(error.hint ?? '', /Check that the service is running/)
  })

  it('connection refused on a GET is retried, then a ConnectionError', async () => {
    const port = await freePort()
    const lines: string[] = []
    const log = new RequestLog(true, (line) => lines.push(line))
    const error = await rejection(client({log}).request({method: 'GET', url: `http://127.0.0.1:${port}/`}))
    assert.ok(error instanceof ConnectionError)
    assert.equal(lines.filter((line) => line.startsWith('REQ: ')).length, 3)
    assert.equal(lines.filter((line) => line.startsWith('Retrying GET')).length, 2)
    assert.match(error.message, /^Unable to reach the cloud at/)
  })

  it('no answer within the timeout → ConnectionError timedOut', async () => {
    server = await serve(() => {
      // never answers
    })
    const started = Date.now()
    const error = await rejection(client().request({method: 'POST', url: `${server.origin}/slow`, json: {}, instance: 'InstanceTwo', service: 'image'}))
    assert.ok(error instanceof ConnectionError, String(error))
    assert.equal(error.timedOut, true)
    assert.equal(error.message, `Unable to reach the image service of InstanceTwo at ${server.origin}: no answer within 2 s.`)
    assert.match(error.hint ?? '', /--timeout/)
    assert.ok(Date.now() - started < 5000)
    assert.equal(server.count, 1)
  })

  it('the debug log of a request hashes the token', async () => {
    server = await serve((req, res) => sendJson(res, 200, {}, {'x-openstack-request-id': 'req-9'}))
    const lines: string[] = []
    const log = new RequestLog(true, (line) => lines.push(line))
    await client({log}).request({method: 'GET', url: `${server.origin}/v2/images`, headers: {'X-Auth-Token': 'gAAAAAsecret'}})
    const text = lines.join('\n')
    assert.ok(!text.includes('gAAAAAsecret'))
    assert.match(text, /X-Auth-Token: \{SHA256\}[0-9a-f]{64}/)
    assert.match(text, /used request id req-9/)
    assert.equal(log.timings.length, 1)
  })
  it('a gzip body is decoded (and gzip is offered); a stream() download is passed through as sent', async () => {
    server = await serve((req, res) => {
      const data = gzipSync(JSON.stringify({images: [{id: 'i-9'}]}))
      res.writeHead(200, {'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(data.length)})
      res.end(data)
    })
    const response = await client().request({method: 'GET', url: `${server.origin}/v2/images`})
    assert.deepEqual(response.body, {images: [{id: 'i-9'}]})
    assert.match(String(server.seen[0].headers['accept-encoding']), /gzip/)
    const download = await client().stream({method: 'GET', url: `${server.origin}/file`})
    const chunks: Buffer[] = []
    for await (const chunk of download.body) chunks.push(chunk as Buffer)
    assert.equal(server.seen[1].headers['accept-encoding'], undefined)
    assert.ok(Buffer.concat(chunks).subarray(0, 2).equals(Buffer.from([0x1f, 0x8b])))
  })

  it('a response cut short is retried for a GET, and is a ConnectionError for a POST', async () => {
    server = await serve((req, res, body, count) => {
      if (count === 1 || req.method === 'POST') {
        res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '100'})
        res.write('{"images": [')
        setTimeout(() => res.destroy(), 20)
      } else {
        sendJson(res, 200, {images: []})
      }
    })
    assert.deepEqual((await client().request({method: 'GET', url: `${server.origin}/v2/images`})).body, {images: []})
    assert.equal(server.count, 2)
    const error = await rejection(client().request({method: 'POST', url: `${server.origin}/v2/images`, json: {}, instance: 'InstanceOne', service: 'image'}))
    assert.ok(error instanceof ConnectionError, String(error))
    assert.match(error.message, /^Unable to reach the image service of InstanceOne at http:\/\/127\.0\.0\.1:\d+: /)
    assert.equal(server.count, 3)
  })

  it('stream() sends a streamed body with backpressure and resolves on the response', async () => {
    server = await serve((req, res, body) => sendJson(res, 201, {received: body.length}))
    const chunk = Buffer.alloc(64 * 1024, 7)
    const upload = Readable.from((function* () {
      for (let i = 0; i < 64; i++) yield chunk
    })())
    const response = await client().stream({method: 'PUT', url: `${server.origin}/v2/images/x/file`, body: upload, headers: {'Content-Type': 'application/octet-stream'}})
    assert.equal(response.status, 201)
    const text: Buffer[] = []
    for await (const part of response.body) text.push(part as Buffer)
    assert.deepEqual(JSON.parse(Buffer.concat(text).toString()), {received: 64 * 64 * 1024})
    assert.equal(server.seen[0].headers['transfer-encoding'], 'chunked')
  })

  it('stream(): an error status is an ApiError with the API message; a failing upload body aborts the request', async () => {
    server = await serve((req, res) => sendJson(res, 413, {message: 'Image exceeds the storage quota', code: '413 Request Entity Too Large', title: 'Request Entity Too Large'}))
    const error = await rejection(client().stream({method: 'PUT', url: `${server.origin}/v2/images/x/file`, body: Readable.from([Buffer.from('abc')]), instance: 'InstanceTwo', service: 'image'}))
    assert.ok(error instanceof ApiError, String(error))
    assert.equal(error.status, 413)
    await server.close()

    let aborted = false
    server = await serve(() => undefined)
    const body = new PassThrough()
    body.write('partial')
    const pending = client().stream({method: 'PUT', url: `${server.origin}/v2/images/y/file`, body, instance: 'InstanceTwo', service: 'image'})
    setTimeout(() => {
      aborted = true
      body.destroy(new Error('the source went away'))
    }, 50)
    const failure = await rejection(pending)
    assert.ok(aborted)
    assert.ok(failure instanceof ConnectionError, String(failure))
    assert.match(failure.message, /the source went away/)
  })

  it('stream(): a download that stalls mid-body fails after `timeout` seconds', async () => {
    server = await serve((req, res) => {
      res.writeHead(200, {'Content-Type': 'application/octet-stream', 'Content-Length': '1000'})
      res.write(Buffer.alloc(10))
    })
    const started = Date.now()
    const download = await client({timeout: 1}).stream({method: 'GET', url: `${server.origin}/file`})
    await assert.rejects(
      (async () => {
        for await (const _ of download.body) void _
      })(),
      (error: Error) => error.name === 'TimeoutError' && /no answer within 1 s/.test(error.message),
    )
    assert.ok(Date.now() - started < 4000)
  })
})
