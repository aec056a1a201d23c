import {CommandHelp, Errors, Help} from '../startup/oclif.js'

import {EXIT} from '../errors.js'
import {findCommand, notFoundMessage, splitLeading} from './find-command.js'
import {globalFlags} from './flags.js'

/**
 * openstackoid's help (package.json oclif.helpClass; loaded only for -h, --help and `help`):
 * - a command's help shows its own flags, and its usage line ends in [GLOBAL FLAGS]; the global
 *   flags are described once, in the root help;
 * - the command is found as cliff finds it (`imag lis -h`), leading options are skipped, and an
 *   unknown one gets "Did you mean" (exit 2).
 */

type Loadable = Parameters<InstanceType<typeof Help>['showCommandHelp']>[0]
type FlagOf = Loadable['flags'][string]

const GLOBAL = 'GLOBAL'

class OidCommandHelp extends CommandHelp {
  protected override defaultUsage(): string {
    return `${super.defaultUsage()} [GLOBAL FLAGS]`
  }

  protected override sections(): ReturnType<InstanceType<typeof CommandHelp>['sections']> {
    const sections = super.sections()
    const flags = sections.findIndex(({header}) => header === 'FLAGS')
    sections.splice(flags + 1, 0, {
      header: 'GLOBAL FLAGS',
      generate: () => this.wrap(`--os-cloud, --scope, --debug, …: see '${this.config.bin} --help'.`),
    })
    return sections
  }
}

export class OidHelp extends Help {
  public override async showHelp(argv: string[]): Promise<void> {
    const end = argv.indexOf('--')
    const words = (end === -1 ? argv : argv.slice(0, end)).filter((arg) => arg !== '-h' && arg !== '--help')
    const {rest} = splitLeading(words, this.config)
    if (rest[0] === 'help') rest.shift()
    const firstOption = rest.findIndex((arg) => arg.startsWith('-'))
    const commandWords = firstOption === -1 ? rest : rest.slice(0, firstOption)
    if (commandWords.length === 0) return this.showRootHelp()

    const names = this.config.commands.map((command) => command.id.replaceAll(':', ' '))
    const found = findCommand(commandWords, names)
    const command = found && this.config.findCommand(found.name.replaceAll(' ', ':'))
    if (command) return this.showCommandHelp(command)
    const topic = this.config.findTopic(commandWords.join(':'))
    if (topic) return this.showTopicHelp(topic)

    const message = await notFoundMessage(rest, this.config)
    process.stdout.write(message.stdout)
    process.stderr.write(message.stderr)
    Errors.exit(EXIT.USAGE)
  }

  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp()
    // Declared once in flags.ts; scripts/manifest.mjs keeps them out of each command's manifest entry.
    const flags = Object.entries(globalFlags).map(([name, flag]) => ({...flag, name}) as FlagOf).filter((flag) => !flag.hidden)
    this.log(this.section('GLOBAL FLAGS (any command)', this.renderList(flags.map((flag) => [flagName(flag), flag.description]), {indentation: 2, spacer: '  ', multiline: false, stripAnsi: this.opts.stripAnsi})))
    this.log('')
  }

  protected override getCommandHelpClass(command: Loadable): InstanceType<typeof CommandHelp> {
    const own = Object.fromEntries(Object.entries(command.flags).filter(([, flag]) => flag.helpGroup !== GLOBAL))
    return new OidCommandHelp({...command, flags: own} as Loadable, this.config, this.opts)
  }
}

export default OidHelp

function flagName(flag: FlagOf): string {
  const name = flag.char ? `-${flag.char}, --${flag.name}` : `    --${flag.name}`
  return flag.type === 'option' ? `${name} ${flag.helpValue ?? '<value>'}` : name
}
