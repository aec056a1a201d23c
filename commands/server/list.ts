import {Flags} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {report} from '../../src/views/report.js'
import {serverList} from '../../src/workflows/server-read.js'

export default class ServerList extends OutputCommand<typeof ServerList> {
  static override summary = 'List servers'
  static override examples = [
    '<%= config.bin %> server list',
    '<%= config.bin %> server list --long --os-cloud InstanceOne',
    '<%= config.bin %> server list --scope \'{"compute": "InstanceOne & InstanceTwo"}\'',
  ]

  static override flags = {
    name: Flags.string({description: 'Regular expression to match names'}),
    status: Flags.string({description: 'Search by server status'}),
    'all-projects': Flags.boolean({description: 'Include all projects (admin only)'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    limit: Flags.integer({description: 'Maximum number of servers to display.', min: -1}),
    marker: Flags.string({description: 'The last server of the previous page (name or ID)'}),
    'no-name-lookup': Flags.boolean({char: 'n', description: 'Skip flavor and image name lookup.'}),
  }

  protected async execute() {
    await this.ctx.ready()
    const f = this.flags
    const result = await serverList(this.ctx, {
      long: f.long,
      name: f.name,
      status: f.status,
      allProjects: f['all-projects'],
      limit: f.limit === undefined || f.limit < 0 ? undefined : f.limit,
      marker: f.marker,
      noNameLookup: f['no-name-lookup'],
    })
    return report(result, (view) => view)
  }
}
