import {strict as assert} from 'node:assert'

import {UsageError} from '../../../src/errors.js'
import {cut, MAX_SCOPE_CHARS, MAX_SCOPE_DEPTH, parseScope} from '../../../src/routing/scope.js'

const usage = (raw: string, source: 'flag' | 'env' = 'flag'): UsageError => {
  try {
    parseScope(raw, undefined, source)
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error))
    return error
  }

  assert.fail(`no error for a scope of ${raw.length} characters`)
}

describe('routing/scope: size and depth limits', () => {
  it('cut keeps short text and cuts long text to 200 characters and its length', () => {
    assert.equal(cut('short'), 'short')
    assert.equal(cut('x'.repeat(200)), 'x'.repeat(200))
    assert.equal(cut('x'.repeat(201)), `${'x'.repeat(200)}… (201 characters)`)
  })

  it('a scope longer than the limit is a usage error whose echo is cut', () => {
    const raw = JSON.stringify({image: 'A'.repeat(MAX_SCOPE_CHARS)})
    const error = usage(raw)
    assert.ok(error.message.length < 400, error.message)
    assert.match(error.message, new RegExp(`… \\(${raw.length} characters\\)' is too long: --scope takes at most ${MAX_SCOPE_CHARS} characters\\.$`))
    assert.match(usage(raw, 'env').message, /^OS_SCOPE='/)
  })

  it('a scope at the limit is parsed as usual', () => {
    const name = 'A'.repeat(MAX_SCOPE_CHARS - '{"image": ""}'.length)
    const scope = parseScope(`{"image": "${name}"}`)
    assert.equal(scope.entries.get('image')?.text, name)
  })

  it('nesting deeper than the limit is a usage error, in expressions and in JSON lists alike', () => {
    const deep = MAX_SCOPE_DEPTH + 1
    const parens = usage(`{"image": "${'('.repeat(deep)}A${')'.repeat(deep)}"}`)
    assert.match(parens.message, new RegExp(`is nested ${deep + 1} levels deep: --scope takes at most ${MAX_SCOPE_DEPTH} levels`))
    assert.match(usage(`{"image": ${'['.repeat(5000)}"A"${']'.repeat(5000)}}`).message, /is nested 5001 levels deep/)
    assert.match(usage(`{"image": "${'('.repeat(100_000)}"}`).message, /too long/)
  })

  it('nesting up to the limit is parsed', () => {
    const inner = MAX_SCOPE_DEPTH - 1
    const scope = parseScope(`{"image": "${'('.repeat(inner)}A | B${')'.repeat(inner)}"}`)
    assert.equal(scope.entries.get('image')?.expr.kind, 'or')
  })

  it('a long unknown key and a long bad expression are echoed cut', () => {
    assert.ok(usage(JSON.stringify({['k'.repeat(20_000)]: 'A'})).message.length < 1200)
    assert.ok(usage(JSON.stringify({image: `A & & ${'B'.repeat(20_000)}`})).message.length < 1200)
  })
})
