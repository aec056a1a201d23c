import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {portSet} from '../../src/workflows/port-write.js'

const many = {multiple: true, multipleNonGreedy: true} as const
const VNIC = ['direct', 'direct-physical', 'macvtap', 'normal', 'baremetal', 'virtio-forwarder', 'vdpa', 'remote-managed']

export default class PortSet extends OidCommand<typeof PortSet> {
  static override summary = 'Set port properties'
  static override args = {port: Args.string({description: 'Port to modify (name or ID)', required: true})}
  static override flags = {
    description: Flags.string({description: 'Description of this port'}),
    device: Flags.string({description: 'Port device ID', helpValue: '<device-id>'}),
    'mac-address': Flags.string({description: 'MAC address of this port (admin only)'}),
    'device-owner': Flags.string({description: 'Device owner of this port. This is the entity that uses the port (for example, network:dhcp).'}),
    'vnic-type': Flags.string({description: 'VNIC type for this port (default: normal)', options: VNIC}),
    host: Flags.string({description: 'Allocate port on host <host-id> (ID only)', helpValue: '<host-id>'}),
    'dns-domain': Flags.string({description: 'Set DNS domain to this port (requires dns_domain extension for ports)'}),
    'dns-name': Flags.string({description: 'Set DNS name for this port (requires DNS integration extension)'}),
    'numa-policy-required': Flags.boolean({description: 'NUMA affinity policy required to schedule this port', exclusive: ['numa-policy-preferred', 'numa-policy-legacy']}),
    'numa-policy-preferred': Flags.boolean({description: 'NUMA affinity policy preferred to schedule this port', exclusive: ['numa-policy-required', 'numa-policy-legacy']}),
    'numa-policy-legacy': Flags.boolean({description: 'NUMA affinity policy using legacy mode to schedule this port', exclusive: ['numa-policy-required', 'numa-policy-preferred']}),
    enable: Flags.boolean({description: 'Enable port', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable port', exclusive: ['enable']}),
    name: Flags.string({description: 'Set port name'}),
    'fixed-ip': Flags.string({description: 'Desired IP and/or subnet for this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to set multiple fixed IP addresses)', helpValue: 'subnet=<subnet>,ip-address=<ip-address>', ...many}),
    'no-fixed-ip': Flags.boolean({description: 'Clear existing information of fixed IP addresses.Specify both --fixed-ip and --no-fixed-ip to overwrite the current fixed IP addresses.'}),
    'binding-profile': Flags.string({description: 'Custom data to be passed as binding:profile. Data may be passed as <key>=<value> or JSON. (repeat option to set multiple binding:profile data)', ...many}),
    'no-binding-profile': Flags.boolean({description: 'Clear existing information of binding:profile. Specify both --binding-profile and --no-binding-profile to overwrite the current binding:profile information.'}),
    'qos-policy': Flags.string({description: 'Attach QoS policy to this port (name or ID)'}),
    'security-group': Flags.string({description: 'Security group to associate with this port (name or ID) (repeat option to set multiple security groups)', ...many}),
    'no-security-group': Flags.boolean({description: 'Clear existing security groups associated with this port'}),
    'enable-port-security': Flags.boolean({description: 'Enable port security for this port', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security for this port', exclusive: ['enable-port-security']}),
    'allowed-address': Flags.string({description: 'Add allowed-address pair associated with this port: ip-address=<ip-address>[,mac-address=<mac-address>] (repeat option to set multiple allowed-address pairs)', helpValue: 'ip-address=<ip-address>[,mac-address=<mac-address>]', ...many}),
    'no-allowed-address': Flags.boolean({description: 'Clear existing allowed-address pairs associated with this port. (Specify both --allowed-address and --no-allowed-address to overwrite the current allowed-address pairs)'}),
    'extra-dhcp-option': Flags.string({description: 'Extra DHCP options to be assigned to this port: name=<name>[,value=<value>,ip-version={4,6}] (repeat option to set multiple extra DHCP options)', ...many}),
    'data-plane-status': Flags.string({description: "Set data plane status of this port (ACTIVE | DOWN). Unset it to None with the 'port unset' command (requires data plane status extension)", options: ['ACTIVE', 'DOWN']}),
    tag: Flags.string({description: 'Tag to be added to the port (repeat option to set multiple tags)', ...many}),
    'no-tag': Flags.boolean({description: 'Clear tags associated with the port. Specify both --tag and --no-tag to overwrite current tags'}),
  }

  static override examples = ['<%= config.bin %> port set vip --fixed-ip ip-address=10.0.0.51 --tag web', '<%= config.bin %> port set ci-port --no-security-group --disable-port-security --scope \'{"network": "A & B"}\'']

  async run() {
    const f = this.flags
    const numa = f['numa-policy-required'] ? 'required' : f['numa-policy-preferred'] ? 'preferred' : f['numa-policy-legacy'] ? 'legacy' : undefined
    return notes(
      await portSet(this.router, this.args.port, {
        name: f.name,
        description: f.description,
        device: f.device,
        macAddress: f['mac-address'],
        deviceOwner: f['device-owner'],
        vnicType: f['vnic-type'],
        host: f.host,
        dnsDomain: f['dns-domain'],
        dnsName: f['dns-name'],
        numaPolicy: numa,
        enable: f.enable,
        disable: f.disable,
        enablePortSecurity: f['enable-port-security'],
        disablePortSecurity: f['disable-port-security'],
        qosPolicy: f['qos-policy'],
        fixedIps: f['fixed-ip'],
        noFixedIp: f['no-fixed-ip'],
        bindingProfile: f['binding-profile'],
        noBindingProfile: f['no-binding-profile'],
        securityGroups: f['security-group'],
        noSecurityGroup: f['no-security-group'],
        allowedAddresses: f['allowed-address'],
        noAllowedAddress: f['no-allowed-address'],
        extraDhcpOptions: f['extra-dhcp-option'],
        dataPlaneStatus: f['data-plane-status'],
        tags: f.tag,
        noTag: f['no-tag'],
      }),
    )
  }
}
