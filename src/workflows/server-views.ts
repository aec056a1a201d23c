import type {ShowView} from '../output/index.js'
import {ServiceClient} from '../router.js'
import {findFlavor, type Server} from '../services/compute.js'
import {serverDetailView} from '../views/server.js'
import {imageLabel, type CreatedServer} from './server-create.js'

/** OSC's server detail for a created server: image and flavor labels, adminPass, and where the image came from. */
export async function createdServerView(created: CreatedServer): Promise<ShowView> {
  const flavor = created.server.flavor as {id?: string} | undefined
  const labels = {
    image: `${created.image.name ?? ''} (${created.image.id})`,
    flavor: flavor?.id ? `${created.flavor.name} (${flavor.id})` : undefined,
    imageOrigin: created.origin
      ? `${created.origin.instance}: ${created.origin.image.name ?? ''} (${created.origin.image.id}), ${created.origin.copied ? 'copied' : 'copy reused'}`
      : undefined,
  }
  return serverDetailView(created.server, labels, created.adminPass ? {adminPass: created.adminPass} : {})
}

/** OSC's server detail for `server show`: labels looked up in the server's own instance. */
export async function shownServerView(compute: ServiceClient, server: Server): Promise<ShowView> {
  const images = new ServiceClient(compute.session, 'image')
  const flavor = server.flavor as {id?: string} | undefined
  const [image, flavorLabel] = await Promise.all([
    imageLabel(images, server),
    flavor?.id ? findFlavor(compute, flavor.id).then((found) => `${found.name} (${flavor.id})`, () => flavor.id) : undefined,
  ])
  return serverDetailView(server, {image, flavor: flavorLabel})
}
