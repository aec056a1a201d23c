// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f shell', () => {
  it('writes name="value" lines with shell-safe names', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'shell'})),
      [
        'id="8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e"',
        'name="say \\"hi\\""',
        'created_at="2026-01-01T12:00:00Z"',
        'updated="2026-01-01T12:00:00+0000"',
        'is_public="False"',
        'os_flavor="yes"',
        'size="3"',
        'description="None"',
        'properties="{\'b\': \'2\', \'a\': \'x y\', \'n\': None}"',
        'tags="[\'web\', \'prod\']"',
        '',
      ].join('\n'),
    )
  })

  it('prefixes names with --prefix', () => {
    assert.equal(
      render({kind: 'show', fields: ['id', 'name', 'created_at', 'updated', 'is-public', 'os:flavor', 'Size', 'description', 'properties', 'tags'], values: ['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'say "hi"', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00+0000', false, 'yes', 3, null, F({b: '2', a: 'x y', n: null}, 'a=\'x y\', b=\'2\', n='), F(['web', 'prod'], 'web, prod')]}, options({format: 'shell', prefix: 'os_', columns: ['id', 'Size']})),
      [
        'os_id="8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e"',
        'os_size="3"',
        '',
      ].join('\n'),
    )
  })
})
