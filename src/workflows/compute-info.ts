import {findProject} from '../services/identity.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'
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

/** limits show --absolute: Nova's absolute limits of each instance (the compute part; Cinder's is not read). */
export async function limitsShow(router: InstanceRouter, reserved: boolean): Promise<Fanout<Record<string, unknown>>> {
  return router.fanout('compute', 'read', async (compute) => getLimits(compute, reserved))
}

export interface ShownQuota {
  quota: Record<string, unknown>
  projectName?: string
}

/**
 * quota show (the compute part): the quota set of the token's project in each instance. The
 * network and volume parts are not read (the simulator's Neutron has no quotas API).
 */
export async function quotaShow(router: InstanceRouter, options: {project?: string; defaults: boolean}): Promise<Fanout<ShownQuota>> {
  return router.fanout('compute', 'read', async (compute) => {
    const project = options.project ? await findProject(router.beside(compute, 'identity'), options.project) : (await compute.session.authenticate()).project
    const quota = await getQuotaSet(compute, project?.id ?? '', options.defaults)
    return {quota, projectName: project?.name}
  })
}

export async function availabilityZoneList(router: InstanceRouter): Promise<Fanout<AvailabilityZone[]>> {
  return router.fanout('compute', 'read', async (compute) => listAvailabilityZones(compute))
}
