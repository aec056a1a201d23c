/**
 * A fast path for the simple YAML that clouds.yaml and secure.yaml almost always are, so that the
 * CLI does not load the `yaml` package (~22 ms). parseSimpleYaml returns exactly what files.ts's
 * slow path returns (`yaml` with PyYAML's resolver from yaml11.ts, uniqueKeys false,
 * `doc.toJS() ?? {}`), or undefined — "use the real library" — for
 * anything outside this subset; it never guesses. The subset:
 *
 * - an empty or comment-only document ({}), or a block mapping; nested block mappings by
 *   indentation; block sequences of scalars, indented or at their key's indent (`key:\n- a`);
 * - keys: `[A-Za-z_][A-Za-z0-9_./-]*` that resolve to a string (not `yes`, `null`, ...), or
 *   quoted without escapes; not `__proto__`; a later duplicate wins;
 * - one-line scalars: "..." (the only escapes being \" and \\), '...' ('' for '), `[]`, `{}`, and
 *   plain scalars that start with a letter, digit, _ / ~ $ \ or a non-ASCII character (or a sign
 *   or dot before one), typed exactly as PyYAML types them (yaml11.ts: yes/no/on/off/true/false,
 *   ints, floats, dates, null; `y` and `n` are strings), declined where PyYAML would fail;
 * - blank lines, full-line comments, trailing ` #` comments, CRLF line ends.
 * Refused: tabs and other control or space characters (a BOM, NBSP), flow collections other than
 * `[]` and `{}`, anchors, aliases, tags, block scalars, multi-line scalars, `---`, `...`,
 * directives, `?` keys, merge keys, sequences of collections, a top level that is not a mapping.
 */
import {plainValue} from './yaml11.js'

/** Printable characters, which the library treats as ordinary text: no tab, control, BOM, NBSP... */
const ASCII = /^[ -~\n]*$/
let printable: RegExp | undefined // built on first use: compiling \p{...} costs a millisecond
/**
 * A plain scalar that may start a value: not an indicator (`-` `?` `:` `,` `[` `]` `{` `}` `#` `&`
 * `*` `!` `|` `>` `'` `"` `%` `@` `` ` ``), nor `<<` or `=` (which PyYAML cannot construct); a sign
 * or a dot only before a letter, digit or dot (`-1`, `+.5`, `.inf`, never `- x`).
 */
const PLAIN_START = /^(?:[A-Za-z0-9_/~$\\\u0080-\uffff]|[-+.][A-Za-z0-9.])/
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
  if (s === '') return null
  if (!PLAIN_START.test(s) || s.includes(': ') || s.endsWith(':')) return undefined
  try {
    return plainValue(s)
  } catch {
    return undefined // PyYAML fails on it: the slow path says why
  }
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
