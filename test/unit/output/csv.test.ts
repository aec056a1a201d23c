// Expected strings were produced by the real cliff 4.0 / prettytable 3.6 / PyYAML 6.0 (fixtures/cliff_render.py).
import assert from 'node:assert/strict'

import {render} from '../../../src/output/index.js'
import {F, options} from './helpers.js'

describe('render -f csv', () => {
  it('writes a header and rows, quoting non-numeric fields', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'csv'})),
      [
        '"ID","Name","Status","Size","Public"',
        '"8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e","web-1","ACTIVE",10,True',
        '"1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e","db","ERROR",2,False',
        '"2b","","",1.5,""',
        '',
      ].join('\n'),
    )
  })

  it('quotes every field with --quote all', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name', 'Status', 'Size', 'Public'], rows: [['8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e', 'web-1', 'ACTIVE', 10, true], ['1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e', 'db', 'ERROR', 2, false], ['2b', null, '', 1.5, null]]}, options({format: 'csv', quote: 'all'})),
      [
        '"ID","Name","Status","Size","Public"',
        '"8c1a2b3c-0000-4d6b-9a55-0c1a2b3c4d5e","web-1","ACTIVE","10","True"',
        '"1b1e3c1a-8f4e-4d6b-9a55-0c1a2b3c4d5e","db","ERROR","2","False"',
        '"2b","","","1.5",""',
        '',
      ].join('\n'),
    )
  })

  it('quotes only where needed with --quote minimal', () => {
    assert.equal(
      render({kind: 'list', columns: ['A', 'B'], rows: [['a,b', 'q"x'], ['back\\slash', 'nl\nx'], ['', null], [F(['x'], 'h'), 1]]}, options({format: 'csv', quote: 'minimal'})),
      [
        'A,B',
        '"a,b","q""x"',
        'back\\\\slash,"nl',
        'x"',
        ',',
        '[\'x\'],1',
        '',
      ].join('\n'),
    )
  })

  it('escapes instead of quoting with --quote none', () => {
    assert.equal(
      render({kind: 'list', columns: ['A', 'B'], rows: [['a,b', 'q"x'], ['back\\slash', 'nl\nx'], ['', null]]}, options({format: 'csv', quote: 'none'})),
      [
        'A,B',
        'a\\,b,q\\"x',
        'back\\\\slash,nl\\',
        'x',
        ',',
        '',
      ].join('\n'),
    )
  })

  it('quotes a lone empty field', () => {
    assert.equal(
      render({kind: 'list', columns: ['A'], rows: [[''], [null]]}, options({format: 'csv', quote: 'minimal'})),
      [
        'A',
        '""',
        '""',
        '',
      ].join('\n'),
    )
  })

  it('fails on a lone empty field with --quote none', () => {
    // cliff: Error: single empty field record must be quoted
    assert.throws(() => render({kind: 'list', columns: ['A'], rows: [['']]}, options({format: 'csv', quote: 'none'})), {message: 'single empty field record must be quoted'})
  })

  it('writes the header alone for an empty list', () => {
    assert.equal(
      render({kind: 'list', columns: ['ID', 'Name'], rows: []}, options({format: 'csv'})),
      '"ID","Name"\n',
    )
  })
})
