import {strict as assert} from 'node:assert'
import {readFileSync, readdirSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'

import {globalFlags} from '../../src/cli/flags.js'

/** oclif.manifest.json is committed (it keeps start-up fast): it must describe the commands as built. */
const ROOT = resolve(import.meta.dirname, '../../..')
const COMMANDS = join(ROOT, 'dist', 'commands')

interface ManifestCommand {
  flags: Record<string, {type: string; char?: string; multiple?: boolean; helpGroup?: string}>
  args: Record<string, unknown>
  summary?: string
}

function commandFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? commandFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  )
}

describe('oclif.manifest.json', () => {
  it('leaves out the global flags, which every command has (scripts/manifest.mjs): oclif parses it at every start', () => {
    const text = readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')
    const parsed = JSON.parse(text) as {commands: Record<string, ManifestCommand>}
    for (const [id, entry] of Object.entries(parsed.commands)) {
      assert.deepEqual(Object.values(entry.flags).filter((flag) => flag.helpGroup === 'GLOBAL'), [], `global flags in ${id}`)
    }

    assert.ok(text.length < 500_000, `oclif.manifest.json is ${text.length} bytes`)
  })

  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
  const files = commandFiles(COMMANDS)
  const idOf = (file: string) => relative(COMMANDS, file).replace(/\.js$/, '').split('/').join(':')

  it('has command ids that sort by code point as by localeCompare (scripts/bundle.mjs sorts them so)', () => {
    const ids = Object.keys(manifest.commands)
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9:-]*$/)
    assert.deepEqual([...ids].sort(), [...ids].sort((a, b) => a.localeCompare(b)))
  })

  it('lists exactly the built commands (run `npm run manifest` after adding or removing one)', () => {
    assert.deepEqual(Object.keys(manifest.commands).sort(), files.map(idOf).sort())
  })

  it('has each command\'s flags, args and summary as built (run `npm run manifest`)', async () => {
    for (const file of files) {
      const command = (await import(pathToFileURL(file).href)).default
      const entry = manifest.commands[idOf(file)]
      // The global flags are left out of the entries (scripts/manifest.mjs): src/cli/flags.ts has them.
      const flags = Object.fromEntries(Object.entries({...command.baseFlags, ...command.flags}).filter(([name]) => !(name in globalFlags)))
      assert.deepEqual(Object.keys(entry.flags).sort(), Object.keys(flags).sort(), `flags of ${idOf(file)}`)
      for (const [name, flag] of Object.entries(flags) as [string, {type: string; char?: string; multiple?: boolean}][]) {
        assert.equal(entry.flags[name].type, flag.type, `type of --${name} in ${idOf(file)}`)
        assert.equal(entry.flags[name].char, flag.char, `char of --${name} in ${idOf(file)}`)
      }

      assert.deepEqual(Object.keys(entry.args), Object.keys(command.args ?? {}), `args of ${idOf(file)}`)
      assert.equal(entry.summary, command.summary, `summary of ${idOf(file)}`)
    }
  })
})
