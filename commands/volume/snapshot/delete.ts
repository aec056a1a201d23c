import {Args, Flags, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {snapshotDelete} from '../../../src/workflows/volume-snapshot.js'

export default class VolumeSnapshotDelete extends OidCommand<typeof VolumeSnapshotDelete> {
  static override summary = 'Delete volume snapshot(s)'
  static override description = 'With "&" on block-storage, in every instance that has it.'
  static override strict = false
  static override args = {snapshot: Args.string({description: 'Snapshot(s) to delete (name or ID)', required: true})}
  static override flags = {force: Flags.boolean({description: 'Attempt forced removal of snapshot(s), regardless of state (defaults to False)'})}
  static override examples = ['<%= config.bin %> volume snapshot delete mirror-snap', '<%= config.bin %> volume snapshot delete snap1 snap2 --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await snapshotDelete(this.router, this.positionals, this.flags.force))
  }
}
