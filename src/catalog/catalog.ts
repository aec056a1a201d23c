import {OidError} from '../errors.js'
import {typeCandidates} from './service-types.js'

/** The service catalog as Keystone v3 returns it with a token. */
export interface CatalogEndpoint {
  id?: string
  interface: string
  region_id?: string | null
  region?: string | null
  url: string
}

export interface CatalogService {
  id?: string
  type: string
  name?: string
  endpoints: CatalogEndpoint[]
}

export type Interface = 'public' | 'internal' | 'admin'

export interface EndpointQuery {
  /** An official service type or alias: 'image', 'volumev3', 'block-storage'. */
  type: string
  interface: Interface
  /** Region of the endpoint; undefined = any region. */
  region?: string
  /** Who the catalog belongs to, for the error message. */
  instance?: string
}

export interface Endpoint {
  url: string
  type: string
  serviceName?: string
  interface: Interface
  region?: string
}

/** 'publicURL' → 'public', 'internalURL' → 'internal', 'adminURL' → 'admin'. */
export function normaliseInterface(value: string): string {
  return value.replace(/URL$/, '').toLowerCase()
}

export function endpointRegion(endpoint: CatalogEndpoint): string | undefined {
  return endpoint.region_id ?? endpoint.region ?? undefined
}

/**
 * Finds the endpoint for (type with its aliases, interface, region). Pure: never "the first
 * endpoint" of a service, never a legacy type for an official one. A miss is an error that
 * names what the catalog does hold.
 */
export function findEndpoint(catalog: CatalogService[], query: EndpointQuery): Endpoint {
  for (const type of typeCandidates(query.type)) {
    for (const service of catalog) {
      if (service.type !== type) continue
      const match = service.endpoints.find(
        (endpoint) => normaliseInterface(endpoint.interface) === query.interface && (query.region === undefined || endpointRegion(endpoint) === query.region),
      )
      if (match) {
        return {url: match.url.replace(/\/+$/, ''), type: service.type, serviceName: service.name, interface: query.interface, region: endpointRegion(match)}
      }
    }
  }

  throw new OidError(`${query.interface} endpoint for ${query.type} service${query.region ? ` in ${query.region} region` : ''} not found${query.instance ? ` in the catalog of ${query.instance}` : ''}.`, {
    hint: describeCatalog(catalog, query.type),
  })
}

/** One line per service type: the interfaces and regions the catalog holds for it. */
export function describeCatalog(catalog: CatalogService[], type?: string): string {
  if (catalog.length === 0) {
    return 'The catalog is empty: an unscoped, domain or system token gets no project endpoints; set a project (--os-project-name) to get them.'
  }

  const candidates = type ? new Set(typeCandidates(type)) : undefined
  const relevant = candidates ? catalog.filter((service) => candidates.has(service.type)) : []
  const shown = relevant.length > 0 ? relevant : catalog
  const lines = shown.map((service) => {
    const where = service.endpoints.map((endpoint) => `${normaliseInterface(endpoint.interface)}@${endpointRegion(endpoint) ?? '<none>'}`)
    return `${service.type}: ${[...new Set(where)].join(', ')}`
  })
  const intro = relevant.length > 0 ? 'The catalog has:' : `The catalog has no ${type ?? ''} service; it holds:`
  return `${intro} ${lines.join('; ')}. Choose another --os-interface or --os-region-name, or check --scope.`
}
