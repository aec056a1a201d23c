import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {securityGroupListView} from '../../../src/views/network-security.js'
import {report} from '../../../src/views/report.js'
import {securityGroupList} from '../../../src/workflows/network-security.js'

export default class SecurityGroupList extends OutputCommand<typeof SecurityGroupList> {
  static override summary = 'List security groups'
  static override flags = {
    tags: Flags.string({description: 'List security group which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List security group which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude security group which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude security group which have any given tag(s) (comma-separated)'}),
  }

  static override examples = ['<%= config.bin %> security group list', '<%= config.bin %> security group list --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const query = {tags: f.tags, 'tags-any': f['any-tags'], 'not-tags': f['not-tags'], 'not-tags-any': f['not-any-tags']}
    return report(await securityGroupList(this.router, query), securityGroupListView)
  }
}
