// A corpus of views rendered by the real cliff 4.0 (prettytable 3.6, PyYAML 6.0, Python 3.11) with
// fixtures/cliff_render.py: every format, -c, sorting, wrapping at many widths, odd strings and numbers.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'

import {Cell, Formatted, render, View} from '../../../src/output/index.js'
import {options} from './helpers.js'

interface Case {
  view: {kind: 'list'; columns: string[]; rows: unknown[][]} | {kind: 'show'; fields: string[]; values: unknown[]}
  options: Parameters<typeof options>[0]
  out?: string
  error?: string
}

/** The corpus writes a Formatted cell as {"$f": [machine, human]}. */
function cell(value: unknown): Cell {
  if (typeof value === 'object' && value !== null && '$f' in value) {
    const [machine, human] = (value as {$f: [unknown, string]}).$f
    return new Formatted(machine, human)
  }
  return value as Cell
}

function view(spec: Case['view']): View {
  return spec.kind === 'list'
    ? {kind: 'list', columns: spec.columns, rows: spec.rows.map((row) => row.map(cell))}
    : {kind: 'show', fields: spec.fields, values: spec.values.map(cell)}
}

// Compiled to dist/test/unit/output/; the corpus stays in the sources.
const corpus = new URL('../../../../test/unit/output/fixtures/cliff-golden.json', import.meta.url)
const cases = JSON.parse(readFileSync(corpus, 'utf8')) as Case[]

describe('render matches cliff on the golden corpus', () => {
  for (const [i, c] of cases.entries()) {
    const name = `#${i} ${c.view.kind} ${JSON.stringify(c.options)}`
    it(name, () => {
      if (c.error === undefined) assert.equal(render(view(c.view), options(c.options)), c.out)
      // cliff raises ValueError: the message is the same.
      else assert.throws(() => render(view(c.view), options(c.options)), {message: c.error.replace(/^\w+: /, '')})
    })
  }
})
