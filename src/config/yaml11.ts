/**
 * Plain YAML scalars read the way python-openstackclient reads clouds.yaml: PyYAML's safe_load,
 * that is YAML 1.1 with PyYAML's own implicit resolver (yaml/resolver.py) and SafeConstructor.
 * It differs from the YAML 1.1 spec (and from the `yaml` library's 1.1 schema) in places that
 * matter for names: `y`, `n`, `Y`, `N` are strings; `1e3` and `1.0e3` are strings (an exponent
 * needs a sign); `0o7` is a string; `1:20` is the int 80; `0755` the int 493.
 *
 * One resolver serves both parsers: simple-yaml.ts (the fast path, no library) and the `yaml`
 * library (the slow path, through the tags below), so they cannot disagree.
 *
 * The values are what openstacksdk goes on to use. It turns numbers into strings with Python's
 * str() (normalize_keys), so a float is kept as a JavaScript number only when String() prints it
 * as Python does (2.5), otherwise it becomes Python's text ("2.0", "1e-06", "inf"); an int beyond
 * 2^53 becomes its exact digits; a date or time becomes what str() of Python's date/datetime
 * prints. A scalar PyYAML cannot construct (`0b_`, `2024-13-01`, `=`) is an error.
 */

export type ScalarKind = 'str' | 'bool' | 'int' | 'float' | 'null' | 'timestamp' | 'merge' | 'value'

// PyYAML's implicit resolvers, verbatim (its re.X whitespace removed), in the order it tries them.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const MERGE = /^(?:<<)$/
const NULL = /^(?:~|null|Null|NULL|)$/
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/
const VALUE = /^(?:=)$/

const RESOLVERS: [ScalarKind, RegExp][] = [
  ['bool', BOOL],
  ['float', FLOAT],
  ['int', INT],
  ['merge', MERGE],
  ['null', NULL],
  ['timestamp', TIMESTAMP],
  ['value', VALUE],
]

/** The tag PyYAML gives a plain (unquoted) scalar. */
export function plainKind(text: string): ScalarKind {
  for (const [kind, pattern] of RESOLVERS) if (pattern.test(text)) return kind
  return 'str'
}

/** A scalar that PyYAML resolves but cannot construct. */
export class ScalarError extends Error {}

/** Python's repr() (= str()) of a float. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  if (Object.is(x, -0)) return '-0.0'
  const [mantissa, exp] = x.toExponential().split('e')
  const e = Number(exp)
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  const fixed = x.toFixed(Math.max(0, (mantissa.split('.')[1] ?? '').length - e))
  return fixed.includes('.') ? fixed : `${fixed}.0`
}

/** A number as openstacksdk will print it: the number itself when String() agrees with Python's str(), else Python's text. */
function asPython(x: number, text: string): number | string {
  return String(x) === text ? x : text
}

function digits(text: string, radix: number, source: string): bigint {
  const valid = {2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/}[radix as 2 | 8 | 10 | 16]
  if (!valid.test(text)) throw new ScalarError(`"${source}" is not a valid integer (base ${radix})`)
  const prefix = {2: '0b', 8: '0o', 10: '', 16: '0x'}[radix as 2 | 8 | 10 | 16]
  return BigInt(prefix + text)
}

/** SafeConstructor.construct_yaml_int. */
function constructInt(source: string): number | string {
  let text = source.replaceAll('_', '')
  const negative = text[0] === '-'
  if (text[0] === '-' || text[0] === '+') text = text.slice(1)
  let n: bigint
  if (text === '0') n = 0n
  else if (text.startsWith('0b')) n = digits(text.slice(2), 2, source)
  else if (text.startsWith('0x')) n = digits(text.slice(2), 16, source)
  else if (text[0] === '0') n = digits(text, 8, source)
  else if (text.includes(':')) n = text.split(':').reduce((sum, part) => sum * 60n + digits(part, 10, source), 0n)
  else n = digits(text, 10, source)
  if (negative) n = -n
  const number = Number(n)
  return Number.isSafeInteger(number) ? number : n.toString()
}

/** SafeConstructor.construct_yaml_float. */
function constructFloat(source: string): number | string {
  let text = source.replaceAll('_', '').toLowerCase()
  const sign = text[0] === '-' ? -1 : 1
  if (text[0] === '-' || text[0] === '+') text = text.slice(1)
  let x: number
  if (text === '.inf') x = sign * Infinity
  else if (text === '.nan') x = Number.NaN
  else if (text.includes(':')) {
    // Python's order: the last part first, times 1, 60, 3600... (floating-point sums depend on it).
    let base = 1
    x = 0
    for (const part of text.split(':').reverse()) {
      x += Number(part) * base
      base *= 60
    }

    x *= sign
  }
  else x = sign * Number(text)
  if (Number.isNaN(x) && text !== '.nan') throw new ScalarError(`"${source}" is not a valid float`)
  return asPython(x, pythonFloat(x))
}

const TIMESTAMP_PARTS =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** SafeConstructor.construct_yaml_timestamp, then str() of the Python date or datetime. */
function constructTimestamp(source: string): string {
  const m = TIMESTAMP_PARTS.exec(source)
  if (!m) throw new ScalarError(`"${source}" is not a valid timestamp`)
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days) throw new ScalarError(`"${source}" is not a valid date`)
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
  if (m[4] === undefined) return date
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])]
  if (hour > 23 || minute > 59 || second > 59) throw new ScalarError(`"${source}" is not a valid time`)
  const micro = Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'))
  let zone = ''
  if (m[9]) {
    const offset = Number(m[10]) * 60 + Number(m[11] ?? 0)
    if (offset >= 24 * 60) throw new ScalarError(`"${source}" has a time zone offset of a day or more`)
    zone = `${offset === 0 ? '+' : m[9]}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  } else if (m[8]) zone = '+00:00'
  return `${date} ${pad(hour)}:${pad(minute)}:${pad(second)}${micro ? `.${pad(micro, 6)}` : ''}${zone}`
}

/** A plain scalar's value, as PyYAML constructs it and openstacksdk then uses it; throws ScalarError where PyYAML fails. */
export function plainValue(text: string): unknown {
  return construct(plainKind(text), text)
}

export function construct(kind: ScalarKind, text: string): unknown {
  switch (kind) {
    case 'bool':
      return TRUE.test(text)
    case 'null':
      return null
    case 'int':
      return constructInt(text)
    case 'float':
      return constructFloat(text)
    case 'timestamp':
      return constructTimestamp(text)
    case 'value':
      throw new ScalarError('a plain "=" is YAML 1.1\'s value key, which PyYAML (and so OSC) cannot read; quote it')
    case 'merge':
      throw new ScalarError('a plain "<<" is only a merge key; quote it to mean the text')
    default:
      return text
  }
}

/** Tags for the `yaml` library that resolve plain scalars exactly as above (replacing its YAML 1.1 bool, int, float, null and timestamp). */
export const PYYAML_TAGS = (['bool', 'float', 'int', 'null', 'timestamp'] as const).map((kind) => ({
  tag: `tag:yaml.org,2002:${kind}`,
  default: true,
  test: RESOLVERS.find(([k]) => k === kind)![1],
  identify: () => false,
  resolve(text: string, onError: (message: string) => void): unknown {
    try {
      return construct(kind, text)
    } catch (error) {
      onError((error as Error).message)
      return text
    }
  },
}))

/** The tag names that PYYAML_TAGS replace in the library's yaml-1.1 schema. */
export const REPLACED_TAGS = new Set(PYYAML_TAGS.map((tag) => tag.tag))
