import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findFlavor, findServer, listFlavors, listServers, supports, type Flavor, type Server} from '../services/compute.js'
import {getImage, listImages} from '../services/image.js'
import {listNetworks, type Network} from '../services/network.js'
import type {ServerLabels} from '../views/server.js'
import {PROVENANCE} from './image-copy.js'

export interface ServerListOptions {
  name?: string
  status?: string
  allProjects: boolean
  limit?: number
  marker?: string
  noNameLookup: boolean
}

/** One instance's servers, with what the list view needs: image and flavor names, microversion facts. */
export interface ServerListing {
  servers: Server[]
  flavorEmbedded: boolean
  hostStatus: boolean
  images: Map<string, string>
  flavors: Map<string, string>
  /** Image id → where a cross-instance copy came from (only images that are such copies). */
  origins: Map<string, string>
}

/** `server list` in each instance the scope gives compute; names of images and flavors looked up in that instance. */
export async function serverList(router: InstanceRouter, options: ServerListOptions): Promise<Fanout<ServerListing>> {
  return router.fanout('compute', 'read', async (compute) => {
    const marker = options.marker ? (await findServer(compute, options.marker)).id : undefined
    const [servers, flavorEmbedded, hostStatus] = await Promise.all([
      listServers(compute, {name: options.name, status: options.status, allProjects: options.allProjects, limit: options.limit, marker}),
      supports(compute, '2.47'),
      supports(compute, '2.16'),
    ])
    const images = new Map<string, string>()
    const origins = new Map<string, string>()
    const flavors = new Map<string, string>()
    if (servers.length > 0 && !options.noNameLookup) {
      // Names are not crucial: a failing lookup leaves the column empty, as in OSC.
      await Promise.all([
        listImages(router.beside(compute, 'image')).then(
          (list) =>
            list.forEach((image) => {
              images.set(image.id, image.name ?? '')
              const origin = imageOrigin(image)
              if (origin) origins.set(image.id, origin)
            }),
          () => undefined,
        ),
        flavorEmbedded ? undefined : listFlavors(compute).then((list) => list.forEach((flavor) => flavors.set(flavor.id, flavor.name)), () => undefined),
      ])
    }

    return {servers, flavorEmbedded, hostStatus, images, flavors, origins}
  })
}

export interface ShownServer {
  server: Server
  labels: ServerLabels
}

/** `server show`: a lookup (with `|`, the first instance that has the server), labels from its own instance. */
export async function serverShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<ShownServer>> {
  return router.fanout('compute', 'lookup', async (compute) => {
    const server = await findServer(compute, nameOrId)
    const flavor = server.flavor as {id?: string} | undefined
    const [image, flavorLabel] = await Promise.all([
      imageLabel(router.beside(compute, 'image'), server),
      flavor?.id ? findFlavor(compute, flavor.id).then((found) => `${found.name} (${flavor.id})`, () => flavor.id) : undefined,
    ])
    return {server, labels: {image: image?.label, flavor: flavorLabel, imageOrigin: image?.origin}}
  })
}

/**
 * The label OSC shows for a server's image: "name (id)", or the id when the image cannot be read;
 * and, when the image is a copy made by a cross-instance boot, where it came from.
 */
async function imageLabel(client: ServiceClient, server: Server): Promise<{label: string; origin?: string} | undefined> {
  const image = server.image as {id?: string} | string | undefined
  if (!image || typeof image !== 'object' || !image.id) return undefined
  const found = await getImage(client, image.id).catch(() => undefined)
  if (!found) return {label: image.id}
  return {label: `${found.name ?? ''} (${image.id})`, origin: imageOrigin(found)}
}

/** "InstanceTwo: cirros (source id)" for a copy that carries the provenance properties (image-copy.ts). */
export function imageOrigin(image: Record<string, unknown>): string | undefined {
  const instance = image[PROVENANCE.instance]
  const source = image[PROVENANCE.imageId]
  if (typeof instance !== 'string' || typeof source !== 'string') return undefined
  return `${instance}: ${(image.name as string | undefined) ?? ''} (${source})`
}

export async function flavorList(router: InstanceRouter, query: {isPublic?: boolean | 'None'}): Promise<Fanout<Flavor[]>> {
  return router.fanout('compute', 'read', async (compute) => {
    const all = await listFlavors(compute)
    if (query.isPublic === 'None' || query.isPublic === undefined) return all
    return all.filter((flavor) => (flavor['os-flavor-access:is_public'] ?? true) === query.isPublic)
  })
}

export async function networkList(router: InstanceRouter, query: Record<string, string | undefined>): Promise<Fanout<Network[]>> {
  return router.fanout('network', 'read', async (network) => listNetworks(network, query))
}

export type {Server}
