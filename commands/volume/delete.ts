import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {volumeDelete} from '../../src/workflows/volume.js'

export default class VolumeDelete extends OidCommand<typeof VolumeDelete> {
  static override summary = 'Delete volume(s)'
  static override description = 'With "&" on block-storage, deletes the volume in every instance that has it.'
  static override strict = false
  static override args = {volume: Args.string({description: 'Volume(s) to delete (name or ID)', required: true})}
  static override flags = {
    force: Flags.boolean({description: 'Attempt forced removal of volume(s), regardless of state (defaults to False)', exclusive: ['purge']}),
    purge: Flags.boolean({description: 'Remove any snapshots along with volume(s) (defaults to False)', exclusive: ['force']}),
  }

  static override examples = ['<%= config.bin %> volume delete mirror', '<%= config.bin %> volume delete mirror --purge --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await volumeDelete(this.router, this.positionals, {force: this.flags.force, purge: this.flags.purge}))
  }
}
