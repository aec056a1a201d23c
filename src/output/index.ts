/**
 * Output formatters: write a command's result exactly as python-openstackclient does through cliff,
 * in any of cliff's formats (table, json, yaml, value, csv for lists; table, json, yaml, value, shell for one object).
 */
import {UsageError} from '../errors.js'
import {csvList} from './csv.js'
import {jsonList, jsonShow} from './json.js'
import {equal, less, repr, stringRepr, UnorderableError} from './python.js'
import {shellShow} from './shell.js'
import {tableList, tableShow} from './table.js'
import {valueList, valueShow} from './value.js'
import {Cell, Format, ListView, OutputOptions, ShowView, View} from './view.js'
import {yamlList, yamlShow} from './yaml.js'

export {Formatted, Munch} from './view.js'
export type {Cell, Format, ListView, OutputOptions, ShowView, View} from './view.js'

export const defaultOutputOptions: OutputOptions = {
  format: 'table',
  columns: [],
  noindent: false,
  maxWidth: 0,
  fitWidth: false,
  printEmpty: false,
  sortColumns: [],
  sortDirection: 'asc',
  quote: 'nonnumeric',
  prefix: '',
}

/** The formats cliff offers each kind of command, in the order argparse lists them. */
const FORMATS: Record<View['kind'], Format[]> = {
  list: ['csv', 'json', 'table', 'value', 'yaml'],
  show: ['json', 'shell', 'table', 'value', 'yaml'],
}

function checkFormat(kind: View['kind'], format: Format): void {
  if (!FORMATS[kind].includes(format)) {
    const choices = FORMATS[kind].map(stringRepr).join(', ')
    throw new UsageError(`argument -f/--format: invalid choice: ${stringRepr(format)} (choose from ${choices})`)
  }
}

/**
 * cliff's -c: the indexes of the columns to keep, in the command's order. With no -c, all of them;
 * names that match nothing are ignored unless nothing matches at all.
 */
function selectColumns(names: string[], wanted: string[]): number[] {
  const all = names.map((_, i) => i)
  if (wanted.length === 0) return all
  const kept = all.filter((i) => wanted.includes(names[i]))
  if (kept.length === 0) {
    // cliff prints Python's str() of the -c list and of the command's column tuple.
    const recognized = names.length === 1 ? `(${stringRepr(names[0])},)` : `(${names.map(stringRepr).join(', ')})`
    throw new UsageError(`No recognized column names in ${repr(wanted)}. Recognized columns are ${recognized}.`)
  }
  return kept
}

/** Python's key (value is None, value): None sorts after everything else. */
function keyLess(a: Cell, b: Cell): boolean {
  const aNone = a === null || a === undefined
  const bNone = b === null || b === undefined
  if (aNone || bNone) return !aNone && bNone
  return !equal(a, b) && less(a, b)
}

/**
 * cliff's --sort-column: a stable sort per named column, the last named first, so the first named decides.
 * A column whose values Python cannot order (say, strings and numbers mixed) is left unsorted, as cliff does.
 */
function sortRows(columns: string[], rows: Cell[][], opts: OutputOptions): Cell[][] {
  const indexes = opts.sortColumns.filter((c) => columns.includes(c)).map((c) => columns.indexOf(c))
  const sign = opts.sortDirection === 'desc' ? -1 : 1
  let sorted = rows
  for (const index of indexes.reverse()) {
    try {
      sorted = [...sorted].sort((x, y) => sign * (keyLess(x[index], y[index]) ? -1 : keyLess(y[index], x[index]) ? 1 : 0))
    } catch (error) {
      if (!(error instanceof UnorderableError)) throw error
    }
  }
  return sorted
}

function renderList(view: ListView, opts: OutputOptions): string {
  const rows = sortRows(view.columns, view.rows, opts)
  const keep = selectColumns(view.columns, opts.columns)
  const columns = keep.map((i) => view.columns[i])
  const selected = rows.map((row) => keep.map((i) => row[i]))
  switch (opts.format) {
    case 'table':
      return tableList(columns, selected, opts)
    case 'json':
      return jsonList(columns, selected, opts.noindent)
    case 'yaml':
      return yamlList(columns, selected)
    case 'value':
      return valueList(selected)
    default:
      return csvList(columns, selected, opts.quote)
  }
}

function renderShow(view: ShowView, opts: OutputOptions): string {
  const keep = selectColumns(view.fields, opts.columns)
  const fields = keep.map((i) => view.fields[i])
  const values = keep.map((i) => view.values[i])
  switch (opts.format) {
    case 'table':
      return tableShow(fields, values, opts)
    case 'json':
      return jsonShow(fields, values, opts.noindent)
    case 'yaml':
      return yamlShow(fields, values)
    case 'value':
      return valueShow(values)
    default:
      return shellShow(fields, values, opts.prefix)
  }
}

/** Returns the exact text cliff would write to stdout (including trailing newline(s)); '' when cliff prints nothing. */
export function render(view: View, opts: OutputOptions): string {
  checkFormat(view.kind, opts.format)
  return view.kind === 'list' ? renderList(view, opts) : renderShow(view, opts)
}
