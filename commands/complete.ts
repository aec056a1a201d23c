import {Flags, OidCommand} from '../src/cli/index.js'
import {printCompletion, SHELLS} from '../src/cli/completion.js'

export default class Complete extends OidCommand<typeof Complete> {
  static override summary = 'Print the shell completion script'
  static override description =
    'Completes command words, flags, flag values and, for --os-cloud, the clouds of your clouds.yaml (read by the shell at each TAB). The script is written at build time (scripts/completion.mjs): printing it costs nothing else.'

  static override routed = false
  static override flags = {
    shell: Flags.string({description: 'Shell to complete for', options: [...SHELLS], default: 'bash'}),
  }

  static override examples = [
    'source <(<%= config.bin %> complete)',
    '<%= config.bin %> complete > ~/.local/share/bash-completion/completions/<%= config.bin %>',
    'source <(<%= config.bin %> complete --shell zsh)',
    '<%= config.bin %> complete --shell fish > ~/.config/fish/completions/<%= config.bin %>.fish',
  ]

  async run() {
    printCompletion(this.config.bin, this.flags.shell, import.meta.url)
    return undefined
  }
}
