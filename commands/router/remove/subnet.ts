import {Args, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {routerRemoveSubnet} from '../../../src/workflows/network-l3.js'

export default class RouterRemoveSubnet extends OidCommand<typeof RouterRemoveSubnet> {
  static override summary = 'Remove a subnet from a router'
  static override args = {
    router: Args.string({description: 'Router from which the subnet will be removed (name or ID)', required: true}),
    subnet: Args.string({description: 'Subnet to be removed (name or ID)', required: true}),
  }

  static override examples = ['<%= config.bin %> router remove subnet r1 private-subnet']

  async run() {
    return notes(await routerRemoveSubnet(this.router, this.args.router, this.args.subnet))
  }
}
