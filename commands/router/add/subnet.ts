import {Args, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {routerAddSubnet} from '../../../src/workflows/network-l3.js'

export default class RouterAddSubnet extends OidCommand<typeof RouterAddSubnet> {
  static override summary = 'Add a subnet to a router'
  static override args = {
    router: Args.string({description: 'Router to which subnet will be added (name or ID)', required: true}),
    subnet: Args.string({description: 'Subnet to be added (name or ID)', required: true}),
  }

  static override examples = ['<%= config.bin %> router add subnet r1 private-subnet']

  async run() {
    return notes(await routerAddSubnet(this.router, this.args.router, this.args.subnet))
  }
}
