/**
 * IPv4 subnets: cidr validated like neutron_lib's validate_subnet, allocation pools like
 * ipam_backend_mixin (inside the cidr, not overlapping, not holding the gateway), 409 SubnetInUse
 * while a port (a server's, a router interface) has an address from it.
 */
import {randomUUID} from 'node:crypto'
import {HttpError} from '../http.js'
import {cidrRange, fail, intToIp, invalidAttr, invalidInput, inUse, ipToInt, isIpv4, neutronError, nowZ, parsePrefix, usedIps} from './state.js'
import type {NeutronState, SimNetwork, SimPool, SimSubnet} from './state.js'

/** The cidr as Neutron stores it, or the 400 its validator gives. */
export function validCidr(text: string): string {
  const c = parsePrefix(text)
  if (!c || c.bits === 0) throw invalidAttr('cidr', `'${text}' is not a valid IP subnet`)
  const canonical = `${intToIp(c.base)}/${c.bits}`
  if (!text.includes('/')) throw invalidAttr('cidr', `'${text}' isn't a recognized IP subnet cidr, '${canonical}' is recommended`)
  return canonical
}

const poolText = (p: SimPool) => `${p.start}-${p.end}`

export function addSubnet(
  s: NeutronState,
  o: {name: string; network: SimNetwork; cidr: string; projectId?: string; gateway?: string | null; pools?: SimPool[]; created?: string; description?: string; enableDhcp?: boolean},
): SimSubnet {
  const cidr = validCidr(o.cidr)
  const range = cidrRange(cidr)
  for (const other of o.network.subnetIds.map((id) => s.subnets.get(id))) {
    if (!other) continue
    const r = cidrRange(other.cidr)
    if (r.first <= range.last && range.first <= r.last) {
      throw invalidInput(`Requested subnet with cidr: ${cidr} for network: ${o.network.id} overlaps with another subnet`)
    }
  }
  let gateway: string | null = intToIp(range.first + 1)
  if (o.gateway === null) gateway = null
  else if (o.gateway !== undefined) {
    if (!isIpv4(o.gateway)) throw invalidAttr('gateway_ip', `'${o.gateway}' is not a valid IP address`)
    const g = ipToInt(o.gateway)
    if (range.bits < 31 && (g === range.first || g === range.last)) throw invalidInput('Gateway is not valid on subnet')
    gateway = o.gateway
  }
  const lo = range.first + 1
  const hi = range.last - 1
  let pools: SimPool[]
  if (o.pools) {
    const spans: {a: number; b: number; pool: SimPool}[] = []
    for (const pool of o.pools) {
      if (!isIpv4(pool.start)) throw invalidAttr('allocation_pools', `'${pool.start}' is not a valid IP address`)
      if (!isIpv4(pool.end)) throw invalidAttr('allocation_pools', `'${pool.end}' is not a valid IP address`)
      const a = ipToInt(pool.start)
      const b = ipToInt(pool.end)
      if (a > b) throw fail(400, 'InvalidAllocationPool', `The allocation pool ${poolText(pool)} is not valid.`)
      if (a < lo || b > hi) throw fail(400, 'OutOfBoundsAllocationPool', `The allocation pool ${poolText(pool)} spans beyond the subnet cidr ${cidr}.`)
      for (const other of spans) {
        if (other.a <= b && a <= other.b) {
          throw fail(409, 'OverlappingAllocationPools', `Found overlapping allocation pools: ${poolText(other.pool)} ${poolText(pool)} for subnet ${cidr}.`)
        }
      }
      spans.push({a, b, pool})
    }
    if (gateway !== null) {
      const g = ipToInt(gateway)
      const hit = spans.find((x) => x.a <= g && g <= x.b)
      if (hit) throw fail(409, 'GatewayConflictWithAllocationPools', `Gateway ip ${gateway} conflicts with allocation pool ${poolText(hit.pool)}.`)
    }
    pools = o.pools.map((p) => ({...p}))
  } else {
    // The whole range but the gateway (two pools when the gateway sits in the middle).
    const g = gateway === null ? -1 : ipToInt(gateway)
    pools = []
    if (g < lo || g > hi) pools.push({start: intToIp(lo), end: intToIp(hi)})
    else {
      if (g > lo) pools.push({start: intToIp(lo), end: intToIp(g - 1)})
      if (g < hi) pools.push({start: intToIp(g + 1), end: intToIp(hi)})
    }
  }
  const created = o.created ?? nowZ()
  const sub: SimSubnet = {
    id: randomUUID(),
    name: o.name,
    networkId: o.network.id,
    projectId: o.projectId ?? o.network.projectId,
    cidr,
    gateway,
    pools,
    enableDhcp: o.enableDhcp ?? true,
    description: o.description ?? '',
    created,
    updated: created,
    revision: 0,
  }
  s.subnets.set(sub.id, sub)
  o.network.subnetIds.push(sub.id)
  o.network.revision++
  return sub
}

export function subnetJson(sub: SimSubnet): Record<string, unknown> {
  return {
    id: sub.id,
    name: sub.name,
    tenant_id: sub.projectId,
    project_id: sub.projectId,
    network_id: sub.networkId,
    ip_version: 4,
    subnetpool_id: null,
    enable_dhcp: sub.enableDhcp,
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    gateway_ip: sub.gateway,
    cidr: sub.cidr,
    allocation_pools: sub.pools.map((p) => ({...p})),
    host_routes: [],
    dns_nameservers: [],
    description: sub.description,
    service_types: [],
    dns_publish_fixed_ip: false,
    segment_id: null,
    tags: [],
    created_at: sub.created,
    updated_at: sub.updated,
    revision_number: sub.revision,
  }
}

/** The next free address of the subnet's pools (409 IpAddressGenerationFailure when full). */
export function nextFreeIp(s: NeutronState, sub: SimSubnet): string {
  const used = usedIps(s, sub.id)
  for (const pool of sub.pools) {
    for (let v = ipToInt(pool.start); v <= ipToInt(pool.end); v++) {
      const ip = intToIp(v)
      if (!used.has(ip)) return ip
    }
  }
  const msg = `No more IP addresses available on network ${sub.networkId}.`
  throw new HttpError(409, msg, {}, neutronError('IpAddressGenerationFailure', msg))
}

export function deleteSubnet(s: NeutronState, id: string): void {
  const sub = s.subnets.get(id)!
  if (usedIps(s, id).size) throw inUse('SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`)
  s.subnets.delete(id)
  const net = s.networks.get(sub.networkId)
  if (net) {
    net.subnetIds = net.subnetIds.filter((x) => x !== id)
    net.revision++
  }
}
