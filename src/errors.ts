/**
 * The one errors module. Every failure the user can see is an OidError: a message (one paragraph,
 * naming what is wrong), an optional hint (how to fix it), and an exit code from EXIT.
 * Anything else that escapes is a bug and is reported as such by the base command.
 */

export const EXIT = {
  OK: 0,
  FAILURE: 1, // the cloud refused, a resource is missing, a partial failure
  USAGE: 2, // bad flags, bad scope, bad clouds.yaml, missing credentials
  INTERRUPTED: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface OidErrorOptions {
  hint?: string
  exitCode?: ExitCode
  cause?: unknown
}

export class OidError extends Error {
  readonly hint?: string
  readonly exitCode: ExitCode

  constructor(message: string, options: OidErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'OidError'
    this.hint = options.hint
    this.exitCode = options.exitCode ?? EXIT.FAILURE
  }
}

/** Bad input from the user: flags, --scope, clouds.yaml, missing credentials. Exit 2. */
export class UsageError extends OidError {
  constructor(message: string, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.USAGE})
    this.name = 'UsageError'
  }
}

/** A resource looked up by name or ID does not exist (OSC wording). Exit 1. */
export class NotFoundError extends OidError {
  constructor(message: string, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.FAILURE})
    this.name = 'NotFoundError'
  }
}

/** What a cloud answered with an error status. */
export interface ApiErrorDetails {
  instance?: string
  service?: string
  method: string
  url: string
  status: number
  apiMessage?: string
  requestId?: string
}

export class ApiError extends OidError {
  readonly details: ApiErrorDetails

  constructor(message: string, details: ApiErrorDetails, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.FAILURE})
    this.name = 'ApiError'
    this.details = details
  }

  get status(): number {
    return this.details.status
  }
}

/**
 * An instance refused a create and nothing of it is left (a boot that found no valid host, whose
 * server was deleted): under `|` the next instance may be tried.
 */
export class RefusedError extends OidError {
  constructor(message: string, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.FAILURE})
    this.name = 'RefusedError'
  }
}

/** Keystone refused the credentials (401 on POST /auth/tokens). */
export class AuthError extends OidError {
  constructor(message: string, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.FAILURE})
    this.name = 'AuthError'
  }
}

/** The network failed: refused, reset, DNS, timeout. */
export class ConnectionError extends OidError {
  readonly url: string
  readonly instance?: string
  readonly timedOut: boolean
  /** The request may have reached the service (a time-out or reset after sending); false when it certainly did not (refused, DNS, TLS). */
  readonly sent: boolean

  constructor(message: string, info: {url: string; instance?: string; timedOut?: boolean; sent?: boolean}, options: Omit<OidErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: EXIT.FAILURE})
    this.name = 'ConnectionError'
    this.url = info.url
    this.instance = info.instance
    this.timedOut = info.timedOut ?? false
    this.sent = info.sent ?? true
  }
}

/** Formats an error for stderr: message, then hint. */
export function formatError(error: OidError): string {
  return error.hint ? `${error.message}\n${error.hint}` : error.message
}
