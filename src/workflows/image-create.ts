import {randomUUID} from 'node:crypto'

import {OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {createImage, deleteImage, getImage, listImages, updateImage, type Image} from '../services/image.js'
import {checkFile, uploadToAll} from './image-upload.js'

/** An image property that marks each create, so that a create whose reply was lost is found, never sent twice (DESIGN §2). */
export const IMAGE_CREATE_MARKER = 'openstackoid_create_id'

export interface ImageCreateOptions {
  name: string
  file?: string
  diskFormat: string
  containerFormat: string
  minDisk?: number
  minRam?: number
  visibility?: string
  protected?: boolean
  properties: Record<string, string>
  tags: string[]
  project?: string
  projectDomain?: string
}

/**
 * `image create` where the scope sends image. With `&`, the image is created in every instance and
 * the file, read once, is streamed to all of them at once; an instance that fails has its
 * half-made image deleted and is reported, the others keep theirs.
 */
export async function imageCreate(router: InstanceRouter, options: ImageCreateOptions): Promise<Fanout<Image>> {
  if (options.file) checkFile(options.file)
  const marker = randomUUID()
  const created = await router.fanout('image', 'create', async (client) => ({client, image: await createIn(router, client, options, marker)}), {
    // The reply to POST /images was lost: look for the marked image; found, adopt it.
    recover: async (client) => {
      const [found] = await listImages(client, {visibility: 'all', extra: {[IMAGE_CREATE_MARKER]: marker}}).catch(() => [])
      return found ? {client, image: found} : undefined
    },
  })
  const made = created.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []))
  const failed = created.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (!options.file || made.length === 0) {
    return {...created, outcomes: created.outcomes.map((outcome) => (outcome.ok ? {...outcome, value: outcome.value.image} : outcome))}
  }

  const {outcomes, digest} = await uploadToAll(options.file, made)
  const results = await Promise.all(
    outcomes.map(async ({target, image, error}) => {
      if (error || !image) {
        await deleteImage(target.client, target.image.id).catch(() => undefined)
        return {instance: target.client.instance, ok: false as const, error: error ?? new OidError('upload failed')}
      }

      // What openstacksdk records on images it uploads, so that tools that look for them find them.
      const final = await updateImage(target.client, image, {
        'owner_specified.openstack.md5': digest.md5,
        'owner_specified.openstack.sha256': digest.sha256,
        'owner_specified.openstack.object': `images/${options.name}`,
      })
      return {instance: target.client.instance, ok: true as const, value: final}
    }),
  )
  return {outcomes: [...results, ...failed], multi: created.multi, notes: created.notes}
}

async function createIn(router: InstanceRouter, client: ServiceClient, options: ImageCreateOptions, marker: string): Promise<Image> {
  const body: Record<string, unknown> = {...options.properties, name: options.name, disk_format: options.diskFormat, container_format: options.containerFormat, [IMAGE_CREATE_MARKER]: marker}
  if (options.minDisk) body.min_disk = options.minDisk
  if (options.minRam) body.min_ram = options.minRam
  if (options.tags.length > 0) body.tags = options.tags
  if (options.visibility) body.visibility = options.visibility
  if (options.protected !== undefined) body.protected = options.protected
  if (options.project) body.owner = (await findProject(router.beside(client, 'identity'), options.project, options.projectDomain)).id
  const image = await createImage(client, body)
  return (await getImage(client, image.id)) ?? image
}
