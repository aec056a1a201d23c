import {createWriteStream} from 'node:fs'
import {pipeline} from 'node:stream/promises'

import {OidError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {addMember, deleteImage, findImage, listMembers, removeMember, updateImage, updateMember, type Image} from '../services/image.js'
import {deleteEach} from './delete.js'
import {counter} from './progress.js'

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

/** `image save`: streamed to a file (removed again if the download fails) or to stdout. */
export async function imageSave(router: InstanceRouter, nameOrId: string, file?: string): Promise<void> {
  const client = router.client('image', 'image save')
  const image = await findImage(client, nameOrId)
  const download = await client.stream({method: 'GET', path: `/images/${image.id}/file`, headers: {Accept: 'application/octet-stream'}})
  if (!file) {
    await pipeline(download.body, counter(() => undefined), process.stdout, {end: false})
    return
  }

  try {
    await pipeline(download.body, counter(() => undefined), createWriteStream(file, {mode: 0o644}))
  } catch (error) {
    const {rmSync} = await import('node:fs')
    rmSync(file, {force: true})
    throw error instanceof OidError ? error : new OidError(`Saving ${image.name ?? image.id} to ${file} failed: ${(error as Error).message}`)
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
