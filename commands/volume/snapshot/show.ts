import {Args, OutputCommand} from '../../../src/cli/index.js'
import {report} from '../../../src/views/report.js'
import {snapshotView} from '../../../src/views/volume-snapshot.js'
import {snapshotShow} from '../../../src/workflows/volume-snapshot.js'

export default class VolumeSnapshotShow extends OutputCommand<typeof VolumeSnapshotShow> {
  static override summary = 'Display volume snapshot details'
  static override description = 'With "|" on block-storage, the first instance that has it.'
  static override args = {snapshot: Args.string({description: 'Snapshot to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> volume snapshot show mirror-snap', '<%= config.bin %> volume snapshot show mirror-snap --scope \'{"block-storage": "InstanceTwo | InstanceOne"}\'']

  async run() {
    return report(await snapshotShow(this.router, this.args.snapshot), snapshotView)
  }
}
