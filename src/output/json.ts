/**
 * The json format: Python's json.dump as cliff calls it (ensure_ascii, indent 2 or, with --noindent,
 * the compact default separators ', ' and ': ').
 */
import {entriesOf, floatRepr, numberStr, PyFloat} from './python.js'
import {Cell, record} from './view.js'

const ESCAPES: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}

function encodeString(s: string): string {
  const body = s.replace(/[^ -~]|["\\]/g, (ch) => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return `"${body}"`
}

function encodeNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity'
  return numberStr(x)
}

function encode(value: unknown, indent: number | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return encodeNumber(value)
  if (value instanceof PyFloat) return floatRepr(value.value)
  if (typeof value === 'string') return encodeString(value)
  const items = Array.isArray(value)
    ? value.map((item) => encode(item, indent, depth + 1))
    : entriesOf(value as object).map(([k, v]) => `${encodeString(k)}: ${encode(v, indent, depth + 1)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  if (items.length === 0) return open + close
  if (indent === undefined) return open + items.join(', ') + close
  const inner = '\n' + ' '.repeat(indent * (depth + 1))
  return open + inner + items.join(',' + inner) + '\n' + ' '.repeat(indent * depth) + close
}

export function jsonList(columns: string[], rows: Cell[][], noindent: boolean): string {
  return encode(rows.map((row) => record(columns, row)), noindent ? undefined : 2, 0) + '\n'
}

export function jsonShow(fields: string[], values: Cell[], noindent: boolean): string {
  return encode(record(fields, values), noindent ? undefined : 2, 0) + '\n'
}
