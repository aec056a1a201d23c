// Expected strings checked against Python 3.11.
import assert from 'node:assert/strict'

import {UsageError} from '../../../src/errors.js'
import {render} from '../../../src/output/index.js'
import {floatRepr, repr} from '../../../src/output/python.js'
import {F, options} from './helpers.js'

describe('output: Python renderings', () => {
  it('writes floats as repr() does', () => {
    const cases: [number, string][] = [
      [0.1, '0.1'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [1e16, '1e+16'],
      [1.5e300, '1.5e+300'],
      [123456.789, '123456.789'],
      [-0.5, '-0.5'],
      [1e15 + 0.5, '1000000000000000.5'],
      [2 ** 60, '1.152921504606847e+18'],
      [Number.NaN, 'nan'],
      [-Infinity, '-inf'],
    ]
    for (const [x, text] of cases) assert.equal(floatRepr(x), text)
  })

  it('writes strings, lists and dicts as repr() does', () => {
    assert.equal(repr("it's"), `"it's"`)
    assert.equal(repr('a\'b"c'), `'a\\'b"c'`)
    assert.equal(repr('é\u00a0\n\x01\u200b😀'), `'é\\xa0\\n\\x01\\u200b😀'`)
    assert.equal(repr({k: [null, true, 1.5]}), `{'k': [None, True, 1.5]}`)
  })

  it('takes integral numbers beyond 2^53 for floats', () => {
    // JavaScript cannot tell 1e16 (a Python float) from 10000000000000000 (a Python int); the float is likelier.
    assert.equal(render({kind: 'show', fields: ['n'], values: [1e16]}, options({format: 'value'})), '1e+16\n')
    assert.equal(render({kind: 'show', fields: ['n'], values: [2 ** 53 - 1]}, options({format: 'value'})), '9007199254740991\n')
  })

  it('keeps the key order of a Map, which a plain object cannot for integer-like keys', () => {
    const machine = new Map<string, number>([['10', 1], ['a', 2], ['2', 3]])
    assert.equal(render({kind: 'show', fields: ['d'], values: [F(machine, '')]}, options({format: 'json', noindent: true})), '{"d": {"10": 1, "a": 2, "2": 3}}\n')
  })
})

describe('output: errors', () => {
  it('raises a UsageError (exit 2) when -c matches nothing', () => {
    assert.throws(
      () => render({kind: 'list', columns: ['ID'], rows: []}, options({columns: ['x']})),
      (error: unknown) => error instanceof UsageError && error.exitCode === 2,
    )
  })

  it('raises a UsageError with argparse wording for a format the view kind lacks', () => {
    assert.throws(() => render({kind: 'show', fields: ['id'], values: ['x']}, options({format: 'csv'})), {
      name: 'UsageError',
      message: "argument -f/--format: invalid choice: 'csv' (choose from 'json', 'shell', 'table', 'value', 'yaml')",
    })
    assert.throws(() => render({kind: 'list', columns: ['ID'], rows: []}, options({format: 'shell'})), {
      name: 'UsageError',
      message: "argument -f/--format: invalid choice: 'shell' (choose from 'csv', 'json', 'table', 'value', 'yaml')",
    })
  })
})
