import {Args, OidCommand} from '../../../../src/cli/index.js'
import {notes} from '../../../../src/views/report.js'
import {serverRemoveFloatingIp} from '../../../../src/workflows/network-l3.js'

export default class ServerRemoveFloatingIp extends OidCommand<typeof ServerRemoveFloatingIp> {
  static override summary = 'Remove floating IP address from server'
  static override args = {
    server: Args.string({description: 'Server to remove the floating IP address from (name or ID)', required: true}),
    'ip-address': Args.string({description: 'Floating IP address to remove from server (IP only)', required: true}),
  }

  static override examples = ['<%= config.bin %> server remove floating ip my-vm 172.24.4.10']

  async run() {
    return notes(await serverRemoveFloatingIp(this.router, this.args.server, this.args['ip-address']))
  }
}
