import {Args, OutputCommand} from '../../src/cli/index.js'
import {subnetShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {subnetShow} from '../../src/workflows/network-resources.js'

export default class SubnetShow extends OutputCommand<typeof SubnetShow> {
  static override summary = 'Display subnet details'
  static override args = {subnet: Args.string({description: 'Subnet to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> subnet show ci-subnet', '<%= config.bin %> subnet show ci-subnet -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await subnetShow(this.router, this.args.subnet), subnetShowView)
  }
}
