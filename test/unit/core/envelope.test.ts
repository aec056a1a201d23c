import {strict as assert} from 'node:assert'

import {errorMessage} from '../../../src/http/envelope.js'

describe('core/envelope: errorMessage', () => {
  it('Nova {"itemNotFound": {code, message}}', () => {
    assert.equal(errorMessage({itemNotFound: {code: 404, message: 'Instance nope could not be found.'}}), 'Instance nope could not be found.')
  })

  it('any Nova fault name, taken generically (overLimit with retryAfter, forbidden quota)', () => {
    assert.equal(errorMessage({overLimit: {code: 413, message: 'Quota exceeded.', retryAfter: '0'}}), 'Quota exceeded.')
    assert.equal(
      errorMessage({forbidden: {code: 403, message: 'Quota exceeded for cores: Requested 2, but already used 20 of 20 cores'}}),
      'Quota exceeded for cores: Requested 2, but already used 20 of 20 cores',
    )
    assert.equal(errorMessage({someFutureFault: {code: 418, message: 'New  fault\n name'}}), 'New fault name')
  })

  it('Keystone {"error": {code, title, message}}', () => {
    assert.equal(
      errorMessage({error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}),
      'The request you have made requires authentication.',
    )
  })

  it('Neutron {"NeutronError": {type, message, detail}}', () => {
    assert.equal(
      errorMessage({NeutronError: {type: 'NetworkNotFound', message: 'Network 5f1c could not be found.', detail: ''}}),
      'Network 5f1c could not be found.',
    )
  })

  it('Glance / webob plain text: the detail, not the status line', () => {
    assert.equal(errorMessage('404 Not Found\n\nNo image found with ID x\n\n   '), 'No image found with ID x')
    assert.equal(errorMessage('409 Conflict\n\nImage status transition from active to deleted is not allowed\n\n   '), 'Image status transition from active to deleted is not allowed')
  })

  it('webob HTML: tags and the title dropped, the detail kept', () => {
    const html = '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID x<br /><br />\n\n\n\n </body>\n</html>'
    assert.equal(errorMessage(html), 'No image found with ID x')
  })

  it('a bare status line is kept when there is nothing else', () => {
    assert.equal(errorMessage('503 Service Unavailable'), '503 Service Unavailable')
    assert.equal(errorMessage('<html><body><h1>502 Bad Gateway</h1></body></html>'), '502 Bad Gateway')
  })

  it('{"message": ...} at the top level (Glance JSON, Placement)', () => {
    assert.equal(errorMessage({message: 'No image found with ID x', code: '404 Not Found', title: 'Not Found'}), 'No image found with ID x')
  })

  it('webob JSON (Glance answering Accept: application/json): the message is used', () => {
    const body = {message: 'No image found with ID x<br /><br />\n\n\n', code: '404 Not Found', title: 'Not Found'}
    assert.match(errorMessage(body) ?? '', /^No image found with ID x/)
  })

  // Regression (was a bug): HttpClient sends `Accept: application/json`, so Glance's webob errors come as webob's JSON
  // rendering, whose message keeps the HTML template's line breaks. Bytes from webob 1.8
  // HTTPNotFound(explanation='No image found with ID x') with that Accept header:
  // {"message": "No image found with ID x<br /><br />\n\n\n", "code": "404 Not Found", "title": "Not Found"}.
  // Expected "No image found with ID x"; errorMessage returns "No image found with ID x<br /><br />".
  it('webob JSON: the <br /> of the webob template is not part of the message', () => {
    const body = {message: 'No image found with ID x<br /><br />\n\n\n', code: '404 Not Found', title: 'Not Found'}
    assert.equal(errorMessage(body), 'No image found with ID x')
    assert.equal(errorMessage(JSON.stringify(body)), 'No image found with ID x')
  })

  it('JSON that came as text (wrong content type) is read as JSON', () => {
    assert.equal(errorMessage('  {"itemNotFound": {"code": 404, "message": "Flavor m1.huge could not be found."}}\n'), 'Flavor m1.huge could not be found.')
  })

  it('a title alone is used when there is no message', () => {
    assert.equal(errorMessage({title: 'Conflict'}), 'Conflict')
  })

  it('an empty body or one without a message gives undefined (the caller uses the status text)', () => {
    for (const body of [undefined, null, '', '   \n  ', 0, true, {}, [], {receipt: {methods: ['password']}, required_auth_methods: [['password', 'totp']]}]) {
      assert.equal(errorMessage(body), undefined, JSON.stringify(body))
    }
  })
})
