import {Args, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {securityGroupDelete} from '../../../src/workflows/network-security.js'

export default class SecurityGroupDelete extends OidCommand<typeof SecurityGroupDelete> {
  static override summary = 'Delete security group(s)'
  static override strict = false
  static override args = {group: Args.string({description: 'Security group(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> security group delete web', '<%= config.bin %> security group delete ci --scope \'{"network": "A & B"}\'']

  async run() {
    return notes(await securityGroupDelete(this.router, this.positionals))
  }
}
