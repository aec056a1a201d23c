import {Args, OidCommand} from '../../../../src/cli/index.js'
import {notes} from '../../../../src/views/report.js'
import {serverSecurityGroup} from '../../../../src/workflows/server-set.js'

export default class ServerRemoveSecurityGroup extends OidCommand<typeof ServerRemoveSecurityGroup> {
  static override summary = 'Remove security group from server'
  static override description = 'The server is found in its compute instance, the security group in the Neutron of that same instance (it lives where the server lives).'
  static override args = {
    server: Args.string({description: 'Name or ID of server to use', required: true}),
    group: Args.string({description: 'Name or ID of security group to remove from server', required: true}),
  }

  static override examples = ['<%= config.bin %> server remove security group my-vm web', '<%= config.bin %> server remove security group my-vm web --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await serverSecurityGroup(this.router, this.args.server, this.args.group, false))
  }
}
