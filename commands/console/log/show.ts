import {Args, Flags, OidCommand} from '../../../src/cli/index.js'
import {consoleLog} from '../../../src/workflows/compute-actions.js'

export default class ConsoleLogShow extends OidCommand<typeof ConsoleLogShow> {
  static override summary = "Show server's console output"
  static override description = 'With "&" on compute, the log of the server in each instance that has it, each after a line "==> INSTANCE <==".'
  static override args = {server: Args.string({description: 'Server to show console log (name or ID)', required: true})}
  static override flags = {lines: Flags.integer({description: 'Number of lines to display from the end of the log (default=all)', min: 0, helpValue: '<num-lines>'})}
  static override examples = ['<%= config.bin %> console log show my-vm --lines 20']

  async run() {
    const result = await consoleLog(this.router, this.args.server, this.flags.lines)
    for (const outcome of result.outcomes) {
      if (!outcome.ok) continue
      if (result.multi) process.stdout.write(`==> ${outcome.instance} <==\n`)
      const text = outcome.value
      process.stdout.write(text && !text.endsWith('\n') ? `${text}\n` : text)
    }

    return {kind: 'report' as const, notes: result.notes, failures: result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [{instance: outcome.instance, error: outcome.error}]))}
  }
}
