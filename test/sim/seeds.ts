/** Default images of a simulated instance. */
import type {SimImageSeed} from './types.js'

export const CIRROS_NAME = 'cirros-0.6.2-x86_64-disk'

/**
 * cirros (public, 64 KiB of deterministic qcow2-looking bytes) and a few more that exercise
 * visibility, membership, hidden/protected flags, tags and properties.
 */
export function defaultImageSeeds(): SimImageSeed[] {
  return [
    {name: CIRROS_NAME, data: 64 * 1024, disk_format: 'qcow2', container_format: 'bare', visibility: 'public', owner: 'admin'},
    {
      name: 'ubuntu-22.04-minimal',
      data: 32 * 1024,
      disk_format: 'raw',
      container_format: 'bare',
      visibility: 'public',
      owner: 'admin',
      tags: ['ubuntu', 'lts'],
      properties: {os_distro: 'ubuntu', os_version: '22.04', hw_disk_bus: 'scsi'},
      min_disk: 2,
      min_ram: 512,
    },
    {name: 'debian-12-generic', data: 16 * 1024, disk_format: 'qcow2', container_format: 'bare', visibility: 'public', owner: 'admin', protected: true, properties: {os_distro: 'debian', os_version: '12'}},
    {
      name: 'admin-shared-image',
      data: 8 * 1024,
      disk_format: 'raw',
      container_format: 'bare',
      visibility: 'shared',
      owner: 'admin',
      members: [
        {project: 'demo', status: 'accepted'},
        {project: 'alt_demo', status: 'pending'},
      ],
    },
    {name: 'demo-private-snapshot', data: 8 * 1024, disk_format: 'qcow2', container_format: 'bare', visibility: 'private', owner: 'demo', properties: {image_type: 'snapshot'}},
    {name: 'community-alpine', data: 4 * 1024, disk_format: 'qcow2', container_format: 'bare', visibility: 'community', owner: 'alt_demo', tags: ['alpine']},
    {name: 'cirros-0.5.2-x86_64-disk', data: 4 * 1024, disk_format: 'qcow2', container_format: 'bare', visibility: 'public', owner: 'admin', os_hidden: true},
  ]
}

/** `n` more small public images, `image-001` … (for pagination). */
export function extraImageSeeds(n: number): SimImageSeed[] {
  const out: SimImageSeed[] = []
  for (let i = 1; i <= n; i++) {
    out.push({name: `image-${String(i).padStart(3, '0')}`, data: 1024, disk_format: 'raw', container_format: 'bare', visibility: 'public', owner: 'admin'})
  }
  return out
}

export interface SimSubnetSeed {
  name: string
  cidr: string
  pools?: {start: string; end: string}[]
}

export interface SimNetworkSeed {
  name: string
  /** A project name (default admin). */
  project?: string
  shared?: boolean
  external?: boolean
  /** Older Neutron (and gophercloud's fixtures) print created_at without a zone. */
  noZone?: boolean
  subnets: SimSubnetSeed[]
}

export interface SimRouterSeed {
  name: string
  project?: string
  /** The external network of the gateway. */
  gateway: string
  /** Subnets with an interface on the router. */
  interfaces: string[]
}

/**
 * Devstack's networks: `private` routed by `router1` to the external `public` (so floating IPs
 * work on `private`), and a `shared` network with no router.
 */
export function defaultNetworkSeeds(): {networks: SimNetworkSeed[]; routers: SimRouterSeed[]} {
  return {
    networks: [
      {name: 'private', subnets: [{name: 'private-subnet', cidr: '10.0.0.0/26'}]},
      {name: 'shared', shared: true, noZone: true, subnets: [{name: 'shared-subnet', cidr: '192.168.233.0/24'}]},
      {name: 'public', external: true, subnets: [{name: 'public-subnet', cidr: '172.24.4.0/24'}]},
    ],
    routers: [{name: 'router1', gateway: 'public', interfaces: ['private-subnet']}],
  }
}
