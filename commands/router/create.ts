import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {routerShowView} from '../../src/views/network-l3.js'
import {report} from '../../src/views/report.js'
import {routerCreate} from '../../src/workflows/network-l3.js'

export default class RouterCreate extends OutputCommand<typeof RouterCreate> {
  static override summary = 'Create a new router'
  static override args = {name: Args.string({description: 'New router name', required: true})}
  static override flags = {
    enable: Flags.boolean({description: 'Enable router (default)', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable router', exclusive: ['enable']}),
    description: Flags.string({description: 'Set router description'}),
    'external-gateway': Flags.string({description: "External Network used as router's gateway (name or ID)"}),
    'enable-snat': Flags.boolean({description: 'Enable Source NAT on external gateway', exclusive: ['disable-snat']}),
    'disable-snat': Flags.boolean({description: 'Disable Source NAT on external gateway', exclusive: ['enable-snat']}),
  }

  static override examples = ['<%= config.bin %> router create r1 --external-gateway public', '<%= config.bin %> router create ci --scope \'{"network": "A & B & C"}\'']

  async run() {
    const f = this.flags
    const options = {name: this.args.name, enable: f.enable, disable: f.disable, description: f.description, externalGateway: f['external-gateway'], enableSnat: f['enable-snat'], disableSnat: f['disable-snat']}
    return report(await routerCreate(this.router, options), routerShowView)
  }
}
