import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {portUnset} from '../../src/workflows/port-write.js'

const many = {multiple: true, multipleNonGreedy: true} as const

export default class PortUnset extends OidCommand<typeof PortUnset> {
  static override summary = 'Unset port properties'
  static override args = {port: Args.string({description: 'Port to modify (name or ID)', required: true})}
  static override flags = {
    'fixed-ip': Flags.string({description: 'Desired IP and/or subnet which should be removed from this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to unset multiple fixed IP addresses)', helpValue: 'subnet=<subnet>,ip-address=<ip-address>', ...many}),
    'binding-profile': Flags.string({description: 'Desired key which should be removed from binding:profile (repeat option to unset multiple binding:profile data)', helpValue: '<binding-profile-key>', ...many}),
    'security-group': Flags.string({description: 'Security group which should be removed this port (name or ID) (repeat option to unset multiple security groups)', ...many}),
    'allowed-address': Flags.string({description: 'Desired allowed-address pair which should be removed from this port: ip-address=<ip-address>[,mac-address=<mac-address>] (repeat option to unset multiple allowed-address pairs)', helpValue: 'ip-address=<ip-address>[,mac-address=<mac-address>]', ...many}),
    'qos-policy': Flags.boolean({description: 'Remove the QoS policy attached to the port'}),
    'data-plane-status': Flags.boolean({description: 'Clear existing information of data plane status'}),
    'numa-policy': Flags.boolean({description: 'Clear existing NUMA affinity policy'}),
    host: Flags.boolean({description: 'Clear host binding for the port.'}),
    tag: Flags.string({description: 'Tag to be removed from the port (repeat option to remove multiple tags)', exclusive: ['all-tag'], ...many}),
    'all-tag': Flags.boolean({description: 'Clear all tags associated with the port', exclusive: ['tag']}),
  }

  static override examples = ['<%= config.bin %> port unset vip --tag web --security-group default', '<%= config.bin %> port unset ci-port --all-tag --scope \'{"network": "A & B"}\'']

  async run() {
    const f = this.flags
    return notes(
      await portUnset(this.router, this.args.port, {
        fixedIps: f['fixed-ip'],
        bindingProfile: f['binding-profile'],
        securityGroups: f['security-group'],
        allowedAddresses: f['allowed-address'],
        qosPolicy: f['qos-policy'],
        dataPlaneStatus: f['data-plane-status'],
        numaPolicy: f['numa-policy'],
        host: f.host,
        tags: f.tag,
        allTag: f['all-tag'],
      }),
    )
  }
}
