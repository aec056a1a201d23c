import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {portDelete} from '../../src/workflows/network-resources.js'

export default class PortDelete extends OidCommand<typeof PortDelete> {
  static override summary = 'Delete port(s)'
  static override strict = false
  static override args = {port: Args.string({description: 'Port(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> port delete ci-port', '<%= config.bin %> port delete ci-port --scope \'{"network": "A & B"}\'']

  async run() {
    return notes(await portDelete(this.router, this.positionals))
  }
}
