/**
 * A fast path for the simple YAML that clouds.yaml and secure.yaml almost always are, so that the
 * CLI does not load the `yaml` package (~22 ms). parseSimpleYaml returns exactly what files.ts's
 * slow path returns (`yaml` with version 1.1 and uniqueKeys false, an integral float such as `2.0`
 * turned into the string "2.0", `doc.toJS() ?? {}`), or undefined — "use the real library" — for
 * anything outside this subset; it never guesses. The subset:
 *
 * - an empty or comment-only document ({}), or a block mapping; nested block mappings by
 *   indentation; block sequences of scalars, indented or at their key's indent (`key:\n- a`);
 * - keys: `[A-Za-z_][A-Za-z0-9_./-]*` that resolve to a string (not `yes`, `null`, `e3`, ...), or
 *   quoted without escapes; not `__proto__`; a later duplicate wins;
 * - one-line scalars: "..." (the only escapes being \" and \\), '...' ('' for '), `[]`, `{}`, and
 *   plain: null (empty, ~, null), YAML 1.1 booleans (yes/no/on/off/y/n/true/false), decimal
 *   integers without sign or leading zero, d.d floats (`2.0` → "2.0", `2.5` → 2.5), dotted numbers
 *   (10.0.0.1, 1.2.3), and strings that start with a letter, digit, _ / ~ $ \ or a non-ASCII
 *   character and that no YAML 1.1 type can claim (URLs with ports, passwords with inner `:`...);
 * - blank lines, full-line comments, trailing ` #` comments, CRLF line ends.
 * Refused: tabs and other control or space characters (a BOM, NBSP), flow collections other than
 * `[]` and `{}`, anchors, aliases, tags, block scalars, multi-line scalars, `---`, `...`,
 * directives, `?` keys, merge keys, sequences of collections, a top level that is not a mapping.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/
const TRUE = /^(?:[Yy]|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/
const FALSE = /^(?:[Nn]|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/
const INT = /^(?:0|[1-9][0-9]{0,14})$/
const FLOAT = /^(?:0|[1-9][0-9]{0,14})\.([0-9]{1,6})$/
/** No YAML 1.1 number or timestamp has two dots: a.b.c is a string (IP addresses, versions). */
const DOTTED = /^[0-9]+(?:\.[0-9]+){2,}$/
/**
 * Matches every string the YAML 1.1 schema's int (10, 0b, 0x, 0 octal), float (.inf, 1e3, 1.),
 * sexagesimal (1:30) and timestamp (2024-01-01...) tags resolve, see yaml/dist/schema/yaml-1.1.
 */
const NUMBERISH = /^(?:[-+.]|[eE][-+]?[0-9]|0[bx]|[0-9][0-9_]*(?:[.:eE]|$)|[0-9]{4}-)/
/** Printable characters, which the library treats as ordinary text: no tab, control, BOM, NBSP... */
const ASCII = /^[ -~\n]*$/
let printable: RegExp | undefined // built on first use: compiling \p{...} costs a millisecond
const PLAIN_START = /^[A-Za-z0-9_/~$\\\u0080-\uffff]/
const KEY = /^([A-Za-z_][\w./-]{0,255}|"[^"\\]{0,255}"|'[^']{0,255}'):(?: +|$)(.*)$/
const SEQ = /^-(?: +(.*))?$/

/** A one-line scalar (its comment, if any, included), or undefined. */
function scalar(raw: string): unknown {
  if (raw[0] === '"') {
    const m = /^"((?:[^"\\]|\\["\\])*)"(?: +#.*| *)$/.exec(raw)
    return m ? m[1].replace(/\\(.)/g, '$1') : undefined
  }

  if (raw[0] === "'") {
    const m = /^'((?:[^']|'')*)'(?: +#.*| *)$/.exec(raw)
    return m ? m[1].replaceAll("''", "'") : undefined
  }

  const hash = raw.indexOf(' #')
  const s = (hash === -1 ? raw : raw.slice(0, hash)).replace(/ +$/, '')
  if (s === '[]') return []
  if (s === '{}') return {}
  if (NULL.test(s)) return null
  if (TRUE.test(s)) return true
  if (FALSE.test(s)) return false
  if (INT.test(s)) return Number(s)
  const float = FLOAT.exec(s)
  // The library keeps 2.0 as the number 2 with minFractionDigits, which files.ts turns into "2.0".
  if (float) return /^0+$/.test(float[1]) ? `${Number(s)}.0` : Number(s)
  if (DOTTED.test(s)) return s
  if (NUMBERISH.test(s) || !PLAIN_START.test(s) || s.includes(': ') || s.endsWith(':')) return undefined
  return s
}

function keyName(raw: string): string | undefined {
  const name = raw[0] === '"' || raw[0] === "'" ? raw.slice(1, -1) : scalar(raw)
  return typeof name === 'string' && name !== '__proto__' ? name : undefined
}

const isEmpty = (raw: string) => raw === '' || raw[0] === '#'

export function parseSimpleYaml(text: string): unknown | undefined {
  if (text.includes('\r')) text = text.replaceAll('\r\n', '\n')
  if (!ASCII.test(text) && !(printable ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S} \n]*$/u).test(text)) return undefined
  // Content lines only: their indentation and the rest.
  const indents: number[] = []
  const bodies: string[] = []
  for (const line of text.split('\n')) {
    const body = line.trimStart()
    if (body === '' || body[0] === '#') continue
    indents.push(line.length - body.length)
    bodies.push(body)
  }

  const count = bodies.length
  let i = 0
  const deeper = (indent: number) => i < count && indents[i] > indent
  // A scalar on the line of its key or dash: a deeper line next would continue it (or be an error).
  const inline = (raw: string, indent: number) => (deeper(indent) ? undefined : scalar(raw))
  const block = (indent: number) => (SEQ.test(bodies[i]) ? sequence(indent) : mapping(indent))

  function mapping(indent: number): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {}
    while (i < count && indents[i] === indent) {
      const m = KEY.exec(bodies[i++])
      const key = m ? keyName(m[1]) : undefined
      if (!m || key === undefined) return undefined
      let value: unknown
      if (!isEmpty(m[2])) value = inline(m[2], indent)
      else if (deeper(indent)) value = block(indents[i])
      else if (i < count && indents[i] === indent && SEQ.test(bodies[i])) value = sequence(indent)
      else value = null
      if (value === undefined) return undefined
      out[key] = value
    }

    return deeper(indent) ? undefined : out
  }

  function sequence(indent: number): unknown[] | undefined {
    const out: unknown[] = []
    while (i < count && indents[i] === indent && SEQ.test(bodies[i])) {
      const raw = SEQ.exec(bodies[i++])?.[1] ?? ''
      const value = isEmpty(raw) ? (deeper(indent) ? undefined : null) : inline(raw, indent)
      if (value === undefined) return undefined
      out.push(value)
    }

    return deeper(indent) ? undefined : out
  }

  if (count === 0) return {}
  if (SEQ.test(bodies[0])) return undefined
  const result = mapping(indents[0])
  return i === count ? result : undefined
}
