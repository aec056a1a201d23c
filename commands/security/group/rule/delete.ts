import {Args, OidCommand} from '../../../../src/cli/index.js'
import {notes} from '../../../../src/views/report.js'
import {securityGroupRuleDelete} from '../../../../src/workflows/network-security.js'

export default class SecurityGroupRuleDelete extends OidCommand<typeof SecurityGroupRuleDelete> {
  static override summary = 'Delete security group rule(s)'
  static override strict = false
  static override args = {rule: Args.string({description: 'Security group rule(s) to delete (ID only)', required: true})}
  static override examples = ['<%= config.bin %> security group rule delete 2a8acbaa-80dc-4d1d-9207-afe35066fcb0']

  async run() {
    return notes(await securityGroupRuleDelete(this.router, this.positionals))
  }
}
