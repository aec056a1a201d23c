import {readFileSync} from 'node:fs'

import {Flags} from '../src/startup/oclif.js'

import {OidCommand} from '../src/cli/base.js'
import {OidError} from '../src/errors.js'

const SHELLS = ['bash', 'zsh', 'fish'] as const

export default class Complete extends OidCommand<typeof Complete> {
  static override summary = 'Print the shell completion script'
  static override description =
    'Completes command words, flags, flag values and, for --os-cloud, the clouds of your clouds.yaml (read by the shell at each TAB). The script is written at build time (scripts/completion.mjs): printing it costs nothing else.'
  static override flags = {
    shell: Flags.string({description: 'Shell to complete for', options: [...SHELLS], default: 'bash'}),
  }
  static override examples = [
    'source <(<%= config.bin %> complete)',
    '<%= config.bin %> complete > ~/.local/share/bash-completion/completions/<%= config.bin %>',
    'source <(<%= config.bin %> complete --shell zsh)',
    '<%= config.bin %> complete --shell fish > ~/.config/fish/completions/<%= config.bin %>.fish',
  ]

  protected async execute() {
    const name = `${this.config.bin}.${this.flags.shell}`
    // dist/bundle/commands/complete.js → dist/bundle/completion/; dist/commands/ (tests) → the same.
    for (const dir of ['../completion/', '../bundle/completion/']) {
      let script: string
      try {
        script = readFileSync(new URL(dir + name, import.meta.url), 'utf8')
      } catch {
        continue
      }

      process.stdout.write(script)
      return
    }

    throw new OidError(`The completion script ${name} was not built.`, {hint: 'Run `npm run build` (scripts/completion.mjs writes it into dist/bundle/completion/).'})
  }
}
