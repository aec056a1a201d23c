import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {networkDelete} from '../../src/workflows/network-resources.js'

export default class NetworkDelete extends OidCommand<typeof NetworkDelete> {
  static override summary = 'Delete network(s)'
  static override strict = false
  static override args = {network: Args.string({description: 'Network(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> network delete private', '<%= config.bin %> network delete ci-net --scope \'{"network": "A & B"}\'']

  async run() {
    return notes(await networkDelete(this.router, this.positionals))
  }
}
