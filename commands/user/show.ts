import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {recordView} from '../../src/views/identity-read.js'
import {report} from '../../src/views/report.js'
import {userShow} from '../../src/workflows/identity-read.js'

export default class UserShow extends OutputCommand<typeof UserShow> {
  static override summary = 'Display user details'
  static override args = {user: Args.string({description: 'User to display (name or ID)', required: true})}
  static override flags = {
    domain: Flags.string({description: 'Domain owning <user> (name or ID)', helpValue: '<domain>'}),
  }

  static override examples = ['<%= config.bin %> user show demo', '<%= config.bin %> user show demo -f value -c id --domain default']

  async run() {
    return report(await userShow(this.router, this.args.user, this.flags.domain), recordView)
  }
}
