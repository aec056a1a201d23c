import {Args, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {serverRemoveVolume} from '../../../src/workflows/volume-snapshot.js'

export default class ServerRemoveVolume extends OidCommand<typeof ServerRemoveVolume> {
  static override summary = 'Remove volume from server'
  static override description =
    'Specify --os-compute-api-version 2.20 or higher to remove a volume from a server with status SHELVED or SHELVED_OFFLOADED. The volume is found in the Cinder of the server\'s own instance.'

  static override args = {
    server: Args.string({description: 'Server (name or ID)', required: true}),
    volume: Args.string({description: 'Volume to remove (name or ID)', required: true}),
  }

  static override examples = ['<%= config.bin %> server remove volume worker-1 scratch']

  async run() {
    return notes(await serverRemoveVolume(this.router, this.args.server, this.args.volume))
  }
}
