import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {routerSet} from '../../src/workflows/network-l3.js'

export default class RouterSet extends OidCommand<typeof RouterSet> {
  static override summary = 'Set router properties'
  static override args = {router: Args.string({description: 'Router to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'Set router name'}),
    description: Flags.string({description: 'Set router description'}),
    enable: Flags.boolean({description: 'Enable router', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable router', exclusive: ['enable']}),
    'external-gateway': Flags.string({description: "External Network used as router's gateway (name or ID)"}),
    'enable-snat': Flags.boolean({description: 'Enable Source NAT on external gateway', exclusive: ['disable-snat']}),
    'disable-snat': Flags.boolean({description: 'Disable Source NAT on external gateway', exclusive: ['enable-snat']}),
  }

  static override examples = ['<%= config.bin %> router set r1 --external-gateway public', '<%= config.bin %> router set ci --external-gateway public --scope \'{"network": "A & B"}\'']

  async run() {
    const f = this.flags
    const options = {name: f.name, description: f.description, enable: f.enable, disable: f.disable, externalGateway: f['external-gateway'], enableSnat: f['enable-snat'], disableSnat: f['disable-snat']}
    return notes(await routerSet(this.router, this.args.router, options))
  }
}
