/** The shell format: cliff's ShellFormatter, one `prefix + name="value"` line per field. */
import {str} from './python.js'
import {Cell, Formatted} from './view.js'

/** Lower case, with space, colon and dash (which a shell variable name cannot hold) turned to underscores. */
function variableName(field: string): string {
  return field.toLowerCase().replace(/[ :-]/g, '_')
}

export function shellShow(fields: string[], values: Cell[], prefix: string): string {
  return fields
    .map((field, i) => {
      const cell = values[i]
      const value = cell instanceof Formatted ? str(cell.machine) : cell
      const text = typeof value === 'string' ? value.replaceAll('"', '\\"') : str(value)
      return `${prefix}${variableName(field)}="${text}"\n`
    })
    .join('')
}
