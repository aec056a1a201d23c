import {endpointRegion, type CatalogService} from '../catalog/catalog.js'
import {OidError} from '../errors.js'
import {Formatted, type ListView, type ShowView} from '../output/index.js'

/** OSC's EndpointsColumn: "<region>\n  <interface>: <url>\n" per endpoint; the raw list in json/yaml. */
export function endpointsCell(service: CatalogService): Formatted {
  const human = service.endpoints.map((endpoint) => `${endpointRegion(endpoint) ?? '<none>'}\n  ${endpoint.interface}: ${endpoint.url}\n`).join('')
  return new Formatted(service.endpoints, human)
}

export function catalogListView(catalog: CatalogService[]): ListView {
  return {kind: 'list', columns: ['Name', 'Type', 'Endpoints'], rows: catalog.map((service) => [service.name ?? '', service.type, endpointsCell(service)])}
}

/** `catalog show <type or name>`: the service's fields, sorted, endpoints formatted; undefined when absent. */
export function catalogShowView(catalog: CatalogService[], wanted: string): ShowView | undefined {
  const service = catalog.find((entry) => entry.name === wanted || entry.type === wanted)
  if (!service) return undefined
  const data: Record<string, unknown> = {...service, endpoints: endpointsCell(service)}
  delete data.links
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key]
  const fields = Object.keys(data).sort()
  return {kind: 'show', fields, values: fields.map((field) => data[field] as never)}
}

/** `catalog show`: OSC logs "service x not found" and exits 0; a script deserves a failure. */
export function catalogServiceView(catalog: CatalogService[], wanted: string, instance: string): ShowView {
  const view = catalogShowView(catalog, wanted)
  if (view) return view
  const types = [...new Set(catalog.map((service) => service.type))].sort().join(', ')
  throw new OidError(`service ${wanted} not found`, {hint: `The catalog of ${instance} has: ${types}.`})
}
