import {UsageError} from '../errors.js'
import {Flags} from '../startup/oclif.js'

const PY_FLOAT = /^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf|infinity|nan)$/i

/** Python's float() of a command-line value; anything else is argparse's usage error. */
export function parsePyFloat(name: string, input: string): number {
  const text = input.trim()
  if (!PY_FLOAT.test(text)) throw new UsageError(`argument --${name}: invalid float value: '${input}'`)
  return Number(text.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'))
}

/** argparse's `type=float`: a bad value is OSC's usage error, exit 2. */
export function floatFlag(name: string, options: {description: string; helpValue?: string}) {
  return Flags.custom<number>({...options, parse: async (input) => parsePyFloat(name, input)})()
}
