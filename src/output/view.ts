/**
 * The data a command hands to the output module, and the options that shape how it is written.
 * Mirrors what cliff's Lister and ShowOne receive: column names plus rows, or field names plus values.
 */

/**
 * A cell with two renderings, like cliff's FormattableColumn: `human` is what the table format shows;
 * `machine` is what json and yaml serialise and what value, csv and shell print (as Python's str() would).
 */
export class Formatted {
  constructor(
    readonly machine: unknown,
    readonly human: string,
  ) {}
}

/**
 * A number that was a float on the wire (Nova's rxtx_factor: 1.0). JSON.parse cannot keep the
 * difference between 1 and 1.0; a view that knows a field is a float wraps it so that every
 * formatter prints it the way Python does (1.0).
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * A dict that Python prints as `Munch({...})` (openstacksdk's `location`, a munch.Munch): json and
 * yaml serialise its entries as any dict's; str() and repr() wrap them in `Munch(...)`.
 */
export class Munch extends Map<string, unknown> {}

export type Cell = string | number | boolean | null | undefined | Formatted | PyFloat

export interface ListView {
  kind: 'list'
  columns: string[]
  rows: Cell[][]
}

export interface ShowView {
  kind: 'show'
  fields: string[]
  values: Cell[]
}

export type View = ListView | ShowView

export type Format = 'table' | 'json' | 'yaml' | 'value' | 'csv' | 'shell'

export interface OutputOptions {
  format: Format // default 'table'
  columns: string[] // -c, repeatable; [] = all
  noindent: boolean // json
  maxWidth: number // table --max-width (0 = unset)
  fitWidth: boolean // table --fit-width
  printEmpty: boolean // table --print-empty
  sortColumns: string[] // lister --sort-column
  sortDirection: 'asc' | 'desc'
  quote: 'all' | 'minimal' | 'none' | 'nonnumeric' // csv, default nonnumeric
  prefix: string // shell --prefix, default ''
  terminalWidth?: number // width of stdout when it is a TTY; undefined when not a TTY
}

/** What json, yaml, value, csv and shell print for a cell. */
export function machineValue(cell: Cell): unknown {
  return cell instanceof Formatted ? cell.machine : cell
}

/** The dict cliff builds from names and cells: a repeated name keeps its first place and its last value. */
export function record(names: string[], cells: Cell[]): Map<string, unknown> {
  return new Map(names.map((name, i) => [name, machineValue(cells[i])]))
}
