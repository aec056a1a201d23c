/**
 * Our clouds.yaml scalars against real PyYAML (python3 is always there): the types and the text
 * that python-openstackclient ends up with, on a table of scalars and on random number-like ones.
 * Both parsers are checked: the `yaml` library with yaml11.ts's tags, and simple-yaml.ts.
 */
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import * as YAML from 'yaml'

import {parseYamlWith} from '../../../src/config/files.js'
import {parseSimpleYaml} from '../../../src/config/simple-yaml.js'
import {plainKind} from '../../../src/config/yaml11.js'

/** [Python type name, str(value)], or ['error'] where safe_load raises. */
type Reading = [string, string | null] | ['error']

const PYTHON = String.raw`
import json, sys, yaml
def read(text, key):
    try:
        data = yaml.safe_load(text)
        if key:
            return [[type(k).__name__, str(k)] for k in data['clouds']]
        v = data['k']
        return [type(v).__name__, None if v is None else str(v)]
    except Exception as e:
        return ['error']
cases = json.load(sys.stdin)
print(json.dumps([read('k: ' + s + '\n', False) for s in cases] + [read('clouds:\n  ' + s + ':\n    auth: {}\n', True) for s in cases]))
`

function pyyaml(cases: string[]): {values: Reading[]; keys: (Reading[] | ['error'])[]} {
  const run = spawnSync('python3', ['-c', PYTHON], {input: JSON.stringify(cases), encoding: 'utf8'})
  assert.equal(run.status, 0, run.stderr)
  const all = JSON.parse(run.stdout) as Reading[]
  return {values: all.slice(0, cases.length), keys: all.slice(cases.length) as unknown as (Reading[] | ['error'])[]}
}

/** What OSC's Python type would be, told from our value and the resolver's kind. */
function reading(value: unknown, text: string): Reading {
  if (value === null) return ['NoneType', null]
  if (typeof value === 'boolean') return ['bool', value ? 'True' : 'False']
  const kind = plainKind(text)
  const type = kind === 'timestamp' ? (String(value).length === 10 ? 'date' : 'datetime') : kind
  return [type, String(value)]
}

function slow(text: string): unknown {
  try {
    return parseYamlWith(YAML, 'clouds.yaml', text)
  } catch {
    return undefined
  }
}

function ours(s: string): Reading {
  const text = `k: ${s}\n`
  const data = slow(text) as {k: unknown} | undefined
  const fast = parseSimpleYaml(text)
  if (data === undefined) {
    assert.equal(fast, undefined, `the fast path accepted ${JSON.stringify(s)}, which the slow path rejects`)
    return ['error']
  }

  if (fast !== undefined) assert.deepStrictEqual(fast, data, `the fast path differs on ${JSON.stringify(s)}`)
  return reading(data.k, s)
}

/** The cloud names we keep, as PyYAML would type them: only the names PyYAML reads as text. */
function ourCloudNames(s: string): Reading[] | ['error'] {
  const data = slow(`clouds:\n  ${s}:\n    auth: {}\n`) as {clouds: Record<string, unknown>} | undefined
  return data === undefined ? ['error'] : Object.keys(data.clouds).map((name): Reading => ['str', name])
}

const TABLE = [
  // booleans: PyYAML's exact spellings; y/n are text
  ...['y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE'],
  ...['on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF'],
  // null
  ...['~', 'null', 'Null', 'NULL', 'nUll', 'none', 'None', ''],
  // ints
  ...['0', '-0', '+0', '3', '-3', '+3', '30', '0755', '007', '08', '09', '00', '0_', '1_000', '1__0', '_1', '0x1F', '0x1f', '-0x1F', '0X1F'],
  ...['0o7', '0b101', '-0b11', '0b_', '0x_', '1:20', '1:20:30', '-1:20', '12:60', '190:20:30', '0:20', '123456789012345678901234567890'],
  ...['9007199254740993', '-9007199254740993', '0x7fffffffffffffffff'],
  // floats
  ...['2.0', '3.0', '2.00', '2.50', '2.5', '0.0', '-0.0', '1.5', '0.1', '1.', '.5', '+.5', '-.5', '1.5e+3', '1.0e3', '1e3', '1E3', '1.0e-5'],
  ...['1e+16', '1.0e+16', '12345678901234567.0', '1_000.5', '1.__', '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan'],
  ...['1:20.5', '-1:20.5', '1:2:3.5', '0.1e-5', '123456789.123456789', '1e-7'],
  // dates and times
  ...['2024-01-01', '2024-1-1', '2024-02-30', '2024-02-29', '2023-02-29', '2002-13-40', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43Z'],
  ...['2001-12-14 21:59:43.10', '2024-1-1 1:02:03', '2001-12-14T21:59:43+1', '2001-12-14T21:59:43.1234567+05:30', '2001-12-14T25:00:00'],
  // text that looks like something else
  ...['10.0.0.1', '1.2.3', 'v1.2', '1a', '8e7b', 'e3', 'E1', '0.0.0.0', '::1', 'fe80::1', 'a:b', 'http://127.0.0.1:5000/v3', '-x', '-1x', '.x'],
  ...['RegionOne', 'InstanceOne', '7c2f5b0e43a64f5d9a7d6e1c1f0c3a2b', '=', '<<', 'x=y'],
]

describe('config: scalars as PyYAML reads them (real python3)', () => {
  it('types and prints every scalar of the table as PyYAML does', () => {
    const py = pyyaml(TABLE)
    const problems: string[] = []
    for (const [n, s] of TABLE.entries()) {
      const mine = ours(s)
      if (JSON.stringify(mine) !== JSON.stringify(py.values[n])) problems.push(`${JSON.stringify(s)}: PyYAML ${JSON.stringify(py.values[n])}, ours ${JSON.stringify(mine)}`)
    }

    assert.deepEqual(problems, [])
  })

  it('keeps a cloud name only when PyYAML reads it as text (OSC cannot select the others)', () => {
    const names = TABLE.filter((s) => s !== '' && s !== '<<' && s !== '-x' && s !== '-1x')
    const py = pyyaml(names)
    const problems: string[] = []
    for (const [n, s] of names.entries()) {
      const expected = py.keys[n]
      const expectedText = expected[0] === 'error' ? ['error'] : (expected as Reading[]).filter((key) => key[0] === 'str')
      const mine = ourCloudNames(s)
      if (expected[0] !== 'error' && JSON.stringify(mine) !== JSON.stringify(expectedText)) {
        problems.push(`${JSON.stringify(s)}: PyYAML ${JSON.stringify(expected)}, ours ${JSON.stringify(mine)}`)
      }
    }

    assert.deepEqual(problems, [])
  })

  it('agrees with PyYAML on random number-like scalars', () => {
    let seed = 1234
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }

    const alphabet = '0123456789_.:-+eExXbBoOtTZfaIiNn'
    const cases = new Set<string>()
    while (cases.size < 1500) {
      let s = ''
      for (let n = 1 + Math.floor(random() * 9); n > 0; n--) s += alphabet[Math.floor(random() * alphabet.length)]
      // Structure, not scalars: a trailing ':' or a leading '-'/'?'/':' followed by nothing makes a mapping or a sequence.
      if (s.endsWith(':') || /^[-?:]$/.test(s)) continue
      cases.add(s)
    }

    const list = [...cases]
    const py = pyyaml(list)
    const problems: string[] = []
    for (const [n, s] of list.entries()) {
      const mine = ours(s)
      if (JSON.stringify(mine) !== JSON.stringify(py.values[n])) problems.push(`${JSON.stringify(s)}: PyYAML ${JSON.stringify(py.values[n])}, ours ${JSON.stringify(mine)}`)
    }

    assert.deepEqual(problems.slice(0, 20), [])
  })
})
