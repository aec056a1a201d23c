import {Flags} from '../startup/oclif.js'

import {AUTH_OPTIONS} from '../config/options.js'
import type {Scope} from '../routing/scope.js'

/**
 * The global flags, declared once. No default here reads the environment: oclif evaluates flag
 * defaults when it builds the manifest; OS_* variables are read in src/config/.
 */

const GLOBAL = 'GLOBAL'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFlag = any

function authFlags(): Record<string, AnyFlag> {
  const flags: Record<string, AnyFlag> = {}
  for (const option of AUTH_OPTIONS) {
    const env = option.env.length > 0 ? ` (Env: ${option.env[0]})` : ''
    flags[option.flag] =
      option.type === 'boolean'
        ? Flags.boolean({description: option.description + env, helpGroup: GLOBAL, allowNo: false})
        : Flags.string({description: option.description + env, helpGroup: GLOBAL, options: option.choices ? [...option.choices] : undefined})
  }

  return flags
}

export const globalFlags = {
  ...authFlags(),
  scope: Flags.custom<Scope>({
    parse: async (input) => (await import('../routing/scope.js')).parseScope(input, undefined, 'flag'),
    description: 'Which instance serves each service: a JSON object from service type to instance expression, e.g. \'{"compute": "InstanceOne", "image": "InstanceTwo"}\'; "A & B" = all, "A | B" = first that works (Env: OS_SCOPE)',
    helpGroup: GLOBAL,
    aliases: ['os-scope', 'oid-scope'],
  })(),
  'os-compute-api-version': Flags.string({
    description: 'Compute API microversion to use, e.g. 2.1 or 2.79 (default: the highest both the cloud and openstackoid support) (Env: OS_COMPUTE_API_VERSION)',
    helpGroup: GLOBAL,
  }),
  'os-volume-api-version': Flags.string({
    description: 'Volume API version to use: 3 (microversion 3.0, as OSC), or a microversion such as 3.42 (Env: OS_VOLUME_API_VERSION)',
    helpGroup: GLOBAL,
  }),
  debug: Flags.boolean({description: 'Log each request and response to stderr (tokens and passwords redacted) and show tracebacks on errors', helpGroup: GLOBAL}),
  timing: Flags.boolean({description: 'Print API call timing info', helpGroup: GLOBAL}),
  timeout: Flags.integer({description: 'Seconds to wait for each API response (default: api_timeout from clouds.yaml, else 60)', helpGroup: GLOBAL, min: 1}),
  'no-token-cache': Flags.boolean({description: 'Do not read or write the on-disk token cache (Env: OPENSTACKOID_NO_TOKEN_CACHE=1)', helpGroup: GLOBAL}),
}

const OUTPUT = 'OUTPUT FORMATTERS'

export const outputFlags = {
  format: Flags.string({char: 'f', description: 'The output format', options: ['table', 'json', 'yaml', 'value', 'csv', 'shell'], helpGroup: OUTPUT}),
  column: Flags.string({char: 'c', description: 'Specify the column(s) to include, can be repeated to show multiple columns', multiple: true, multipleNonGreedy: true, helpGroup: OUTPUT}),
  noindent: Flags.boolean({description: 'Whether to disable indenting the JSON', helpGroup: OUTPUT}),
  'max-width': Flags.integer({description: 'Maximum display width, <1 to disable (Env: CLIFF_MAX_TERM_WIDTH)', helpGroup: OUTPUT}),
  'fit-width': Flags.boolean({description: 'Fit the table to the display width (Env: CLIFF_FIT_WIDTH=1)', helpGroup: OUTPUT}),
  'print-empty': Flags.boolean({description: 'Print empty table if there is no data to show', helpGroup: OUTPUT}),
  'sort-column': Flags.string({description: 'Specify the column(s) to sort the data (columns specified first have a priority, non-existing columns are ignored), can be repeated', multiple: true, multipleNonGreedy: true, helpGroup: OUTPUT}),
  'sort-ascending': Flags.boolean({description: 'Sort the column(s) in ascending order', exclusive: ['sort-descending'], helpGroup: OUTPUT}),
  'sort-descending': Flags.boolean({description: 'Sort the column(s) in descending order', exclusive: ['sort-ascending'], helpGroup: OUTPUT}),
  quote: Flags.string({description: 'When to include quotes in csv output (default: nonnumeric)', options: ['all', 'minimal', 'none', 'nonnumeric'], helpGroup: OUTPUT}),
  prefix: Flags.string({description: 'Add a prefix to all variable names in shell output', helpGroup: OUTPUT}),
}
