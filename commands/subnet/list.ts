import {Flags, OutputCommand} from '../../src/cli/index.js'
import {subnetListView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {subnetList} from '../../src/workflows/network-resources.js'

export default class SubnetList extends OutputCommand<typeof SubnetList> {
  static override summary = 'List subnets'
  static override flags = {
    long: Flags.boolean({description: 'List additional fields in output'}),
    'ip-version': Flags.string({description: 'List only subnets of given IP version in output. Allowed values for IP version are 4 and 6.', options: ['4', '6']}),
    dhcp: Flags.boolean({description: 'List subnets which have DHCP enabled', exclusive: ['no-dhcp']}),
    'no-dhcp': Flags.boolean({description: 'List subnets which have DHCP disabled', exclusive: ['dhcp']}),
    network: Flags.string({description: 'List only subnets which belong to a given network in output (name or ID)'}),
    gateway: Flags.string({description: 'List only subnets of given gateway IP in output'}),
    name: Flags.string({description: 'List only subnets of given name in output'}),
    'subnet-range': Flags.string({description: 'List only subnets of given subnet range (in CIDR notation) in output e.g.: --subnet-range 10.10.0.0/16'}),
  }

  static override examples = ['<%= config.bin %> subnet list --network private', '<%= config.bin %> subnet list --long --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const query: Record<string, string | undefined> = {
      ip_version: f['ip-version'],
      enable_dhcp: f.dhcp ? 'True' : f['no-dhcp'] ? 'False' : undefined,
      gateway_ip: f.gateway,
      name: f.name,
      cidr: f['subnet-range'],
    }
    return report(await subnetList(this.router, query, f.network), (subnets) => subnetListView(subnets, f.long))
  }
}
