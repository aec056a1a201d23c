import {Formatted} from '../output/index.js'
import {compareCodePoints} from '../output/python.js'

/** osc-lib's formattable columns: a human rendering for tables and value, the raw value for json/yaml. */

/** Python's str() of a JSON value, as OSC shows it. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return pyRepr(value)
}

function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  if (typeof value !== 'object') return pyStr(value)
  if (Array.isArray(value)) return `[${value.map((item) => pyRepr(item)).join(', ')}]`
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`)
    .join(', ')}}`
}

const byCodePoint = compareCodePoints

/** format_list: sorted, ', '-joined. */
export function formatList(values: unknown[]): string {
  return values.map((value) => pyStr(value)).sort(byCodePoint).join(', ')
}

/** format_dict: key='value' sorted by key; nested dicts flattened with dotted keys; None as key=. */
export function formatDict(data: Record<string, unknown>, prefix?: string): string {
  const parts: string[] = []
  for (const key of Object.keys(data).sort(byCodePoint)) {
    const name = prefix ? `${prefix}.${key}` : key
    const value = data[key]
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) parts.push(formatDict(value as Record<string, unknown>, name))
    else if (value === null || value === undefined) parts.push(`${name}=`)
    else parts.push(`${name}='${pyStr(value)}'`)
  }

  return parts.join(', ')
}

export function listCell(values: unknown[] | undefined | null): Formatted {
  const list = values ?? []
  return new Formatted(list, formatList(list))
}

export function dictCell(dict: Record<string, unknown> | undefined | null): Formatted {
  const data = dict ?? {}
  return new Formatted(data, formatDict(data))
}

/** DictListColumn (server addresses): "net=ip1, ip2; net2=ip3", keys sorted. */
export function dictListCell(dict: Record<string, unknown[]>): Formatted {
  const human = Object.keys(dict)
    .sort(byCodePoint)
    .filter((key) => dict[key] !== null && dict[key] !== undefined)
    .map((key) => `${key}=${formatList(dict[key])}`)
    .join('; ')
  return new Formatted(dict, human)
}

/** ListDictColumn (security groups, volumes): one format_dict per line. */
export function listDictCell(list: Record<string, unknown>[] | undefined | null): Formatted {
  const data = list ?? []
  return new Formatted(data, data.map((item) => formatDict(item)).join('\n'))
}
