import {createWriteStream, type WriteStream} from 'node:fs'
import {pipeline} from 'node:stream/promises'

import {ApiError, EXIT, OidError, UsageError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import {findProject} from '../services/identity.js'
import {addMember, deleteImage, findImage, listMembers, removeImageTag, removeMember, updateImage, updateMember, type Image} from '../services/image.js'
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

/**
 * openstacksdk's Image attributes (their Python names, and the API name where it differs): OSC
 * deletes these from the resource (`k in image`), so one that is not set is no error and one that
 * is set is removed by the patch (Glance refuses the base ones); any other key must be a property.
 */
const SDK_RENAMED: Record<string, string> = {
  is_hidden: 'os_hidden', is_protected: 'protected', hash_algo: 'os_hash_algo', hash_value: 'os_hash_value', has_auto_disk_config: 'auto_disk_config',
  is_hw_boot_menu_enabled: 'hw_boot_menu', is_hw_vif_multiqueue_enabled: 'hw_vif_multiqueue_enabled', needs_config_drive: 'img_config_drive', needs_secure_boot: 'os_secure_boot', owner_id: 'owner',
}
const SDK_ATTRIBUTES = new Set([
  ...Object.keys(SDK_RENAMED),
  ...('architecture checksum container_format created_at direct_url disk_format file hw_cpu_cores hw_cpu_policy hw_cpu_sockets hw_cpu_thread_policy hw_cpu_threads hw_disk_bus ' +
    'hw_machine_type hw_qemu_guest_agent hw_rng_model hw_scsi_model hw_serial_port_count hw_video_model hw_video_ram hw_vif_model hw_watchdog_action hypervisor_type id ' +
    'instance_type_rxtx_factor instance_uuid kernel_id location locations metadata min_disk min_ram name os_admin_user os_command_line os_distro os_require_quiesce ' +
    'os_shutdown_timeout os_type os_version owner properties ramdisk_id schema size status store tags updated_at url virtual_size visibility vm_mode vmware_adaptertype vmware_ostype').split(' '),
])
/** Attributes that are not in Glance's image body (computed by openstacksdk): nothing to remove. */
const SDK_LOCAL = new Set(['location', 'metadata', 'properties', 'url', 'store'])

/**
 * `image unset` (OSC 6.0's UnsetImage): each tag is removed with DELETE .../tags/{tag}, then the
 * properties in one JSON patch; a tag or property the image does not have is logged (OSC's words)
 * and counted, and the command fails at the end with OSC's totals. With `&` on image, the image is
 * changed in every instance that has it; with `|`, in the first that has it. Returns notes.
 */
export async function imageUnset(router: InstanceRouter, nameOrId: string, tags: string[], properties: string[]): Promise<string[]> {
  const result = await router.fanout('image', 'each', async (client) => {
    const image = await findImage(client, nameOrId)
    const logged: string[] = []
    let tagFailed = 0
    let propFailed = 0
    for (const tag of tags) {
      try {
        await removeImageTag(client, image.id, tag)
      } catch (error) {
        if (!(error instanceof OidError) || error.exitCode === EXIT.USAGE) throw error
        logged.push(`tag unset failed, '${tag}' is a nonexistent tag `)
        tagFailed++
      }
    }

    if (properties.length > 0) {
      const changes: Record<string, unknown> = {}
      const current = image as Record<string, unknown>
      for (const key of properties) {
        if (SDK_ATTRIBUTES.has(key)) {
          const name = SDK_RENAMED[key] ?? key
          if (!SDK_LOCAL.has(key) && current[name] !== undefined) changes[name] = undefined
        } else if (key in current && current[key] !== undefined) changes[key] = undefined
        else {
          logged.push(`property unset failed, '${key}' is a nonexistent property `)
          propFailed++
        }
      }
      try {
        await updateImage(client, image, changes)
      } catch (error) {
        // OSC has logged the misses before Glance's refusal.
        if (logged.length === 0 || !(error instanceof OidError) || error.exitCode === EXIT.USAGE) throw error
        throw new OidError([...logged, error.message].join('\n'), {hint: error.hint, cause: error})
      }
    }

    let failure: string | undefined
    if (tagFailed > 0 && propFailed > 0) failure = `Failed to unset ${tagFailed} of ${tags.length} tags,Failed to unset ${propFailed} of ${properties.length} properties.`
    else if (tagFailed > 0) failure = `Failed to unset ${tagFailed} of ${tags.length} tags.`
    else if (propFailed > 0) failure = `Failed to unset ${propFailed} of ${properties.length} properties.`
    if (failure) throw new OidError([...logged, failure].join('\n'))
    return client.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join('\n'))
  if (result.multi) return [`Changed image ${nameOrId} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes]
  return result.notes
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
