import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {securityGroupShowView} from '../../../src/views/network-security.js'
import {report} from '../../../src/views/report.js'
import {securityGroupCreate} from '../../../src/workflows/network-security.js'

export default class SecurityGroupCreate extends OutputCommand<typeof SecurityGroupCreate> {
  static override summary = 'Create a new security group'
  static override args = {name: Args.string({description: 'New security group name', required: true})}
  static override flags = {
    description: Flags.string({description: 'Security group description'}),
    stateful: Flags.boolean({description: 'Security group is stateful (Default)', exclusive: ['stateless']}),
    stateless: Flags.boolean({description: 'Security group is stateless', exclusive: ['stateful']}),
  }

  static override examples = ['<%= config.bin %> security group create web --description "HTTP in"', '<%= config.bin %> security group create ci --scope \'{"network": "A & B & C"}\'']

  async run() {
    const f = this.flags
    const stateful = f.stateful ? true : f.stateless ? false : undefined
    return report(await securityGroupCreate(this.router, {name: this.args.name, description: f.description, stateful}), securityGroupShowView)
  }
}
