import {Args, Flags, OutputCommand} from '../../../../src/cli/index.js'
import {securityGroupRuleShowView} from '../../../../src/views/network-security.js'
import {report} from '../../../../src/views/report.js'
import {portRange, securityGroupRuleCreate} from '../../../../src/workflows/network-security.js'

export default class SecurityGroupRuleCreate extends OutputCommand<typeof SecurityGroupRuleCreate> {
  static override summary = 'Create a new security group rule'
  static override args = {group: Args.string({description: 'Create rule in this security group (name or ID)', required: true})}
  static override flags = {
    'remote-ip': Flags.string({description: 'Remote IP address block (may use CIDR notation; default for IPv4 rule: 0.0.0.0/0, default for IPv6 rule: ::/0)', exclusive: ['remote-group']}),
    'remote-group': Flags.string({description: 'Remote security group (name or ID)', exclusive: ['remote-ip']}),
    'dst-port': Flags.string({description: 'Destination port, may be a single port or a starting and ending port range: 137:139. Required for IP protocols TCP and UDP. Ignored for ICMP IP protocols.'}),
    protocol: Flags.string({description: 'IP protocol (ah, dccp, egp, esp, gre, icmp, igmp, ipv6-encap, ipv6-frag, ipv6-icmp, ipv6-nonxt, ipv6-opts, ipv6-route, ospf, pgm, rsvp, sctp, tcp, udp, udplite, vrrp and integer representations [0-255] or any; default: any (all protocols))', exclusive: ['proto']}),
    proto: Flags.string({hidden: true, exclusive: ['protocol']}),
    description: Flags.string({description: 'Set security group rule description'}),
    'icmp-type': Flags.integer({description: 'ICMP type for ICMP IP protocols'}),
    'icmp-code': Flags.integer({description: 'ICMP code for ICMP IP protocols'}),
    ingress: Flags.boolean({description: 'Rule applies to incoming network traffic (default)', exclusive: ['egress']}),
    egress: Flags.boolean({description: 'Rule applies to outgoing network traffic', exclusive: ['ingress']}),
    ethertype: Flags.string({description: 'Ethertype of network traffic (IPv4, IPv6; default: based on IP protocol)', parse: async (value) => ({ipv4: 'IPv4', ipv6: 'IPv6'})[value.toLowerCase()] ?? value, options: ['IPv4', 'IPv6']}),
  }

  static override examples = [
    '<%= config.bin %> security group rule create web --protocol tcp --dst-port 22 --remote-ip 10.0.0.0/8',
    '<%= config.bin %> security group rule create ci --protocol tcp --dst-port 80:81 --scope \'{"network": "A & B"}\'',
  ]

  async run() {
    const f = this.flags
    const protocol = (f.proto ?? f.protocol)?.toLowerCase()
    const rule = await securityGroupRuleCreate(this.router, {
      group: this.args.group,
      protocol,
      dstPort: portRange(f['dst-port']),
      icmpType: f['icmp-type'],
      icmpCode: f['icmp-code'],
      remoteIp: f['remote-ip'],
      remoteGroup: f['remote-group'],
      egress: f.egress,
      ethertype: f.ethertype,
      description: f.description,
    })
    return report(rule, securityGroupRuleShowView)
  }
}
