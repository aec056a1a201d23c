// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f json', () => {
  it('writes a list as an array of objects, indented by 2', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'json'})),
      [
        '[',
        '  {',
        '    "ID": "8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e",',
        '    "Name": "web-1",',
        '    "Status": "ACTIVE",',
        '    "Size": 10,',
        '    "Public": true',
        '  },',
        '  {',
        '    "ID": "1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e",',
        '    "Name": "db",',
        '    "Status": "ERROR",',
        '    "Size": 2,',
        '    "Public": false',
        '  },',
        '  {',
        '    "ID": "2b",',
        '    "Name": null,',
        '    "Status": "",',
        '    "Size": 1.5,',
        '    "Public": null',
        '  }',
        ']',
        '',
      ].join('\n'),
    )
  })

  it('writes a list on one line with --noindent', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'json', noindent: true})),
      '[{"ID": "8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e", "Name": "web-1", "Status": "ACTIVE", "Size": 10, "Public": true}, {"ID": "1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e", "Name": "db", "Status": "ERROR", "Size": 2, "Public": false}, {"ID": "2b", "Name": null, "Status": "", "Size": 1.5, "Public": null}]\n',
    )
  })

  it('writes one object in field order, Formatted cells as machine values', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'json'})),
      [
        '{',
        '  "id": "8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e",',
        '  "name": "say \\"hi\\"",',
        '  "created_at": "2026-01-01T12:00:00Z",',
        '  "updated": "2026-01-01T12:00:00+0000",',
        '  "is-public": false,',
        '  "os:flavor": "yes",',
        '  "Size": 3,',
        '  "description": null,',
        '  "properties": {',
        '    "b": "2",',
        '    "a": "x y",',
        '    "n": null',
        '  },',
        '  "tags": [',
        '    "web",',
        '    "prod"',
        '  ]',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('writes one object with --noindent', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'json', noindent: true})),
      '{"id": "8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e", "name": "say \\"hi\\"", "created_at": "2026-01-01T12:00:00Z", "updated": "2026-01-01T12:00:00+0000", "is-public": false, "os:flavor": "yes", "Size": 3, "description": null, "properties": {"b": "2", "a": "x y", "n": null}, "tags": ["web", "prod"]}\n',
    )
  })

  it('writes [] for an empty list', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({format: 'json'})),
      '[]\n',
    )
  })

  it('escapes non-ASCII and control characters', () => {
    assert.equal(
      render({kind: 'show', fields: ['name', 'emoji', 'ctl'], values: ['café 日本', '😀', 'tab\tnl\n"q" \\ \u0001']}, options({format: 'json'})),
      [
        '{',
        '  "name": "caf\\u00e9 \\u65e5\\u672c",',
        '  "emoji": "\\ud83d\\ude00",',
        '  "ctl": "tab\\tnl\\n\\"q\\" \\\\ \\u0001\\u007f"',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('writes nested and empty containers and floats as Python does', () => {
    assert.equal(
      render({kind: 'show', fields: ['nested', 'floats'], values: [F({a: [], b: {}, c: [{d: null, e: [1, true]}]}, ''), F([0.1, 1e-7, 1.5e+300, -2.5, 123456.789, 0.0001, 0.00001], '')]}, options({format: 'json'})),
      [
        '{',
        '  "nested": {',
        '    "a": [],',
        '    "b": {},',
        '    "c": [',
        '      {',
        '        "d": null,',
        '        "e": [',
        '          1,',
        '          true',
        '        ]',
        '      }',
        '    ]',
        '  },',
        '  "floats": [',
        '    0.1,',
        '    1e-07,',
        '    1.5e+300,',
        '    -2.5,',
        '    123456.789,',
        '    0.0001,',
        '    1e-05',
        '  ]',
        '}',
        '',
      ].join('\n'),
    )
  })
})
