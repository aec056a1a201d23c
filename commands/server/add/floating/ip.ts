import {Args, Flags, OidCommand} from '../../../../src/cli/index.js'
import {notes} from '../../../../src/views/report.js'
import {serverAddFloatingIp} from '../../../../src/workflows/network-l3.js'

export default class ServerAddFloatingIp extends OidCommand<typeof ServerAddFloatingIp> {
  static override summary = 'Add floating IP address to server'
  static override description = 'The server is found in its compute instance, its ports and the floating IP in the Neutron of that same instance.'
  static override args = {
    server: Args.string({description: 'Server to receive the floating IP address (name or ID)', required: true}),
    'ip-address': Args.string({description: 'Floating IP address to assign to the first available server port (IP only)', required: true}),
  }

  static override flags = {
    'fixed-ip-address': Flags.string({description: 'Fixed IP address to associate with this floating IP address. The first server port containing the fixed IP address will be used'}),
  }

  static override examples = ['<%= config.bin %> server add floating ip my-vm 172.24.4.10', '<%= config.bin %> server add floating ip my-vm 172.24.4.10 --scope \'{"compute": "InstanceTwo"}\'']

  async run() {
    return notes(await serverAddFloatingIp(this.router, this.args.server, this.args['ip-address'], this.flags['fixed-ip-address']))
  }
}
