/**
 * The --scope value: a JSON object from service type (or alias) to an instance expression,
 * e.g. {"compute": "InstanceOne", "image": "InstanceTwo | InstanceOne"}. Also OS_SCOPE and
 * OpenStackoïd's per-service OS_SCOPE_<TYPE> variables. Every mistake is a UsageError (exit 2).
 *
 * Validation is hand-written rather than zod: importing zod costs ~45 ms, more than the whole
 * start-up budget, and every message here needs its own wording and "did you mean" anyway.
 */

import {allKeys, officialType, SERVICE_TYPES} from '../catalog/service-types.js'
import {UsageError} from '../errors.js'
import {EXPR_HELP, type Expr, ExprSyntaxError, format, group, names, parseExprRaw} from './expr.js'
import {closest} from './suggest.js'

export interface ScopeEntry {
  /** The key as typed ('volume'). */
  key: string
  /** The official service type ('block-storage'). */
  type: string
  expr: Expr
  /** The expression as typed; for a JSON list, its canonical form ('A & B'). */
  text: string
}

export interface Scope {
  /** By official service type. */
  entries: Map<string, ScopeEntry>
  source: 'flag' | 'env' | 'none'
  raw?: string
}

/** The instances a name may refer to: clouds in clouds.yaml, then regions of the home cloud. */
export interface Known {
  clouds: readonly string[]
  regions: readonly string[]
}

type Source = 'flag' | 'env'

const EXAMPLE = {compute: 'InstanceOne', image: 'InstanceTwo'}
const VALUE_HELP =
  'It must be an instance expression ("InstanceOne", "InstanceOne & InstanceTwo", "InstanceOne | InstanceTwo") ' +
  'or a list of them (["InstanceOne", "InstanceTwo"], meaning all of them).'

/** Longer than any real scope (eight instances in every service type fit in ~2 kB). */
export const MAX_SCOPE_CHARS = 64 * 1024
/** Deeper nesting of brackets and parentheses than any real scope needs (the parsers recurse). */
export const MAX_SCOPE_DEPTH = 32
/** How much of the value an error message echoes. */
const ECHO_CHARS = 200

const label = (source: Source) => (source === 'env' ? 'OS_SCOPE' : '--scope')
/** The value as typed, cut to a readable length: the first 200 characters and the length. */
export function cut(raw: string, keep = ECHO_CHARS): string {
  const chars = [...raw]
  return chars.length <= keep ? raw : `${chars.slice(0, keep).join('')}… (${chars.length} characters)`
}
const shown = (raw: string, source: Source) => (source === 'env' ? `OS_SCOPE='${cut(raw)}'` : `--scope '${cut(raw)}'`)

/** The deepest nesting of ( [ { in the text (inside strings too: that is the expressions' nesting). */
function depth(raw: string): number {
  let level = 0
  let deepest = 0
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index)
    if (code === 0x28 || code === 0x5b || code === 0x7b) deepest = Math.max(deepest, ++level)
    else if ((code === 0x29 || code === 0x5d || code === 0x7d) && level > 0) level--
  }

  return deepest
}

/** Size and depth, checked before any parser sees the text. */
function checkLimits(raw: string, source: Source): void {
  if (raw.length > MAX_SCOPE_CHARS) {
    throw new UsageError(`${shown(raw, source)} is too long: ${label(source)} takes at most ${MAX_SCOPE_CHARS} characters.`, {hint: tryThis(EXAMPLE, source)})
  }

  const deepest = depth(raw)
  if (deepest > MAX_SCOPE_DEPTH) {
    throw new UsageError(
      `${shown(raw, source)} is nested ${deepest} levels deep: ${label(source)} takes at most ${MAX_SCOPE_DEPTH} levels of brackets and parentheses.`,
      {hint: tryThis(EXAMPLE, source)},
    )
  }
}
const tryThis = (value: unknown, source: Source) => `Try: ${shown(toJson(value), source)}`
/** A key or name as typed, quoted, cut to a readable length. */
const quoted = (text: string) => `"${cut(text, 60)}"`

/** JSON with Python's json.dumps separators (", " and ": "), as people write it and OpenStackoïd sends it. */
export function toJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJson).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${toJson(v)}`).join(', ')}}`
  }
  return JSON.stringify(value)
}

function kindOf(value: unknown): string {
  if (value === null) return 'a null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** Parses the JSON text and checks it is an object. */
function parseObject(raw: string, source: Source): Record<string, unknown> {
  const what = `${label(source)} takes a JSON object from service type to instance`
  checkLimits(raw, source)
  if (raw.trim() === '') throw new UsageError(`${label(source)} is empty: ${what}.`, {hint: tryThis(EXAMPLE, source)})
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    if (!/^\s*[[{]/.test(raw)) {
      throw new UsageError(
        `${shown(raw, source)} is not a JSON object: ${what}. To send every service to one cloud, use --os-cloud instead.`,
        {hint: tryThis(EXAMPLE, source)},
      )
    }
    throw new UsageError(
      `${shown(raw, source)} is not valid JSON (${(error as Error).message}). ${what}, with every key and name ` +
        'in double quotes; quote the whole value in single quotes so that the shell keeps them.',
      {hint: tryThis(EXAMPLE, source)},
    )
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${shown(raw, source)} is ${kindOf(value).replace(/^an? /, 'a JSON ')}, not an object: ${what}.`, {
      hint: tryThis(EXAMPLE, source),
    })
  }
  return value as Record<string, unknown>
}

function unknownKey(key: string, obj: Record<string, unknown>, raw: string, source: Source): UsageError {
  const byProject = SERVICE_TYPES.find((s) => s.project === key.toLowerCase())
  // No "did you mean" for a key far longer than any service type (the edit distance would cost seconds).
  const guess = byProject?.type ?? (key.length <= 100 ? closest(key, allKeys()) : undefined)
  const why = byProject
    ? ` ("${key}" is a project; its service type is "${guess}")`
    : guess
      ? ` (did you mean "${guess}"?)`
      : ''
  const fixed = guess ? Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === key ? guess : k, v])) : EXAMPLE
  return new UsageError(
    `${shown(raw, source)} has an unknown service type ${quoted(key)}${why}. Keys are official service types or their ` +
      `aliases (such as "volume" for block-storage): ${SERVICE_TYPES.map((s) => s.type).join(', ')}.`,
    {hint: tryThis(fixed, source)},
  )
}

function parseValue(key: string, value: unknown, raw: string, source: Source): {expr: Expr; text: string} {
  const bad = (what: string) =>
    new UsageError(`${shown(raw, source)}: ${what}. ${VALUE_HELP}`, {hint: tryThis({[key]: 'InstanceOne'}, source)})
  const syntax = <T>(text: string, run: () => T): T => {
    try {
      return run()
    } catch (error) {
      if (!(error instanceof ExprSyntaxError)) throw error
      throw new UsageError(`In ${label(source)}, the expression ${cut(text)} for ${quoted(key)} is invalid: ${error.reason}.`, {
        hint: EXPR_HELP,
      })
    }
  }
  const parse = (text: string): Expr => {
    if (text.trim() === '') throw bad(`the value of "${key}" is empty`)
    return syntax(JSON.stringify(text), () => parseExprRaw(text))
  }
  if (typeof value === 'string') return {expr: parse(value), text: value}
  if (!Array.isArray(value)) throw bad(`the value of "${key}" is ${kindOf(value)}`)
  if (value.length === 0) throw bad(`the list for "${key}" is empty`)
  const odd = value.find((item) => typeof item !== 'string')
  if (odd !== undefined) throw bad(`the list for "${key}" holds ${kindOf(odd)}`)
  const items = (value as string[]).map(parse)
  const expr = syntax(toJson(value), () => group('and', items))
  return {expr, text: format(expr)}
}

/**
 * Parses a whole --scope (or OS_SCOPE) value. Keys map through the official aliases; two keys for
 * one type are an error. When `known` is given (or a function returning it, called only then),
 * every instance name is checked against it; otherwise call checkInstances later.
 */
export function parseScope(raw: string, known?: Known | (() => Known), source: Source = 'flag'): Scope {
  const obj = parseObject(raw, source)
  const entries = new Map<string, ScopeEntry>()
  for (const [key, value] of Object.entries(obj)) {
    const type = officialType(key)
    if (type === undefined) throw unknownKey(key, obj, raw, source)
    const previous = entries.get(type)
    if (previous) {
      throw new UsageError(
        `${shown(raw, source)} gives ${type} twice: "${previous.key}" and "${key}" are the same service type. Give it once.`,
        {hint: tryThis({[type]: previous.text}, source)},
      )
    }
    entries.set(type, {key, type, ...parseValue(key, value, raw, source)})
  }
  const scope: Scope = {entries, source, raw}
  if (known) checkInstances(scope, typeof known === 'function' ? known() : known)
  return scope
}

/** Throws a UsageError for the first instance name that is neither a known cloud nor a known region. */
export function checkInstances(scope: Scope, known: Known): void {
  const source: Source = scope.source === 'env' ? 'env' : 'flag'
  const all = [...known.clouds, ...known.regions]
  for (const entry of scope.entries.values()) {
    for (const name of names(entry.expr)) {
      if (all.includes(name)) continue
      const parts = name.split(/\s+/)
      const guess = name.length <= 200 ? closest(name, all) : undefined
      const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none')
      throw new UsageError(
        `Unknown instance ${quoted(name)} in ${label(source)} for ${quoted(entry.key)}${guess ? ` (did you mean "${guess}"?)` : ''}. ` +
          `An instance is a cloud in clouds.yaml (${list(known.clouds)}) or a region of the home cloud (${list(known.regions)}).`,
        {
          hint:
            parts.length > 1 && parts.every((p) => all.includes(p))
              ? `To use several instances, join them with & or |: "${parts.join(' & ')}".`
              : tryThis({[entry.key]: guess ?? known.clouds[0] ?? known.regions[0] ?? 'InstanceOne'}, source),
        },
      )
    }
  }
}

const envName = (key: string) => `OS_SCOPE_${key.toUpperCase().replace(/-/g, '_')}`

/**
 * The scope the environment asks for, as JSON text, or undefined: OS_SCOPE, plus OpenStackoïd's
 * per-service OS_SCOPE_<TYPE> variables (OS_SCOPE_IMAGE=InstanceTwo, OS_SCOPE_BLOCK_STORAGE=...).
 * Empty variables are ignored. A type given by two variables is an error, and so is an unknown
 * OS_SCOPE_<TYPE>. Without per-service variables, OS_SCOPE is returned as it is.
 */
export function scopeFromEnv(env: Record<string, string | undefined>): string | undefined {
  const whole = env.OS_SCOPE?.trim() ? env.OS_SCOPE : undefined
  const perService = Object.keys(env)
    .filter((name) => name.startsWith('OS_SCOPE_') && env[name]?.trim())
    .sort()
  if (perService.length === 0) return whole
  const obj = whole === undefined ? {} : parseObject(whole, 'env')
  const owner = new Map<string, string>()
  for (const key of Object.keys(obj)) {
    const type = officialType(key)
    if (type) owner.set(type, 'OS_SCOPE')
  }
  for (const name of perService) {
    const key = allKeys().find((k) => envName(k) === name)
    if (key === undefined) {
      const guess = closest(name, allKeys().map(envName))
      throw new UsageError(
        `Unknown service type in the environment variable ${name}${guess ? ` (did you mean ${guess}?)` : ''}. ` +
          'OS_SCOPE_<TYPE> takes an official service type or alias in capitals, with _ for -, ' +
          'such as OS_SCOPE_COMPUTE or OS_SCOPE_BLOCK_STORAGE.',
        {hint: `Try: ${guess ?? 'OS_SCOPE_IMAGE'}=${env[name]}`},
      )
    }
    const type = officialType(key)!
    const other = owner.get(type)
    if (other) {
      throw new UsageError(`${other} and ${name} both give ${type}; keep one of them.`, {
        hint: `Try: unset ${name}`,
      })
    }
    owner.set(type, name)
    obj[key] = env[name]
  }
  return toJson(obj)
}

/** The scope for a command: the --scope flag if given, else the environment (the flag wins). */
export function loadScope(flag: string | undefined, env: Record<string, string | undefined>, known?: Known | (() => Known)): Scope {
  if (flag !== undefined) return parseScope(flag, known, 'flag')
  const raw = scopeFromEnv(env)
  return raw === undefined ? {entries: new Map(), source: 'none'} : parseScope(raw, known, 'env')
}

/** The scope as a plain object, official type → canonical expression (for X-Scope and `scope show`). */
export function toObject(scope: Scope): Record<string, string> {
  return Object.fromEntries([...scope.entries].map(([type, entry]) => [type, format(entry.expr)]))
}
