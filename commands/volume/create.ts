import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {volumeView} from '../../src/views/volume.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'
import {volumeCreate} from '../../src/workflows/volume.js'

export default class VolumeCreate extends OutputCommand<typeof VolumeCreate> {
  static override summary = 'Create new volume'
  static override description =
    'With "&" on block-storage, one volume in every instance (--image, --snapshot and --source are found in each instance first: if one lacks it, none is created). With "|", the next instance is tried only when the previous one certainly did not create it.'

  static override args = {name: Args.string({description: 'Volume name', required: true})}
  static override flags = {
    size: Flags.integer({description: 'Volume size in GB (Required unless --snapshot or --source is specified)', helpValue: '<size>'}),
    type: Flags.string({description: 'Set the type of volume', helpValue: '<volume-type>'}),
    image: Flags.string({description: 'Use <image> as source of volume (name or ID)', helpValue: '<image>', exclusive: ['snapshot', 'source']}),
    snapshot: Flags.string({description: 'Use <snapshot> as source of volume (name or ID)', helpValue: '<snapshot>', exclusive: ['image', 'source']}),
    source: Flags.string({description: 'Volume to clone (name or ID)', helpValue: '<volume>', exclusive: ['image', 'snapshot']}),
    description: Flags.string({description: 'Volume description', helpValue: '<description>'}),
    'availability-zone': Flags.string({description: 'Create volume in <availability-zone>', helpValue: '<availability-zone>'}),
    property: Flags.string({description: 'Set a property to this volume (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    hint: Flags.string({description: 'Arbitrary scheduler hint key-value pairs to help boot an instance (repeat option to set multiple hints)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    bootable: Flags.boolean({description: 'Mark volume as bootable', exclusive: ['non-bootable']}),
    'non-bootable': Flags.boolean({description: 'Mark volume as non-bootable (default)', exclusive: ['bootable']}),
    'read-only': Flags.boolean({description: 'Set volume to read-only access mode', exclusive: ['read-write']}),
    'read-write': Flags.boolean({description: 'Set volume to read-write access mode (default)', exclusive: ['read-only']}),
  }

  static override examples = [
    '<%= config.bin %> volume create --size 10 --image cirros --bootable boot-vol',
    '<%= config.bin %> volume create --size 500 mirror --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const f = this.flags
    const pick = (yes: boolean, no: boolean) => (yes ? true : no ? false : undefined)
    const created = await volumeCreate(this.router, {
      name: this.args.name,
      size: f.size,
      type: f.type,
      image: f.image,
      snapshot: f.snapshot,
      source: f.source,
      description: f.description,
      availabilityZone: f['availability-zone'],
      properties: lastValues(keyValues(f.property, 'property')),
      hints: lastValues(keyValues(f.hint, 'hint')),
      bootable: pick(f.bootable, f['non-bootable']),
      readOnly: pick(f['read-only'], f['read-write']),
    })
    return report(created, volumeView)
  }
}
