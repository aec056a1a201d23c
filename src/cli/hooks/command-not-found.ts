import type {Config, Hook} from '../../startup/oclif.js'

import {EXIT} from '../../errors.js'

/**
 * OSC users write global options first: `openstack --os-cloud X image list`. oclif looks for the
 * command in the first word, so such a line lands here: move the leading options behind the
 * command words and run the command they name.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const split = splitArgv([options.id, ...(options.argv ?? [])], options.config)
  if (!split) {
    process.stderr.write(`'${options.id}' is not an ${options.config.bin} command. See '${options.config.bin} --help'.\n`)
    this.exit(EXIT.USAGE)
    return
  }

  return options.config.runCommand(split.id, split.argv)
}

export default hook

/** Finds the command words among leading options; undefined when the words name no command. */
export function splitArgv(argv: string[], config: Pick<Config, 'commands' | 'findCommand'>): {id: string; argv: string[]} | undefined {
  const booleans = booleanFlags(config)
  const leading: string[] = []
  let index = 0
  while (index < argv.length && argv[index].startsWith('-')) {
    const token = argv[index]
    leading.push(token)
    index++
    const name = token.replace(/^-+/, '')
    if (!token.includes('=') && !booleans.has(name) && index < argv.length) leading.push(argv[index++])
  }

  const words: string[] = []
  while (index < argv.length && !argv[index].startsWith('-')) words.push(argv[index++])
  for (let length = words.length; length > 0; length--) {
    const id = words.slice(0, length).join(':')
    if (config.findCommand(id)) return {id, argv: [...words.slice(length), ...argv.slice(index), ...leading]}
  }

  return undefined
}

function booleanFlags(config: Pick<Config, 'commands'>): Set<string> {
  const names = new Set<string>()
  for (const command of config.commands) {
    for (const [name, flag] of Object.entries(command.flags)) {
      if (flag.type !== 'boolean') continue
      names.add(name)
      if (flag.char) names.add(flag.char)
      for (const alias of flag.aliases ?? []) names.add(alias)
    }
  }

  return names
}
