import {Flags, OutputCommand} from '../../src/cli/index.js'
import {roleListView} from '../../src/views/identity-read.js'
import {report} from '../../src/views/report.js'
import {roleList} from '../../src/workflows/identity-read.js'

export default class RoleList extends OutputCommand<typeof RoleList> {
  static override summary = 'List roles'
  static override flags = {
    domain: Flags.string({description: 'Include <domain> (name or ID)', helpValue: '<domain>'}),
  }

  static override examples = ['<%= config.bin %> role list', '<%= config.bin %> role list -f value -c Name']

  async run() {
    return report(await roleList(this.router, this.flags.domain), roleListView)
  }
}
