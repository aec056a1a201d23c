/**
 * How Python's str(), repr() and comparison operators treat the values a view can hold,
 * for the formatters that print them the way cliff (a Python program) does.
 * JavaScript numbers that are safe integers stand for Python ints; all others for Python floats
 * (beyond 2^53 an integral double more likely came from a float such as 1e+300 than from an exact int).
 */
import {Formatted, Munch, PyFloat} from './view.js'

// PyFloat lives in view.ts (a view's cells hold it); re-exported for the formatters that import it from here.
export {PyFloat} from './view.js'

/** Python's repr() of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  const [mantissa, exp] = x.toExponential().split('e')
  const e = Number(exp)
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  const fixed = x.toFixed(Math.max(0, (mantissa.split('.')[1] ?? '').length - e))
  return fixed.includes('.') ? fixed : `${fixed}.0`
}

/** Whether a number stands for a Python int. */
export function isInt(x: number): boolean {
  return Number.isSafeInteger(x)
}

/** Python's str() of a number. */
export function numberStr(x: number): string {
  return isInt(x) ? String(x) : floatRepr(x)
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u

/** Python's repr() of a str. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (ch === quote || ch === '\\') out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      const hex = cp.toString(16)
      out += cp < 0x100 ? `\\x${hex.padStart(2, '0')}` : cp < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`
    } else out += ch
  }
  return out + quote
}

/** The items of a dict: a Map (which keeps any key order) or a plain object. */
export function entriesOf(value: object): [string, unknown][] {
  return value instanceof Map ? [...value.entries()] : Object.entries(value)
}

/** Python's repr() of a value decoded from JSON (None, bool, int, float, str, list, dict). */
export function repr(value: unknown): string {
  if (value instanceof Formatted) return repr(value.machine)
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return numberStr(value)
  if (value instanceof PyFloat) return floatRepr(value.value)
  if (typeof value === 'string') return stringRepr(value)
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`
  if (value instanceof Munch) return `Munch(${repr(new Map(value))})`
  const items = entriesOf(value as object).map(([k, v]) => `${stringRepr(k)}: ${repr(v)}`)
  return `{${items.join(', ')}}`
}

/** Python's str(): strings as they are, everything else as repr(). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : repr(value)
}

/** Orders strings by code point, as Python does (JavaScript's < compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}

/** Raised where Python's < would raise TypeError ('<' not supported between instances ...). */
export class UnorderableError extends Error {}

function isNone(v: unknown): v is null | undefined {
  return v === null || v === undefined
}

function isNumeric(v: unknown): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat
}

function isDict(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Formatted)
}

/** Python's ==. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b)
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b)
  if (typeof a === 'string' || typeof b === 'string') return a === b
  if (a instanceof Formatted || b instanceof Formatted) {
    return a instanceof Formatted && b instanceof Formatted && equal(a.machine, b.machine)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]))
  }
  if (isDict(a) && isDict(b)) {
    const x = entriesOf(a)
    const y = new Map(entriesOf(b))
    return x.length === y.size && x.every(([k, v]) => y.has(k) && equal(v, y.get(k)))
  }
  return false
}

/** Python's <, raising UnorderableError where Python raises TypeError. */
export function less(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) < Number(b)
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0
  if (a instanceof Formatted && b instanceof Formatted) return less(a.machine, b.machine)
  if (Array.isArray(a) && Array.isArray(b)) {
    const i = a.findIndex((x, j) => j >= b.length || !equal(x, b[j]))
    if (i === -1 || i >= b.length) return i === -1 && a.length < b.length
    return less(a[i], b[i])
  }
  throw new UnorderableError('unorderable types')
}
