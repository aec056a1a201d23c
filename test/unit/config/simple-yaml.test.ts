import assert from 'node:assert/strict'
import * as YAML from 'yaml'

import {parseYamlWith} from '../../../src/config/files.js'
import {parseSimpleYaml} from '../../../src/config/simple-yaml.js'

const ERROR = Symbol('error')

/** files.ts's slow path (the `yaml` library with PyYAML's resolver); ERROR where it throws. */
function reference(text: string): unknown {
  try {
    return parseYamlWith(YAML, 'test.yaml', text)
  } catch {
    return ERROR
  }
}

/** The fast path either agrees with the library or declines; returns whether it answered. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text)
  if (fast === undefined) return false
  const slow = reference(text)
  assert.notEqual(slow, ERROR, `the library rejects what the fast path accepted:\n${text}`)
  assert.deepStrictEqual(fast, slow, `different results for:\n${text}`)
  return true
}

const accepts = (text: string) => assert.ok(agrees(text), `the fast path declined:\n${text}`)

/** parseSimpleYaml(text) at the path `a.b.c`. */
const at = (text: string, path: string) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], parseSimpleYaml(text))

const CLOUDS = `# clouds.yaml for the lab
clouds:
  # the main one
  devstack:
    auth:
      auth_url: http://127.0.0.1:5000/v3   # keystone
      username: admin
      password: "s3cr#t: with colon"
      project_name: admin
      user_domain_name: Default
      project_domain_id: default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
    volume_api_version: 3.0
    compute_api_version: 2.1
    verify: false
    api_timeout: 30
    openstackoid: true
    regions:
      - RegionOne
      - RegionTwo   # the new one

  other-cloud:
    auth:
      auth_url: 'https://keystone.example.com:5000/v3/'
      password: 'it''s #1: yes'
      project_id: 7c2f5b0e43a64f5d9a7d6e1c1f0c3a2b
    regions:
    - name: ignored
  site_b:
    profile: vexxhost
    cacert: /etc/ssl/certs/ca.pem
    regions:
    - north
    - south
    verify: yes
    host: 10.0.0.12
client:
  force_ipv4: true
`

describe('config/simple-yaml', () => {
  it('parses a typical clouds.yaml exactly as the library does', () => {
    // `- name: ignored` is a sequence of mappings: declined. Without it the file is accepted.
    assert.equal(parseSimpleYaml(CLOUDS), undefined)
    const simple = CLOUDS.replace('    - name: ignored\n', '    - a\n')
    accepts(simple)
    assert.equal(at(simple, 'clouds.devstack.auth.password'), 's3cr#t: with colon')
    assert.equal(at(simple, 'clouds.devstack.identity_api_version'), 3)
    assert.equal(at(simple, 'clouds.devstack.volume_api_version'), '3.0')
    assert.equal(at(simple, 'clouds.devstack.compute_api_version'), 2.1)
    assert.deepEqual(at(simple, 'clouds.devstack.regions'), ['RegionOne', 'RegionTwo'])
    assert.equal(at(simple, 'clouds.other-cloud.auth.password'), "it's #1: yes")
    assert.equal(at(simple, 'clouds.site_b.verify'), true)
    assert.equal(at(simple, 'clouds.site_b.host'), '10.0.0.12')
  })

  it('parses a secure.yaml', () => {
    accepts('clouds:\n  devstack:\n    auth:\n      password: "p@ss\\"word\\\\"\n  other:\n    auth:\n      password: hunter2\n')
    assert.equal(at('clouds:\n  c:\n    auth:\n      password: "a\\"b\\\\c"\n', 'clouds.c.auth.password'), 'a"b\\c')
  })

  it('gives {} for an empty or comment-only file, like the slow path', () => {
    for (const text of ['', '\n', '# nothing\n', '  # indented\n\n']) {
      accepts(text)
      assert.deepEqual(parseSimpleYaml(text), {})
    }
  })

  it('resolves YAML 1.1 scalars like the library, or declines', () => {
    const accepted = ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']
    accepted.push('on', 'On', 'ON', 'off', 'Off', 'OFF', 'oN', 'tRue', 'nUll', '~', 'null', 'Null', 'NULL', '', '3', '0', '30')
    accepted.push('2.0', '3.0', '2.00', '2.50', '0.0', '1.5', '10.0.0.1', '1.2.3', 'http://127.0.0.1:5000/v3', 'a:b', 'a#b', 'a  b')
    accepted.push("'a''b'", '"a#b"', "'a: b'", '""', "''", '[]', '{}', 'x]', 'a}', 'x,y', '~/x', '_1', '_', '0X1F', 'ünï', '日本', 'a #b')
    for (const value of accepted) accepts(`k: ${value}\n`)
    const tricky = ['1e3', '1E3', 'e3', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '0755', '007', '08', '00', '+1', '-1', '-0']
    tricky.push('1_000', '0_1', '12:30', '1:20:30', '12:60', '0x1F', '0o7', '0b101', '.inf', '-.inf', '.nan', '.NaN', '.', '1.', '.5')
    tricky.push('123456789012345678901234567890', '<<', '=', '-x', '?x', '!x', '&x', '*x', '|', '>', '@x', '`x', '%x', ',x', '[x', '{a')
    tricky.push('[a]', '{a: b}', 'a: b', 'x:', '- x', '? x', '--', '---', '...', '::1', 'fe80::1', '"a\\nb"', '"a\\tb"', '"a"b', "'a' b")
    tricky.push('a\tb', 'a\u00a0b', '\u200bx', '😀')
    for (const value of [...accepted, ...tricky]) {
      agrees(`k: ${value}\n`)
      agrees(`k:\n- ${value}\n`)
      agrees(`${value}: v\n`)
    }
    // The values that must stay on the fast path.
    assert.deepEqual(parseSimpleYaml('a: 2.0\nb: 3\nc: off\nd:\ne: ~\n'), {a: '2.0', b: 3, c: false, d: null, e: null})
  })

  it('declines what it does not understand', () => {
    const declined = [
      '- a\n', // a top-level sequence
      'a:\n\tb: 1\n', // tab indentation
      '\ufeffa: 1\n', // BOM
      '---\na: 1\n',
      'a: 1\n...\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a: b\n  c\n', // multi-line plain scalar
      'a: "b\n  c"\n',
      '? a\n: b\n',
      '<<: {a: 1}\n',
      'a:\n  b: 1\n c: 2\n', // inconsistent indentation
      'a: 1\n  b: 2\n',
      'a:\n  - x\n  b: 1\n',
      'a:\n- x\n  - y\n',
      'a:\n  - b: 1\n',
      'a:\n  -\n    - x\n',
      'a: [1, 2]\n',
      '__proto__: 1\n',
      '"__proto__": 1\n',
      'yes: 1\n',
      '1: a\n',
      'a b: 1\n',
      'a : 1\n',
      'a:b: 1\n',
      'a: 1\r',
    ]
    for (const text of declined) assert.equal(parseSimpleYaml(text), undefined, text)
  })

  it('handles details exactly', () => {
    accepts('a: 1\na: 2\n') // the later duplicate wins
    accepts('a:\n  x: 1\nb: 2\na: 3\n')
    accepts('a:\n- 1\n- 2\nb: 3\n') // a sequence at its key's indent
    accepts('a:\n  -   x\n  -\n  - # nothing\n  - "y"\n')
    accepts('a:\n# a comment at column 0\n  b: 1\n')
    accepts('a:   # comment\n  b: 1\n')
    accepts('  a: 1\n  b:\n    c: 2\n') // an indented document
    accepts('a: 1\r\nb:\r\n  c: 2\r\n') // CRLF
    accepts("'quoted key': 1\n\"other key\": 2\nconstructor: 3\ntoString: 4\n")
    accepts('a: "x" # c\nb: \'y\'   \nc: z   \n')
    assert.deepEqual(parseSimpleYaml('a:\n  b:\n  - x\n  c: 1\n'), {a: {b: ['x'], c: 1}})
  })

  describe('differential fuzz against the library', () => {
    // mulberry32: small, seeded, reproducible.
    function prng(seed: number): () => number {
      return () => {
        seed = (seed + 0x6d2b79f5) | 0
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
      }
    }

    const NORMAL_KEYS = ['a', 'b', 'auth', 'auth_url', 'region_name', 'cloud-1', 'my.key', 'x/y', '_k', "'quoted key'", '"dq"', 'constructor']
    const NORMAL_VALUES = ['abc', 'RegionOne', 'http://127.0.0.1:5000/v3', 'https://k.example.com:5000/v3/', '3', '30', '0', '2.0', '1.5']
    NORMAL_VALUES.push('true', 'false', 'yes', 'Off', '~', 'null', '', '10.0.0.1', '"p#ss: w"', "'it''s'", 'p@ss:word#1', '/etc/ca.pem')
    NORMAL_VALUES.push('[]', '{}', 'a b  c', '日本', 'abc # comment', '"x" # c', '7c2f5b0e43a64f5d9a7d6e1c1f0c3a2b', 'v1.2.3')

    const NASTY_KEYS = [...NORMAL_KEYS, '__proto__', '"__proto__"', 'yes', 'no', 'y', 'on', 'null', '~', 'e3', 'E1', '1', '2.0', '0755']
    NASTY_KEYS.push('""', '"a: b"', "'a#b'", 'a b', '<<', '? k', '-k', '"k"x', 'Ünï', 'true', 'k\t', '&a k', '!t k', '[k]', "'a''b'")
    const NASTY_VALUES = [...NORMAL_VALUES, '00', '0755', '007', '08', '2.00', '2.50', '0.0', '1e3', '1E3', 'e3', '1.0e3', '.inf']
    NASTY_VALUES.push('-.inf', '.nan', '.NaN', '.', '..', '1.', '.5', '+1', '-1', '-0', '1_000', '1__0', '_1', '_', '0x1F', '0X1F')
    NASTY_VALUES.push('0b101', '0o7', '12:30', '1:20:30', '1:2:3.5', '12:60', '2024-01-01', '2024-1-1', '2001-12-14t21:59:43.10-05:00')
    NASTY_VALUES.push('2001-12-14 21:59:43.10 -5', '1.2', '::1', 'fe80::1', 'y', 'Y', 'n', 'N', 'NO', 'on', 'ON', 'oN', 'TRUE', 'tRue')
    NASTY_VALUES.push('Null', 'NULL', 'nUll', '<<', '=', '-', '--', '---', '...', '- x', '? x', '?x', '!x', '!!str x', '&a x', '*a')
    NASTY_VALUES.push('|', '>', '@x', '`x', '%x', ',x', '[x', 'x]', '{a', 'a}', '[a, b]', '{a: b}', 'a:b', 'a: b', 'a:', 'a :b')
    NASTY_VALUES.push('a #b', 'a#b', '#x', '"a#b"', "'a#b'", '"a: b"', '"a\\"b"', '"a\\\\b"', '"a\\nb"', '"a\\tb"', "'a'b'", '"a"b"')
    NASTY_VALUES.push('"open', "'open", '""', "''", '" spaces "', 'x,y', '1,000', 'a  b', '$var', '~/foo', '~ x', 'ünïcødé', '😀')
    NASTY_VALUES.push('a\u00a0b', '\u200bx', 'a\\b', 'C:\\path', '(x)', 'Yes!', 'nullx', 'e', '1e', '1a', '8e7b', 'a\tb', 'x\t# c')

    /** A short string from a numeric-looking alphabet: the place where YAML 1.1 typing hides. */
    function numberish(random: () => number): string {
      const alphabet = '0123456789_.:-+eExXbBoOtTZ fa'
      let s = ''
      for (let n = 1 + Math.floor(random() * 8); n > 0; n--) s += alphabet[Math.floor(random() * alphabet.length)]
      return s
    }

    function generate(random: () => number, nasty: boolean): string {
      const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
      // How nasty this document is: most lines of a nasty document are still normal, so that the
      // fast path accepts some of them and the comparison proves something.
      const odds = nasty ? pick([0.02, 0.05, 0.1, 0.3]) : 0
      const key = () => pick(random() < odds ? NASTY_KEYS : NORMAL_KEYS)
      const value = () => (random() < odds ? (random() < 0.3 ? numberish(random) : pick(NASTY_VALUES)) : pick(NORMAL_VALUES))
      const step = nasty && random() < 0.3 ? pick([1, 3]) : pick([2, 4])
      const lines: string[] = []
      const pad = (indent: number) => ' '.repeat(Math.max(0, random() < odds / 3 ? indent + pick([-1, 1]) : indent))
      function mapping(indent: number, depth: number) {
        for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
          const roll = random()
          if (depth < 3 && roll < 0.3) {
            lines.push(`${pad(indent)}${key()}:${random() < 0.2 ? ' # c' : ''}`)
            mapping(indent + step, depth + 1)
          } else if (roll < 0.45) {
            lines.push(`${pad(indent)}${key()}:`)
            const at = random() < 0.5 ? indent : indent + step
            for (let m = 1 + Math.floor(random() * 3); m > 0; m--) lines.push(`${pad(at)}-${pick([' ', '  ', ' '])}${value()}`.trimEnd())
          } else lines.push(`${pad(indent)}${key()}: ${value()}`)
          if (random() < 0.1) lines.push(pick(['', '# comment', '   # indented comment', '  ']))
        }
      }

      mapping(0, 0)
      if (nasty) {
        for (let n = 0; n < lines.length; n++) {
          const roll = random() / odds
          if (roll < 0.1) lines[n] = '\t' + lines[n]
          else if (roll < 0.3) lines[n] += pick([' # trailing', '#x', '   ', ' ', '\t'])
          else if (roll < 0.4) lines.splice(n, 0, pick(['---', '...', '- x', '  continued', '"', 'k: v']))
        }
      }

      let text = lines.join('\n') + (random() < 0.9 ? '\n' : '')
      if (nasty && random() < 0.05) text = text.replaceAll('\n', '\r\n')
      if (nasty && random() < 0.02) text = '\ufeff' + text
      return text
    }

    /** Runs `total` documents from `make` through agrees(); returns how many the fast path took. */
    function accepted(label: string, seed: number, total: number, make: (random: () => number) => string): number {
      const random = prng(seed)
      let count = 0
      for (let n = 0; n < total; n++) if (agrees(make(random))) count++
      console.log(`      ${label}: ${count} accepted by the fast path, ${total - count} left to the library`)
      return count
    }

    it('never disagrees with the library on random nasty documents', () => {
      const count = accepted('nasty documents', 20240601, 4000, (random) => generate(random, true))
      assert.ok(count > 4000 * 0.05, `only ${count} of 4000 accepted: the comparison would prove little`)
    })

    it('never disagrees on random number-like scalars', () => {
      accepted('number-like scalars', 7, 4000, (random) => `k: ${numberish(random)}\n`)
    })

    it('accepts nearly all normal documents', () => {
      const count = accepted('normal documents', 42, 2000, (random) => generate(random, false))
      assert.ok(count > 2000 * 0.95, `only ${count} of 2000 normal documents accepted`)
    })
  })
})
