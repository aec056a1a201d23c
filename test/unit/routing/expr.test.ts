import {strict as assert} from 'node:assert'

import {UsageError} from '../../../src/errors.js'
import {type Expr, format, names, parseExpr} from '../../../src/routing/index.js'

const n = (name: string): Expr => ({kind: 'name', name})
const and = (...items: Expr[]): Expr => ({kind: 'and', items})
const or = (...items: Expr[]): Expr => ({kind: 'or', items})

const HELP =
  'Names are joined by & (every instance) and | (the first that works); & binds tighter than |, ' +
  'and parentheses group. Names may hold any character but & | ( ) ", e.g. "InstanceOne & (InstanceTwo | InstanceThree)".'

function fails(text: string, reason: string): void {
  assert.throws(
    () => parseExpr(text),
    (error: unknown) => {
      assert.ok(error instanceof UsageError)
      assert.equal(error.exitCode, 2)
      assert.equal(error.message, `Invalid instance expression ${JSON.stringify(text)}: ${reason}.`)
      assert.equal(error.hint, HELP)
      return true
    },
  )
}

describe('scope/expr', () => {
  describe('parseExpr', () => {
    it('parses one name', () => {
      assert.deepEqual(parseExpr('InstanceOne'), n('InstanceOne'))
      assert.deepEqual(parseExpr('  InstanceOne  '), n('InstanceOne'))
    })

    it('gives & precedence over |', () => {
      assert.deepEqual(parseExpr('A | B & C'), or(n('A'), and(n('B'), n('C'))))
      assert.deepEqual(parseExpr('A & B | C'), or(and(n('A'), n('B')), n('C')))
      assert.deepEqual(parseExpr('A&B|C&D'), or(and(n('A'), n('B')), and(n('C'), n('D'))))
    })

    it('groups with parentheses', () => {
      assert.deepEqual(parseExpr('(A | B) & C'), and(or(n('A'), n('B')), n('C')))
      assert.deepEqual(parseExpr('A & (B | C)'), and(n('A'), or(n('B'), n('C'))))
      assert.deepEqual(parseExpr('((A))'), n('A'))
      assert.deepEqual(parseExpr('(A | (B & (C | D)))'), or(n('A'), and(n('B'), or(n('C'), n('D')))))
    })

    it('flattens chains and nested groups of the same operator', () => {
      assert.deepEqual(parseExpr('A & B & C'), and(n('A'), n('B'), n('C')))
      assert.deepEqual(parseExpr('A & (B & C)'), and(n('A'), n('B'), n('C')))
      assert.deepEqual(parseExpr('A | B | C'), or(n('A'), n('B'), n('C')))
      assert.deepEqual(parseExpr('(A | B) | C'), or(n('A'), n('B'), n('C')))
    })

    it('parses the expressions of OpenStackoïd examples/dispatcher.py', () => {
      assert.deepEqual(parseExpr('Instance2 & (Instance3 | Instance1)'), and(n('Instance2'), or(n('Instance3'), n('Instance1'))))
      assert.deepEqual(parseExpr('(Instance3 & Instance1) | Instance2'), or(and(n('Instance3'), n('Instance1')), n('Instance2')))
      assert.deepEqual(parseExpr('Instance2 | Instance1 & Instance3'), or(n('Instance2'), and(n('Instance1'), n('Instance3'))))
      assert.deepEqual(parseExpr('CloudOne&CloudTwo'), and(n('CloudOne'), n('CloudTwo')))
    })

    it('accepts names that are not identifiers', () => {
      assert.deepEqual(parseExpr('cloud-1 & region.two | Région_3'), or(and(n('cloud-1'), n('region.two')), n('Région_3')))
      assert.deepEqual(parseExpr('3rd-cloud'), n('3rd-cloud'))
      assert.deepEqual(parseExpr('東京|b@c:1/2'), or(n('東京'), n('b@c:1/2')))
    })

    it('keeps spaces inside a name and drops those around it', () => {
      assert.deepEqual(parseExpr(' New York &\tParis '), and(n('New York'), n('Paris')))
      assert.deepEqual(parseExpr('A B'), n('A B'))
    })

    it('refuses an empty expression', () => {
      fails('', 'the expression is empty')
      fails('   ', 'the expression is empty')
    })

    it('reports syntax errors with their position', () => {
      fails('A & & B', 'expected an instance name or "(" at position 5, found "&"')
      fails('& A', 'expected an instance name or "(" at position 1, found "&"')
      fails('A |', 'expected an instance name or "(" at the end')
      fails('(A | B', 'the "(" at position 1 is never closed')
      fails('A & (B | (C)', 'the "(" at position 5 is never closed')
      fails('A)', 'the ")" at position 2 has no "(" to close')
      fails('A | B) & C', 'the ")" at position 6 has no "(" to close')
      fails('()', 'expected an instance name or "(" at position 2, found ")"')
      fails('A (B)', 'expected "&" or "|" at position 3, found "("')
      fails('(A (B))', 'expected "&", "|" or ")" at position 4, found "("')
      fails('"A"', 'expected an instance name or "(" at position 1, found \'"\' (names are written without quotes)')
      fails('Région & "B"', 'expected an instance name or "(" at position 10, found \'"\' (names are written without quotes)')
    })

    it('counts positions in characters, not UTF-16 units', () => {
      fails('🌍 & & B', 'expected an instance name or "(" at position 5, found "&"')
    })

    it('refuses an instance given twice in one group', () => {
      fails('A & A', '"A" appears twice in the same "&"')
      fails('A & B & A', '"A" appears twice in the same "&"')
      fails('A | (B | A)', '"A" appears twice in the same "|"')
      fails('(A | B) & (A | B)', '"A | B" appears twice in the same "&"')
    })

    it('allows one name in different groups', () => {
      assert.deepEqual(parseExpr('A & (A | B)'), and(n('A'), or(n('A'), n('B'))))
    })
  })

  describe('names', () => {
    it('lists every name in order, once', () => {
      assert.deepEqual(names(parseExpr('B & (A | B) | C')), ['B', 'A', 'C'])
      assert.deepEqual(names(parseExpr('A')), ['A'])
    })
  })

  describe('format', () => {
    it('writes canonical text', () => {
      assert.equal(format(parseExpr('A&B|C')), 'A & B | C')
      assert.equal(format(parseExpr('(A|B)&C')), '(A | B) & C')
      assert.equal(format(parseExpr('((A & B)) | (C)')), 'A & B | C')
      assert.equal(format(parseExpr(' New York ')), 'New York')
    })

    it('round-trips', () => {
      for (const text of ['A', 'A & B & C', 'A | B & C', '(A | B) & C', 'A & (B | C & (D | E)) | F', 'cloud-1 & Région_3 | New York']) {
        const expr = parseExpr(text)
        assert.equal(format(expr), text)
        assert.deepEqual(parseExpr(format(expr)), expr)
      }
    })
  })
})
