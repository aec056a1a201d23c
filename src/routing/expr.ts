/**
 * Instance expressions: `A`, `A & B` (every instance), `A | B` (the first that works),
 * `&` binding tighter than `|`, parentheses to group. A hand-written recursive-descent parser.
 *
 *   or   := and ('|' and)*
 *   and  := atom ('&' atom)*
 *   atom := '(' or ')' | name
 *   name := any characters but & | ( ) " — spaces around it are ignored, spaces inside are kept
 */

import {UsageError} from '../errors.js'

export type Expr = {kind: 'name'; name: string} | {kind: 'and'; items: Expr[]} | {kind: 'or'; items: Expr[]}

/** A syntax problem at a 1-based position; turned into a UsageError by whoever knows the context. */
export class ExprSyntaxError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ExprSyntaxError'
  }
}

export const EXPR_HELP =
  'Names are joined by & (every instance) and | (the first that works); & binds tighter than |, ' +
  'and parentheses group. Names may hold any character but & | ( ) ", e.g. "InstanceOne & (InstanceTwo | InstanceThree)".'

const SPECIAL = new Set(['&', '|', '(', ')', '"'])

function describe(c: string): string {
  return c === '"' ? '\'"\' (names are written without quotes)' : `"${c}"`
}

/** Parses an expression; throws ExprSyntaxError (reason with position) on bad syntax. */
export function parseExprRaw(text: string): Expr {
  const chars = [...text]
  let pos = 0
  const peek = (): string | undefined => {
    while (pos < chars.length && /\s/u.test(chars[pos])) pos++
    return chars[pos]
  }
  const fail = (expected: string): never => {
    const c = peek()
    if (c === undefined) throw new ExprSyntaxError(`expected ${expected} at the end`)
    throw new ExprSyntaxError(`expected ${expected} at position ${pos + 1}, found ${describe(c)}`)
  }

  const atom = (): Expr => {
    const c = peek()
    if (c === '(') {
      const open = pos
      pos++
      const inner = or()
      if (peek() !== ')') {
        if (peek() === undefined) throw new ExprSyntaxError(`the "(" at position ${open + 1} is never closed`)
        fail('"&", "|" or ")"')
      }
      pos++
      return inner
    }
    if (c === undefined || SPECIAL.has(c)) return fail('an instance name or "("')
    const start = pos
    while (pos < chars.length && !SPECIAL.has(chars[pos])) pos++
    return {kind: 'name', name: chars.slice(start, pos).join('').trim()}
  }
  const and = (): Expr => {
    const items = [atom()]
    while (peek() === '&') {
      pos++
      items.push(atom())
    }
    return group('and', items)
  }
  const or = (): Expr => {
    const items = [and()]
    while (peek() === '|') {
      pos++
      items.push(and())
    }
    return group('or', items)
  }

  if (text.trim() === '') throw new ExprSyntaxError('the expression is empty')
  const expr = or()
  const c = peek()
  if (c === ')') throw new ExprSyntaxError(`the ")" at position ${pos + 1} has no "(" to close`)
  if (c !== undefined) fail('"&" or "|"')
  return expr
}

/** Flattens nested groups of the same kind and refuses an item given twice in one group. */
export function group(kind: 'and' | 'or', items: Expr[]): Expr {
  if (items.length === 1) return items[0]
  const flat = items.flatMap((item) => (item.kind === kind ? item.items : [item]))
  const seen = new Set<string>()
  for (const item of flat) {
    const text = format(item)
    if (seen.has(text)) throw new ExprSyntaxError(`"${text}" appears twice in the same "${kind === 'and' ? '&' : '|'}"`)
    seen.add(text)
  }
  return {kind, items: flat}
}

/** Parses an instance expression; a syntax error is a UsageError showing the text and the position. */
export function parseExpr(text: string): Expr {
  try {
    return parseExprRaw(text)
  } catch (error) {
    if (!(error instanceof ExprSyntaxError)) throw error
    throw new UsageError(`Invalid instance expression ${JSON.stringify(text)}: ${error.reason}.`, {hint: EXPR_HELP})
  }
}

/** Every instance name the expression mentions, in order, without repeats. */
export function names(expr: Expr): string[] {
  if (expr.kind === 'name') return [expr.name]
  return [...new Set(expr.items.flatMap(names))]
}

/** Canonical text: `A & B | C`, `(A | B) & C`. parseExpr(format(e)) equals e. */
export function format(expr: Expr): string {
  switch (expr.kind) {
    case 'name':
      return expr.name
    case 'and':
      return expr.items.map((item) => (item.kind === 'or' ? `(${format(item)})` : format(item))).join(' & ')
    case 'or':
      return expr.items.map(format).join(' | ')
  }
}
