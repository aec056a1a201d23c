import {Flags} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {flavorListView} from '../../src/views/flavor-network.js'
import {report} from '../../src/views/report.js'
import {flavorList} from '../../src/workflows/server-read.js'

export default class FlavorList extends OutputCommand<typeof FlavorList> {
  static override summary = 'List flavors'
  static override flags = {
    public: Flags.boolean({description: 'List only public flavors (default)', exclusive: ['private', 'all']}),
    private: Flags.boolean({description: 'List only private flavors', exclusive: ['public', 'all']}),
    all: Flags.boolean({description: 'List all flavors, whether public or private', exclusive: ['public', 'private']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
  }

  static override examples = ['<%= config.bin %> flavor list', '<%= config.bin %> flavor list --all --long --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  protected async execute() {
    await this.ctx.ready()
    const isPublic = this.flags.all ? 'None' : !this.flags.private
    return report(await flavorList(this.ctx, {isPublic}), (flavors) => flavorListView(flavors, this.flags.long))
  }
}
