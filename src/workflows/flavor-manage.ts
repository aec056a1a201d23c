import {NotFoundError, OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {
  addFlavorAccess,
  createFlavor,
  createFlavorExtraSpecs,
  deleteFlavor,
  deleteFlavorExtraSpec,
  findFlavor,
  getFlavorExtraSpecs,
  listFlavors,
  supports,
  updateFlavorDescription,
  type Flavor,
} from '../services/compute.js'
import {findProject} from '../services/identity.js'
import {deleteEach} from './delete.js'

/**
 * flavor create / delete / set (OSC 6.0's CreateFlavor, DeleteFlavor, SetFlavor). Flavors are
 * admin-only writes in Nova: a member gets Nova's policy refusal. With `&` on compute, create makes
 * one flavor in each instance; delete and set act in every instance that has the flavor.
 */

export interface FlavorCreateOptions {
  name: string
  id?: string
  ram: number
  disk: number
  ephemeral: number
  swap: number
  vcpus: number
  rxtxFactor: number
  isPublic: boolean
  properties: Record<string, string>
  project?: string
  projectDomain?: string
  description?: string
}

const DESCRIPTION_VERSION = 'The --description parameter requires server support for API microversion 2.55'

/** openstacksdk's find_flavor wording, which OSC prints for set and delete. */
async function sdkFindFlavor(compute: ServiceClient, nameOrId: string): Promise<Flavor> {
  try {
    return await findFlavor(compute, nameOrId)
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`No Flavor found for ${nameOrId}`)
    throw error
  }
}

export async function flavorCreate(router: InstanceRouter, options: FlavorCreateOptions): Promise<Fanout<Flavor>> {
  if (options.project && options.isPublic) throw new OidError('--project is only allowed with --private')
  const body: Record<string, unknown> = {
    swap: options.swap,
    disk: options.disk,
    id: options.id ?? null,
    'os-flavor-access:is_public': options.isPublic,
    vcpus: options.vcpus,
    ram: options.ram,
    rxtx_factor: options.rxtxFactor,
    'OS-FLV-EXT-DATA:ephemeral': options.ephemeral,
    name: options.name,
  }
  const logged: string[] = []
  const created = await router.fanout(
    'compute',
    'create',
    async (compute) => {
      if (options.description) {
        if (!(await supports(compute, '2.55'))) throw new OidError(DESCRIPTION_VERSION)
        body.description = options.description
      }

      let flavor = await createFlavor(compute, body)
      if (options.project) {
        try {
          const project = await findProject(router.beside(compute, 'identity'), options.project, options.projectDomain)
          await addFlavorAccess(compute, flavor.id, project.id)
        } catch (error) {
          if (!(error instanceof OidError) || error.exitCode === 2) throw error
          logged.push(`Failed to add project ${options.project} access to flavor: ${error.message}`)
        }
      }

      if (Object.keys(options.properties).length > 0) {
        try {
          const specs = await createFlavorExtraSpecs(compute, flavor.id, options.properties)
          flavor = {...flavor, extra_specs: {...((flavor.extra_specs as Record<string, string> | undefined) ?? {}), ...specs}}
        } catch (error) {
          if (!(error instanceof OidError) || error.exitCode === 2) throw error
          logged.push(`Failed to set flavor properties: ${error.message}`)
        }
      }

      return flavor
    },
    // Nova's flavor names are unique: a create whose reply was lost is found by its name.
    {recover: async (compute) => (await listFlavors(compute)).find((flavor) => flavor.name === options.name)},
  )
  return {...created, notes: [...logged, ...created.notes]}
}

export async function flavorDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'compute', noun: 'flavor', remove: async (compute, name) => deleteFlavor(compute, (await sdkFindFlavor(compute, name)).id)}, names)
}

export interface FlavorSetOptions {
  properties: Record<string, string>
  noProperty: boolean
  project?: string
  projectDomain?: string
  description?: string
}

/** `flavor set`: each step that fails is logged and the others still run; one closing error, as OSC. */
export async function flavorSet(router: InstanceRouter, nameOrId: string, options: FlavorSetOptions): Promise<string[]> {
  const result = await router.fanout('compute', 'each', async (compute) => {
    const flavor = await sdkFindFlavor(compute, nameOrId)
    if (options.description) {
      if (!(await supports(compute, '2.55'))) throw new OidError(DESCRIPTION_VERSION)
      await updateFlavorDescription(compute, flavor.id, options.description)
    }

    const logged: string[] = []
    const attempt = async (prefix: string, step: () => Promise<void>) => {
      try {
        await step()
      } catch (error) {
        if (!(error instanceof OidError) || error.exitCode === 2) throw error
        logged.push(`${prefix}: ${error.message}`)
      }
    }

    if (options.noProperty) {
      await attempt('Failed to clear flavor properties', async () => {
        for (const key of Object.keys((flavor.extra_specs as Record<string, string> | undefined) ?? (await flavorSpecs(compute, flavor)))) await deleteFlavorExtraSpec(compute, flavor.id, key)
      })
    }

    if (Object.keys(options.properties).length > 0) {
      await attempt('Failed to set flavor properties', async () => {
        await createFlavorExtraSpecs(compute, flavor.id, options.properties)
      })
    }

    if (options.project) {
      await attempt('Failed to set flavor access to project', async () => {
        if (flavor['os-flavor-access:is_public'] ?? true) throw new OidError('Cannot set access for a public flavor')
        const project = await findProject(router.beside(compute, 'identity'), options.project!, options.projectDomain)
        await addFlavorAccess(compute, flavor.id, project.id)
      })
    }

    if (logged.length > 0) throw new OidError([...logged, 'Command Failed: One or more of the operations failed'].join('\n'))
    return compute.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join('\n'))
  if (result.multi) return [`Changed flavor ${nameOrId} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes]
  return result.notes
}

/** The extra specs of a flavor read below 2.61 (where the flavor does not carry them). */
async function flavorSpecs(compute: ServiceClient, flavor: Flavor): Promise<Record<string, string>> {
  return getFlavorExtraSpecs(compute, flavor.id)
}
