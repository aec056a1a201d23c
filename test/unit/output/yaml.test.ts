// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f yaml', () => {
  it('writes a list with keys sorted', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'yaml'})),
      [
        '- ID: 8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e',
        '  Name: web-1',
        '  Public: true',
        '  Size: 10',
        '  Status: ACTIVE',
        '- ID: 1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e',
        '  Name: db',
        '  Public: false',
        '  Size: 2',
        '  Status: ERROR',
        '- ID: 2b',
        '  Name: null',
        '  Public: null',
        '  Size: 1.5',
        '  Status: \'\'',
        '',
      ].join('\n'),
    )
  })

  it('writes one object field by field in field order', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'yaml'})),
      [
        'id: 8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e',
        'name: say "hi"',
        'created_at: \'2026-01-01T12:00:00Z\'',
        'updated: 2026-01-01T12:00:00+0000',
        'is-public: false',
        'os:flavor: \'yes\'',
        'Size: 3',
        'description: null',
        'properties:',
        '  a: x y',
        '  b: \'2\'',
        '  n: null',
        'tags:',
        '- web',
        '- prod',
        '',
      ].join('\n'),
    )
  })

  it('writes [] for an empty list', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({format: 'yaml'})),
      '[]\n',
    )
  })

  it('quotes strings that would read back as another type', () => {
    assert.equal(
      render({kind: 'show', fields: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r'], values: ['', 'null', '~', 'yes', 'Off', '123', '0x1F', '1.5', '1:20', '.inf', '2026-01-01', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00.123456', '2026-01-01T12:00:00+0000', '10.0.0.1', '1e5', '<<', '=']}, options({format: 'yaml'})),
      [
        'a: \'\'',
        'b: \'null\'',
        'c: \'~\'',
        'd: \'yes\'',
        'e: \'Off\'',
        'f: \'123\'',
        'g: \'0x1F\'',
        'h: \'1.5\'',
        'i: \'1:20\'',
        'j: \'.inf\'',
        'k: \'2026-01-01\'',
        'l: \'2026-01-01T12:00:00Z\'',
        'm: \'2026-01-01T12:00:00.123456\'',
        'n: 2026-01-01T12:00:00+0000',
        'o: 10.0.0.1',
        'p: 1e5',
        'q: \'<<\'',
        'r: \'=\'',
        '',
      ].join('\n'),
    )
  })

  it('quotes strings that plain style cannot carry', () => {
    assert.equal(
      render({kind: 'show', fields: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'], values: [' lead', 'trail ', '- x', 'a: b', 'a #b', '#x', '[x]', 'it\'s', '"dq"', '@x', 'a:b,c#d-e']}, options({format: 'yaml'})),
      [
        'a: \' lead\'',
        'b: \'trail \'',
        'c: \'- x\'',
        'd: \'a: b\'',
        'e: \'a #b\'',
        'f: \'#x\'',
        'g: \'[x]\'',
        'h: it\'s',
        'i: \'"dq"\'',
        'j: \'@x\'',
        'k: a:b,c#d-e',
        '',
      ].join('\n'),
    )
  })

  it('escapes non-ASCII text in double quotes', () => {
    assert.equal(
      render({kind: 'show', fields: ['name', 'emoji', 'tab'], values: ['café 日本', '😀', 'a\tb']}, options({format: 'yaml'})),
      [
        'name: "caf\\xE9 \\u65E5\\u672C"',
        'emoji: "\\U0001F600"',
        'tab: "a\\tb"',
        '',
      ].join('\n'),
    )
  })

  it('writes multi-line text in single quotes', () => {
    assert.equal(
      render({kind: 'show', fields: ['text'], values: ['line one\nline two\n\nline four']}, options({format: 'yaml'})),
      [
        'text: \'line one',
        '',
        '  line two',
        '',
        '',
        '  line four\'',
        '',
      ].join('\n'),
    )
  })

  it('folds long scalars past column 80', () => {
    assert.equal(
      render({kind: 'show', fields: ['plain', 'quoted', 'escaped'], values: ['Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 'it\'s Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.', 'é Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.']}, options({format: 'yaml'})),
      [
        'plain: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor',
        '  incididunt ut labore et dolore magna aliqua.',
        'quoted: it\'s Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod',
        '  tempor incididunt ut labore et dolore magna aliqua.',
        'escaped: "\\xE9 Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\\',
        '  \\ tempor incididunt ut labore et dolore magna aliqua."',
        '',
      ].join('\n'),
    )
  })

  it('writes nested values, sequences unindented under keys', () => {
    assert.equal(
      render({kind: 'show', fields: ['addresses', 'list'], values: [F({net1: [{addr: '10.0.0.1', version: 4}, {addr: 'fe80::1', version: 6}], empty: [], none: {}}, ''), F([['a', 'b'], [], {k: 'v'}, 1.5, null, true], '')]}, options({format: 'yaml'})),
      [
        'addresses:',
        '  empty: []',
        '  net1:',
        '  - addr: 10.0.0.1',
        '    version: 4',
        '  - addr: fe80::1',
        '    version: 6',
        '  none: {}',
        'list:',
        '- - a',
        '  - b',
        '- []',
        '- k: v',
        '- 1.5',
        '- null',
        '- true',
        '',
      ].join('\n'),
    )
  })

  it('quotes keys that need it', () => {
    assert.equal(
      render({kind: 'show', fields: ['d'], values: [F({'': 1, yes: 2, 'a b': 3, 'x: y': 4, kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 5}, '')]}, options({format: 'yaml'})),
      [
        'd:',
        '  ? \'\'',
        '  : 1',
        '  a b: 3',
        '  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk',
        '  : 5',
        '  \'x: y\': 4',
        '  \'yes\': 2',
        '',
      ].join('\n'),
    )
  })
})
