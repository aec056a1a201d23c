import {Flags} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {networkListView} from '../../src/views/flavor-network.js'
import {report} from '../../src/views/report.js'
import {networkList} from '../../src/workflows/server-read.js'

export default class NetworkList extends OutputCommand<typeof NetworkList> {
  static override summary = 'List networks'
  static override flags = {
    external: Flags.boolean({description: 'List only external networks', exclusive: ['internal']}),
    internal: Flags.boolean({description: 'List only internal networks', exclusive: ['external']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    name: Flags.string({description: 'List only networks with the specified name'}),
    share: Flags.boolean({description: 'List only networks shared between projects', exclusive: ['no-share']}),
    'no-share': Flags.boolean({description: 'List only networks not shared between projects', exclusive: ['share']}),
    status: Flags.string({description: 'List only networks with the specified status', options: ['ACTIVE', 'BUILD', 'DOWN', 'ERROR']}),
  }

  static override examples = ['<%= config.bin %> network list', '<%= config.bin %> network list --long --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  protected async execute() {
    await this.ctx.ready()
    const f = this.flags
    const query: Record<string, string | undefined> = {
      'router:external': f.external ? 'True' : f.internal ? 'False' : undefined,
      name: f.name,
      shared: f.share ? 'True' : f['no-share'] ? 'False' : undefined,
      status: f.status,
    }
    return report(await networkList(this.ctx, query), (networks) => networkListView(networks, f.long))
  }
}
