import type {Readable} from 'node:stream'

import type {ServiceRequest, Session} from './auth/session.js'
import {ApiError, AuthError, ConnectionError, NotFoundError, OidError, UsageError} from './errors.js'
import type {HttpResponse} from './http/client.js'
import {format, type Expr} from './scope/expr.js'

/**
 * "The client of service type X": what every service module asks for. The Router is where
 * --scope becomes a routing decision; service modules never know which instance they talk to.
 */
export class ServiceClient {
  constructor(
    readonly session: Session,
    readonly type: string,
  ) {}

  get instance(): string {
    return this.session.name
  }

  async request<T = unknown>(req: ServiceRequest): Promise<HttpResponse<T>> {
    return this.session.request<T>(this.type, req)
  }

  async stream(req: ServiceRequest): Promise<HttpResponse<Readable>> {
    return this.session.stream(this.type, req)
  }

  async url(path: string, query?: ServiceRequest['query']): Promise<string> {
    return this.session.url(this.type, path, query)
  }
}

/** What one instance gave for a fanned-out call. */
export type Outcome<T> = {instance: string; ok: true; value: T} | {instance: string; ok: false; error: OidError}

export interface Fanout<T> {
  outcomes: Outcome<T>[]
  /** True when `&` (or a list) is involved: output gets an Instance column. */
  multi: boolean
  /** Lines for stderr: which instance served a `|`, and why the earlier ones did not. */
  notes: string[]
}

/**
 * How a call is routed by the scope:
 * - read: `&` asks every instance in parallel, `|` falls back on unreachable / 5xx / refused credentials;
 * - lookup: as read, and `|` also falls back when the instance does not have the resource;
 * - write: one instance only (commands that define `&` for their creates use `each` themselves).
 */
export type Mode = 'read' | 'lookup' | 'write'

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
export async function fanout<T>(router: Router, type: string, mode: Mode, call: (client: ServiceClient) => Promise<T>): Promise<Fanout<T>> {
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

  const outcomes = await evaluate(expr, router, type, mode, call, notes)
  return {outcomes, multi: hasAnd(expr), notes}
}

async function evaluate<T>(expr: Expr, router: Router, type: string, mode: Mode, call: (client: ServiceClient) => Promise<T>, notes: string[]): Promise<Outcome<T>[]> {
  if (expr.kind === 'name') {
    try {
      const value = await call(new ServiceClient(router.session(expr.name), type))
      return [{instance: expr.name, ok: true, value}]
    } catch (error) {
      if (error instanceof UsageError || !(error instanceof OidError)) throw error
      return [{instance: expr.name, ok: false, error}]
    }
  }

  if (expr.kind === 'and') {
    const parts = await Promise.all(expr.items.map((item) => evaluate(item, router, type, mode, call, notes)))
    return parts.flat()
  }

  const failures: Outcome<T>[] = []
  for (const [index, item] of expr.items.entries()) {
    const outcomes = await evaluate(item, router, type, mode, call, notes)
    const served = outcomes.filter((outcome) => outcome.ok)
    const last = index === expr.items.length - 1
    if (served.length > 0) {
      if (expr.items.length > 1) {
        const skipped = failures.map((f) => `${f.instance} (${reason(f)})`).join(', ')
        notes.push(`${type} served by ${served.map((o) => o.instance).join(' & ')}${skipped ? ` after ${skipped}` : ''}.`)
      }

      return outcomes
    }

    const fatal = outcomes.find((outcome) => !outcome.ok && !fallsBack(outcome.error, mode))
    if (fatal || last) {
      if (failures.length === 0) return outcomes
      const all = [...failures, ...outcomes] as Extract<Outcome<T>, {ok: false}>[]
      const detail = all.map((f) => `${f.instance}: ${f.error.message}`).join(' ')
      return [{instance: format(expr), ok: false, error: new OidError(`No instance of "${format(expr)}" could serve ${type}. ${detail}`, {cause: all[all.length - 1].error})}]
    }

    failures.push(...outcomes)
  }

  return failures
}

/** `|` moves on when an instance is unreachable, times out, answers 5xx, refuses the credentials, or (lookups) lacks the resource. */
export function fallsBack(error: OidError, mode: Mode): boolean {
  if (error instanceof ConnectionError) return true
  if (error instanceof ApiError) return error.status >= 500 || error.status === 401 || (mode === 'lookup' && error.status === 404)
  if (error instanceof AuthError) return true
  if (error instanceof NotFoundError) return mode === 'lookup'
  return false
}

function reason(outcome: Outcome<unknown>): string {
  if (outcome.ok) return 'ok'
  const error = outcome.error
  if (error instanceof ConnectionError) return error.timedOut ? 'timed out' : 'unreachable'
  if (error instanceof ApiError) return `HTTP ${error.status}`
  if (error instanceof AuthError) return 'credentials refused'
  if (error instanceof NotFoundError) return 'not found'
  return error.message
}

export function hasAnd(expr: Expr): boolean {
  return expr.kind === 'and' || (expr.kind === 'or' && expr.items.some(hasAnd))
}

function firstName(expr: Expr): string {
  return expr.kind === 'name' ? expr.name : firstName(expr.items[0])
}
