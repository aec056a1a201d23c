import {readFileSync} from 'node:fs'

import {OidError} from '../errors.js'

export const SHELLS = ['bash', 'zsh', 'fish'] as const

/**
 * Prints the completion script that scripts/completion.mjs wrote at build time from the manifest
 * (dist/bundle/completion/<bin>.<shell>): nothing is computed at run time.
 */
export function printCompletion(bin: string, shell: string, from: string): void {
  const name = `${bin}.${shell}`
  // dist/bundle/commands/complete.js → dist/bundle/completion/; dist/commands/ (tests) → the same.
  for (const dir of ['../completion/', '../bundle/completion/']) {
    let script: string
    try {
      script = readFileSync(new URL(dir + name, from), 'utf8')
    } catch {
      continue
    }

    process.stdout.write(script)
    return
  }

  throw new OidError(`The completion script ${name} was not built.`, {hint: 'Run `npm run build` (scripts/completion.mjs writes it into dist/bundle/completion/).'})
}
