import {UsageError} from '../errors.js'
import {defaultOutputOptions, type Format, type OutputOptions} from '../output/index.js'

/** cliff's formatter options from the flags, CLIFF_MAX_TERM_WIDTH / CLIFF_FIT_WIDTH, and the terminal. */
export function outputOptions(
  flags: Record<string, unknown>,
  env: Record<string, string | undefined>,
  stdout: {isTTY?: boolean; columns?: number},
): OutputOptions {
  const envWidth = Number.parseInt(env.CLIFF_MAX_TERM_WIDTH ?? '', 10)
  return {
    ...defaultOutputOptions,
    format: (flags.format as Format | undefined) ?? 'table',
    columns: (flags.column as string[] | undefined) ?? [],
    noindent: Boolean(flags.noindent),
    maxWidth: (flags['max-width'] as number | undefined) ?? (Number.isFinite(envWidth) ? envWidth : 0),
    fitWidth: Boolean(flags['fit-width']) || env.CLIFF_FIT_WIDTH === '1',
    printEmpty: Boolean(flags['print-empty']),
    sortColumns: (flags['sort-column'] as string[] | undefined) ?? [],
    sortDirection: flags['sort-descending'] ? 'desc' : 'asc',
    quote: (flags.quote as OutputOptions['quote'] | undefined) ?? 'nonnumeric',
    prefix: (flags.prefix as string | undefined) ?? '',
    terminalWidth: stdout.isTTY ? stdout.columns : undefined,
  }
}

/**
 * cliff's -c rule, checked before the command acts: names that match nothing are ignored unless
 * nothing matches at all; then the same error as when rendering (the columns the command can show).
 */
export async function checkColumns(wanted: string[], columns: readonly string[]): Promise<void> {
  if (wanted.length === 0 || wanted.some((name) => columns.includes(name))) return
  const {repr, stringRepr} = await import('../output/python.js')
  const recognized = columns.length === 1 ? `(${stringRepr(columns[0])},)` : `(${columns.map(stringRepr).join(', ')})`
  throw new UsageError(`No recognized column names in ${repr(wanted)}. Recognized columns are ${recognized}.`)
}
