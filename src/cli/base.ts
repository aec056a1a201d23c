import {homedir} from 'node:os'

import {Command, Errors, type Interfaces} from '../startup/oclif.js'

import type {ConfigInputs} from '../config/index.js'
import {AUTH_OPTIONS} from '../config/options.js'
import {EXIT, OidError, formatError} from '../errors.js'
import type {View} from '../output/index.js'
import {hasAnd} from '../routing/modes.js'
import {InstanceRouter} from '../routing/router.js'
import type {Scope} from '../routing/scope.js'
import type {Report} from '../views/report.js'
import {globalFlags, outputFlags} from './flags.js'

/**
 * The one base command: global flags, the router, error handling, exit codes and rendering.
 * A command's run() returns its result — a view, a report (views of several instances, notes,
 * failures) or nothing — and the base prints it with the formatter flags.
 */

export type Result = View | Report | undefined

export type OidFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof OidCommand)['baseFlags'] & T['flags']>
export type OidArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

export abstract class OidCommand<T extends typeof Command> extends Command {
  static override baseFlags = globalFlags
  /** False for the commands that need no cloud (the router is then not made ready). */
  static routed = true
  /**
   * For a command that creates something: the service it creates in and every column its view can
   * show, whatever the cloud answers. -c is then checked (cliff's rule) before anything is created.
   */
  static columns?: {service: string; fields: readonly string[]}

  protected flags!: OidFlags<T>
  protected args!: OidArgs<T>
  /** Every positional argument (for commands that take several, like `server delete a b c`). */
  protected positionals: string[] = []
  protected router!: InstanceRouter

  public abstract override run(): Promise<Result>

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
    const global = flags as unknown as Record<string, unknown>
    this.router = new InstanceRouter({
      config: configInputs(global, process.env),
      env: process.env,
      scope: global.scope as Scope | undefined,
      computeApiVersion: global['os-compute-api-version'] as string | undefined,
      volumeApiVersion: global['os-volume-api-version'] as string | undefined,
      timeout: global.timeout as number | undefined,
      noTokenCache: Boolean(global['no-token-cache']),
      debug: Boolean(global.debug),
      version: this.config.version,
    })
  }

  /** oclif's _run, with the router made ready before run() and the result rendered after it. */
  public override async _run<R>(): Promise<R> {
    let failure: Error | undefined
    try {
      await this.init()
      if ((this.ctor as unknown as typeof OidCommand).routed) await this.router.ready()
      await this.checkColumns()
      await this.render(await this.run())
    } catch (error) {
      failure = error as Error
      await this.catch(error as Error)
    } finally {
      await this.finally(failure)
    }

    return undefined as R
  }

  /** cliff's -c rule against the columns the command declares, so that a typo costs nothing. */
  private async checkColumns(): Promise<void> {
    const declared = (this.ctor as unknown as typeof OidCommand).columns
    const wanted = (this.flags as {column?: string[]}).column
    if (!declared || !wanted || wanted.length === 0) return
    const expr = (this.ctor as unknown as typeof OidCommand).routed ? this.router.expression(declared.service) : undefined
    const {checkColumns} = await import('./output-options.js')
    await checkColumns(wanted, expr && hasAnd(expr) ? ['Instance', ...declared.fields] : declared.fields)
  }

  private async render(result: Result): Promise<void> {
    if (!result) return
    const {render} = await import('../output/index.js')
    const {outputOptions} = await import('./output-options.js')
    const options = outputOptions(this.flags as Record<string, unknown>, process.env, process.stdout)
    const print = (view: View) => {
      const text = render(view, options)
      if (text) process.stdout.write(text)
    }

    if (result.kind !== 'report') return print(result)
    const {view, text, notes, failures} = result
    if (!view && !text && failures.length === 1) throw failures[0].error
    if (view) print(view)
    if (text) process.stdout.write(text)
    for (const note of notes) process.stderr.write(`${note}\n`)
    for (const failure of failures) process.stderr.write(`${failure.instance}: ${failure.error.message.replace(new RegExp(`^${escape(failure.instance)}( \\([^)]*\\))?: `), '')}\n`)
    if (failures.length > 0) this.exit(EXIT.FAILURE)
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error
    const debug = Boolean((this.flags as {debug?: boolean} | undefined)?.debug) || process.argv.includes('--debug')
    if (error instanceof OidError) {
      // A flag's parse function threw (--scope): oclif wrapped our message in its own words.
      const wrapped = /^Parsing --\S+ \n\t([\s\S]*)\nSee more help with --help$/.exec(error.message)
      if (wrapped) error.message = wrapped[1]
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
    if (this.router && (this.flags as {timing?: boolean} | undefined)?.timing) {
      const {renderTiming} = await import('./timing.js')
      const format = (this.flags as {format?: string}).format
      process.stdout.write(renderTiming(this.router.log.timings, format && format !== 'table' ? 'csv' : 'table'))
    }

    return super.finally(error)
  }
}

/** Commands that print a list or a record: cliff's formatter flags. */
export abstract class OutputCommand<T extends typeof Command> extends OidCommand<T> {
  static override baseFlags = {...globalFlags, ...outputFlags}
}

/** Inputs for src/config: the --os-* flags keyed by config key, the environment, the home directory. */
function configInputs(flags: Record<string, unknown>, env: Record<string, string | undefined>): ConfigInputs {
  const values: ConfigInputs['flags'] = {}
  for (const option of AUTH_OPTIONS) {
    const value = flags[option.flag]
    if (value !== undefined && value !== false) values[option.key] = value as string | boolean
  }

  return {env, cwd: process.cwd(), home: env.HOME ?? homedir(), cloud: flags['os-cloud'] as string | undefined, flags: values}
}

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
