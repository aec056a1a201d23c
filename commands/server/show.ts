import {Args} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {report} from '../../src/views/report.js'
import {serverShow} from '../../src/workflows/server-read.js'

export default class ServerShow extends OutputCommand<typeof ServerShow> {
  static override summary = 'Show server details'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> server show my-vm', '<%= config.bin %> server show my-vm -f json -c status -c addresses --scope \'{"compute": "InstanceOne | InstanceTwo"}\'']

  protected async execute() {
    await this.ctx.ready()
    return report(await serverShow(this.ctx, this.args.server), (view) => view)
  }
}
