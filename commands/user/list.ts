import {Flags, OutputCommand} from '../../src/cli/index.js'
import {userListView} from '../../src/views/identity-read.js'
import {report} from '../../src/views/report.js'
import {userList} from '../../src/workflows/identity-read.js'

export default class UserList extends OutputCommand<typeof UserList> {
  static override summary = 'List users'
  static override flags = {
    domain: Flags.string({description: 'Filter users by <domain> (name or ID)', helpValue: '<domain>'}),
    group: Flags.string({description: 'Filter users by <group> membership (name or ID)', helpValue: '<group>', exclusive: ['project']}),
    project: Flags.string({description: 'Filter users by <project> (name or ID)', helpValue: '<project>', exclusive: ['group']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
  }

  static override examples = ['<%= config.bin %> user list --long', '<%= config.bin %> user list --project demo --scope \'{"identity": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    return report(await userList(this.router, {domain: f.domain, group: f.group, project: f.project}), (users) => userListView(users, f.long))
  }
}
