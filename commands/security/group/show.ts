import {Args, OutputCommand} from '../../../src/cli/index.js'
import {securityGroupShowView} from '../../../src/views/network-security.js'
import {report} from '../../../src/views/report.js'
import {securityGroupShow} from '../../../src/workflows/network-security.js'

export default class SecurityGroupShow extends OutputCommand<typeof SecurityGroupShow> {
  static override summary = 'Display security group details'
  static override args = {group: Args.string({description: 'Security group to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> security group show default', '<%= config.bin %> security group show web -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await securityGroupShow(this.router, this.args.group), securityGroupShowView)
  }
}
