/**
 * Public types of the simulator. The simulator is "our idea of OpenStack": it never imports the
 * client (src/) and uses only node: built-ins.
 */

/** The services a request can be routed to. `other` = a path under no known prefix. */
export type SimService = 'identity' | 'image' | 'compute' | 'network' | 'placement' | 'block-storage' | 'other'

export interface SimUser {
  name: string
  password: string
  /** Project (name) the user has `roles` on. */
  project: string
  /** Role names on `project`; default `['member']`. `admin` implies member and reader, member implies reader. */
  roles?: string[]
  /** Domain name or id; only `Default` (id `default`) exists. */
  domain?: string
  id?: string
}

export type ImageVisibility = 'public' | 'private' | 'shared' | 'community'
export type ImageStatus = 'queued' | 'saving' | 'active' | 'killed' | 'deleted' | 'pending_delete' | 'deactivated' | 'uploading' | 'importing'
export type MemberStatus = 'pending' | 'accepted' | 'rejected'

export interface SimImageSeed {
  name: string
  id?: string
  /** Image bytes: a Buffer/string, or a number = that many deterministic bytes. No data → status queued. */
  data?: Buffer | string | number
  disk_format?: string
  container_format?: string
  visibility?: ImageVisibility
  /** Owner project, by name or id; default `admin`. */
  owner?: string
  protected?: boolean
  os_hidden?: boolean
  tags?: string[]
  min_disk?: number
  min_ram?: number
  /** Extra properties (string values), shown as top-level keys like Glance does. */
  properties?: Record<string, string>
  /** Members (project name or id) with their status (default accepted). */
  members?: {project: string; status?: MemberStatus}[]
  /** ISO date; default: staggered before the sim's start so the default order is deterministic. */
  created_at?: string
}

export interface SimImageMember {
  member_id: string
  status: MemberStatus
  created_at: string
  updated_at: string
}

/** An image as the simulated Glance holds it. Mutating it changes what the API returns. */
export interface SimImage {
  id: string
  name: string | null
  status: ImageStatus
  visibility: ImageVisibility
  protected: boolean
  os_hidden: boolean
  checksum: string | null
  os_hash_algo: string | null
  os_hash_value: string | null
  size: number | null
  virtual_size: number | null
  min_disk: number
  min_ram: number
  disk_format: string | null
  container_format: string | null
  owner: string | null
  tags: string[]
  /** Milliseconds since epoch (shown by the API as `2026-11-23T12:00:00Z`). */
  created: number
  updated: number
  /** Extra properties (top-level keys in the API). */
  properties: Record<string, string>
  members: Map<string, SimImageMember>
  /** Where the bytes are (a file in the sim's temp dir), or null. */
  dataFile: string | null
}

export interface RecordedRequest {
  instance: string
  service: SimService
  method: string
  /** Path with query, as received (e.g. `/image/v2/images?limit=2`). */
  path: string
  /** Lower-cased header names. */
  headers: Record<string, string>
  /** X-Auth-Token, when sent. */
  token?: string
  /** 0 when the connection was dropped by a fault. */
  status: number
  at: number
}

export interface Fault {
  service?: SimService
  method?: string
  /** Matched against the request path (with the service prefix, e.g. `/image/v2/images`). */
  pathPrefix?: string
  /** Answer with this status (service-shaped error body), e.g. 503. */
  status?: number
  /** Delay before answering (or before the status/drop). */
  latencyMs?: number
  /** Destroy the socket without answering. */
  drop?: boolean
  /** Let the handler act, then hold its reply this long (a client time-out after the request was done). */
  holdMs?: number
  /** Send this many bytes of the reply body, then destroy the socket (a download cut mid-stream). */
  cutAfterBytes?: number
  /** Flip the bits of the reply body's byte at this offset (a transfer corrupted on the way, same length). */
  corruptByteAt?: number
  /** Read the request body slowly: pause this long after each chunk (a slow upload). */
  slowBodyMs?: number
  /** How many requests it applies to; default: forever. */
  count?: number
}

export interface SimAppCredential {
  id: string
  name: string
  secret: string
  /** User name and id it belongs to. */
  user: string
  userId: string
  projectId: string
}

/** Per-instance Nova behaviour (SimInstanceSpec.compute). */
export interface SimComputeOptions {
  /** GETs of a new server that still show BUILD; the next GET shows ACTIVE (or ERROR). Default 2 (0: ACTIVE at once). */
  buildPolls?: number
  /** GETs of a deleted server that still show it (task_state deleting); the next one is a 404. Default 1 (0: gone at once). */
  deletePolls?: number
  /** Highest compute microversion, e.g. '2.96' (default) or '2.60'. */
  maxMicroversion?: string
  /** Absolute quota of instances per project (default 10); above 10, cores and RAM quotas grow with it. */
  maxInstances?: number
  /** Nova quotas of every project (defaults: Devstack's, e.g. instances 10, cores 20, ram 51200, key_pairs 100); -1 is unlimited. */
  quotas?: Partial<Record<'instances' | 'cores' | 'ram' | 'metadata_items' | 'key_pairs' | 'server_groups' | 'server_group_members' | 'injected_files' | 'injected_file_content_bytes' | 'injected_file_path_bytes', number>>
}

/** Per-instance Cinder behaviour (SimInstanceSpec.volume). */
export interface SimVolumeOptions {
  /** GETs of a new volume or snapshot that still show `creating`; the next GET shows `available`. Default 1 (0: available at once). */
  createPolls?: number
  /** GETs of a deleted volume or snapshot that still show `deleting`; the next one is a 404. Default 1 (0: gone at once). */
  deletePolls?: number
  /** Highest volume microversion, e.g. '3.70' (default) or '3.60'. */
  maxMicroversion?: string
  /** Cinder quotas of every project (Devstack defaults: volumes 10, snapshots 10, gigabytes 1000, backups 10, backup_gigabytes 1000, groups 10, per_volume_gigabytes -1); -1 is unlimited. */
  quotas?: Partial<Record<'volumes' | 'snapshots' | 'gigabytes' | 'backups' | 'backup_gigabytes' | 'groups' | 'per_volume_gigabytes', number>>
}

/** Per-instance Neutron behaviour (SimInstanceSpec.network). */
export interface SimNetworkOptions {
  /** Neutron quotas of every project (Neutron's defaults: network 100, subnet 100, subnetpool -1, port 500, router 10, floatingip 50, security_group 10, security_group_rule 100, rbac_policy 10); -1 is unlimited. */
  quotas?: Partial<Record<'network' | 'subnet' | 'subnetpool' | 'port' | 'router' | 'floatingip' | 'security_group' | 'security_group_rule' | 'rbac_policy', number>>
}

/** A volume as the simulated Cinder shows it (SimInstance.volumes()). */
export interface SimVolumeInfo {
  id: string
  name: string | null
  status: string
  size: number
  projectId: string
  bootable: boolean
  /** Servers it is attached to. */
  serverIds: string[]
}

/** One `POST /servers` as Nova received it (valid or not). */
export interface RecordedServerCreate {
  /** The request body as sent (parsed JSON). */
  body: unknown
  /** The microversion the request was served at, e.g. '2.1'. */
  microversion: string
  projectId: string | null
  at: number
  /** Ids of the servers made (empty when the request was rejected). */
  serverIds: string[]
  /** 202, or the error status. */
  status: number
}

export interface SimInstanceSpec {
  name: string
  /** Nova options (BUILD polls, delete polls, max microversion, quota). */
  compute?: SimComputeOptions
  /** Cinder options (creating/deleting polls, max microversion, quotas). */
  /** Cinder's behaviour; false: no Cinder at all (nothing in the catalog). */
  volume?: SimVolumeOptions | false
  /** Neutron's options; false: no network endpoint in the catalog (the API still answers on its port). */
  network?: SimNetworkOptions | false
  users?: SimUser[]
  /** Extra project names (admin, demo, alt_demo and the users' projects always exist). */
  projects?: string[]
  /** Glance's [DEFAULT] hashing_algorithm (os_hash_algo of what it stores); default sha512. */
  imageHashAlgorithm?: string
  /** Image seeds; default: cirros and a few more. */
  images?: SimImageSeed[]
  tokenTtlSeconds?: number
}

export interface SimOptions {
  instances: (string | SimInstanceSpec)[]
  /** Reserved for later (server-side scope routing). */
  openstackoid?: boolean
  /** Fixed ports: instance i uses portBase + 10*i (main) and portBase + 10*i + 1 (network). Default: free ports. */
  portBase?: number
}
