/**
 * The csv format: Python's csv.writer as cliff configures it (quoting from --quote, escapechar '\',
 * line terminator '\n'), the header row first.
 */
import {OidError} from '../errors.js'
import {PyFloat, str} from './python.js'
import {Cell, Formatted, OutputOptions} from './view.js'

type Quote = OutputOptions['quote']
type Field = string | number | boolean | null | undefined | PyFloat

/** Characters the writer must protect: delimiter, quote, escape character and the line terminator. */
const SPECIAL = /[,"\\\n]/g

function writeField(field: Field, quote: Quote, alone: boolean): string {
  const numeric = typeof field === 'number' || typeof field === 'boolean' || (field as unknown) instanceof PyFloat
  let quoted = quote === 'all' || (quote === 'nonnumeric' && !numeric)
  const text = (field === null || field === undefined ? '' : str(field)).replace(SPECIAL, (ch) => {
    if (quote === 'none' || ch === '\\') return '\\' + ch
    quoted = true
    return ch === '"' ? '""' : ch
  })
  if (alone && text === '' && !quoted) {
    if (quote === 'none') throw new OidError('single empty field record must be quoted')
    quoted = true
  }
  return quoted ? `"${text}"` : text
}

function writeRow(fields: Field[], quote: Quote): string {
  return fields.map((field) => writeField(field, quote, fields.length === 1)).join(',') + '\n'
}

export function csvList(columns: string[], rows: Cell[][], quote: Quote): string {
  const body = rows.map((row) => writeRow(row.map((cell) => (cell instanceof Formatted ? str(cell.machine) : cell)), quote))
  return writeRow(columns, quote) + body.join('')
}
