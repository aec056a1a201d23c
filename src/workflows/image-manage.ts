import {createWriteStream, type WriteStream} from 'node:fs'
import {pipeline} from 'node:stream/promises'

import {ApiError, EXIT, OidError, UsageError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {addMember, deleteImage, findImage, listMembers, removeMember, updateImage, updateMember, type Image} from '../services/image.js'
import {deleteEach} from './delete.js'
import {counter, interruptible, Interrupted, streamFailure} from './progress.js'

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

/** A project by name or ID in the image's instance (an ID-like value is used as it is, as OSC does). */
async function projectId(router: InstanceRouter, image: ServiceClient, project: string, domain?: string): Promise<string> {
  if (UUID.test(project)) return project
  return (await findProject(router.beside(image, 'identity'), project, domain)).id
}

export interface ImageSetOptions {
  name?: string
  properties: Record<string, string>
  tags: string[]
  visibility?: string
  protected?: boolean
  minDisk?: number
  minRam?: number
  membership?: 'accepted' | 'rejected' | 'pending'
  project?: string
  projectDomain?: string
  hidden?: boolean
}

/** `image set`: membership first (as OSC), then one JSON patch with every other change. */
export async function imageSet(router: InstanceRouter, nameOrId: string, options: ImageSetOptions): Promise<Image> {
  const client = router.client('image', 'image set')
  const image = await findImage(client, nameOrId)
  const project = options.project ? await projectId(router, client, options.project, options.projectDomain) : undefined
  if (options.membership) {
    const member = project ?? (await client.session.authenticate()).project?.id
    if (!member) throw new OidError('--accept, --reject and --pending act on a project membership, and this token has no project.', {hint: 'Authenticate with a project (--os-project-name), or give --project.'})
    await updateMember(client, image.id, member, options.membership)
  }

  const changes: Record<string, unknown> = {...options.properties}
  if (options.name !== undefined) changes.name = options.name
  if (options.visibility) changes.visibility = options.visibility
  if (options.protected !== undefined) changes.protected = options.protected
  if (options.minDisk !== undefined) changes.min_disk = options.minDisk
  if (options.minRam !== undefined) changes.min_ram = options.minRam
  if (options.hidden !== undefined) changes.os_hidden = options.hidden
  if (project && !options.membership) changes.owner = project
  if (options.tags.length > 0) changes.tags = [...new Set([...(image.tags ?? []), ...options.tags])]
  return updateImage(client, image, changes)
}

/** `image delete a b c`: each one, then one error naming the failures (OSC's wording). */
export async function imageDelete(router: InstanceRouter, names: string[]): Promise<string[]> {
  return deleteEach(router, {type: 'image', noun: 'image', remove: async (client, name) => deleteImage(client, (await findImage(client, name)).id)}, names)
}

/**
 * `image save`: streamed to a file (removed again if the download fails or is interrupted) or to
 * stdout. A network failure names the image, the instance and the service, and what was left.
 */
export async function imageSave(router: InstanceRouter, nameOrId: string, file?: string): Promise<void> {
  const client = router.client('image', 'image save')
  const image = await findImage(client, nameOrId)
  const label = `image ${image.name ? `'${image.name}' ` : ''}(${image.id})`
  const interrupt = interruptible((signal) => new Interrupted(signal))
  let received = 0
  let out: WriteStream | undefined
  try {
    const download = await client.stream({method: 'GET', path: `/images/${image.id}/file`, headers: {Accept: 'application/octet-stream'}})
    const count = counter((total) => (received = total))
    const {signal} = interrupt
    if (signal.aborted) {
      download.body.destroy()
      throw signal.reason
    }

    if (!file) await pipeline(download.body, count, process.stdout, {end: false, signal})
    else await pipeline(download.body, count, (out = createWriteStream(file, {mode: 0o644})), {signal})
  } catch (error) {
    // The file is opened asynchronously: remove it only once the stream has closed, or a late open
    // would bring it back.
    if (out && !out.closed) await new Promise<void>((resolve) => out!.once('close', () => resolve()).destroy())
    const {rmSync} = await import('node:fs')
    if (file) rmSync(file, {force: true})
    const left = file ? `the partial file ${file} was removed` : `${received} bytes were written to standard output`
    const {signal} = interrupt
    if (signal.aborted) {
      const name = signal.reason instanceof Interrupted ? signal.reason.signal : 'SIGINT'
      throw new OidError(`Interrupted by ${name} while saving ${label}: ${left}.`, {exitCode: EXIT.INTERRUPTED})
    }

    if (error instanceof ApiError || error instanceof UsageError) throw error
    const local = error as {code?: string; syscall?: string; path?: string; message?: string}
    // The reader of stdout went away (`| head -c`): what it wanted was written.
    if (!file && local.code === 'EPIPE') return
    if (file && local.syscall && local.path) throw new OidError(`Saving ${label} to ${file} failed: ${local.message}; ${left}.`, {cause: error})
    const size = image.size ? ` of ${image.size}` : ''
    throw new OidError(
      `Downloading ${label} from the image service of ${client.instance} failed after ${received} bytes${size}: ${streamFailure(error)}; ${left}.`,
      {hint: file ? 'Nothing was changed in the cloud; run the command again to retry.' : undefined, cause: error},
    )
  } finally {
    interrupt.dispose()
  }
}

/** `image add project`: the new membership. */
export async function imageAddProject(router: InstanceRouter, nameOrId: string, project: string, domain?: string): Promise<Record<string, unknown>> {
  const client = router.client('image', 'image add project')
  const id = await projectId(router, client, project, domain)
  const image = await findImage(client, nameOrId)
  return addMember(client, image.id, id)
}

export async function imageRemoveProject(router: InstanceRouter, nameOrId: string, project: string, domain?: string): Promise<void> {
  const client = router.client('image', 'image remove project')
  const id = await projectId(router, client, project, domain)
  const image = await findImage(client, nameOrId)
  await removeMember(client, image.id, id)
}

export async function imageMembers(router: InstanceRouter, nameOrId: string) {
  const client = router.client('image', 'image member list')
  const image = await findImage(client, nameOrId)
  return listMembers(client, image.id)
}
