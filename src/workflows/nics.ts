import {UsageError} from '../errors.js'
import type {Nic} from './server-create.js'

const NIC_KEYS = new Set(['net-id', 'port-id', 'v4-fixed-ip', 'v6-fixed-ip', 'tag'])

/** One --nic value, with OSC's rules and wording. */
export function parseNic(value: string): Nic {
  if (value === 'auto' || value === 'none') return value
  const nic: Exclude<Nic, string> = {}
  for (const part of value.split(',')) {
    const at = part.indexOf('=')
    const key = at === -1 ? part : part.slice(0, at)
    const item = at === -1 ? '' : part.slice(at + 1)
    if (!NIC_KEYS.has(key) || item === '') {
      throw new UsageError(
        `Invalid argument ${value}; argument must be of form 'net-id=net-uuid,port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag', 'auto' or 'none'.`,
        {hint: 'Example: --nic net-id=private,v4-fixed-ip=10.0.0.5'},
      )
    }

    if (key === 'net-id') nic.netId = item
    if (key === 'port-id') nic.portId = item
    if (key === 'v4-fixed-ip') nic.v4FixedIp = item
    if (key === 'v6-fixed-ip') nic.v6FixedIp = item
    if (key === 'tag') nic.tag = item
  }

  if (nic.netId && nic.portId) throw new UsageError(`Either network or port should be specified but not both: --nic ${value}`)
  if (!nic.netId && !nic.portId) throw new UsageError(`Either network or port should be specified: --nic ${value}`)
  return nic
}

/**
 * --nic, --network, --port, --no-network and --auto-network all add to one list, in the order they
 * appear on the command line (Nova attaches the ports in that order).
 */
export function nicsFromArgv(argv: string[]): Nic[] {
  const nics: Nic[] = []
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]
    const [flag, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined]
    const value = () => inline ?? argv[++index] ?? ''
    if (flag === '--no-network') nics.push('none')
    else if (flag === '--auto-network') nics.push('auto')
    else if (flag === '--nic') nics.push(parseNic(value()))
    else if (flag === '--network' || flag === '--port') {
      // OSC's NICAction: 'auto' and 'none' are --nic auto / --nic none, for --network and --port alike.
      const name = value()
      if (name === 'auto' || name === 'none') nics.push(name)
      else if (name.includes(',') || name.includes('=')) {
        throw new UsageError(`Invalid argument ${name}; characters ',' and '=' are not allowed`, flag === '--network' ? {hint: 'Use --nic net-id=…,v4-fixed-ip=… for more than a network.'} : {})
      } else nics.push(flag === '--network' ? {netId: name} : {portId: name})
    } else if (token === '--') break
  }

  return nics
}

/** key=value pairs (repeatable flags), as osc-lib's KeyValueAction; --hint keeps every value. */
export function keyValues(values: string[] | undefined, flag: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const value of values ?? []) {
    const at = value.indexOf('=')
    if (at <= 0) throw new UsageError(`Expected 'key=value' type, but got: ${value}`, {hint: `Example: --${flag} key=value`})
    ;(out[value.slice(0, at)] ??= []).push(value.slice(at + 1))
  }

  return out
}

export function lastValues(pairs: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(pairs).map(([key, values]) => [key, values.at(-1)!]))
}
