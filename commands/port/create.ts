import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {portShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {portCreate} from '../../src/workflows/port-write.js'

const many = {multiple: true, multipleNonGreedy: true} as const
const VNIC = ['direct', 'direct-physical', 'macvtap', 'normal', 'baremetal', 'virtio-forwarder', 'vdpa', 'remote-managed']

export default class PortCreate extends OutputCommand<typeof PortCreate> {
  static override summary = 'Create a new port'
  static override args = {name: Args.string({description: 'Name of this port', required: true})}
  static override flags = {
    network: Flags.string({description: 'Network this port belongs to (name or ID)', required: true}),
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
    'fixed-ip': Flags.string({description: 'Desired IP and/or subnet for this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to set multiple fixed IP addresses)', helpValue: 'subnet=<subnet>,ip-address=<ip-address>', exclusive: ['no-fixed-ip'], ...many}),
    'no-fixed-ip': Flags.boolean({description: 'No IP or subnet for this port.', exclusive: ['fixed-ip']}),
    'binding-profile': Flags.string({description: 'Custom data to be passed as binding:profile. Data may be passed as <key>=<value> or JSON. (repeat option to set multiple binding:profile data)', ...many}),
    enable: Flags.boolean({description: 'Enable port (default)', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable port', exclusive: ['enable']}),
    'enable-uplink-status-propagation': Flags.boolean({description: 'Enable uplink status propagate', exclusive: ['disable-uplink-status-propagation']}),
    'disable-uplink-status-propagation': Flags.boolean({description: 'Disable uplink status propagate (default)', exclusive: ['enable-uplink-status-propagation']}),
    project: Flags.string({description: "Owner's project (name or ID)"}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.'}),
    'extra-dhcp-option': Flags.string({description: 'Extra DHCP options to be assigned to this port: name=<name>[,value=<value>,ip-version={4,6}] (repeat option to set multiple extra DHCP options)', ...many}),
    'security-group': Flags.string({description: 'Security group to associate with this port (name or ID) (repeat option to set multiple security groups)', exclusive: ['no-security-group'], ...many}),
    'no-security-group': Flags.boolean({description: 'Associate no security groups with this port', exclusive: ['security-group']}),
    'qos-policy': Flags.string({description: 'Attach QoS policy to this port (name or ID)'}),
    'enable-port-security': Flags.boolean({description: 'Enable port security for this port (Default)', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security for this port', exclusive: ['enable-port-security']}),
    'allowed-address': Flags.string({description: 'Add allowed-address pair associated with this port: ip-address=<ip-address>[,mac-address=<mac-address>] (repeat option to set multiple allowed-address pairs)', helpValue: 'ip-address=<ip-address>[,mac-address=<mac-address>]', ...many}),
    'device-profile': Flags.string({description: 'Cyborg port device profile'}),
    tag: Flags.string({description: 'Tag to be added to the port (repeat option to set multiple tags)', exclusive: ['no-tag'], ...many}),
    'no-tag': Flags.boolean({description: 'No tags associated with the port', exclusive: ['tag']}),
  }

  static override examples = [
    '<%= config.bin %> port create vip --network private --fixed-ip subnet=private-subnet,ip-address=10.0.0.50',
    '<%= config.bin %> port create ci-port --network ci-net --tag ci --scope \'{"network": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const f = this.flags
    const numa = f['numa-policy-required'] ? 'required' : f['numa-policy-preferred'] ? 'preferred' : f['numa-policy-legacy'] ? 'legacy' : undefined
    const result = await portCreate(this.router, {
      name: this.args.name,
      network: f.network,
      description: f.description,
      device: f.device,
      macAddress: f['mac-address'],
      deviceOwner: f['device-owner'],
      vnicType: f['vnic-type'],
      host: f.host,
      dnsDomain: f['dns-domain'],
      dnsName: f['dns-name'],
      numaPolicy: numa,
      // OSC's --enable defaults to True: every create says admin_state_up.
      enable: true,
      disable: f.disable,
      enablePortSecurity: f['enable-port-security'],
      disablePortSecurity: f['disable-port-security'],
      enableUplinkStatusPropagation: f['enable-uplink-status-propagation'],
      disableUplinkStatusPropagation: f['disable-uplink-status-propagation'],
      deviceProfile: f['device-profile'],
      qosPolicy: f['qos-policy'],
      project: f.project,
      projectDomain: f['project-domain'],
      fixedIps: f['fixed-ip'],
      noFixedIp: f['no-fixed-ip'],
      bindingProfile: f['binding-profile'],
      securityGroups: f['security-group'],
      noSecurityGroup: f['no-security-group'],
      allowedAddresses: f['allowed-address'],
      extraDhcpOptions: f['extra-dhcp-option'],
      tags: f.tag,
      noTag: f['no-tag'],
    })
    return report(result, portShowView)
  }
}
