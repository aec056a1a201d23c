import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {floatingIpShowView} from '../../../src/views/network-l3.js'
import {report} from '../../../src/views/report.js'
import {floatingIpCreate} from '../../../src/workflows/network-l3.js'

export default class FloatingIpCreate extends OutputCommand<typeof FloatingIpCreate> {
  static override summary = 'Create floating IP'
  static override args = {network: Args.string({description: 'Network to allocate floating IP from (name or ID)', required: true})}
  static override flags = {
    subnet: Flags.string({description: 'Subnet on which you want to create the floating IP (name or ID)'}),
    port: Flags.string({description: 'Port to be associated with the floating IP (name or ID)'}),
    'floating-ip-address': Flags.string({description: 'Floating IP address'}),
    'fixed-ip-address': Flags.string({description: 'Fixed IP address mapped to the floating IP'}),
    description: Flags.string({description: 'Set floating IP description'}),
  }

  static override examples = ['<%= config.bin %> floating ip create public', '<%= config.bin %> floating ip create public --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const options = {network: this.args.network, subnet: f.subnet, port: f.port, floatingIpAddress: f['floating-ip-address'], fixedIpAddress: f['fixed-ip-address'], description: f.description}
    return report(await floatingIpCreate(this.router, options), (ip) => floatingIpShowView(ip, false))
  }
}
