import {Args, OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {volumeView} from '../../src/views/volume.js'
import {volumeShow} from '../../src/workflows/volume.js'

export default class VolumeShow extends OutputCommand<typeof VolumeShow> {
  static override summary = 'Display volume details'
  static override args = {volume: Args.string({description: 'Volume to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> volume show mirror', '<%= config.bin %> volume show mirror --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return report(await volumeShow(this.router, this.args.volume), volumeView)
  }
}
