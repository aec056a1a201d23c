import {randomUUID} from 'node:crypto'

import {EXIT, OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {createImage, deleteImage, getImage, listImages, updateImage, type Image} from '../services/image.js'
import {checkFile, pipedStdin, uploadToAll, type UploadSource, type UploadTarget} from './image-upload.js'
import {deleteCommand, interruptible, Interrupted, streamFailure} from './progress.js'

/** An image property that marks each create, so that a create whose reply was lost is found, never sent twice (DESIGN §2). */
export const IMAGE_CREATE_MARKER = 'openstackoid_create_id'

export interface ImageCreateOptions {
  name: string
  file?: string
  /** The image data when there is no --file (tests; by default piped standard input). */
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
 * `image create` where the scope sends image. With `&`, the image is created in every instance and
 * the file, read once, is streamed to all of them at once; an instance that fails has its
 * half-made image deleted and is reported, the others keep theirs.
 */
export async function imageCreate(router: InstanceRouter, options: ImageCreateOptions): Promise<Fanout<Image>> {
  if (options.file) checkFile(options.file)
  const piped = options.file ? undefined : pipedStdin()
  const source: UploadSource | undefined = options.file ?? options.stdin ?? (piped && {stream: piped, name: 'standard input'})
  if (!source) {
    const marker = randomUUID()
    return router.fanout('image', 'create', async (client) => createIn(router, client, options, marker), {recover: async (client) => findMarked(client, marker)})
  }

  const file = typeof source === 'string' ? source : source.name
  // Ctrl-C or SIGTERM from here on: the images made so far are deleted, then exit 130.
  const interrupt = interruptible((signal) => new Interrupted(signal))
  try {
    const marker = randomUUID()
    const created = await router.fanout('image', 'create', async (client) => ({client, image: await createIn(router, client, options, marker)}), {
      recover: async (client) => {
        const image = await findMarked(client, marker)
        return image ? {client, image} : undefined
      },
    })
    const made = created.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []))
    const failed = created.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
    if (interrupt.signal.aborted) throw await interrupted(interrupt.signal.reason, made, options.name)
    if (made.length === 0) return {...created, outcomes: failed}

    const {outcomes, digest, interrupted: stop} = await uploadToAll(source, made, {signal: interrupt.signal})
    if (stop) throw await interrupted(stop, made, options.name)
    const results = await Promise.all(
      outcomes.map(async ({target, image, error}) => {
        if (error || !image) {
          const failure = error ?? new OidError(`${target.client.instance}: the upload of ${file} failed.`)
          return {instance: target.client.instance, ok: false as const, error: await withCleanup(failure, target)}
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
  } finally {
    interrupt.dispose()
  }
}

/** Deletes the half-made image of a failed upload, and says so (or says what is left and how to delete it). */
async function withCleanup(error: OidError, target: UploadTarget): Promise<OidError> {
  const left = await cleanUp(target)
  const what = left ? left : 'The half-made image was deleted.'
  return new OidError(`${error.message.replace(/\.$/, '')}. ${what}`, {exitCode: error.exitCode, hint: error.hint, cause: error})
}

/** Deletes a half-made image; undefined when done, else a sentence saying what is left and the command that deletes it. */
async function cleanUp(target: UploadTarget): Promise<string | undefined> {
  try {
    await deleteImage(target.client, target.image.id)
    return undefined
  } catch (error) {
    return `The half-made image ${target.image.id} is left in ${target.client.instance} (deleting it failed: ${streamFailure(error)}); delete it with: ${deleteCommand(target.client, target.image.id)}`
  }
}

/** The images made so far, deleted; one error (exit 130) saying so, or what is left. */
async function interrupted(reason: unknown, made: UploadTarget[], name: string): Promise<OidError> {
  const signal = reason instanceof Interrupted ? reason.signal : 'SIGINT'
  const lines = await Promise.all(made.map(cleanUp))
  const left = lines.filter((line): line is string => line !== undefined).map((line) => `${line}.`)
  const deletedIn = made.filter((_, index) => lines[index] === undefined).map((target) => target.client.instance)
  const sentences: string[] = []
  if (made.length === 0) sentences.push('No image was created.')
  else if (deletedIn.length > 0) sentences.push(`The half-made image '${name}' was deleted${made.length > 1 ? ` in ${deletedIn.join(', ')}` : ''}.`)
  sentences.push(...left)
  return new OidError(`Interrupted by ${signal}. ${sentences.join(' ')}`, {exitCode: EXIT.INTERRUPTED})
}

/** The image a create marked, if the create went through although its reply was lost. */
async function findMarked(client: ServiceClient, marker: string): Promise<Image | undefined> {
  const [found] = await listImages(client, {visibility: 'all', extra: {[IMAGE_CREATE_MARKER]: marker}}).catch(() => [])
  return found
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
