import {Formatted} from '../output/index.js'
import {compareCodePoints, str as pyStr} from '../output/python.js'

/** osc-lib's formattable columns: a human rendering for tables and value, the raw value for json/yaml. */

/** format_list: sorted, ', '-joined. */
export function formatList(values: unknown[]): string {
  return values.map((value) => pyStr(value)).sort(compareCodePoints).join(', ')
}

/** format_dict: key='value' sorted by key; nested dicts flattened with dotted keys; None as key=. */
export function formatDict(data: Record<string, unknown>, prefix?: string): string {
  const parts: string[] = []
  for (const key of Object.keys(data).sort(compareCodePoints)) {
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
    .sort(compareCodePoints)
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
