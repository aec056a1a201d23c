import {Args, Flags, OutputCommand} from '../../../../src/cli/index.js'
import {securityGroupRuleListView} from '../../../../src/views/network-security.js'
import {report} from '../../../../src/views/report.js'
import {securityGroupRuleList} from '../../../../src/workflows/network-security.js'

export default class SecurityGroupRuleList extends OutputCommand<typeof SecurityGroupRuleList> {
  static override summary = 'List security group rules'
  static override args = {group: Args.string({description: 'List all rules in this security group (name or ID)'})}
  static override flags = {
    protocol: Flags.string({description: 'List rules by the IP protocol (ah, dhcp, egp, esp, gre, icmp, igmp, ipv6-encap, ipv6-frag, ipv6-icmp, ipv6-nonxt, ipv6-opts, ipv6-route, ospf, pgm, rsvp, sctp, tcp, udp, udplite, vrrp and integer representations [0-255] or any; default: any (all protocols))'}),
    ingress: Flags.boolean({description: 'List rules applied to incoming network traffic', exclusive: ['egress']}),
    egress: Flags.boolean({description: 'List rules applied to outgoing network traffic', exclusive: ['ingress']}),
    long: Flags.boolean({description: 'DEPRECATED: This argument is no longer needed'}),
  }

  static override examples = ['<%= config.bin %> security group rule list web', '<%= config.bin %> security group rule list --ingress --scope \'{"network": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    if (f.long) this.warn('The --long option has been deprecated and is no longer needed')
    const direction = f.ingress ? 'ingress' : f.egress ? 'egress' : undefined
    const rules = await securityGroupRuleList(this.router, {group: this.args.group, direction, protocol: f.protocol?.toLowerCase()})
    return report(rules, (list) => securityGroupRuleListView(list, this.args.group === undefined))
  }
}
