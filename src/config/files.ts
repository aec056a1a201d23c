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
  if (simple !== undefined) return simple
  // `yaml` is CommonJS: its module object is the default export, both under Node and in the bundle.
  const {default: YAML} = await import('yaml')
  // PyYAML's safe_load reads YAML 1.1 (yes/no are booleans) and lets a later duplicate key win.
  const doc = YAML.parseDocument(text, {version: '1.1', uniqueKeys: false})
  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    const pos = error.linePos?.[0]
    // The library's message ends with " at line N, column M:" and a snippet of the file; the
    // snippet may show a password, so only the first sentence is kept.
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new UsageError(`Cannot parse ${path}${pos ? `: line ${pos.line}, column ${pos.col}` : ''}: ${reason}`, {
      hint: 'The file must be valid YAML (spaces, not tabs, for indentation).',
      cause: error,
    })
  }

  // Python turns 2.0 into the string "2.0" (openstacksdk stringifies numbers); JavaScript would say "2".
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && Number.isInteger(node.value) && node.minFractionDigits) node.value = `${node.value}.0`
    },
  })
  try {
    return doc.toJS() ?? {}
  } catch (error) {
    // An alias to an anchor that does not exist (`*x`) is found only here, not in doc.errors.
    throw new UsageError(`Cannot parse ${path}: ${(error as Error).message}`, {hint: 'The file must be valid YAML (spaces, not tabs, for indentation).', cause: error})
  }
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
