import {Flags, OutputCommand} from '../../src/cli/index.js'
import {keypairListView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {keypairList} from '../../src/workflows/compute-keypair.js'

export default class KeypairList extends OutputCommand<typeof KeypairList> {
  static override summary = 'List key fingerprints'
  static override flags = {
    marker: Flags.string({description: 'The last keypair ID of the previous page'}),
    limit: Flags.integer({description: 'Maximum number of keypairs to display'}),
  }

  static override examples = ['<%= config.bin %> keypair list', '<%= config.bin %> keypair list --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return report(await keypairList(this.router, {limit: this.flags.limit, marker: this.flags.marker}), keypairListView)
  }
}
