import type {Hook} from '../../startup/oclif.js'

import {EXIT} from '../../errors.js'
import {findCommand, notFoundMessage, splitLeading} from '../find-command.js'

/**
 * A command line whose first words name no command lands here (oclif folds the words into the
 * id: `imag:list`). As OSC does:
 * - global options first (`openstackoid --os-cloud X image list`): moved behind the command;
 * - `help <command…>`: that command's help;
 * - an unambiguous prefix of a command (`imag lis`): that command (cliff's find_command);
 * - a command OSC has and openstackoid has not: say so and where to run it;
 * - anything else: cliff's "Did you mean one of these?", exit 2.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const {config} = options
  const {leading, rest} = splitLeading([...options.id.split(':'), ...(options.argv ?? [])], config)
  if (rest[0] === 'help') {
    const {OidHelp} = await import('../help.js')
    await new OidHelp(config).showHelp(rest.slice(1))
    return
  }

  const found = findCommand(rest, config.commands.map((command) => command.id.replaceAll(':', ' ')))
  if (found) return config.runCommand(found.name.replaceAll(' ', ':'), [...found.argv, ...leading])
  const message = await notFoundMessage(rest, config)
  process.stdout.write(message.stdout)
  process.stderr.write(message.stderr)
  this.exit(EXIT.USAGE)
}

export default hook
