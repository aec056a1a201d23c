// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f value', () => {
  it('writes list rows as values joined by spaces', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'value'})),
      [
        '8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e web-1 ACTIVE 10 True',
        '1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e db ERROR 2 False',
        '2b None  1.5 None',
        '',
      ].join('\n'),
    )
  })

  it('writes one value per line, Formatted cells as Python str() of the machine value', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'value'})),
      [
        '8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e',
        'say "hi"',
        '2026-01-01T12:00:00Z',
        '2026-01-01T12:00:00+0000',
        'False',
        'yes',
        '3',
        'None',
        '{\'b\': \'2\', \'a\': \'x y\', \'n\': None}',
        '[\'web\', \'prod\']',
        '',
      ].join('\n'),
    )
  })

  it('writes nothing for an empty list', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({format: 'value'})),
      '',
    )
  })

  it('writes repr of nested machine values', () => {
    assert.equal(
      render({kind: 'show', fields: ['a', 'b'], values: [F({k: 'it\'s', l: ['x', null, true, 1.5], q: 'say "hi"', u: 'é \n'}, ''), F('plain string', 'h')]}, options({format: 'value'})),
      [
        '{\'k\': "it\'s", \'l\': [\'x\', None, True, 1.5], \'q\': \'say "hi"\', \'u\': \'é\\xa0\\n\'}',
        'plain string',
        '',
      ].join('\n'),
    )
  })
})
