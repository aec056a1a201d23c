import {Args, OutputCommand} from '../../../src/cli/index.js'
import {floatingIpShowView} from '../../../src/views/network-l3.js'
import {report} from '../../../src/views/report.js'
import {floatingIpShow} from '../../../src/workflows/network-l3.js'

export default class FloatingIpShow extends OutputCommand<typeof FloatingIpShow> {
  static override summary = 'Display floating IP details'
  static override args = {'floating-ip': Args.string({description: 'Floating IP to display (IP address or ID)', required: true})}
  static override examples = ['<%= config.bin %> floating ip show 172.24.4.10', '<%= config.bin %> floating ip show 172.24.4.10 -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await floatingIpShow(this.router, this.args['floating-ip']), floatingIpShowView)
  }
}
