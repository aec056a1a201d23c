/** The value format: cliff's ValueFormatter, Python's str() of each machine value. */
import {str} from './python.js'
import {Cell, machineValue} from './view.js'

export function valueList(rows: Cell[][]): string {
  return rows.map((row) => row.map((cell) => str(machineValue(cell))).join(' ') + '\n').join('')
}

export function valueShow(values: Cell[]): string {
  return values.map((cell) => str(machineValue(cell)) + '\n').join('')
}
