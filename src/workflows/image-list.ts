import {UsageError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {findImage, listImages, type Image, type ImageQuery} from '../services/image.js'
import {sortImages} from '../views/image.js'

export interface ImageListOptions {
  visibility?: ImageQuery['visibility']
  properties: string[]
  name?: string
  status?: string
  memberStatus?: string
  project?: string
  projectDomain?: string
  tags: string[]
  hidden: boolean
  sort: string
  limit?: number
  marker?: string
}

/** `image show`: a lookup (with `|`, the first instance that has the image). */
export async function imageShow(router: InstanceRouter, nameOrId: string): Promise<Fanout<Image>> {
  return router.fanout('image', 'lookup', async (client) => findImage(client, nameOrId))
}

/** `image list` wherever the scope sends image (`&`: every instance in parallel; `|`: the first that works). */
export async function imageList(router: InstanceRouter, options: ImageListOptions): Promise<Fanout<Image[]>> {
  parseProperties(options.properties)
  return router.fanout('image', 'read', async (client) => listIn(router, client, options))
}

/**
 * One instance: server-side filters, --project and --marker resolved in that instance (IDs differ
 * between instances), --property and --sort applied client-side as OSC does.
 */
async function listIn(router: InstanceRouter, image: ServiceClient, options: ImageListOptions): Promise<Image[]> {
  const properties = parseProperties(options.properties)
  const query: ImageQuery = {
    visibility: options.visibility,
    name: options.name,
    status: options.status,
    memberStatus: options.memberStatus,
    tags: options.tags,
    hidden: options.hidden,
    limit: options.limit,
  }
  const [owner, marker] = await Promise.all([
    options.project ? findProject(router.beside(image, 'identity'), options.project, options.projectDomain) : undefined,
    options.marker ? findImage(image, options.marker) : undefined,
  ])
  query.owner = owner?.id
  query.marker = marker?.id
  let images = await listImages(image, query)
  for (const [key, value] of Object.entries(properties)) {
    images = images.filter((item) => {
      const record = item as Record<string, unknown>
      const nested = record.properties as Record<string, unknown> | undefined
      const actual = key in record ? record[key] : nested?.[key]
      return actual !== undefined && String(actual) === value
    })
  }

  return sortImages(images, options.sort)
}

/** --property key=value (repeatable), as osc-lib's KeyValueAction parses it. */
export function parseProperties(values: string[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const value of values) {
    const at = value.indexOf('=')
    if (at === 0) throw new UsageError(`Property key must be specified: ${value}`, {hint: 'Example: --property os_distro=cirros'})
    if (at < 0) {
      throw new UsageError(`Expected 'key=value' type, but got: ${value}`, {hint: 'Example: --property os_distro=cirros'})
    }

    result[value.slice(0, at)] = value.slice(at + 1)
  }

  return result
}
