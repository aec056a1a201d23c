import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {subnetDelete} from '../../src/workflows/network-resources.js'

export default class SubnetDelete extends OidCommand<typeof SubnetDelete> {
  static override summary = 'Delete subnet(s)'
  static override strict = false
  static override args = {subnet: Args.string({description: 'Subnet(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> subnet delete ci-subnet', '<%= config.bin %> subnet delete ci-subnet --scope \'{"network": "A & B"}\'']

  async run() {
    return notes(await subnetDelete(this.router, this.positionals))
  }
}
