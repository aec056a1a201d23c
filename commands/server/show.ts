import {Args, OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {shownServerView} from '../../src/views/server.js'
import {serverShow} from '../../src/workflows/server-read.js'

export default class ServerShow extends OutputCommand<typeof ServerShow> {
  static override summary = 'Show server details'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> server show my-vm', '<%= config.bin %> server show my-vm -f json -c status -c addresses --scope \'{"compute": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await serverShow(this.router, this.args.server), shownServerView)
  }
}
