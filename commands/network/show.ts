import {Args, OutputCommand} from '../../src/cli/index.js'
import {networkShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {networkShow} from '../../src/workflows/network-resources.js'

export default class NetworkShow extends OutputCommand<typeof NetworkShow> {
  static override summary = 'Show network details'
  static override args = {network: Args.string({description: 'Network to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> network show private', '<%= config.bin %> network show ci-net -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await networkShow(this.router, this.args.network), networkShowView)
  }
}
