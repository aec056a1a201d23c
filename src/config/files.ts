/**
 * Finding, reading and checking clouds.yaml, secure.yaml and clouds-public.yaml, the way
 * openstacksdk's loader does: a fixed search path, the first existing file of each kind wins,
 * OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE are tried first, secure.yaml is deep-merged over
 * clouds.yaml. `yaml` and the zod schema are imported only when a file exists.
 */
import {readFileSync} from 'node:fs'
import {isAbsolute, join, resolve} from 'node:path'

import {UsageError} from '../errors.js'
import {quickCheck} from './keys.js'
import {parseSimpleYaml} from './simple-yaml.js'
import {plainKind, PYYAML_TAGS, REPLACED_TAGS} from './yaml11.js'

export type Entry = Record<string, unknown>

export interface FileInputs {
  env: Record<string, string | undefined>
  cwd: string
  home: string
  /** Site-wide directories; default `$XDG_CONFIG_DIRS/openstack` (or /etc/xdg/openstack) and /etc/openstack. Tests set it. */
  systemDirs?: string[]
}

export interface LoadedFiles {
  /** Cloud entries from clouds.yaml with secure.yaml deep-merged over them; keys normalised (`-` → `_`). */
  clouds: Record<string, Entry>
  /** The other top-level sections of the merged file (`client`, `cache`, ...). */
  sections: Entry
  files: {clouds?: string; secure?: string; publicClouds?: string}
  /** Which clouds each file defines (CloudConfig.files names only the files a cloud came from). */
  cloudsIn: {clouds: Set<string>; secure: Set<string>}
  /** The directories searched, in order (for error messages). */
  searchDirs: string[]
  /** `public-clouds:` of clouds-public.yaml, read on first use (only a cloud with `profile:` needs it). */
  profiles(): Promise<Record<string, Entry>>
}

const SUFFIXES = ['.yaml', '.yml', '.json']

/** openstacksdk's CONFIG_SEARCH_PATH: cwd, the user config dirs, the site config dirs. */
export function searchDirs(inputs: FileInputs): string[] {
  const {env, cwd, home} = inputs
  const userConfig = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'openstack')
  const unixConfig = join(env.SNAP_REAL_HOME || home, '.config', 'openstack')
  const system =
    inputs.systemDirs ?? [...(env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean).map((dir) => join(dir, 'openstack')), '/etc/openstack']
  return [...new Set([cwd, userConfig, unixConfig, ...system])]
}

function candidates(dirs: string[], base: string, override: string | undefined, cwd: string): string[] {
  const list = dirs.flatMap((dir) => SUFFIXES.map((suffix) => join(dir, base + suffix)))
  return override ? [isAbsolute(override) ? override : resolve(cwd, override), ...list] : list
}

/** The first file that exists and can be read. Unreadable files (EACCES) are skipped, as openstacksdk does. */
function firstFile(paths: string[]): {path: string; text: string} | undefined {
  for (const path of paths) {
    try {
      return {path, text: readFileSync(path, 'utf8')}
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') continue
      throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`, {cause: error})
    }
  }

  return undefined
}

function lineColumn(text: string, position: number): {line: number; col: number} {
  const before = text.slice(0, position).split('\n')
  return {line: before.length, col: before[before.length - 1].length + 1}
}

async function parse(path: string, text: string): Promise<unknown> {
  if (path.endsWith('json')) {
    try {
      return JSON.parse(text)
    } catch (error) {
      const message = (error as Error).message
      const position = /position (\d+)/.exec(message)
      const where = position ? lineColumn(text, Number(position[1])) : undefined
      const reason = message.replace(/ in JSON at position \d+.*$/s, '')
      throw new UsageError(`Cannot parse ${path}${where ? `: line ${where.line}, column ${where.col}` : ''}: ${reason}`, {
        hint: 'The file must be valid JSON.',
        cause: error,
      })
    }
  }

  const simple = parseSimpleYaml(text)
  if (simple === undefined) return parseYaml(path, text)
  oddCloudNames.delete(path) // the fast path takes no name that PyYAML reads as anything but text
  return simple
}

/** Keys of a mapping that PyYAML would not read as text: a cloud named `yes` or `123` (OSC cannot select it). */
export interface OddKey {
  /** The key as written in the file. */
  source: string
  /** What PyYAML makes of it: "the boolean true", "the int 493"... */
  reading: string
}

/** Cloud names under `clouds:` that PyYAML reads as another type than text, per file (set by parseYaml). */
const oddCloudNames = new Map<string, OddKey[]>()

/**
 * The slow path: the `yaml` library with PyYAML's resolver (yaml11.ts). A later duplicate key wins,
 * as in PyYAML. A key that PyYAML does not read as text is dropped when it names a cloud (OSC cannot
 * select it either; the "not found" error explains why) and is an error inside a cloud entry (OSC
 * fails there with "'bool' object has no attribute 'replace'").
 */
export async function parseYaml(path: string, text: string): Promise<unknown> {
  // `yaml` is CommonJS: its module object is the default export, both under Node and in the bundle.
  const {default: YAML} = await import('yaml')
  return parseYamlWith(YAML, path, text)
}

/** parseYaml with the `yaml` module given (tests import it themselves). */
export function parseYamlWith(YAML: YamlModule, path: string, text: string): unknown {
  const doc = YAML.parseDocument(text, {
    version: '1.1',
    uniqueKeys: false,
    customTags: (tags) => [...tags.filter((tag) => !REPLACED_TAGS.has((tag as {tag: string}).tag)), ...PYYAML_TAGS],
  })
  const where = (error: {linePos?: [{line: number; col: number}, ...unknown[]]}) => {
    const pos = error.linePos?.[0]
    return pos ? `: line ${pos.line}, column ${pos.col}` : ''
  }

  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    // The library's message ends with " at line N, column M:" and a snippet of the file; the
    // snippet may show a password, so only the first sentence is kept.
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new UsageError(`Cannot parse ${path}${where(error)}: ${reason}`, {
      hint: 'The file must be valid YAML (spaces, not tabs, for indentation).',
      cause: error,
    })
  }

  // PyYAML reads a plain `=` (YAML 1.1's value key) and `<<` (the merge key) as text in a key, and cannot read them elsewhere.
  let indicator: import('yaml').Scalar | undefined
  YAML.visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && node.tag === undefined && (node.source === '=' || node.source === '<<')) {
        indicator = node
        return YAML.visit.BREAK
      }
    },
  })
  if (indicator) {
    const at = lineOf(text, indicator)
    throw new UsageError(`Cannot parse ${path}${at}: a plain ${indicator.source} is not a value in YAML 1.1 as python-openstackclient reads it.`, {
      hint: `Quote it: "${indicator.source}".`,
    })
  }

  const odd = checkKeys(YAML, doc, text)
  oddCloudNames.set(path, odd.names)
  if (odd.problem) {
    throw new UsageError(`Invalid ${path}${odd.problem.where}: ${odd.problem.message}`, {
      hint: 'python-openstackclient reads clouds.yaml with PyYAML (YAML 1.1): quote a key that would be read as a boolean, number, date or null, e.g. "yes": or "0755":.',
    })
  }

  try {
    return doc.toJS() ?? {}
  } catch (error) {
    // An alias to an anchor that does not exist (`*x`) is found only here, not in doc.errors.
    throw new UsageError(`Cannot parse ${path}: ${(error as Error).message}`, {hint: 'The file must be valid YAML (spaces, not tabs, for indentation).', cause: error})
  }
}

type YamlModule = typeof import('yaml')

/** ": line N, column M" of a node, or nothing. */
function lineOf(text: string, node: unknown): string {
  const range = (node as {range?: [number, number]}).range
  if (!range) return ''
  const {line, col} = lineColumn(text, range[0])
  return `: line ${line}, column ${col}`
}

/** What PyYAML makes of a key node, if not text (an alias is left to the library). */
function oddReading(YAML: YamlModule, key: unknown): string | undefined {
  if (YAML.isAlias(key)) return undefined
  if (!YAML.isScalar(key)) return 'a collection, which PyYAML cannot use as a key'
  const explicit = key.tag
  // A plain `=` key is text too (PyYAML's flatten_mapping makes it a str); `<<` is the merge key, the library merges it as PyYAML does.
  if (explicit === undefined ? key.type !== 'PLAIN' || ['str', 'value', 'merge'].includes(plainKind(String(key.source))) : explicit === 'tag:yaml.org,2002:str' || explicit === '!') return undefined
  const value = key.value
  if (value === null) return 'null (None)'
  if (typeof value === 'boolean') return `the boolean ${value}`
  const kind = explicit === undefined ? plainKind(String(key.source)) : explicit.replace('tag:yaml.org,2002:', '')
  return `${kind === 'timestamp' ? 'a date' : `the ${kind}`} ${String(value)}`
}

/** The cloud names PyYAML would not read as text, and the first such key inside a cloud entry. */
function checkKeys(YAML: YamlModule, doc: import('yaml').Document.Parsed, text: string): {names: OddKey[]; problem?: {where: string; message: string}} {
  const names: OddKey[] = []
  const root = doc.contents
  if (!YAML.isMap(root)) return {names}
  const sourceOf = (node: unknown) => (YAML.isScalar(node) ? String(node.source ?? node.value) : YAML.isAlias(node) ? `*${node.source}` : String(node))

  let problem: {where: string; message: string} | undefined
  const walk = (node: unknown, at: string) => {
    if (problem) return
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const reading = oddReading(YAML, pair.key)
        if (reading) {
          problem = {where: lineOf(text, pair.key), message: `${at}: the key ${sourceOf(pair.key)} is read as ${reading}, not as text`}
          return
        }

        walk(pair.value, `${at}.${sourceOf(pair.key)}`)
      }
    } else if (YAML.isSeq(node)) for (const [n, item] of node.items.entries()) walk(item, `${at}[${n}]`)
  }

  for (const top of root.items) {
    if (!YAML.isScalar(top.key) || (top.key.value !== 'clouds' && top.key.value !== 'public-clouds') || !YAML.isMap(top.value)) continue
    const clouds = top.value
    for (const pair of [...clouds.items]) {
      const reading = oddReading(YAML, pair.key)
      if (reading) {
        if (top.key.value === 'clouds') names.push({source: sourceOf(pair.key), reading})
        clouds.items.splice(clouds.items.indexOf(pair), 1)
      } else walk(pair.value, `${top.key.value}.${sourceOf(pair.key)}`)
    }
  }

  return {names, problem}
}

/** The cloud names of the files read that PyYAML does not read as text (for the "not found" hint). */
export function oddCloudNamesOf(files: (string | undefined)[]): OddKey[] {
  return files.flatMap((file) => (file ? (oddCloudNames.get(file) ?? []) : []))
}

/** openstacksdk's normalize_keys for key names: `-` → `_`, in nested mappings (not inside lists). */
export function normaliseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const out: Entry = {}
  for (const [key, inner] of Object.entries(value)) out[key.replaceAll('-', '_')] = normaliseKeys(inner)
  return out
}

function normaliseEntries(map: Entry): Record<string, Entry> {
  const out: Record<string, Entry> = {}
  // A cloud written with no body (`foo:`) is an empty entry, as in Python.
  for (const [name, entry] of Object.entries(map)) out[name] = (normaliseKeys(entry) ?? {}) as Entry
  return out
}

/** Reads, parses and validates one file; returns its content with cloud entries normalised. */
async function loadFile(path: string, text: string): Promise<Entry> {
  const raw = await parse(path, text)
  const data = isMapping(raw) ? {...raw} : raw
  if (isMapping(data)) {
    for (const section of ['clouds', 'public-clouds']) {
      if (data[section] === null) data[section] = {}
      else if (isMapping(data[section])) data[section] = normaliseEntries(data[section])
    }
  }

  // zod (~40 ms to load) only runs when the quick check finds something to report.
  const problems = quickCheck(data) ? [] : (await import('./schema.js')).validateConfigFile(data)
  if (problems.length > 0) {
    const lines = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`)
    if (problems.length > 5) lines.push(`... and ${problems.length - 5} more`)
    throw new UsageError(`Invalid ${path}: ${lines.join('\n')}`, {
      hint: 'See https://docs.openstack.org/openstacksdk/latest/user/config/configuration.html for the clouds.yaml format.',
    })
  }

  return data as Entry
}

function isMapping(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** openstacksdk's merge_clouds: like Object.assign, recursing into mappings. */
export function deepMerge(base: Entry, over: Entry): Entry {
  const out: Entry = {...base}
  for (const [key, value] of Object.entries(over)) {
    out[key] = isMapping(value) && isMapping(out[key]) ? deepMerge(out[key] as Entry, value) : isMapping(value) ? {...value} : value
  }

  return out
}

const cache = new Map<string, Promise<LoadedFiles>>()

/** Forgets the files read so far (tests; a long-lived process after editing clouds.yaml). */
export function resetConfigCache(): void {
  cache.clear()
}

export function loadFiles(inputs: FileInputs): Promise<LoadedFiles> {
  const {env} = inputs
  const key = JSON.stringify([
    inputs.cwd,
    inputs.home,
    inputs.systemDirs,
    env.OS_CLIENT_CONFIG_FILE,
    env.OS_CLIENT_SECURE_FILE,
    env.XDG_CONFIG_HOME,
    env.XDG_CONFIG_DIRS,
    env.SNAP_REAL_HOME,
  ])
  let loaded = cache.get(key)
  if (!loaded) {
    loaded = readAll(inputs)
    cache.set(key, loaded)
    // A failed read is not cached: the user fixes the file and the next call sees it.
    loaded.catch(() => cache.delete(key))
  }

  return loaded
}

async function readAll(inputs: FileInputs): Promise<LoadedFiles> {
  const dirs = searchDirs(inputs)
  const cloudsFile = firstFile(candidates(dirs, 'clouds', inputs.env.OS_CLIENT_CONFIG_FILE, inputs.cwd))
  const secureFile = firstFile(candidates(dirs, 'secure', inputs.env.OS_CLIENT_SECURE_FILE, inputs.cwd))

  let merged: Entry = cloudsFile ? await loadFile(cloudsFile.path, cloudsFile.text) : {}
  const cloudsIn = {clouds: new Set(Object.keys(merged.clouds ?? {})), secure: new Set<string>()}
  if (secureFile) {
    const secure = await loadFile(secureFile.path, secureFile.text)
    cloudsIn.secure = new Set(Object.keys(secure.clouds ?? {}))
    merged = deepMerge(merged, secure)
  }
  const {clouds, ...sections} = merged

  let profiles: Promise<Record<string, Entry>> | undefined
  const result: LoadedFiles = {
    clouds: (clouds ?? {}) as Record<string, Entry>,
    sections,
    files: {clouds: cloudsFile?.path, secure: secureFile?.path},
    cloudsIn,
    searchDirs: dirs,
    profiles() {
      profiles ??= (async () => {
        const file = firstFile(candidates(dirs, 'clouds-public', undefined, inputs.cwd))
        if (!file) return {}
        result.files.publicClouds = file.path
        const data = await loadFile(file.path, file.text)
        return (data['public-clouds'] ?? {}) as Record<string, Entry>
      })()
      return profiles
    },
  }
  return result
}
