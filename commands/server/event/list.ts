import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {serverEventView} from '../../../src/views/compute-info.js'
import {report} from '../../../src/views/report.js'
import {serverEventList} from '../../../src/workflows/compute-actions.js'

export default class ServerEventList extends OutputCommand<typeof ServerEventList> {
  static override summary = 'List recent events of a server'
  static override description = 'A deleted server can be given by its ID. With "|" on compute, the first instance that has the server; with "&", each one that has it.'
  static override args = {server: Args.string({description: 'Server to list events (name or ID)', required: true})}
  static override flags = {long: Flags.boolean({description: 'List additional fields in output'})}
  static override examples = ['<%= config.bin %> server event list my-vm --long']

  async run() {
    return report(await serverEventList(this.router, this.args.server), (actions) => serverEventView(actions, this.flags.long))
  }
}
