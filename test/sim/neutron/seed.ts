/** Each instance's Neutron state, seeded on first use with Devstack's networks (seeds.ts). */
import {defaultNetworkSeeds} from '../seeds.js'
import type {InstanceState} from '../state.js'
import {addNetwork} from './networks.js'
import {addInterface, addRouter, setGateway} from './routers.js'
import {emptyState, nowZ, type NeutronState} from './state.js'
import {addSubnet} from './subnets.js'

const states = new WeakMap<InstanceState, NeutronState>()

export function neutronState(inst: InstanceState): NeutronState {
  let s = states.get(inst)
  if (s) return s
  s = emptyState()
  states.set(inst, s)
  const seeds = defaultNetworkSeeds()
  const t = nowZ()
  const project = (name = 'admin') => inst.projectByName(name)?.id ?? ''
  const subnets = new Map<string, string>()
  for (const n of seeds.networks) {
    const created = n.noZone ? t.replace(/Z$/, '') : t
    const net = addNetwork(s, {name: n.name, projectId: project(n.project), shared: n.shared, external: n.external, created})
    for (const sub of n.subnets) subnets.set(sub.name, addSubnet(s, {name: sub.name, network: net, cidr: sub.cidr, pools: sub.pools, created}).id)
  }
  for (const r of seeds.routers) {
    const router = addRouter(s, {name: r.name, projectId: project(r.project)})
    const ext = [...s.networks.values()].find((n) => n.name === r.gateway)!
    setGateway(inst, router, {network_id: ext.id})
    for (const name of r.interfaces) addInterface(inst, router, {subnet_id: subnets.get(name)})
  }
  return s
}
