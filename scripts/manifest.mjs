// Run by `npm run manifest` after `oclif manifest`: takes the global flags (--os-cloud, --scope,
// --debug…, helpGroup GLOBAL: 36 of them, the same on every command) out of each command's entry
// in oclif.manifest.json. oclif parses the whole manifest at every start, before any command
// runs: with them it was 1.3 MB (~20 ms of JSON.parse and ~6 MiB of RSS per command line), without
// them ~240 kB. Nothing reads them from there: a command parses its line with its own class's
// flags; the help class, the cliff-style command finder and scripts/completion.mjs take them from
// src/cli/flags.ts, where they are declared once (test/unit/manifest.test.ts checks all of this).
import {readFileSync, writeFileSync} from 'node:fs'

const FILE = 'oclif.manifest.json'
const manifest = JSON.parse(readFileSync(FILE, 'utf8'))
let expected
for (const [id, command] of Object.entries(manifest.commands)) {
  const globals = Object.keys(command.flags).filter((name) => command.flags[name].helpGroup === 'GLOBAL')
  const names = globals.join(' ')
  expected ??= names
  if (names !== expected) throw new Error(`${FILE}: ${id} has other global flags than the other commands (${names}); every command's class must extend src/cli/base.ts`)
  for (const name of globals) delete command.flags[name]
}

writeFileSync(FILE, `${JSON.stringify(manifest, null, 2)}\n`)
