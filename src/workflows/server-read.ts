import {ServiceClient, fanout, type Fanout, type Router} from '../router.js'
import {findServer, listFlavors, listServers, supports, type Server} from '../services/compute.js'
import {listImages} from '../services/image.js'
import {listNetworks, type Network} from '../services/network.js'
import type {Flavor} from '../services/compute.js'
import {serverListView} from '../views/server.js'
import type {ListView, ShowView} from '../output/index.js'
import {shownServerView} from './server-views.js'

export interface ServerListOptions {
  long: boolean
  name?: string
  status?: string
  allProjects: boolean
  limit?: number
  marker?: string
  noNameLookup: boolean
}

/** `server list` in each instance the scope gives compute; names of images and flavors looked up in that instance. */
export async function serverList(router: Router, options: ServerListOptions): Promise<Fanout<ListView>> {
  return fanout(router, 'compute', 'read', async (compute) => {
    const marker = options.marker ? (await findServer(compute, options.marker)).id : undefined
    const [servers, flavorEmbedded, hostStatus] = await Promise.all([
      listServers(compute, {name: options.name, status: options.status, allProjects: options.allProjects, limit: options.limit, marker}),
      supports(compute, '2.47'),
      supports(compute, '2.16'),
    ])
    const images = new Map<string, string>()
    const flavors = new Map<string, string>()
    if (servers.length > 0 && !options.noNameLookup) {
      // Names are not crucial: a failing lookup leaves the column empty, as in OSC.
      await Promise.all([
        listImages(new ServiceClient(compute.session, 'image')).then((list) => list.forEach((image) => images.set(image.id, image.name ?? '')), () => undefined),
        flavorEmbedded ? undefined : listFlavors(compute).then((list) => list.forEach((flavor) => flavors.set(flavor.id, flavor.name)), () => undefined),
      ])
    }

    return serverListView(servers, {long: options.long, flavorEmbedded, hostStatus}, images, flavors)
  })
}

/** `server show`: a lookup (with `|`, the first instance that has the server). */
export async function serverShow(router: Router, nameOrId: string): Promise<Fanout<ShowView>> {
  return fanout(router, 'compute', 'lookup', async (compute) => shownServerView(compute, await findServer(compute, nameOrId)))
}

export async function flavorList(router: Router, query: {isPublic?: boolean | 'None'}): Promise<Fanout<Flavor[]>> {
  return fanout(router, 'compute', 'read', async (compute) => {
    const all = await listFlavors(compute)
    if (query.isPublic === 'None' || query.isPublic === undefined) return all
    return all.filter((flavor) => (flavor['os-flavor-access:is_public'] ?? true) === query.isPublic)
  })
}

export async function networkList(router: Router, query: Record<string, string | undefined>): Promise<Fanout<Network[]>> {
  return fanout(router, 'network', 'read', async (network) => listNetworks(network, query))
}

export type {Server}
