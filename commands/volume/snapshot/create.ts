import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {report} from '../../../src/views/report.js'
import {snapshotView} from '../../../src/views/volume-snapshot.js'
import {keyValues, lastValues} from '../../../src/workflows/nics.js'
import {snapshotCreate} from '../../../src/workflows/volume-snapshot.js'

export default class VolumeSnapshotCreate extends OutputCommand<typeof VolumeSnapshotCreate> {
  static override summary = 'Create new volume snapshot'
  static override description = 'The volume is found in the Cinder the scope gives block-storage. With "&", one snapshot in each instance (of its own volume of that name).'
  static override args = {'snapshot-name': Args.string({description: 'Name of the new snapshot', required: true})}
  static override flags = {
    volume: Flags.string({description: 'Volume to snapshot (name or ID) (default is <snapshot-name>)'}),
    description: Flags.string({description: 'Description of the snapshot'}),
    force: Flags.boolean({description: 'Create a snapshot attached to an instance. Default is False'}),
    property: Flags.string({description: 'Set a property to this snapshot (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
  }

  static override examples = [
    '<%= config.bin %> volume snapshot create --volume mirror mirror-snap',
    '<%= config.bin %> volume snapshot create --volume mirror --property kind=nightly mirror-snap --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const f = this.flags
    const properties = lastValues(keyValues(f.property, 'property'))
    return report(await snapshotCreate(this.router, {name: this.args['snapshot-name'], volume: f.volume, description: f.description, force: f.force, properties}), snapshotView)
  }
}
