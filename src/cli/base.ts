import {Command, Errors, type Interfaces} from '../startup/oclif.js'

import {EXIT, OidError, formatError} from '../errors.js'
import {Context} from './context.js'
import {globalFlags, outputFlags} from './flags.js'

/**
 * The one base command: global flags, the run-time context, error handling and exit codes.
 * Commands implement execute() and return a view (or nothing); rendering happens here.
 */

export type OidFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof OidCommand)['baseFlags'] & T['flags']>
export type OidArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

export abstract class OidCommand<T extends typeof Command> extends Command {
  static override baseFlags = globalFlags

  protected flags!: OidFlags<T>
  protected args!: OidArgs<T>
  /** Every positional argument (for commands that take several, like `server delete a b c`). */
  protected positionals: string[] = []
  protected ctx!: Context

  public override async init(): Promise<void> {
    await super.init()
    const {args, argv, flags} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as unknown as typeof OidCommand).baseFlags,
      args: this.ctor.args,
      strict: this.ctor.strict,
    })
    this.flags = flags as OidFlags<T>
    this.args = args as OidArgs<T>
    this.positionals = argv as string[]
    this.ctx = new Context(flags as never, process.env, this.config.version)
  }

  public async run(): Promise<void> {
    const output = await this.execute()
    if (output) await this.emit(output)
  }

  /** Does the work; returns what to print (rendered by the subclass's emit). */
  protected abstract execute(): Promise<unknown>

  protected async emit(_output: unknown): Promise<void> {}

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error
    const debug = Boolean(this.flags?.debug) || process.argv.includes('--debug')
    if (error instanceof OidError) {
      process.stderr.write(formatError(error) + '\n')
      if (debug && error.cause instanceof Error && error.cause.stack) process.stderr.write(error.cause.stack + '\n')
      if (debug && error.stack) process.stderr.write(error.stack + '\n')
      this.exit(error.exitCode)
    }

    // oclif's own usage errors (unknown flag, missing argument): exit 2, its message, no stack.
    if (error.oclif?.exit !== undefined) {
      process.stderr.write(`${error.message}\nSee '${this.config.bin} ${this.id?.replaceAll(':', ' ') ?? ''} --help'.\n`)
      this.exit(error.oclif.exit === 1 ? EXIT.USAGE : error.oclif.exit)
    }

    process.stderr.write(`Unexpected error: ${error.message}\n`)
    if (debug && error.stack) process.stderr.write(error.stack + '\n')
    else process.stderr.write('Run the command again with --debug to see the traceback, and report it.\n')
    this.exit(EXIT.FAILURE)
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    if (this.ctx && this.flags?.timing) {
      const {renderTiming} = await import('./timing.js')
      const format = (this.flags as {format?: string}).format
      process.stdout.write(renderTiming(this.ctx.log.timings, format && format !== 'table' ? 'csv' : 'table'))
    }

    return super.finally(error)
  }
}

/** Commands that print a list or a record: cliff's formatter flags. */
export abstract class OutputCommand<T extends typeof Command> extends OidCommand<T> {
  static override baseFlags = {...globalFlags, ...outputFlags}

  protected override async emit(output: unknown): Promise<void> {
    const {render} = await import('../output/index.js')
    const {outputOptions} = await import('./output-options.js')
    const options = outputOptions(this.flags as never, process.env, process.stdout)
    const result = output as {kind: string}
    if (result.kind !== 'report') {
      const text = render(output as never, options)
      if (text) process.stdout.write(text)
      return
    }

    const {view, notes, failures} = output as import('../views/report.js').Report
    if (!view && failures.length > 0 && failures.length === 1) throw failures[0].error
    if (view) {
      const text = render(view, options)
      if (text) process.stdout.write(text)
    }

    for (const note of notes) process.stderr.write(`${note}\n`)
    for (const failure of failures) process.stderr.write(`${failure.instance}: ${failure.error.message.replace(new RegExp(`^${escape(failure.instance)}( \\([^)]*\\))?: `), '')}\n`)
    if (failures.length > 0) this.exit(EXIT.FAILURE)
  }
}

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
