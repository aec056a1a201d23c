// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render: -c, --sort-column and format checks', () => {
  it('keeps the command column order for -c, ignoring unknown and repeated names', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'value', columns: ['Size', 'ID', 'nope', 'Size']})),
      [
        '8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e 10',
        '1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e 2',
        '2b 1.5',
        '',
      ].join('\n'),
    )
  })

  it('rejects -c when no name matches (list)', () => {
    // cliff: ValueError: No recognized column names in ['nope', 'other']. Recognized columns are ('ID', 'Name', 'Status', 'Size', 'Public').
    assert.throws(() => render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({columns: ['nope', 'other']})), {message: 'No recognized column names in [\'nope\', \'other\']. Recognized columns are (\'ID\', \'Name\', \'Status\', \'Size\', \'Public\').'})
  })

  it('rejects -c when no name matches (one column)', () => {
    // cliff: ValueError: No recognized column names in ['nope']. Recognized columns are ('id',).
    assert.throws(() => render({kind: 'show', fields: ['id'], values: ['x']}, options({columns: ['nope']})), {message: 'No recognized column names in [\'nope\']. Recognized columns are (\'id\',).'})
  })

  it('selects fields of a show view', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'value', columns: ['name', 'id']})),
      [
        '8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e',
        'say "hi"',
        '',
      ].join('\n'),
    )
  })

  it('sorts ascending with None last', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['Size']})),
      [
        'a 1 None',
        'b 2 None',
        'a 10 z1',
        'c None z2',
        '',
      ].join('\n'),
    )
  })

  it('sorts descending with None first', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['Size'], sortDirection: 'desc'})),
      [
        'c None z2',
        'a 10 z1',
        'b 2 None',
        'a 1 None',
        '',
      ].join('\n'),
    )
  })

  it('sorts on several columns, the first named first', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['Name', 'Size']})),
      [
        'a 1 None',
        'a 10 z1',
        'b 2 None',
        'c None z2',
        '',
      ].join('\n'),
    )
  })

  it('keeps equal rows in their order when sorting descending', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['Name'], sortDirection: 'desc'})),
      [
        'c None z2',
        'b 2 None',
        'a 10 z1',
        'a 1 None',
        '',
      ].join('\n'),
    )
  })

  it('ignores unknown sort columns', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['nope', 'Zone']})),
      [
        'a 10 z1',
        'c None z2',
        'b 2 None',
        'a 1 None',
        '',
      ].join('\n'),
    )
  })

  it('sorts on a column that -c leaves out', () => {
    assert.equal(
      render({kind: 'list', columns: ['Name', 'Size', 'Zone'], rows: [['b', 2, null], ['a', 10, 'z1'], ['c', null, 'z2'], ['a', 1, null]]}, options({format: 'value', sortColumns: ['Size'], columns: ['Name']})),
      [
        'a',
        'b',
        'a',
        'c',
        '',
      ].join('\n'),
    )
  })

  it('leaves a column of mixed types unsorted', () => {
    assert.equal(
      render({kind: 'list', columns: ['A', 'B'], rows: [['x', 2], [1, 1], ['y', 3]]}, options({format: 'value', sortColumns: ['A', 'B']})),
      [
        '1 1',
        'x 2',
        'y 3',
        '',
      ].join('\n'),
    )
  })

  it('sorts Formatted cells on their machine values', () => {
    assert.equal(
      render({kind: 'list', columns: ['A'], rows: [[F(['b'], 'z')], [F(['a', 'c'], 'y')], [F(['a'], 'x')]]}, options({format: 'value', sortColumns: ['A']})),
      [
        '[\'a\']',
        '[\'a\', \'c\']',
        '[\'b\']',
        '',
      ].join('\n'),
    )
  })
})
