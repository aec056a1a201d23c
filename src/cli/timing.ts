import type {Timing} from '../http/log.js'
import {defaultOutputOptions, render} from '../output/index.js'

/** osc-lib's --timing table: a blank line, then "METHOD url | seconds" rows and a Total row (csv when -f is not table). */
export function renderTiming(timings: Timing[], format: 'table' | 'csv' = 'table'): string {
  let total = 0
  const rows: (string | number)[][] = timings.map((timing) => {
    total += timing.seconds
    return [`${timing.method} ${timing.url}`, round(timing.seconds)]
  })
  rows.push(['Total', round(total)])
  return '\n' + render({kind: 'list', columns: ['URL', 'Seconds'], rows}, {...defaultOutputOptions, format})
}

function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6
}
