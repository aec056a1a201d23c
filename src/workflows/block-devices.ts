/**
 * server create's block devices, as OSC 6.0 builds them (CreateServer in
 * openstackclient/compute/v2/server.py, then novaclient's _boot): --volume, --snapshot,
 * --boot-from-volume, --swap, --ephemeral, --block-device-mapping (legacy) and --block-device (CSV
 * or a JSON file). Parsing and validation are pure; the lookups of names happen in server-create.
 * Values keep OSC's types on the wire: CSV values stay strings ("volume_size": "10"), --swap and
 * --boot-from-volume sizes are integers, the boot index of --volume/--boot-from-volume is "0".
 */
import {existsSync, readFileSync} from 'node:fs'

import {OidError, UsageError} from '../errors.js'

export type Mapping = Record<string, unknown>

/** --block-device-mapping dev=id:type:size:delete, parsed (its id is a name or ID, looked up later). */
export interface LegacyMapping {
  device_name: string
  uuid: string
  source_type: 'volume' | 'snapshot' | 'image'
  destination_type: 'volume'
  volume_size?: string
  delete_on_termination?: string
}

/** The keys --block-device accepts (OSC's BDMAction), in OSC's order. */
export const BLOCK_DEVICE_KEYS = ['uuid', 'source_type', 'destination_type', 'disk_bus', 'device_type', 'device_name', 'volume_size', 'guest_format', 'boot_index', 'delete_on_termination', 'tag', 'volume_type']

/** OSC's BDMLegacyAction: `dev-name=id[:type[:size[:delete-on-terminate]]]`. */
export function parseLegacyMapping(value: string): LegacyMapping {
  const at = value.indexOf('=')
  const device = at === -1 ? value : value.slice(0, at)
  const rest = at === -1 ? '' : value.slice(at + 1)
  const parts = rest === '' ? [] : rest.split(':')
  if (!device || parts.length === 0 || parts.length > 4) {
    throw new OidError(`Invalid argument ${value}; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'`)
  }

  const mapping: LegacyMapping = {device_name: device, uuid: parts[0], source_type: 'volume', destination_type: 'volume'}
  if (parts.length > 1 && parts[1]) {
    if (!['volume', 'snapshot', 'image'].includes(parts[1])) throw new OidError(`Invalid argument ${value}; 'type' must be one of: volume, snapshot, image`)
    mapping.source_type = parts[1] as LegacyMapping['source_type']
  }

  if (parts.length > 2 && parts[2]) mapping.volume_size = parts[2]
  if (parts.length > 3 && parts[3]) mapping.delete_on_termination = parts[3]
  return mapping
}

/** osc-lib's MultiKeyValueAction: `k=v,k=v`, each key known, the required ones present. */
export function parseKeyValues(value: string, keys: {required: string[]; optional: string[]}): Record<string, string> {
  const params: Record<string, string> = {}
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=')
    if (at === -1) throw new OidError(`Expected comma separated 'key=value' pairs, but got: ${pair}`)
    if (at === 0) throw new OidError(`Each property key must be specified: ${pair}`)
    params[pair.slice(0, at)] = pair.slice(at + 1)
  }

  validateKeys(Object.keys(params), keys)
  return params
}

function validateKeys(given: string[], keys: {required: string[]; optional: string[]}): void {
  const valid = [...keys.required, ...keys.optional]
  const invalid = given.filter((key) => !valid.includes(key))
  if (invalid.length > 0) throw new OidError(`Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${valid.join(', ')}`)
  const missing = keys.required.filter((key) => !given.includes(key))
  if (missing.length > 0) throw new OidError(`Missing required keys ${missing.join(', ')}.\nRequired keys are: ${keys.required.join(', ')}`)
}

/** --block-device: the path of a JSON file (when such a file exists, as OSC checks), or CSV. */
export function parseBlockDevice(value: string): Mapping {
  if (value !== '' && existsSync(value)) {
    let data: unknown
    try {
      data = JSON.parse(readFileSync(value, 'utf8'))
    } catch (error) {
      throw new OidError(`--block-device ${value}: ${(error as Error).message}`, {hint: 'The file must hold one JSON object, e.g. {"uuid": "…", "source_type": "volume", "boot_index": 0}.'})
    }

    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new OidError(`--block-device ${value}: the file must hold one JSON object (a block device mapping).`)
    }

    validateKeys(Object.keys(data), {required: [], optional: BLOCK_DEVICE_KEYS})
    return data as Mapping
  }

  return parseKeyValues(value, {required: [], optional: BLOCK_DEVICE_KEYS})
}

/** --ephemeral size=<GiB>[,format=<fs>]. */
export function parseEphemeral(value: string): {size: string; format?: string} {
  return parseKeyValues(value, {required: ['size'], optional: ['format']}) as {size: string; format?: string}
}

const TRUE = ['1', 't', 'true', 'on', 'y', 'yes']
const FALSE = ['0', 'f', 'false', 'off', 'n', 'no']

/** oslo's bool_from_string(strict=True): Python's str() of a JSON true/false too. */
function strictBool(value: unknown): boolean | undefined {
  const text = (typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)).trim().toLowerCase()
  if (TRUE.includes(text)) return true
  if (FALSE.includes(text)) return false
  return undefined
}

/** Python's int() of a string or a number: surrounding blanks allowed, an integer only. */
function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined
  if (typeof value === 'boolean') return value ? 1 : 0
  const text = String(value).trim().replaceAll('_', '')
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined
}

/** OSC's take_action checks of each --block-device, with its defaults filled in (a new object each). */
export function normalizeBlockDevice(input: Mapping): Mapping {
  const mapping: Mapping = {...input}
  if ('boot_index' in mapping) {
    const index = pythonInt(mapping.boot_index)
    if (index === undefined) throw new OidError('The boot_index key of --block-device should be an integer')
    mapping.boot_index = index
  }

  if ('source_type' in mapping) {
    if (!['volume', 'image', 'snapshot', 'blank'].includes(mapping.source_type as string)) {
      throw new OidError('The source_type key of --block-device should be one of: volume, image, snapshot, blank')
    }
  } else mapping.source_type = 'blank'

  if ('destination_type' in mapping) {
    if (!['local', 'volume'].includes(mapping.destination_type as string)) throw new OidError('The destination_type key of --block-device should be one of: local, volume')
  } else mapping.destination_type = mapping.source_type === 'blank' ? 'local' : 'volume'

  if ('delete_on_termination' in mapping) {
    const value = strictBool(mapping.delete_on_termination)
    if (value === undefined) throw new OidError('The delete_on_termination key of --block-device should be a boolean-like value')
    mapping.delete_on_termination = value
  } else if (mapping.destination_type === 'local') mapping.delete_on_termination = true

  return mapping
}

/** The compute microversions the --block-device keys need: [version, OSC's error]. */
export function blockDeviceVersions(devices: Mapping[]): Array<[string, string]> {
  const needs: Array<[string, string]> = []
  if (devices.some((device) => 'tag' in device)) needs.push(['2.42', '--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device'])
  if (devices.some((device) => 'volume_type' in device)) {
    needs.push(['2.67', '--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device'])
  }

  return needs
}

/** What the boot disk is: one of OSC's exclusive group, and --boot-from-volume. */
export interface BlockDeviceRequest {
  volume?: string
  snapshot?: string
  bootFromVolume?: number
  swap?: number
  ephemerals: {size: string; format?: string}[]
  legacy: LegacyMapping[]
  blockDevices: Mapping[]
}

/** OSC's checks that need no cloud: --boot-from-volume with --volume/--snapshot, and each --block-device (exit 1, OSC's wording). */
export function checkBlockDevices(request: BlockDeviceRequest): Mapping[] {
  if (request.volume !== undefined && request.bootFromVolume) throw new OidError('--volume is not allowed with --boot-from-volume')
  if (request.snapshot !== undefined && request.bootFromVolume) throw new OidError('--snapshot is not allowed with --boot-from-volume')
  return request.blockDevices.map((device) => normalizeBlockDevice(device))
}

/**
 * block_device_mapping_v2 in OSC's order: the boot disk (--volume, --snapshot or
 * --boot-from-volume), --swap, each --ephemeral, each --block-device-mapping (ids resolved), each
 * --block-device; then novaclient's rule: booting from an image with other mappings puts the image
 * first as a local boot disk. Returns the list (empty: no block_device_mapping_v2) and imageRef.
 */
export function assembleMappings(request: BlockDeviceRequest, resolved: {volumeId?: string; snapshotId?: string; imageId?: string; legacy: LegacyMapping[]; blockDevices: Mapping[]}): {mappings: Mapping[]; imageRef: string} {
  const mappings: Mapping[] = []
  let imageRef = resolved.imageId ?? ''
  if (resolved.volumeId) {
    mappings.push({uuid: resolved.volumeId, boot_index: '0', source_type: 'volume', destination_type: 'volume'})
  } else if (resolved.snapshotId) {
    mappings.push({uuid: resolved.snapshotId, boot_index: '0', source_type: 'snapshot', destination_type: 'volume', delete_on_termination: false})
  } else if (request.bootFromVolume && resolved.imageId) {
    mappings.push({uuid: resolved.imageId, boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: request.bootFromVolume})
    imageRef = ''
  }

  if (request.swap) {
    mappings.push({boot_index: -1, source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: request.swap, delete_on_termination: true})
  }

  for (const ephemeral of request.ephemerals) {
    const mapping: Mapping = {boot_index: -1, source_type: 'blank', destination_type: 'local', delete_on_termination: true, volume_size: ephemeral.size}
    if ('format' in ephemeral) mapping.guest_format = ephemeral.format
    mappings.push(mapping)
  }

  mappings.push(...(resolved.legacy as unknown as Mapping[]), ...resolved.blockDevices)
  if (imageRef && mappings.length > 0) {
    mappings.unshift({uuid: imageRef, source_type: 'image', destination_type: 'local', boot_index: 0, delete_on_termination: true})
  }

  return {mappings, imageRef}
}

/**
 * The boot source group of OSC's parser, read from the command line in order: exactly one of
 * --image, --image-property (repeatable), --volume, --snapshot; argparse's wording and exit 2.
 */
export function checkBootSource(argv: string[], blockDevices: Mapping[] = []): void {
  const group = ['--image', '--image-property', '--volume', '--snapshot']
  let first: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]
    if (token === '--') break
    const flag = token.includes('=') ? token.slice(0, token.indexOf('=')) : token
    if (!group.includes(flag)) continue
    if (first !== undefined && first !== flag) throw new UsageError(`argument ${flag}: not allowed with argument ${first}`)
    first = flag
    if (!token.includes('=')) index++
  }

  // As OSC does since 6.1 (6.0 required one of the group): a --block-device with boot_index 0 is a boot disk.
  if (first === undefined && blockDevices.some((device) => String(device.boot_index).trim() === '0')) return
  if (first === undefined) throw new UsageError('one of the arguments --image --image-property --volume --snapshot is required', {hint: 'Example: --image cirros, or --volume my-root-volume'})
}
