/**
 * Python's textwrap.fill(text, width) with its default options, which prettytable uses to wrap a line
 * wider than its column. Widths are counted in code points, as Python's len() does.
 * (Tab expansion and whitespace munging are left out: prettytable only wraps lines free of control characters.)
 */

const WS = '[\\t\\n\\v\\f\\r ]'
const NON_WS = '[^\\t\\n\\v\\f\\r ]'
const WORD = '[\\p{L}\\p{N}_]'
const WORD_PUNCT = '[\\p{L}\\p{N}_!"\'&.,?]'
const LETTER = '[\\p{L}\\p{Nl}\\p{No}_]'

/** Splits text into whitespace runs and words, a word ending after a hyphen between letters or before an em-dash. */
const CHUNK = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NON_WS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  'u',
)

const isBlank = (chunk: string) => chunk.trim() === ''
const length = (chunk: string) => Array.from(chunk).length

/** Breaks a word too long for any line, after its last hyphen that fits if there is one. */
function breakLongWord(chunks: string[], line: string[], lineLength: number, width: number): void {
  const spaceLeft = width < 1 ? 1 : width - lineLength
  const chars = Array.from(chunks[chunks.length - 1])
  let end = spaceLeft
  if (chars.length > spaceLeft) {
    const hyphen = chars.slice(0, spaceLeft).lastIndexOf('-')
    if (hyphen > 0 && chars.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1
  }
  line.push(chars.slice(0, end).join(''))
  chunks[chunks.length - 1] = chars.slice(end).join('')
}

export function fill(text: string, width: number): string {
  const chunks = text
    .split(CHUNK)
    .filter((c) => c !== '')
    .reverse()
  const lines: string[] = []
  while (chunks.length > 0) {
    const line: string[] = []
    let lineLength = 0
    if (lines.length > 0 && isBlank(chunks[chunks.length - 1])) chunks.pop()
    while (chunks.length > 0 && lineLength + length(chunks[chunks.length - 1]) <= width) {
      lineLength += length(chunks[chunks.length - 1])
      line.push(chunks.pop()!)
    }
    if (chunks.length > 0 && length(chunks[chunks.length - 1]) > width) {
      breakLongWord(chunks, line, lineLength, width)
    }
    if (line.length > 0 && isBlank(line[line.length - 1])) line.pop()
    if (line.length > 0) lines.push(line.join(''))
  }
  return lines.join('\n')
}
