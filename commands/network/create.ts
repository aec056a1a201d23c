import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {networkShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {networkCreate} from '../../src/workflows/network-resources.js'

export default class NetworkCreate extends OutputCommand<typeof NetworkCreate> {
  static override summary = 'Create new network'
  static override args = {name: Args.string({description: 'New network name', required: true})}
  static override flags = {
    share: Flags.boolean({description: 'Share the network between projects', exclusive: ['no-share']}),
    'no-share': Flags.boolean({description: 'Do not share the network between projects', exclusive: ['share']}),
    enable: Flags.boolean({description: 'Enable network (default)', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable network', exclusive: ['enable']}),
    description: Flags.string({description: 'Set network description'}),
    mtu: Flags.integer({description: 'Set network mtu'}),
    'enable-port-security': Flags.boolean({description: 'Enable port security by default for ports created on this network (default)', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security by default for ports created on this network', exclusive: ['enable-port-security']}),
    external: Flags.boolean({description: 'The network has an external routing facility', exclusive: ['internal']}),
    internal: Flags.boolean({description: 'Opposite of --external (default)', exclusive: ['external']}),
  }

  static override examples = ['<%= config.bin %> network create private', '<%= config.bin %> network create ci-net --scope \'{"network": "A & B & C"}\'']

  async run() {
    const f = this.flags
    const pick = (yes: boolean, no: boolean) => (yes ? true : no ? false : undefined)
    return report(
      await networkCreate(this.router, {
        name: this.args.name,
        adminStateUp: pick(f.enable, f.disable),
        shared: pick(f.share, f['no-share']),
        portSecurity: pick(f['enable-port-security'], f['disable-port-security']),
        external: pick(f.external, f.internal),
        description: f.description || undefined,
        mtu: f.mtu || undefined,
      }),
      networkShowView,
    )
  }
}
