import type {PortAttrOptions} from '../workflows/port-write.js'
import {Flags} from '../startup/oclif.js'

const many = {multiple: true, multipleNonGreedy: true} as const
const VNIC_TYPES = ['direct', 'direct-physical', 'macvtap', 'normal', 'baremetal', 'virtio-forwarder', 'vdpa', 'remote-managed']

/** The port attribute flags `port create` and `port set` share (OSC's `_add_updatable_args` and its neighbours): names and help as OSC 6.0. */
export const portAttributeFlags = {
  description: Flags.string({description: 'Description of this port'}),
  device: Flags.string({description: 'Port device ID', helpValue: '<device-id>'}),
  'mac-address': Flags.string({description: 'MAC address of this port (admin only)'}),
  'device-owner': Flags.string({description: 'Device owner of this port. This is the entity that uses the port (for example, network:dhcp).'}),
  'vnic-type': Flags.string({description: 'VNIC type for this port (default: normal)', options: VNIC_TYPES}),
  host: Flags.string({description: 'Allocate port on host <host-id> (ID only)', helpValue: '<host-id>'}),
  'dns-domain': Flags.string({description: 'Set DNS domain to this port (requires dns_domain extension for ports)'}),
  'dns-name': Flags.string({description: 'Set DNS name for this port (requires DNS integration extension)'}),
  'numa-policy-required': Flags.boolean({description: 'NUMA affinity policy required to schedule this port', exclusive: ['numa-policy-preferred', 'numa-policy-legacy']}),
  'numa-policy-preferred': Flags.boolean({description: 'NUMA affinity policy preferred to schedule this port', exclusive: ['numa-policy-required', 'numa-policy-legacy']}),
  'numa-policy-legacy': Flags.boolean({description: 'NUMA affinity policy using legacy mode to schedule this port', exclusive: ['numa-policy-required', 'numa-policy-preferred']}),
  'binding-profile': Flags.string({description: 'Custom data to be passed as binding:profile. Data may be passed as <key>=<value> or JSON. (repeat option to set multiple binding:profile data)', ...many}),
  'qos-policy': Flags.string({description: 'Attach QoS policy to this port (name or ID)'}),
  'allowed-address': Flags.string({description: 'Add allowed-address pair associated with this port: ip-address=<ip-address>[,mac-address=<mac-address>] (repeat option to set multiple allowed-address pairs)', helpValue: 'ip-address=<ip-address>[,mac-address=<mac-address>]', ...many}),
  'extra-dhcp-option': Flags.string({description: 'Extra DHCP options to be assigned to this port: name=<name>[,value=<value>,ip-version={4,6}] (repeat option to set multiple extra DHCP options)', ...many}),
}

interface PortAttributeFlagValues {
  description?: string
  device?: string
  'mac-address'?: string
  'device-owner'?: string
  'vnic-type'?: string
  host?: string
  'dns-domain'?: string
  'dns-name'?: string
  'numa-policy-required'?: boolean
  'numa-policy-preferred'?: boolean
  'numa-policy-legacy'?: boolean
  'binding-profile'?: string[]
  'qos-policy'?: string
  'allowed-address'?: string[]
  'extra-dhcp-option'?: string[]
  'fixed-ip'?: string[]
  'no-fixed-ip'?: boolean
  'security-group'?: string[]
  'no-security-group'?: boolean
  'enable-port-security'?: boolean
  'disable-port-security'?: boolean
  disable?: boolean
  tag?: string[]
  'no-tag'?: boolean
}

/** What the flags both commands have give the port workflows (create and set add their own). */
export function portAttributes(f: PortAttributeFlagValues): PortAttrOptions {
  return {
    description: f.description,
    device: f.device,
    macAddress: f['mac-address'],
    deviceOwner: f['device-owner'],
    vnicType: f['vnic-type'],
    host: f.host,
    dnsDomain: f['dns-domain'],
    dnsName: f['dns-name'],
    numaPolicy: f['numa-policy-required'] ? 'required' : f['numa-policy-preferred'] ? 'preferred' : f['numa-policy-legacy'] ? 'legacy' : undefined,
    disable: f.disable,
    enablePortSecurity: f['enable-port-security'],
    disablePortSecurity: f['disable-port-security'],
    qosPolicy: f['qos-policy'],
    fixedIps: f['fixed-ip'],
    noFixedIp: f['no-fixed-ip'],
    bindingProfile: f['binding-profile'],
    securityGroups: f['security-group'],
    noSecurityGroup: f['no-security-group'],
    allowedAddresses: f['allowed-address'],
    extraDhcpOptions: f['extra-dhcp-option'],
    tags: f.tag,
    noTag: f['no-tag'],
  }
}
