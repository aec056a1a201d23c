import {Args, OutputCommand} from '../../src/cli/index.js'
import {routerShowView} from '../../src/views/network-l3.js'
import {report} from '../../src/views/report.js'
import {routerShow} from '../../src/workflows/network-l3.js'

export default class RouterShow extends OutputCommand<typeof RouterShow> {
  static override summary = 'Display router details'
  static override args = {router: Args.string({description: 'Router to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> router show router1', '<%= config.bin %> router show router1 -f json --scope \'{"network": "InstanceOne | InstanceTwo"}\'']

  async run() {
    return report(await routerShow(this.router, this.args.router), routerShowView)
  }
}
