/**
 * The yaml format: PyYAML's safe_dump(data, default_flow_style=False) as cliff calls it, for the values
 * a view holds (None, bool, int, float, str, lists and dicts). Keys are sorted, strings that would read
 * back as another type are quoted, non-ASCII text is escaped in double quotes, and long scalars are
 * folded past column 80, all as PyYAML's emitter does.
 */
import {compareCodePoints, entriesOf, floatRepr, isInt, PyFloat} from './python.js'
import {Cell, record} from './view.js'

const BEST_WIDTH = 80
const INDENT = 2
const BREAKS = '\n\x85\u2028\u2029'
const SPACE_OR_BREAK = ' ' + BREAKS
const BLANK_OR_END = '\0 \t\r' + BREAKS

/** Strings that PyYAML's resolver reads as bool, int, float, null, timestamp, merge or value. */
const IMPLICIT_TYPES = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
  /^(?:!|&|\*)$/,
]

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
}

interface Scalar {
  text: string
  /** Plain style would read back as the same type: false for strings that look like numbers, booleans, dates... */
  implicit: boolean
}

interface Analysis {
  empty: boolean
  multiline: boolean
  allowPlain: boolean
  allowSingleQuoted: boolean
}

/** PyYAML's analyze_scalar, keeping what a block context needs. */
function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return {empty: true, multiline: false, allowPlain: true, allowSingleQuoted: true}
  const text = chars.join('')
  let indicators = text.startsWith('---') || text.startsWith('...')
  let lineBreaks = false
  let special = false
  let leadingOrTrailing = false
  let breakSpace = false
  let spaceBreak = false
  let previousSpace = false
  let previousBreak = false
  chars.forEach((ch, i) => {
    const followedByBlank = i + 1 >= chars.length || BLANK_OR_END.includes(chars[i + 1])
    const precededByBlank = i === 0 || BLANK_OR_END.includes(chars[i - 1])
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch) || ('?:-'.includes(ch) && followedByBlank)) indicators = true
    } else if ((ch === ':' && followedByBlank) || (ch === '#' && precededByBlank)) {
      indicators = true
    }
    if (BREAKS.includes(ch)) lineBreaks = true
    if (!(ch === '\n' || (ch >= ' ' && ch <= '~'))) special = true
    const edge = i === 0 || i === chars.length - 1
    if (ch === ' ') {
      if (edge) leadingOrTrailing = true
      if (previousBreak) breakSpace = true
    } else if (BREAKS.includes(ch)) {
      if (edge) leadingOrTrailing = true
      if (previousSpace) spaceBreak = true
    }
    previousSpace = ch === ' '
    previousBreak = BREAKS.includes(ch)
  })
  return {
    empty: false,
    multiline: lineBreaks,
    allowPlain: !(leadingOrTrailing || breakSpace || spaceBreak || special || lineBreaks || indicators),
    allowSingleQuoted: !(breakSpace || spaceBreak || special),
  }
}

function scalarOf(value: unknown): Scalar {
  if (value === null || value === undefined) return {text: 'null', implicit: true}
  if (typeof value === 'boolean') return {text: String(value), implicit: true}
  if (value instanceof PyFloat) return {text: floatRepr(value.value).toLowerCase(), implicit: true}
  if (typeof value === 'number') {
    if (isInt(value)) return {text: String(value), implicit: true}
    if (Number.isNaN(value)) return {text: '.nan', implicit: true}
    if (!Number.isFinite(value)) return {text: value > 0 ? '.inf' : '-.inf', implicit: true}
    const text = floatRepr(value).toLowerCase()
    return {text: !text.includes('.') && text.includes('e') ? text.replace('e', '.0e') : text, implicit: true}
  }
  const text = String(value)
  return {text, implicit: !IMPLICIT_TYPES.some((re) => re.test(text))}
}

interface Context {
  mapping?: boolean
  simpleKey?: boolean
}

/** The state of PyYAML's Emitter that shapes the output: where the cursor is and what it follows. */
class Emitter {
  out = ''
  private column = 0
  private indent: number | null = null
  private readonly indents: (number | null)[] = []
  private whitespace = true
  private indention = true

  document(value: unknown): string {
    this.node(value, {})
    this.writeIndent()
    return this.out
  }

  private write(data: string): void {
    this.out += data
    this.column += Array.from(data).length
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ' ' + indicator)
    this.whitespace = whitespace
    this.indention = this.indention && indention
  }

  private writeIndent(): void {
    const indent = this.indent ?? 0
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak()
    if (this.column < indent) {
      this.whitespace = true
      this.write(' '.repeat(indent - this.column))
    }
  }

  private writeLineBreak(data = '\n'): void {
    this.whitespace = true
    this.indention = true
    this.column = 0
    this.out += data
  }

  private increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent)
    if (this.indent === null) this.indent = flow ? INDENT : 0
    else if (!indentless) this.indent += INDENT
  }

  private node(value: unknown, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.emptyCollection('[', ']')
      this.increaseIndent(false, context.mapping === true && !this.indention)
      for (const item of value) {
        this.writeIndent()
        this.writeIndicator('-', true, false, true)
        this.node(item, {})
      }
      this.indent = this.indents.pop()!
    } else if (typeof value === 'object' && value !== null && !(value instanceof PyFloat)) {
      const items = entriesOf(value).sort(([a], [b]) => compareCodePoints(a, b))
      if (items.length === 0) return this.emptyCollection('{', '}')
      this.increaseIndent(false)
      for (const [key, item] of items) this.mappingItem(key, item)
      this.indent = this.indents.pop()!
    } else {
      this.increaseIndent(true)
      this.scalar(scalarOf(value), context)
      this.indent = this.indents.pop()!
    }
  }

  private emptyCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true)
    this.writeIndicator(close, false)
  }

  /** A key goes on the line of its value unless it is empty, multi-line or long (then '? key' and ': value'). */
  private mappingItem(key: string, value: unknown): void {
    this.writeIndent()
    const analysis = analyze(Array.from(key))
    const simple = '!!str'.length + Array.from(key).length < 128 && !analysis.empty && !analysis.multiline
    if (simple) {
      this.node(key, {mapping: true, simpleKey: true})
      this.writeIndicator(':', false)
    } else {
      this.writeIndicator('?', true, false, true)
      this.node(key, {mapping: true})
      this.writeIndent()
      this.writeIndicator(':', true, false, true)
    }
    this.node(value, {mapping: true})
  }

  private scalar({text, implicit}: Scalar, context: Context): void {
    const chars = Array.from(text)
    const analysis = analyze(chars)
    const split = !context.simpleKey
    const keyUnfit = context.simpleKey === true && (analysis.empty || analysis.multiline)
    if (implicit && !keyUnfit && analysis.allowPlain) this.writePlain(chars, split)
    else if (analysis.allowSingleQuoted && !(context.simpleKey && analysis.multiline)) this.writeSingleQuoted(chars, split)
    else this.writeDoubleQuoted(chars, split)
  }

  private writePlain(chars: string[], split: boolean): void {
    if (chars.length === 0) return
    if (!this.whitespace) this.write(' ')
    this.whitespace = false
    this.indention = false
    let spaces = false
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : null
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent()
            this.whitespace = false
            this.indention = false
          } else {
            this.write(chars.slice(start, end).join(''))
          }
          start = end
        }
      } else if (ch === null || SPACE_OR_BREAK.includes(ch)) {
        this.write(chars.slice(start, end).join(''))
        start = end
      }
      if (ch !== null) spaces = ch === ' '
    }
  }

  private writeSingleQuoted(chars: string[], split: boolean): void {
    this.writeIndicator("'", true)
    let spaces = false
    let breaks = false
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : null
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) {
            this.writeIndent()
          } else {
            this.write(chars.slice(start, end).join(''))
          }
          start = end
        }
      } else if (breaks) {
        if (ch === null || !BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.writeLineBreak()
          for (const br of chars.slice(start, end)) this.writeLineBreak(br)
          this.writeIndent()
          start = end
        }
      } else if ((ch === null || SPACE_OR_BREAK.includes(ch) || ch === "'") && start < end) {
        this.write(chars.slice(start, end).join(''))
        start = end
      }
      if (ch === "'") {
        this.write("''")
        start = end + 1
      }
      if (ch !== null) {
        spaces = ch === ' '
        breaks = BREAKS.includes(ch)
      }
    }
    this.writeIndicator("'", false)
  }

  private writeDoubleQuoted(chars: string[], split: boolean): void {
    this.writeIndicator('"', true)
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : null
      if (ch === null || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !(ch >= ' ' && ch <= '~')) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''))
          start = end
        }
        if (ch !== null) {
          this.write('\\' + (ESCAPES[ch] ?? hexEscape(ch.codePointAt(0)!)))
          start = end + 1
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(chars.slice(start, end).join('') + '\\')
        if (start < end) start = end
        this.writeIndent()
        this.whitespace = false
        this.indention = false
        if (chars[start] === ' ') this.write('\\')
      }
    }
    this.writeIndicator('"', false)
  }
}

function hexEscape(cp: number): string {
  const hex = cp.toString(16).toUpperCase()
  return cp <= 0xff ? `x${hex.padStart(2, '0')}` : cp <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`
}

export function yamlList(columns: string[], rows: Cell[][]): string {
  return new Emitter().document(rows.map((row) => record(columns, row)))
}

export function yamlShow(fields: string[], values: Cell[]): string {
  return fields.map((field, i) => new Emitter().document(record([field], [values[i]]))).join('')
}
