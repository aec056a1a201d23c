import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {floatingIpListView} from '../../../src/views/network-l3.js'
import {report} from '../../../src/views/report.js'
import {floatingIpList} from '../../../src/workflows/network-l3.js'

export default class FloatingIpList extends OutputCommand<typeof FloatingIpList> {
  static override summary = 'List floating IP(s)'
  static override flags = {
    network: Flags.string({description: 'List floating IP(s) according to given network (name or ID)'}),
    port: Flags.string({description: 'List floating IP(s) according to given port (name or ID)'}),
    'fixed-ip-address': Flags.string({description: 'List floating IP(s) according to given fixed IP address'}),
    'floating-ip-address': Flags.string({description: 'List floating IP(s) according to given floating IP address'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    status: Flags.string({description: 'List floating IP(s) according to given status (ACTIVE, DOWN)', options: ['ACTIVE', 'DOWN']}),
    project: Flags.string({description: 'List floating IP(s) according to given project (name or ID)'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID)'}),
    router: Flags.string({description: 'List floating IP(s) according to given router (name or ID)'}),
    tags: Flags.string({description: 'List floating IP which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List floating IP which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude floating IP which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude floating IP which have any given tag(s) (comma-separated)'}),
  }

  static override examples = ['<%= config.bin %> floating ip list', '<%= config.bin %> floating ip list --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const query = {tags: f.tags, 'tags-any': f['any-tags'], 'not-tags': f['not-tags'], 'not-tags-any': f['not-any-tags']}
    const options = {network: f.network, port: f.port, fixedIpAddress: f['fixed-ip-address'], floatingIpAddress: f['floating-ip-address'], status: f.status, project: f.project, projectDomain: f['project-domain'], router: f.router, query}
    return report(await floatingIpList(this.router, options), (ips) => floatingIpListView(ips, f.long))
  }
}
