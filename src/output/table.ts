/**
 * The table format: cliff's TableFormatter drawing with prettytable (default style, padding 1).
 */
import {PyFloat, str} from './python.js'
import {fill} from './textwrap.js'
import {Cell, Formatted, OutputOptions} from './view.js'
import {textWidth} from './width.js'

type Align = 'l' | 'r'

interface Table {
  fields: string[]
  align: Align[]
  rows: string[][]
  /** Per column: the widest a cell may make it before its lines wrap (the header may still be wider). */
  maxWidths: (number | undefined)[]
}

/** cliff's _format_row then prettytable's str(): the human rendering, with carriage returns tamed. */
function cellText(cell: Cell): string {
  const value = cell instanceof Formatted ? cell.human : cell
  return typeof value === 'string' ? value.replaceAll('\r\n', '\n').replaceAll('\r', ' ') : str(value)
}

function blockWidth(text: string): number {
  return Math.max(...text.split('\n').map(textWidth))
}

function columnWidths(table: Table): number[] {
  return table.fields.map((field, i) => {
    let width = blockWidth(field)
    for (const row of table.rows) {
      const max = table.maxWidths[i]
      width = Math.max(width, max === undefined ? blockWidth(row[i]) : Math.min(blockWidth(row[i]), max))
    }
    return width
  })
}

function justify(text: string, width: number, align: Align): string {
  const excess = width - textWidth(text)
  if (excess <= 0) return text
  return align === 'l' ? text + ' '.repeat(excess) : ' '.repeat(excess) + text
}

function drawRow(cells: string[], widths: number[], align: Align[]): string[] {
  const wrapped = cells.map((cell, i) =>
    cell
      .split('\n')
      .map((line) => (textWidth(line) > widths[i] ? fill(line, widths[i]) : line))
      .join('\n')
      .split('\n'),
  )
  const height = Math.max(...wrapped.map((lines) => lines.length))
  return Array.from({length: height}, (_, y) => {
    const parts = wrapped.map((lines, i) => ` ${justify(lines[y] ?? '', widths[i], align[i])} `)
    return `|${parts.join('|')}|`
  })
}

/** prettytable's get_string(): '' for a table without rows unless printEmpty. */
function draw(table: Table, printEmpty: boolean): string {
  if (table.rows.length === 0 && !printEmpty) return ''
  const widths = columnWidths(table)
  const rule = `+${widths.map((w) => '-'.repeat(Math.max(0, w + 2))).join('+')}+`
  const header = table.fields.map((field, i) => {
    const name = textWidth(field) > widths[i] ? Array.from(field).slice(0, widths[i]).join('') : field
    return ` ${justify(name, widths[i], table.align[i])} `
  })
  const body = table.rows.flatMap((row) => drawRow(row, widths, table.align))
  return [rule, `|${header.join('|')}|`, rule, ...body, rule].join('\n')
}

/**
 * cliff's _assign_max_widths: when the table is wider than the width that applies, share the room
 * left by narrow columns among the wide ones, each keeping at least minWidth.
 */
function assignMaxWidths(table: Table, opts: OutputOptions, minWidth: number, printEmpty: boolean): void {
  const termWidth = opts.maxWidth > 0 ? opts.maxWidth : opts.fitWidth ? opts.terminalWidth : undefined
  if (!termWidth) return
  const firstLine = draw(table, printEmpty).split('\n')[0]
  if (firstLine === '' || firstLine.length <= termWidth) return
  const widths = columnWidths(table).map((w) => Math.max(0, w))
  const usable = Math.max(0, termWidth - 1 - 3 * widths.length)
  const optimal = Math.floor(usable / widths.length)
  const shrink = widths.flatMap((w, i) => (w > optimal ? [i] : []))
  let remaining = usable - widths.reduce((sum, w) => (w > optimal ? sum : sum + w), 0)
  const share = Math.floor(remaining / shrink.length)
  for (const i of shrink.slice(0, -1)) {
    table.maxWidths[i] = Math.max(minWidth, share)
    remaining -= share
  }
  table.maxWidths[shrink[shrink.length - 1]] = Math.max(minWidth, remaining)
}

/** Right for numbers, left for anything else, judged from the first row as cliff does. */
function alignmentOf(cell: Cell): Align {
  return typeof cell === 'number' || (cell as unknown) instanceof PyFloat ? 'r' : 'l'
}

export function tableList(columns: string[], rows: Cell[][], opts: OutputOptions): string {
  const table: Table = {
    fields: columns,
    // Without rows prettytable centres the headers, in columns exactly as wide as they are: same as left.
    align: rows.length > 0 ? rows[0].map(alignmentOf) : columns.map(() => 'l'),
    rows: rows.map((row) => row.map(cellText)),
    maxWidths: columns.map(() => undefined),
  }
  assignMaxWidths(table, opts, 8, opts.printEmpty)
  return `${draw(table, opts.printEmpty)}\n`
}

export function tableShow(fields: string[], values: Cell[], opts: OutputOptions): string {
  const table: Table = {
    fields: ['Field', 'Value'],
    align: ['l', 'l'],
    rows: fields.map((field, i) => [cellText(field), cellText(values[i])]),
    maxWidths: [undefined, undefined],
  }
  assignMaxWidths(table, opts, 16, false)
  return `${draw(table, false)}\n`
}
