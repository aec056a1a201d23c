import {Flags, OutputCommand} from '../../src/cli/index.js'
import {portListView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {portList} from '../../src/workflows/network-resources.js'

export default class PortList extends OutputCommand<typeof PortList> {
  static override summary = 'List ports'
  static override flags = {
    'device-owner': Flags.string({description: 'List only ports with the specified device owner. This is the entity that uses the port (for example, network:dhcp).'}),
    network: Flags.string({description: 'List only ports connected to this network (name or ID)'}),
    'device-id': Flags.string({description: 'List only ports with the specified device ID'}),
    'mac-address': Flags.string({description: 'List only ports with this MAC address'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    name: Flags.string({description: 'List ports according to their name'}),
  }

  static override examples = ['<%= config.bin %> port list --network private', '<%= config.bin %> port list --long --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const query: Record<string, string | undefined> = {device_owner: f['device-owner'], device_id: f['device-id'], mac_address: f['mac-address'], name: f.name}
    return report(await portList(this.router, query, f.network), (ports) => portListView(ports, f.long))
  }
}
