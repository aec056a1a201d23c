import {Flags, OutputCommand} from '../../src/cli/index.js'
import {routerListView} from '../../src/views/network-l3.js'
import {report} from '../../src/views/report.js'
import {routerList} from '../../src/workflows/network-l3.js'

export default class RouterList extends OutputCommand<typeof RouterList> {
  static override summary = 'List routers'
  static override flags = {
    name: Flags.string({description: 'List routers according to their name'}),
    enable: Flags.boolean({description: 'List enabled routers', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'List disabled routers', exclusive: ['enable']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    project: Flags.string({description: 'List routers according to their project (name or ID)'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID)'}),
    tags: Flags.string({description: 'List routers which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List routers which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude routers which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude routers which have any given tag(s) (comma-separated)'}),
  }

  static override examples = ['<%= config.bin %> router list', '<%= config.bin %> router list --long --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const query = {tags: f.tags, 'tags-any': f['any-tags'], 'not-tags': f['not-tags'], 'not-tags-any': f['not-any-tags']}
    return report(await routerList(this.router, {name: f.name, enable: f.enable, disable: f.disable, project: f.project, projectDomain: f['project-domain'], query}), (routers) => routerListView(routers, f.long))
  }
}
