/**
 * Simulated Neutron v2.0 (see neutron/index.ts): networks, subnets, ports, security groups and
 * rules, routers and floating IPs. Nova's simulator uses the helpers exported here to validate
 * requested networks and to bind ports.
 */
import type {InstanceState} from './state.js'
import {neutronState} from './neutron/seed.js'
import type {SimNetwork, SimPort, SimSubnet} from './neutron/state.js'
import {networkVisible} from './neutron/state.js'

export {handleNetwork} from './neutron/index.js'
export {createPort, deletePort} from './neutron/ports.js'
export {neutronState} from './neutron/seed.js'
export {ensureDefaultSecurityGroup, findSecurityGroup, securityGroupName} from './neutron/security-groups.js'
export {ipInSubnet, ipVersionOf, networkVisible, neutronError} from './neutron/state.js'
export type {NeutronState, SimFloatingIp, SimNetwork, SimPort, SimRouter, SimSecurityGroup, SimSubnet} from './neutron/state.js'

/** Networks a project can attach to (its own plus shared ones). */
export function visibleNetworks(inst: InstanceState, projectId: string, admin: boolean): SimNetwork[] {
  return [...neutronState(inst).networks.values()].filter((n) => networkVisible(n, {project: projectId, admin}))
}

export function getNetwork(inst: InstanceState, id: string): SimNetwork | undefined {
  return neutronState(inst).networks.get(id)
}

export function getPort(inst: InstanceState, id: string): SimPort | undefined {
  return neutronState(inst).ports.get(id)
}

/** The floating IPs associated with a port (Nova lists them in the server's addresses). */
export function floatingIpsOf(inst: InstanceState, portId: string): {address: string}[] {
  return [...neutronState(inst).floatingIps.values()].filter((f) => f.portId === portId)
}

export function subnetsOf(inst: InstanceState, net: SimNetwork): SimSubnet[] {
  const s = neutronState(inst)
  return net.subnetIds.map((id) => s.subnets.get(id)).filter((x): x is SimSubnet => x !== undefined)
}

export function portsOfDevice(inst: InstanceState, deviceId: string): SimPort[] {
  return [...neutronState(inst).ports.values()].filter((p) => p.deviceId === deviceId)
}
