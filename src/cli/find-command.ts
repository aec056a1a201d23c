import type {Config} from '../startup/oclif.js'

import {AUTH_OPTIONS} from '../config/options.js'
import {globalFlags} from './flags.js'

/**
 * Finding a command the way cliff does (OSC's command manager), for the command_not_found hook
 * and the help class; neither is loaded for an ordinary command line.
 */

type Commands = Pick<Config, 'commands'>

/** Leading options (`--os-cloud X image list`) and what follows them. */
export function splitLeading(argv: string[], config: Commands): {leading: string[]; rest: string[]} {
  const booleans = booleanFlags(config)
  const leading: string[] = []
  let index = 0
  while (index < argv.length && argv[index].startsWith('-') && argv[index] !== '--') {
    const token = argv[index]
    leading.push(token)
    index++
    const name = token.replace(/^-+/, '')
    if (!token.includes('=') && !booleans.has(name) && index < argv.length) leading.push(argv[index++])
  }

  return {leading, rest: argv.slice(index)}
}

/**
 * cliff's CommandManager.find_command: the command words are those before the first option; the
 * longest run of them that names a command wins, exactly or with each word a prefix of the
 * command's word when only one command matches (`imag lis` runs `image list`).
 * `names` are space-separated command names.
 */
export function findCommand(argv: string[], names: readonly string[]): {name: string; argv: string[]} | undefined {
  let last = argv.findIndex((arg) => arg.startsWith('-'))
  if (last === -1) last = argv.length
  const known = new Set(names)
  for (let length = last; length > 0; length--) {
    const words = argv.slice(0, length)
    const name = words.join(' ')
    if (known.has(name)) return {name, argv: argv.slice(length)}
    const candidates = names.filter((candidate) => {
      const parts = candidate.split(' ')
      return parts.length === length && parts.every((part, index) => part.startsWith(words[index]))
    })
    if (candidates.length === 1) return {name: candidates[0], argv: argv.slice(length)}
  }

  return undefined
}

/** cliff's App.get_fuzzy_matches: the commands closest to the first word typed. */
export function fuzzyMatches(word: string, names: readonly string[]): string[] {
  const scored = [...names].sort().map((candidate): [number, string] => {
    if (candidate.startsWith(word)) return [0, candidate]
    return [damerauLevenshtein(word, candidate.split(' ')[0]) + 1, candidate]
  })
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
  const matches: string[] = []
  let best = 0
  for (const [distance, candidate] of scored) {
    if (distance > best) {
      if (best) break
      best = distance
    }

    matches.push(candidate)
  }

  return matches
}

/** cliff.utils.damerau_levenshtein with cliff's costs (swap 0, substitution 2, insertion 1, deletion 3). */
export function damerauLevenshtein(s1: string, s2: string): number {
  const cost = {w: 0, s: 2, a: 1, d: 3}
  if (s1 === s2) return 0
  if (s1.length === 0) return s2.length * cost.a
  if (s2.length === 0) return s1.length * cost.d
  let row1 = Array.from({length: s2.length + 1}, (_, index) => index * cost.a)
  let row2 = [...row1]
  let row0 = [...row1]
  for (let i = 0; i < s1.length; i++) {
    row2[0] = (i + 1) * cost.d
    for (let j = 0; j < s2.length; j++) {
      const substitution = row1[j] + (s1[i] === s2[j] ? 0 : cost.s)
      const insertion = row2[j] + cost.a
      const deletion = row1[j + 1] + cost.d
      let best = Math.min(substitution, insertion, deletion)
      if (i > 0 && j > 0 && s1[i - 1] === s2[j] && s1[i] === s2[j - 1]) best = Math.min(best, row0[j - 1] + cost.w)
      row2[j + 1] = best
    }

    ;[row0, row1, row2] = [row1, row2, row0]
  }

  return row1[s2.length]
}

/**
 * What to print for a command line that names no command: OSC's "Did you mean" (cliff's words, on
 * stdout as cliff does), or, for a command OSC has and openstackoid has not, where to run it.
 */
export async function notFoundMessage(rest: string[], config: Commands & Pick<Config, 'bin'>): Promise<{stdout: string; stderr: string}> {
  const bin = config.bin
  const shown = redact(rest).join(' ')
  const {OSC_COMMANDS} = await import('./osc-commands.js')
  const osc = findCommand(rest, OSC_COMMANDS)
  if (osc) {
    return {
      stdout: '',
      stderr: `${bin}: '${osc.name}' is a python-openstackclient command that ${bin} does not have. Run it with OSC ('openstack ${osc.name} …'), or send the API request directly with '${bin} api SERVICE [METHOD] PATH' (e.g. '${bin} api compute GET /os-hypervisors'; see '${bin} api --help').\n`,
    }
  }

  const article = /^[aeiou]/.test(bin) ? 'an' : 'a'
  const matches = fuzzyMatches(rest[0] ?? '', commandNames(config))
  let stdout = `${bin}: '${shown}' is not ${article} ${bin} command. See '${bin} --help'.\n`
  if (matches.length > 0) stdout += `Did you mean one of these?\n${matches.map((match) => `  ${match}\n`).join('')}`
  return {stdout, stderr: ''}
}

/** The visible command names, with spaces. */
export function commandNames(config: Commands): string[] {
  return config.commands.filter((command) => !command.hidden).map((command) => command.id.replaceAll(':', ' '))
}

const SECRETS = new Set(AUTH_OPTIONS.filter((option) => option.secret).map((option) => `--${option.flag}`))

/** The command line with the values of secret options (--os-password …) hidden. */
function redact(argv: string[]): string[] {
  return argv.map((arg, index) => {
    const [name] = arg.split('=', 1)
    if (SECRETS.has(name) && arg.includes('=')) return `${name}=***`
    if (index > 0 && SECRETS.has(argv[index - 1]) && !arg.includes('=')) return '***'
    return arg
  })
}

function booleanFlags(config: Commands): Set<string> {
  const names = new Set<string>()
  // The global flags are not in the manifest's entries (scripts/manifest.mjs): they come from flags.ts.
  const global = {flags: globalFlags as Record<string, {type: string; char?: string; aliases?: string[]}>}
  for (const command of [global, ...config.commands]) {
    for (const [name, flag] of Object.entries(command.flags)) {
      if (flag.type !== 'boolean') continue
      names.add(name)
      if (flag.char) names.add(flag.char)
      for (const alias of flag.aliases ?? []) names.add(alias)
    }
  }

  return names
}
