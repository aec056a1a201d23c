import {strict as assert} from 'node:assert'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {OidError, UsageError} from '../../../src/errors.js'
import {assembleMappings, blockDeviceVersions, checkBlockDevices, checkBootSource, normalizeBlockDevice, parseBlockDevice, parseEphemeral, parseLegacyMapping, type BlockDeviceRequest} from '../../../src/workflows/block-devices.js'

const request = (over: Partial<BlockDeviceRequest> = {}): BlockDeviceRequest => ({ephemerals: [], legacy: [], blockDevices: [], ...over})
const fails = (fn: () => unknown, message: string, type: typeof OidError = OidError) =>
  assert.throws(fn, (error: unknown) => error instanceof type && (error as Error).message === message)

describe('block devices (OSC 6.0 server create)', () => {
  it('parses --block-device-mapping as BDMLegacyAction does', () => {
    assert.deepEqual(parseLegacyMapping('vdb=vol1'), {device_name: 'vdb', uuid: 'vol1', source_type: 'volume', destination_type: 'volume'})
    assert.deepEqual(parseLegacyMapping('vdb=s:snapshot:5:true'), {device_name: 'vdb', uuid: 's', source_type: 'snapshot', destination_type: 'volume', volume_size: '5', delete_on_termination: 'true'})
    assert.deepEqual(parseLegacyMapping('vdc=v:::false'), {device_name: 'vdc', uuid: 'v', source_type: 'volume', destination_type: 'volume', delete_on_termination: 'false'})
    for (const bad of ['vdb', 'vdb=', '=v', 'vdb=a:b:c:d:e']) fails(() => parseLegacyMapping(bad), `Invalid argument ${bad}; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'`)
    fails(() => parseLegacyMapping('vdb=a:foo'), "Invalid argument vdb=a:foo; 'type' must be one of: volume, snapshot, image")
  })

  it('parses --block-device CSV with MultiKeyValueAction rules, and a JSON file when the path exists', () => {
    assert.deepEqual(parseBlockDevice('uuid=x,boot_index=0,volume_size=10'), {uuid: 'x', boot_index: '0', volume_size: '10'})
    fails(() => parseBlockDevice('foo=bar,uuid=x'), 'Invalid keys foo specified.\nValid keys are: uuid, source_type, destination_type, disk_bus, device_type, device_name, volume_size, guest_format, boot_index, delete_on_termination, tag, volume_type')
    fails(() => parseBlockDevice('uuid'), "Expected comma separated 'key=value' pairs, but got: uuid")
    fails(() => parseBlockDevice('=x'), 'Each property key must be specified: =x')
    const dir = mkdtempSync(join(tmpdir(), 'oid-bdm-'))
    const file = join(dir, 'bdm.json')
    writeFileSync(file, '{"uuid": "x", "boot_index": 0, "delete_on_termination": true}')
    assert.deepEqual(parseBlockDevice(file), {uuid: 'x', boot_index: 0, delete_on_termination: true})
    writeFileSync(file, '{"nope": 1}')
    assert.throws(() => parseBlockDevice(file), /^OidError: Invalid keys nope specified\./)
    writeFileSync(file, '[1]')
    assert.throws(() => parseBlockDevice(file), /one JSON object/)
  })

  it('parses --ephemeral with size required', () => {
    assert.deepEqual(parseEphemeral('size=1,format=ext4'), {size: '1', format: 'ext4'})
    fails(() => parseEphemeral('format=ext4'), 'Missing required keys size.\nRequired keys are: size')
  })

  it("checks each --block-device and fills OSC's defaults", () => {
    assert.deepEqual(normalizeBlockDevice({volume_size: '1'}), {volume_size: '1', source_type: 'blank', destination_type: 'local', delete_on_termination: true})
    assert.deepEqual(normalizeBlockDevice({uuid: 'i', source_type: 'image', boot_index: ' 0 ', delete_on_termination: 'Yes'}), {uuid: 'i', source_type: 'image', destination_type: 'volume', boot_index: 0, delete_on_termination: true})
    assert.deepEqual(normalizeBlockDevice({source_type: 'volume', delete_on_termination: false}), {source_type: 'volume', destination_type: 'volume', delete_on_termination: false})
    fails(() => normalizeBlockDevice({boot_index: '1.5'}), 'The boot_index key of --block-device should be an integer')
    fails(() => normalizeBlockDevice({source_type: 'disk'}), 'The source_type key of --block-device should be one of: volume, image, snapshot, blank')
    fails(() => normalizeBlockDevice({destination_type: 'remote'}), 'The destination_type key of --block-device should be one of: local, volume')
    fails(() => normalizeBlockDevice({delete_on_termination: 'maybe'}), 'The delete_on_termination key of --block-device should be a boolean-like value')
    assert.deepEqual(blockDeviceVersions([{tag: 'a'}, {volume_type: 't'}]).map(([version]) => version), ['2.42', '2.67'])
    fails(() => checkBlockDevices(request({volume: 'v', bootFromVolume: 1})), '--volume is not allowed with --boot-from-volume')
    fails(() => checkBlockDevices(request({snapshot: 's', bootFromVolume: 1})), '--snapshot is not allowed with --boot-from-volume')
  })

  it('assembles block_device_mapping_v2 in OSC and novaclient order', () => {
    const bfv = assembleMappings(request({bootFromVolume: 10, swap: 512}), {imageId: 'img', legacy: [], blockDevices: []})
    assert.equal(bfv.imageRef, '')
    assert.deepEqual(bfv.mappings, [
      {uuid: 'img', boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: 10},
      {boot_index: -1, source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: 512, delete_on_termination: true},
    ])
    const image = assembleMappings(request({ephemerals: [{size: '1', format: 'ext4'}]}), {imageId: 'img', legacy: [], blockDevices: [{source_type: 'blank', destination_type: 'local', delete_on_termination: true}]})
    assert.equal(image.imageRef, 'img')
    assert.deepEqual(image.mappings[0], {uuid: 'img', source_type: 'image', destination_type: 'local', boot_index: 0, delete_on_termination: true})
    assert.deepEqual(image.mappings[1], {boot_index: -1, source_type: 'blank', destination_type: 'local', delete_on_termination: true, volume_size: '1', guest_format: 'ext4'})
    assert.equal(image.mappings.length, 3)
    assert.deepEqual(assembleMappings(request(), {imageId: 'img', legacy: [], blockDevices: []}), {mappings: [], imageRef: 'img'})
    const volume = assembleMappings(request({volume: 'v'}), {volumeId: 'vid', legacy: [], blockDevices: []})
    assert.deepEqual(volume, {mappings: [{uuid: 'vid', boot_index: '0', source_type: 'volume', destination_type: 'volume'}], imageRef: ''})
    const snapshot = assembleMappings(request({snapshot: 's'}), {snapshotId: 'sid', legacy: [], blockDevices: []})
    assert.deepEqual(snapshot.mappings, [{uuid: 'sid', boot_index: '0', source_type: 'snapshot', destination_type: 'volume', delete_on_termination: false}])
  })

  it("checks the boot source group as argparse does (exit 2), a --block-device with boot_index 0 counting as one", () => {
    checkBootSource(['x', '--image', 'a', '--image-property=a=b'].slice(0, 3))
    checkBootSource(['--image-property', 'a=b', '--image-property', 'c=d'])
    fails(() => checkBootSource(['--image', 'a', '--volume', 'v']), 'argument --volume: not allowed with argument --image', UsageError)
    fails(() => checkBootSource(['--snapshot=s', '--image-property', 'a=b']), 'argument --image-property: not allowed with argument --snapshot', UsageError)
    fails(() => checkBootSource(['x', '--flavor', 'f']), 'one of the arguments --image --image-property --volume --snapshot is required', UsageError)
    checkBootSource(['x'], [{uuid: 'i', boot_index: '0'}])
    assert.equal(new UsageError('x').exitCode, 2)
  })
})
