import {Args, OidCommand} from '../../../../src/cli/index.js'
import {notes} from '../../../../src/views/report.js'
import {serverSecurityGroup} from '../../../../src/workflows/server-set.js'

export default class ServerAddSecurityGroup extends OidCommand<typeof ServerAddSecurityGroup> {
  static override summary = 'Add security group to server'
  static override description = 'The server is found in its compute instance, the security group in the Neutron of that same instance (it lives where the server lives).'
  static override args = {
    server: Args.string({description: 'Server (name or ID)', required: true}),
    group: Args.string({description: 'Security group to add (name or ID)', required: true}),
  }

  static override examples = ['<%= config.bin %> server add security group my-vm web', '<%= config.bin %> server add security group my-vm web --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await serverSecurityGroup(this.router, this.args.server, this.args.group, true))
  }
}
