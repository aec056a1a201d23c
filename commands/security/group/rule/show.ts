import {Args, OutputCommand} from '../../../../src/cli/index.js'
import {securityGroupRuleShowView} from '../../../../src/views/network-security.js'
import {report} from '../../../../src/views/report.js'
import {securityGroupRuleShow} from '../../../../src/workflows/network-security.js'

export default class SecurityGroupRuleShow extends OutputCommand<typeof SecurityGroupRuleShow> {
  static override summary = 'Display security group rule details'
  static override args = {rule: Args.string({description: 'Security group rule to display (ID only)', required: true})}
  static override examples = ['<%= config.bin %> security group rule show 2a8acbaa-80dc-4d1d-9207-afe35066fcb0']

  async run() {
    return report(await securityGroupRuleShow(this.router, this.args.rule), securityGroupRuleShowView)
  }
}
