import type {Session} from '../auth/session.js'
import {ApiError, AuthError, ConnectionError, NotFoundError, OidError, RefusedError, UsageError} from '../errors.js'
import {ServiceClient} from './client.js'
import {format, type Expr} from './expr.js'

/**
 * How a call is routed by the scope (DESIGN §2). Pure: given where the scope sends a service type,
 * which instances are asked, in which order, and when `|` moves on.
 * - read: `&` asks every instance in parallel, `|` falls back on unreachable / 5xx / refused credentials;
 * - lookup: as read, and `|` also falls back when the instance does not have the resource;
 * - write: an update of one thing in one instance (`&` is a usage error), `|` as read;
 * - create: `&` creates in every instance; `|` moves on only when the previous instance certainly
 *   did not act (nothing was sent, or a refusal: 400, 401, 403, 409, 413). On an unknown outcome
 *   (a time-out or reset after sending, a 5xx) the `recover` hook looks for what was asked for:
 *   found, it is adopted; not found, the next instance is tried and the notes say so; without a
 *   hook, it stops there;
 * - each: deletes and updates in every instance of `&` that has the resource (not found in some is
 *   fine when another has it), in the first instance of `|` that has it.
 */
export type Mode = 'read' | 'lookup' | 'write' | 'create' | 'each'

/** What one instance gave for a fanned-out call. */
export type Outcome<T> = {instance: string; ok: true; value: T} | {instance: string; ok: false; error: OidError}

export interface Fanout<T> {
  outcomes: Outcome<T>[]
  /** True when `&` (or a list) is involved: output gets an Instance column. */
  multi: boolean
  /** Lines for stderr: which instance served a `|`, and why the earlier ones did not. */
  notes: string[]
}

export interface FanoutOptions<T> {
  /** create mode: after an unknown outcome, look for what the call asked for (by its marker). */
  recover?: (client: ServiceClient, error: OidError) => Promise<T | undefined>
}

/** The routing surface the modes need: where each type goes, and the sessions. */
export interface Router {
  /** The home session (the cloud selected the OSC way). */
  homeSession(): Session
  /** The scope's expression for a service type; undefined when it goes to home. */
  expression(type: string): Expr | undefined
  /** The session of a named instance. */
  session(name: string): Session
  /** The client of a service type when the scope sends it to exactly one instance. */
  client(type: string): ServiceClient
}

/** A single instance for a type, or a usage error explaining what the command does with several. */
export function singleClient(router: Router, type: string, command = 'This command'): ServiceClient {
  const expr = router.expression(type)
  if (!expr) return new ServiceClient(router.homeSession(), type)
  if (expr.kind === 'name') return new ServiceClient(router.session(expr.name), type)
  throw new UsageError(`${command} acts on one instance, but --scope gives ${type} to several: "${format(expr)}".`, {
    hint: `Name one instance for ${type}, e.g. --scope '{"${type}": "${firstName(expr)}"}'.`,
  })
}

/** Runs `call` where the scope sends `type`, with `&` and `|` semantics. */
export async function fanout<T>(router: Router, type: string, mode: Mode, call: (client: ServiceClient) => Promise<T>, options: FanoutOptions<T> = {}): Promise<Fanout<T>> {
  const expr = router.expression(type)
  const notes: string[] = []
  if (!expr) {
    const value = await call(new ServiceClient(router.homeSession(), type))
    return {outcomes: [{instance: router.homeSession().name, ok: true, value}], multi: false, notes}
  }

  if (mode === 'write' && hasAnd(expr)) {
    throw new UsageError(`This command creates or changes one thing and cannot do it in several instances at once, but --scope gives ${type} to "${format(expr)}".`, {
      hint: `Name one instance (or use "|" for the first that works): --scope '{"${type}": "${firstName(expr)}"}'.`,
    })
  }

  const outcomes = await evaluate(expr, {router, type, mode, call, notes, options})
  return {outcomes: mode === 'each' ? foundSomewhere(outcomes, type, notes) : outcomes, multi: hasAnd(expr), notes}
}

interface Run<T> {
  router: Router
  type: string
  mode: Mode
  call: (client: ServiceClient) => Promise<T>
  notes: string[]
  options: FanoutOptions<T>
}

async function evaluate<T>(expr: Expr, run: Run<T>): Promise<Outcome<T>[]> {
  if (expr.kind === 'name') return [await one(expr.name, run)]
  if (expr.kind === 'and') return (await Promise.all(expr.items.map(async (item) => evaluate(item, run)))).flat()
  const failures: Outcome<T>[] = []
  for (const [index, item] of expr.items.entries()) {
    const outcomes = await evaluate(item, run)
    const served = outcomes.filter((outcome) => outcome.ok)
    const last = index === expr.items.length - 1
    if (served.length > 0) {
      if (expr.items.length > 1) {
        const skipped = failures.map((f) => `${f.instance} (${reason(f)})`).join(', ')
        run.notes.push(`${run.type} served by ${served.map((o) => o.instance).join(' & ')}${skipped ? ` after ${skipped}` : ''}.`)
      }

      return outcomes
    }

    const fatal = outcomes.find((outcome) => !outcome.ok && !fallsBack(outcome.error, run.mode))
    if (fatal || last) {
      if (failures.length === 0) return outcomes
      const all = [...failures, ...outcomes] as Extract<Outcome<T>, {ok: false}>[]
      const detail = all.map((f) => `${f.instance}: ${f.error.message}`).join(' ')
      return [{instance: format(expr), ok: false, error: new OidError(`No instance of "${format(expr)}" could serve ${run.type}. ${detail}`, {cause: all[all.length - 1].error})}]
    }

    failures.push(...outcomes)
  }

  return failures
}

/** One instance: the call, its failure kept as an outcome; in create mode, the recovery of an unknown outcome. */
async function one<T>(name: string, run: Run<T>): Promise<Outcome<T>> {
  const client = new ServiceClient(run.router.session(name), run.type)
  try {
    return {instance: name, ok: true, value: await run.call(client)}
  } catch (error) {
    if (error instanceof UsageError || !(error instanceof OidError)) throw error
    if (run.mode !== 'create' || createOutcome(error) !== 'unknown') return {instance: name, ok: false, error}
    const recover = run.options.recover
    if (!recover) return {instance: name, ok: false, error: new UnknownOutcome(name, run.type, error, false)}
    const found = await recover(client, error)
    if (found !== undefined) {
      run.notes.push(`${name}: ${error.message} The ${run.type} request had gone through: what it created was found and is used.`)
      return {instance: name, ok: true, value: found}
    }

    return {instance: name, ok: false, error: new UnknownOutcome(name, run.type, error, true)}
  }
}

/**
 * A create whose outcome was unknown. `looked`: the recovery looked for what it asked for and
 * found nothing, so `|` may move on; otherwise it stops there (it might have acted).
 */
export class UnknownOutcome extends OidError {
  constructor(
    readonly instance: string,
    type: string,
    readonly original: OidError,
    readonly looked: boolean,
  ) {
    super(
      looked
        ? `${original.message} Nothing was created in ${instance}: the ${type} request was looked for there and not found.`
        : `${original.message} The ${type} request was sent to ${instance}, and whether it acted is unknown: it is not sent again, nor to another instance.`,
      {cause: original, hint: looked ? original.hint : `Check with a list or show command in ${instance} before trying again.`},
    )
    this.name = 'UnknownOutcome'
  }
}

/**
 * create mode, what a failure says about the instance: `refused`, it certainly did not act
 * (nothing was sent, or it refused: `|` moves on); `unknown`, the request was sent and the answer
 * was lost or a 5xx (the recovery looks); `failed`, anything else (stop there, as for a read).
 */
export function createOutcome(error: OidError): 'refused' | 'unknown' | 'failed' {
  if (error instanceof UnknownOutcome) return error.looked ? 'refused' : 'unknown'
  if (error instanceof AuthError || error instanceof NotFoundError || error instanceof RefusedError) return 'refused'
  if (error instanceof ConnectionError) return error.sent ? 'unknown' : 'refused'
  if (error instanceof ApiError) return [400, 401, 403, 409, 413].includes(error.status) ? 'refused' : error.status >= 500 ? 'unknown' : 'failed'
  return 'failed'
}

/** each mode: "not found" in some instances of `&` is no failure when another had the resource. */
function foundSomewhere<T>(outcomes: Outcome<T>[], type: string, notes: string[]): Outcome<T>[] {
  const missing = (outcome: Outcome<T>) => !outcome.ok && isNotFound(outcome.error)
  if (!outcomes.some((outcome) => outcome.ok) || !outcomes.some(missing)) return outcomes
  const absent = outcomes.filter(missing).map((outcome) => outcome.instance)
  notes.push(`Not found in ${absent.join(', ')} (${type}).`)
  return outcomes.filter((outcome) => !missing(outcome))
}

function isNotFound(error: OidError): boolean {
  return error instanceof NotFoundError || (error instanceof ApiError && error.status === 404)
}

/** When `|` moves on, per mode. */
export function fallsBack(error: OidError, mode: Mode): boolean {
  if (mode === 'create') return createOutcome(error) === 'refused'
  const lookup = mode === 'lookup' || mode === 'each'
  if (error instanceof ConnectionError) return true
  if (error instanceof ApiError) return error.status >= 500 || error.status === 401 || (lookup && error.status === 404)
  if (error instanceof AuthError) return true
  if (error instanceof NotFoundError) return lookup
  return false
}

function reason(outcome: Outcome<unknown>): string {
  if (outcome.ok) return 'ok'
  const error = outcome.error instanceof UnknownOutcome ? outcome.error.original : outcome.error
  if (outcome.error instanceof UnknownOutcome) return `${reason({...outcome, error})}, nothing created`
  if (error instanceof ConnectionError) return error.timedOut ? 'timed out' : 'unreachable'
  if (error instanceof ApiError) return `HTTP ${error.status}`
  if (error instanceof AuthError) return 'credentials refused'
  if (error instanceof NotFoundError) return 'not found'
  if (error instanceof RefusedError) return 'no room: its server was deleted'
  return error.message
}

export function hasAnd(expr: Expr): boolean {
  return expr.kind === 'and' || (expr.kind === 'or' && expr.items.some(hasAnd))
}

export function firstName(expr: Expr): string {
  return expr.kind === 'name' ? expr.name : firstName(expr.items[0])
}
