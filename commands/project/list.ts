import {Flags, OutputCommand} from '../../src/cli/index.js'
import {projectListView} from '../../src/views/identity-project.js'
import {report} from '../../src/views/report.js'
import {projectList} from '../../src/workflows/identity-project.js'

export default class ProjectList extends OutputCommand<typeof ProjectList> {
  static override summary = 'List projects'
  static override flags = {
    domain: Flags.string({description: 'Filter projects by <domain> (name or ID)', helpValue: '<domain>'}),
    parent: Flags.string({description: 'Filter projects whose parent is <parent> (name or ID)', helpValue: '<parent>'}),
    user: Flags.string({description: 'Filter projects by <user> (name or ID)', helpValue: '<user>'}),
    'my-projects': Flags.boolean({description: 'List projects for the authenticated user. Supersedes other filters.'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    sort: Flags.string({description: 'Sort output by selected keys and directions (asc or desc) (default: asc), repeat this option to specify multiple keys and directions.', helpValue: '<key>[:<direction>]'}),
    tags: Flags.string({description: 'List projects which have all given tag(s) (Comma-separated list of tags)', helpValue: '<tag>[,<tag>,...]'}),
    'tags-any': Flags.string({description: 'List projects which have any given tag(s) (Comma-separated list of tags)', helpValue: '<tag>[,<tag>,...]'}),
    'not-tags': Flags.string({description: 'Exclude projects which have all given tag(s) (Comma-separated list of tags)', helpValue: '<tag>[,<tag>,...]'}),
    'not-tags-any': Flags.string({description: 'Exclude projects which have any given tag(s) (Comma-separated list of tags)', helpValue: '<tag>[,<tag>,...]'}),
  }

  static override examples = ['<%= config.bin %> project list --my-projects', '<%= config.bin %> project list --long --scope \'{"identity": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const options = {domain: f.domain, parent: f.parent, user: f.user, myProjects: f['my-projects'], tags: f.tags, tagsAny: f['tags-any'], notTags: f['not-tags'], notTagsAny: f['not-tags-any']}
    return report(await projectList(this.router, options), (projects) => projectListView(projects, f.long, f.sort))
  }
}
