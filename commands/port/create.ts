import {Args, Flags, OutputCommand, portAttributeFlags, portAttributes} from '../../src/cli/index.js'
import {portShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {portCreate} from '../../src/workflows/port-write.js'

const many = {multiple: true, multipleNonGreedy: true} as const

export default class PortCreate extends OutputCommand<typeof PortCreate> {
  static override summary = 'Create a new port'
  static override args = {name: Args.string({description: 'Name of this port', required: true})}
  static override flags = {
    ...portAttributeFlags,
    network: Flags.string({description: 'Network this port belongs to (name or ID)', required: true}),
    'fixed-ip': Flags.string({description: 'Desired IP and/or subnet for this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to set multiple fixed IP addresses)', helpValue: 'subnet=<subnet>,ip-address=<ip-address>', exclusive: ['no-fixed-ip'], ...many}),
    'no-fixed-ip': Flags.boolean({description: 'No IP or subnet for this port.', exclusive: ['fixed-ip']}),
    enable: Flags.boolean({description: 'Enable port (default)', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'Disable port', exclusive: ['enable']}),
    'enable-uplink-status-propagation': Flags.boolean({description: 'Enable uplink status propagate', exclusive: ['disable-uplink-status-propagation']}),
    'disable-uplink-status-propagation': Flags.boolean({description: 'Disable uplink status propagate (default)', exclusive: ['enable-uplink-status-propagation']}),
    project: Flags.string({description: "Owner's project (name or ID)"}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.'}),
    'security-group': Flags.string({description: 'Security group to associate with this port (name or ID) (repeat option to set multiple security groups)', exclusive: ['no-security-group'], ...many}),
    'no-security-group': Flags.boolean({description: 'Associate no security groups with this port', exclusive: ['security-group']}),
    'enable-port-security': Flags.boolean({description: 'Enable port security for this port (Default)', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security for this port', exclusive: ['enable-port-security']}),
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
    const result = await portCreate(this.router, {
      ...portAttributes(f),
      name: this.args.name,
      network: f.network,
      // OSC's --enable defaults to True: every create says admin_state_up.
      enable: true,
      enableUplinkStatusPropagation: f['enable-uplink-status-propagation'],
      disableUplinkStatusPropagation: f['disable-uplink-status-propagation'],
      deviceProfile: f['device-profile'],
      project: f.project,
      projectDomain: f['project-domain'],
    })
    return report(result, portShowView)
  }
}
