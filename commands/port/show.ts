import {Args, OutputCommand} from '../../src/cli/index.js'
import {portShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {portShow} from '../../src/workflows/network-resources.js'

export default class PortShow extends OutputCommand<typeof PortShow> {
  static override summary = 'Display port details'
  static override args = {port: Args.string({description: 'Port to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> port show ci-port', '<%= config.bin %> port show ci-port -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await portShow(this.router, this.args.port), portShowView)
  }
}
