import {Args, Flags, OidCommand, portAttributeFlags, portAttributes} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {portSet} from '../../src/workflows/port-write.js'

const many = {multiple: true, multipleNonGreedy: true} as const

export default class PortSet extends OidCommand<typeof PortSet> {
  static override summary = 'Set port properties'
  static override args = {port: Args.string({description: 'Port to modify (name or ID)', required: true})}
  static override flags = {
    ...portAttributeFlags,
    enable: Flags.boolean({description: 'Enable port', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable port', exclusive: ['enable']}),
    name: Flags.string({description: 'Set port name'}),
    'fixed-ip': Flags.string({description: 'Desired IP and/or subnet for this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to set multiple fixed IP addresses)', helpValue: 'subnet=<subnet>,ip-address=<ip-address>', ...many}),
    'no-fixed-ip': Flags.boolean({description: 'Clear existing information of fixed IP addresses.Specify both --fixed-ip and --no-fixed-ip to overwrite the current fixed IP addresses.'}),
    'no-binding-profile': Flags.boolean({description: 'Clear existing information of binding:profile. Specify both --binding-profile and --no-binding-profile to overwrite the current binding:profile information.'}),
    'security-group': Flags.string({description: 'Security group to associate with this port (name or ID) (repeat option to set multiple security groups)', ...many}),
    'no-security-group': Flags.boolean({description: 'Clear existing security groups associated with this port'}),
    'enable-port-security': Flags.boolean({description: 'Enable port security for this port', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security for this port', exclusive: ['enable-port-security']}),
    'no-allowed-address': Flags.boolean({description: 'Clear existing allowed-address pairs associated with this port. (Specify both --allowed-address and --no-allowed-address to overwrite the current allowed-address pairs)'}),
    'data-plane-status': Flags.string({description: "Set data plane status of this port (ACTIVE | DOWN). Unset it to None with the 'port unset' command (requires data plane status extension)", options: ['ACTIVE', 'DOWN']}),
    tag: Flags.string({description: 'Tag to be added to the port (repeat option to set multiple tags)', ...many}),
    'no-tag': Flags.boolean({description: 'Clear tags associated with the port. Specify both --tag and --no-tag to overwrite current tags'}),
  }

  static override examples = ['<%= config.bin %> port set vip --fixed-ip ip-address=10.0.0.51 --tag web', '<%= config.bin %> port set ci-port --no-security-group --disable-port-security --scope \'{"network": "A & B"}\'']

  async run() {
    const f = this.flags
    return notes(
      await portSet(this.router, this.args.port, {
        ...portAttributes(f),
        name: f.name,
        enable: f.enable,
        noBindingProfile: f['no-binding-profile'],
        noAllowedAddress: f['no-allowed-address'],
        dataPlaneStatus: f['data-plane-status'],
      }),
    )
  }
}
