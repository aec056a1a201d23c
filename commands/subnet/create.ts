import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {subnetShowView} from '../../src/views/network-resources.js'
import {report} from '../../src/views/report.js'
import {subnetBody, subnetCreate} from '../../src/workflows/network-resources.js'

export default class SubnetCreate extends OutputCommand<typeof SubnetCreate> {
  static override summary = 'Create a subnet'
  static override args = {name: Args.string({description: 'New subnet name', required: true})}
  static override flags = {
    network: Flags.string({description: 'Network this subnet belongs to (name or ID)', required: true}),
    'subnet-range': Flags.string({description: 'Subnet range in CIDR notation'}),
    dhcp: Flags.boolean({description: 'Enable DHCP (default)', exclusive: ['no-dhcp']}),
    'no-dhcp': Flags.boolean({description: 'Disable DHCP', exclusive: ['dhcp']}),
    gateway: Flags.string({description: "Specify a gateway for the subnet: <ip-address>, 'auto' or 'none' (default is 'auto')", default: 'auto'}),
    'ip-version': Flags.string({description: 'IP version (default is 4)', options: ['4', '6'], default: '4'}),
    'allocation-pool': Flags.string({description: 'Allocation pool IP addresses for this subnet e.g.: start=192.168.199.2,end=192.168.199.254 (repeat option to add multiple IP addresses)', multiple: true}),
    'dns-nameserver': Flags.string({description: 'DNS server for this subnet (repeat option to set multiple DNS servers)', multiple: true}),
    description: Flags.string({description: 'Set subnet description'}),
  }

  static override examples = ['<%= config.bin %> subnet create private-subnet --network private --subnet-range 10.0.0.0/24', '<%= config.bin %> subnet create ci-subnet --network ci-net --subnet-range 10.1.0.0/24 --scope \'{"network": "A & B"}\'']

  async run() {
    const f = this.flags
    const body = subnetBody({
      name: this.args.name,
      subnetRange: f['subnet-range'],
      dhcp: f.dhcp ? true : f['no-dhcp'] ? false : undefined,
      gateway: f.gateway,
      ipVersion: Number(f['ip-version']),
      allocationPools: f['allocation-pool'],
      dnsNameservers: f['dns-nameserver'],
      description: f.description,
    })
    return report(await subnetCreate(this.router, f.network, body), subnetShowView)
  }
}
