import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'
import {volumeSet} from '../../src/workflows/volume.js'

const STATES = ['available', 'error', 'creating', 'deleting', 'in-use', 'attaching', 'detaching', 'error_deleting', 'maintenance']

export default class VolumeSet extends OidCommand<typeof VolumeSet> {
  static override summary = 'Set volume properties'
  static override description = 'With "&" on block-storage, sets the volume in every instance that has it.'
  static override args = {volume: Args.string({description: 'Volume to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'New volume name', helpValue: '<name>'}),
    size: Flags.integer({description: 'Extend volume size in GB', helpValue: '<size>'}),
    description: Flags.string({description: 'New volume description', helpValue: '<description>'}),
    'no-property': Flags.boolean({description: 'Remove all properties from <volume> (specify both --no-property and --property to remove the current properties before setting new properties.)'}),
    property: Flags.string({description: 'Set a property on this volume (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    'image-property': Flags.string({description: 'Set an image property on this volume (repeat option to set multiple image properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    state: Flags.string({description: 'New volume state (admin only) (This option simply changes the state of the volume in the database with no regard to actual status, exercise caution when using)', helpValue: '<state>', options: STATES}),
    attached: Flags.boolean({description: 'Set volume attachment status to "attached" (admin only)', exclusive: ['detached']}),
    detached: Flags.boolean({description: 'Set volume attachment status to "detached" (admin only)', exclusive: ['attached']}),
    type: Flags.string({description: 'New volume type (name or ID)', helpValue: '<volume-type>'}),
    'retype-policy': Flags.string({description: 'Migration policy while re-typing volume ("never" or "on-demand", default is "never" ) (available only when --type option is specified)', helpValue: '<retype-policy>', options: ['never', 'on-demand']}),
    bootable: Flags.boolean({description: 'Mark volume as bootable', exclusive: ['non-bootable']}),
    'non-bootable': Flags.boolean({description: 'Mark volume as non-bootable', exclusive: ['bootable']}),
    'read-only': Flags.boolean({description: 'Set volume to read-only access mode', exclusive: ['read-write']}),
    'read-write': Flags.boolean({description: 'Set volume to read-write access mode', exclusive: ['read-only']}),
  }

  static override examples = ['<%= config.bin %> volume set mirror --size 600 --property purpose=mirror', '<%= config.bin %> volume set mirror --bootable --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const pick = (yes: boolean, no: boolean) => (yes ? true : no ? false : undefined)
    return notes(
      await volumeSet(this.router, this.args.volume, {
        name: f.name,
        size: f.size,
        description: f.description,
        noProperty: f['no-property'],
        properties: lastValues(keyValues(f.property, 'property')),
        imageProperties: lastValues(keyValues(f['image-property'], 'image-property')),
        state: f.state,
        attached: f.attached,
        detached: f.detached,
        type: f.type,
        retypePolicy: f['retype-policy'],
        bootable: pick(f.bootable, f['non-bootable']),
        readOnly: pick(f['read-only'], f['read-write']),
      }),
    )
  }
}
