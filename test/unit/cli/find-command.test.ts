import {strict as assert} from 'node:assert'

import {damerauLevenshtein, findCommand, fuzzyMatches} from '../../../src/cli/find-command.js'

/** cliff's command lookup; the expected values are what cliff 4 (Debian) computes for the same input. */
describe('cli/find-command: cliff\'s find_command and fuzzy matches', () => {
  const NAMES = ['server list', 'server show', 'service list', 'image list', 'image show', 'image member list', 'token issue']

  it('damerau_levenshtein with cliff\'s costs', () => {
    const cases: [string, string, number][] = [
      ['imag', 'image', 1],
      ['foo', 'flavor', 5],
      ['srever', 'server', 0],
      ['', 'abc', 3],
      ['abc', '', 9],
      ['nope', 'scope', 3],
      ['tokne', 'token', 0],
      ['catalgo', 'catalog', 0],
    ]
    for (const [a, b, expected] of cases) assert.equal(damerauLevenshtein(a, b), expected, `${a} ${b}`)
  })

  it('exact names, longest first, the rest are arguments', () => {
    assert.deepEqual(findCommand(['image', 'show', 'cirros', '-f', 'json'], NAMES), {name: 'image show', argv: ['cirros', '-f', 'json']})
  })

  it('each word a prefix, when only one command matches', () => {
    assert.deepEqual(findCommand(['imag', 'sh', 'cirros'], NAMES), {name: 'image show', argv: ['cirros']})
    assert.deepEqual(findCommand(['i', 'm', 'l'], NAMES), {name: 'image member list', argv: []})
    assert.equal(findCommand(['serv', 'lis'], NAMES), undefined, 'server list and service list')
    assert.equal(findCommand(['imag', 'lst'], NAMES), undefined)
  })

  it('words after the first option are never command words', () => {
    assert.equal(findCommand(['image', '-f', 'list'], NAMES), undefined)
  })

  it('fuzzy: every command starting with the word, then the closest tier', () => {
    assert.deepEqual(fuzzyMatches('imag', NAMES), ['image list', 'image member list', 'image show', 'token issue'])
    assert.deepEqual(fuzzyMatches('tokne', NAMES), ['token issue'])
  })
})
