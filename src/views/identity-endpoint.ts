import type {ListView} from '../output/index.js'
import type {EndpointListing} from '../workflows/identity-endpoint.js'

/** OSC's `endpoint list`: ID, Region, Service Name, Service Type, Enabled, Interface, URL (or, with --endpoint, the projects). */
export function endpointListView(listing: EndpointListing): ListView {
  if (listing.kind === 'projects') return {kind: 'list', columns: ['ID', 'Name'], rows: listing.projects.map((project) => [project.id, project.name])}
  return {
    kind: 'list',
    columns: ['ID', 'Region', 'Service Name', 'Service Type', 'Enabled', 'Interface', 'URL'],
    // osc-lib reads the attribute `region` (Keystone still sends it beside region_id); a missing one is ''.
    rows: listing.endpoints.map((endpoint) => [endpoint.id, 'region' in endpoint ? (endpoint.region ?? null) : '', endpoint.service_name, endpoint.service_type, endpoint.enabled, endpoint.interface, endpoint.url]),
  }
}
