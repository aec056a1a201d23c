import type {Fanout, InstanceRouter} from '../routing/index.js'
import {endpointProjects, findEndpointById, findProject, findService, listEndpoints, listServices, projectEndpoints, type KeystoneEndpoint, type KeystoneService, type Project} from '../services/identity.js'
import {ApiError, NotFoundError} from '../errors.js'

export interface EndpointListOptions {
  service?: string
  interface?: string
  region?: string
  /** --endpoint: the projects associated with this endpoint instead. */
  endpoint?: string
  /** --project: the endpoints associated with this project (OS-EP-FILTER). */
  project?: string
  projectDomain?: string
}

/** An endpoint with the name and type of its service (OSC adds them from GET /services). */
export type EndpointRow = KeystoneEndpoint & {service_name: string; service_type: string}

export type EndpointListing = {kind: 'endpoints'; endpoints: EndpointRow[]} | {kind: 'projects'; projects: Project[]}

/**
 * `endpoint list`, OSC's way, in every instance the scope gives identity (`&`: each Keystone's
 * endpoints, merged with an Instance column). Endpoints come with their service's name and type.
 */
export async function endpointList(router: InstanceRouter, options: EndpointListOptions): Promise<Fanout<EndpointListing>> {
  return router.fanout('identity', 'read', async (client): Promise<EndpointListing> => {
    const endpoint = options.endpoint ? await findEndpointById(client, options.endpoint) : undefined
    const project = options.project ? await findProject(client, options.project, options.projectDomain) : undefined
    if (endpoint) return {kind: 'projects', projects: await endpointProjects(client, endpoint.id)}
    const service = options.service ? await findService(client, options.service) : undefined
    const query = {service_id: service?.id, interface: options.interface, region_id: options.region}
    try {
      // Both asked at once; when both fail, the endpoints' error is the one said (as OSC, which asks for them first).
      const [endpoints, services] = await Promise.allSettled([project ? projectEndpoints(client, project.id) : listEndpoints(client, query), listServices(client)])
      if (endpoints.status === 'rejected') throw endpoints.reason
      if (services.status === 'rejected') throw services.reason
      return {kind: 'endpoints', endpoints: endpoints.value.map((item) => withService(item, services.value))}
    } catch (error) {
      throw forbiddenHint(error)
    }
  })
}

/** Keystone lets only (system) readers list endpoints: say where a project member finds them. */
function forbiddenHint(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 403 || error.hint) return error
  return new ApiError(error.message, error.details, {
    cause: error,
    hint: "Listing a cloud's endpoints needs an admin or reader role on the system; 'openstackoid catalog list' shows the endpoints in your own token's catalog.",
  })
}

function withService(endpoint: KeystoneEndpoint, services: KeystoneService[]): EndpointRow {
  const service = services.find((item) => item.id === endpoint.service_id)
  if (!service) throw new NotFoundError(`No service with a type, name or ID of '${endpoint.service_id}' exists.`)
  return {...endpoint, service_name: service.name ?? '', service_type: service.type}
}
