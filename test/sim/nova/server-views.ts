/** How Nova shows a server: the JSON per microversion, its addresses, links and security groups. */
import {createHash} from 'node:crypto'
import {isoSeconds} from '../http.js'
import {floatingIpsOf, getNetwork, getPort, ipVersionOf, securityGroupName} from '../neutron.js'
import type {InstanceState} from '../state.js'
import {atLeast, type Req} from './request.js'
import type {SimServer} from './state.js'
import {volumesAttachedJson} from './volumes.js'

function isoMicroNoZone(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000')
}

function hostId(srv: SimServer): string {
  if (!srv.host) return ''
  return createHash('sha224').update(srv.projectId + srv.host).digest('hex')
}

export function addresses(inst: InstanceState, srv: SimServer, extended: boolean): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  if (srv.status === 'BUILD' || srv.status === 'ERROR') return out
  for (const pid of srv.boundPorts) {
    const port = getPort(inst, pid)
    if (!port) continue
    const net = getNetwork(inst, port.networkId)
    const name = net?.name ?? port.networkId
    const list = (out[name] ??= [])
    for (const f of port.fixedIps) {
      const a: Record<string, unknown> = {version: ipVersionOf(f.ip_address), addr: f.ip_address}
      if (extended) {
        a['OS-EXT-IPS:type'] = 'fixed'
        a['OS-EXT-IPS-MAC:mac_addr'] = port.mac
      }
      list.push(a)
    }
    // Nova's network info cache: a floating IP follows the fixed addresses of its port.
    for (const f of floatingIpsOf(inst, pid)) {
      const a: Record<string, unknown> = {version: ipVersionOf(f.address), addr: f.address}
      if (extended) {
        a['OS-EXT-IPS:type'] = 'floating'
        a['OS-EXT-IPS-MAC:mac_addr'] = port.mac
      }
      list.push(a)
    }
  }
  return out
}

export function serverLinks(r: Req, id: string): unknown[] {
  return [
    {rel: 'self', href: `${r.base}/servers/${id}`},
    {rel: 'bookmark', href: `${r.bookmark}/servers/${id}`},
  ]
}

export function serverJson(r: Req, srv: SimServer): Record<string, unknown> {
  const inst = r.ctx.inst
  const f = srv.flavor
  const flavor = atLeast(r, 2, 47)
    ? {vcpus: f.vcpus, ram: f.ram, disk: f.disk, ephemeral: f.ephemeral, swap: f.swap, original_name: f.name, extra_specs: {...f.extraSpecs}}
    : {id: f.id, links: [{rel: 'bookmark', href: `${r.bookmark}/flavors/${f.id}`}]}
  const out: Record<string, unknown> = {
    id: srv.id,
    name: srv.name,
    status: srv.status,
    tenant_id: srv.projectId,
    user_id: srv.userId,
    metadata: {...srv.metadata},
    hostId: hostId(srv),
    image: srv.imageId ? {id: srv.imageId, links: [{rel: 'bookmark', href: `${r.bookmark}/images/${srv.imageId}`}]} : '',
    flavor,
    created: isoSeconds(srv.created),
    updated: isoSeconds(srv.updated),
    addresses: addresses(inst, srv, true),
    accessIPv4: srv.accessIPv4,
    accessIPv6: srv.accessIPv6,
    links: serverLinks(r, srv.id),
    'OS-DCF:diskConfig': 'MANUAL',
    progress: 0,
    'OS-EXT-AZ:availability_zone': srv.status === 'BUILD' || (srv.status === 'ERROR' && !srv.host) ? '' : srv.az,
    config_drive: srv.configDrive ? 'True' : '',
    key_name: srv.keyName,
    'OS-SRV-USG:launched_at': srv.launchedAt ? isoMicroNoZone(srv.launchedAt) : null,
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-STS:task_state': srv.taskState,
    'OS-EXT-STS:vm_state': srv.vmState,
    'OS-EXT-STS:power_state': srv.powerState,
    'os-extended-volumes:volumes_attached': volumesAttachedJson(r, srv),
  }
  if (r.admin) {
    Object.assign(out, {
      'OS-EXT-SRV-ATTR:host': srv.host,
      'OS-EXT-SRV-ATTR:instance_name': srv.instanceName,
      'OS-EXT-SRV-ATTR:hypervisor_hostname': srv.host ? 'fake-mini' : null,
    })
    if (atLeast(r, 2, 3)) {
      Object.assign(out, {
        'OS-EXT-SRV-ATTR:reservation_id': srv.reservationId,
        'OS-EXT-SRV-ATTR:launch_index': srv.launchIndex,
        'OS-EXT-SRV-ATTR:hostname': hostnameOf(srv.name),
        'OS-EXT-SRV-ATTR:kernel_id': '',
        'OS-EXT-SRV-ATTR:ramdisk_id': '',
        'OS-EXT-SRV-ATTR:root_device_name': srv.status === 'ACTIVE' ? '/dev/vda' : null,
        'OS-EXT-SRV-ATTR:user_data': srv.userData,
      })
    }
  } else if (atLeast(r, 2, 90)) {
    out['OS-EXT-SRV-ATTR:hostname'] = hostnameOf(srv.name)
  }
  const sgNames = securityGroupNamesOf(inst, srv)
  if (sgNames.length) out.security_groups = sgNames.map((name) => ({name}))
  if (srv.fault) {
    const fault: Record<string, unknown> = {code: srv.fault.code, created: isoSeconds(srv.fault.created), message: srv.fault.message}
    if (r.admin && srv.fault.details) fault.details = srv.fault.details
    out.fault = fault
  }
  if (atLeast(r, 2, 9)) out.locked = false
  if (atLeast(r, 2, 16) && r.admin) out.host_status = srv.host ? 'UP' : ''
  if (atLeast(r, 2, 19)) out.description = srv.description
  if (atLeast(r, 2, 26)) out.tags = srv.tags.slice()
  if (atLeast(r, 2, 63)) out.trusted_image_certificates = null
  if (atLeast(r, 2, 73)) out.locked_reason = null
  if (atLeast(r, 2, 96)) out.pinned_availability_zone = srv.requestedAz
  return out
}

function hostnameOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'server'
  )
}

/** Security group names come from the server's ports, as nova-api reads them from Neutron. */
function securityGroupNamesOf(inst: InstanceState, srv: SimServer): string[] {
  if (srv.status === 'BUILD' || srv.status === 'ERROR') return []
  const names: string[] = []
  for (const pid of srv.boundPorts) {
    const port = getPort(inst, pid)
    for (const id of port?.securityGroups ?? []) {
      const n = securityGroupName(inst, id)
      if (n !== undefined && !names.includes(n)) names.push(n)
    }
  }
  return names
}
