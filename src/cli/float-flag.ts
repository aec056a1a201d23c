import {UsageError} from '../errors.js'
import {Flags} from '../startup/oclif.js'

/** argparse's `type=float` (Python's float() syntax); a bad value is OSC's usage error, exit 2. */
export function floatFlag(name: string, options: {description: string; helpValue?: string}) {
  return Flags.custom<number>({
    ...options,
    async parse(input) {
      const text = input.trim()
      if (!/^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf|infinity|nan)$/i.test(text)) throw new UsageError(`argument --${name}: invalid float value: '${input}'`)
      return Number(text.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'))
    },
  })()
}
