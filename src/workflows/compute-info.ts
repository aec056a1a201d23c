import {OidError, UsageError} from '../errors.js'
import {findProject} from '../services/identity.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {getVolumeLimits, getVolumeQuotaSet, listNetworkZones, listVolumeZones, type NetworkZone, type VolumeZone} from '../services/volume-snapshot.js'
import {getNetworkQuota} from '../services/network.js'
import {findFlavor, flavorAccess, getLimits, getQuotaSet, listAvailabilityZones, type AvailabilityZone, type Flavor} from '../services/compute.js'

export interface ShownFlavor {
  flavor: Flavor
  /** The projects of a private flavor (null for a public one, as OSC). */
  accessProjects: string[] | null
}

export async function flavorShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<ShownFlavor>> {
  return router.fanout('compute', 'lookup', async (compute) => {
    const flavor = await findFlavor(compute, nameOrId)
    const isPublic = flavor['os-flavor-access:is_public'] ?? true
    // OSC logs a failure to read the access list and shows None.
    const accessProjects = isPublic ? null : await flavorAccess(compute, flavor.id).catch(() => null)
    return {flavor, accessProjects}
  })
}

/** Whether this instance's catalog has the service (OSC leaves out the part of a missing client). */
async function hasEndpoint(client: ServiceClient): Promise<boolean> {
  try {
    await client.session.endpoint(client.type)
    return true
  } catch (error) {
    if (error instanceof OidError && !(error instanceof UsageError)) return false
    throw error
  }
}

export interface ShownLimits {
  /** Nova's absolute limits, then Cinder's (when the instance has one), in the replies' order. */
  absolute: Array<[string, unknown]>
}

/**
 * limits show: Nova's absolute limits of each instance (for --project: its tenant_id), then those
 * of the Cinder of the same instance when its catalog has one, as OSC merges them.
 */
export async function limitsShow(router: InstanceRouter, options: {reserved: boolean; project?: string; domain?: string}): Promise<Fanout<ShownLimits>> {
  return router.fanout('compute', 'read', async (compute) => {
    const projectId = options.project ? (await findProject(router.beside(compute, 'identity'), options.project, options.domain)).id : undefined
    const cinder = router.beside(compute, 'block-storage')
    const [nova, volume] = await Promise.all([getLimits(compute, options.reserved, projectId), (await hasEndpoint(cinder)) ? getVolumeLimits(cinder) : undefined])
    return {absolute: [...Object.entries(nova), ...Object.entries(volume?.absolute ?? {})]}
  })
}

/** openstacksdk's `location` of a resource it read (_get_current_location): where the command's token points. */
export interface QuotaLocation {
  /** The cloud's name as --os-cloud/OS_CLOUD gave it ('' for the home cloud when none did). */
  cloud: string
  region_name: string
  zone: null
  /** The token's project, with the names the cloud's auth section gives (_get_project_info). */
  project: {id: string | null; name: string | null; domain_id: string | null; domain_name: string | null}
}

export interface ShownQuota {
  /** Nova's quota set, then Cinder's (when the instance has one). */
  quota: Record<string, unknown>
  /** Neutron's quota, as Neutron keys it (when the instance's catalog has a network endpoint). */
  network?: Record<string, unknown>
  /** The project the network quota was read for (openstacksdk's Quota id; none for the defaults). */
  networkId?: string
  location?: QuotaLocation
  projectName?: string
}

/**
 * quota show: the compute part (Nova's quota set), the volume part (Cinder's) and the network
 * part (Neutron's, with openstacksdk's location) of the token's project, or of the named one, in
 * each instance; a part whose service is not in the instance's catalog is left out, as OSC does.
 */
export async function quotaShow(router: InstanceRouter, options: {project?: string; defaults: boolean}): Promise<Fanout<ShownQuota>> {
  return router.fanout('compute', 'read', async (compute) => {
    const project = options.project ? await findProject(router.beside(compute, 'identity'), options.project) : (await compute.session.authenticate()).project
    const projectId = project?.id ?? ''
    const cinder = router.beside(compute, 'block-storage')
    const neutron = router.beside(compute, 'network')
    const [nova, volume, network] = await Promise.all([
      getQuotaSet(compute, projectId, options.defaults),
      (await hasEndpoint(cinder)) ? getVolumeQuotaSet(cinder, projectId, options.defaults) : {},
      (await hasEndpoint(neutron)) ? getNetworkQuota(neutron, projectId, options.defaults) : undefined,
    ])
    const shown: ShownQuota = {quota: {...nova, ...volume}, projectName: project?.name}
    if (network) {
      shown.network = network
      if (!options.defaults) shown.networkId = projectId
      shown.location = await quotaLocation(router, neutron)
    }

    return shown
  })
}

/** openstacksdk's current location for the instance a client talks to. */
async function quotaLocation(router: InstanceRouter, client: ServiceClient): Promise<QuotaLocation> {
  const {target} = client.session
  const home = await router.home()
  const {auth} = target.cloud
  const token = await client.session.authenticate()
  return {
    cloud: target.cloud.name === home.name ? router.namedCloud() : target.cloud.name,
    region_name: target.region ?? '',
    zone: null,
    project: {id: token.project?.id ?? null, name: auth.project_name ?? null, domain_id: auth.project_domain_id ?? null, domain_name: auth.project_domain_name ?? null},
  }
}

export interface ZoneListing {
  compute: AvailabilityZone[]
  volume: VolumeZone[]
  network: NetworkZone[]
}

/**
 * availability zone list: Nova's zones, then Cinder's and Neutron's of the same instance (all
 * three unless --compute/--volume/--network choose), as OSC lists them. A Cinder or Neutron
 * without zones is skipped, with OSC's warning when its flag asked for it.
 */
export async function availabilityZoneList(router: InstanceRouter, which: {compute: boolean; volume: boolean; network: boolean}): Promise<Fanout<ZoneListing>> {
  const all = !which.compute && !which.volume && !which.network
  const warnings = new Set<string>()
  const result = await router.fanout('compute', 'read', async (compute) => {
    const listing: ZoneListing = {compute: [], volume: [], network: []}
    if (which.compute || all) listing.compute = await listAvailabilityZones(compute)
    if (which.volume || all) {
      try {
        listing.volume = await listVolumeZones(router.beside(compute, 'block-storage'))
      } catch (error) {
        if (error instanceof UsageError || !(error instanceof OidError)) throw error
        if (which.volume) warnings.add('Availability zones list not supported by Block Storage API')
      }
    }

    if (which.network || all) {
      let zones: NetworkZone[] | undefined
      try {
        zones = await listNetworkZones(router.beside(compute, 'network'))
      } catch (error) {
        if (error instanceof UsageError || !(error instanceof OidError)) throw error
      }

      if (zones) listing.network = zones
      else if (which.network) warnings.add('Availability zones list not supported by Network API')
    }

    return listing
  })
  result.notes.push(...warnings)
  return result
}
