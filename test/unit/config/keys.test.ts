import {strict as assert} from 'node:assert'

import {quickCheck} from '../../../src/config/keys.js'
import {validateConfigFile} from '../../../src/config/schema.js'

/** quickCheck lets a file through without loading zod: it must never accept what zod refuses. */
describe('config/keys quickCheck', () => {
  const values: unknown[] = [null, undefined, 'text', '', 0, 3, -1, 2.5, true, false, 'yes', 'maybe', '30', '1.5', ['a'], [1], [], {}, {a: 1}]
  const keys = ['password', 'auth_url', 'verify', 'insecure', 'openstackoid', 'api_timeout', 'region_name', 'identity_api_version', 'interface', 'cacert']

  function agree(data: unknown): void {
    const zodOk = validateConfigFile(data).length === 0
    const quick = quickCheck(data)
    assert.ok(!quick || zodOk, `quickCheck accepted what zod refuses: ${JSON.stringify(data)}`)
    assert.equal(quick, zodOk, `quickCheck and zod disagree on ${JSON.stringify(data)}`)
  }

  it('agrees with the zod schema on every typed top-level key', () => {
    for (const key of keys) for (const value of values) agree({clouds: {c: {[key]: value}}})
  })

  it('agrees on auth values and on auth itself', () => {
    for (const value of values) {
      agree({clouds: {c: {auth: {password: value}}}})
      agree({clouds: {c: {auth: value}}})
      agree({'public-clouds': {v: {auth: {auth_url: value}}}})
    }
  })

  it('agrees on regions', () => {
    for (const value of values) {
      agree({clouds: {c: {regions: value}}})
      agree({clouds: {c: {regions: [value]}}})
      agree({clouds: {c: {regions: [{name: 'R', values: value}]}}})
      agree({clouds: {c: {regions: [{name: 'R', values: {verify: value}}]}}})
      agree({clouds: {c: {regions: [{name: value}]}}})
    }

    agree({clouds: {c: {regions: [{name: 'R', other: 1}]}}})
  })

  it('agrees on the file shape', () => {
    for (const value of values) {
      agree(value)
      agree({clouds: value})
      agree({clouds: {c: value}})
    }
  })
})
