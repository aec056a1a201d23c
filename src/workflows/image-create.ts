import {OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {createImage, deleteImage, getImage, updateImage, type Image} from '../services/image.js'
import {checkFile, pipedStdin, uploadToAll, type UploadSource} from './image-upload.js'

export interface ImageCreateOptions {
  name: string
  file?: string
  /** The data when there is no --file (default: standard input when piped or redirected, as OSC). */
  stdin?: UploadSource
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
 * `image create` where the scope sends image; the data is --file, else standard input when it is
 * piped or redirected (OSC's rule), streamed. With `&`, the image is created in every instance and
 * the file, read once, is streamed to all of them at once; an instance that fails has its
 * half-made image deleted and is reported, the others keep theirs.
 */
export async function imageCreate(router: InstanceRouter, options: ImageCreateOptions): Promise<Fanout<Image>> {
  if (options.file) checkFile(options.file)
  const piped = options.file ? undefined : pipedStdin()
  const source: UploadSource | undefined = options.file ?? options.stdin ?? (piped && {stream: piped, name: 'standard input'})
  const created = await router.fanout('image', 'create', async (client) => ({client, image: await createIn(router, client, options)}))
  const made = created.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []))
  const failed = created.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (!source || made.length === 0) {
    return {...created, outcomes: created.outcomes.map((outcome) => (outcome.ok ? {...outcome, value: outcome.value.image} : outcome))}
  }

  const {outcomes, digest} = await uploadToAll(source, made)
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

async function createIn(router: InstanceRouter, client: ServiceClient, options: ImageCreateOptions): Promise<Image> {
  const body: Record<string, unknown> = {...options.properties, name: options.name, disk_format: options.diskFormat, container_format: options.containerFormat}
  if (options.minDisk) body.min_disk = options.minDisk
  if (options.minRam) body.min_ram = options.minRam
  if (options.tags.length > 0) body.tags = options.tags
  if (options.visibility) body.visibility = options.visibility
  if (options.protected !== undefined) body.protected = options.protected
  if (options.project) body.owner = (await findProject(router.beside(client, 'identity'), options.project, options.projectDomain)).id
  const image = await createImage(client, body)
  return (await getImage(client, image.id)) ?? image
}
