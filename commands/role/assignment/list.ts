import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {roleAssignmentListView} from '../../../src/views/identity-read.js'
import {report} from '../../../src/views/report.js'
import {roleAssignmentList} from '../../../src/workflows/identity-read.js'

export default class RoleAssignmentList extends OutputCommand<typeof RoleAssignmentList> {
  static override summary = 'List role assignments'
  static override flags = {
    effective: Flags.boolean({description: 'Returns only effective role assignments'}),
    role: Flags.string({description: 'Role to filter (name or ID)', helpValue: '<role>'}),
    names: Flags.boolean({description: 'Display names instead of IDs'}),
    'role-domain': Flags.string({description: 'Domain the role belongs to (name or ID). This must be specified when the name of a domain specific role is used.', helpValue: '<role-domain>'}),
    user: Flags.string({description: 'User to filter (name or ID)', helpValue: '<user>', exclusive: ['group']}),
    'user-domain': Flags.string({description: 'Domain the user belongs to (name or ID). This can be used in case collisions between user names exist.', helpValue: '<user-domain>'}),
    group: Flags.string({description: 'Group to filter (name or ID)', helpValue: '<group>', exclusive: ['user']}),
    'group-domain': Flags.string({description: 'Domain the group belongs to (name or ID). This can be used in case collisions between group names exist.', helpValue: '<group-domain>'}),
    domain: Flags.string({description: 'Domain to filter (name or ID)', helpValue: '<domain>', exclusive: ['project', 'system']}),
    project: Flags.string({description: 'Project to filter (name or ID)', helpValue: '<project>', exclusive: ['domain', 'system']}),
    system: Flags.string({description: 'Filter based on system role assignments', helpValue: '<system>', exclusive: ['domain', 'project']}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.', helpValue: '<project-domain>'}),
    inherited: Flags.boolean({description: 'Specifies if the role grant is inheritable to the sub projects'}),
    'auth-user': Flags.boolean({description: 'Only list assignments for the authenticated user'}),
    'auth-project': Flags.boolean({description: "Only list assignments for the project to which the authenticated user's token is scoped"}),
  }

  static override examples = ['<%= config.bin %> role assignment list --project demo --names', '<%= config.bin %> role assignment list --user admin --effective -f json']

  async run() {
    const f = this.flags
    const options = {
      user: f.user,
      userDomain: f['user-domain'],
      group: f.group,
      groupDomain: f['group-domain'],
      roleDomain: f['role-domain'],
      project: f.project,
      projectDomain: f['project-domain'],
      domain: f.domain,
      role: f.role,
      system: f.system,
      names: f.names,
      effective: f.effective,
      inherited: f.inherited,
      authUser: f['auth-user'],
      authProject: f['auth-project'],
    }
    return report(await roleAssignmentList(this.router, options), (assignments) => roleAssignmentListView(assignments, f.names))
  }
}
