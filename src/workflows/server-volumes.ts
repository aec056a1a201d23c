import {NotFoundError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import type {Server} from '../services/compute.js'
import {getVolume} from '../services/volume.js'

/** A volume Nova says is attached to a server (delete_on_termination from microversion 2.3). */
export interface AttachedVolume {
  id: string
  deleteOnTermination?: boolean
}

/** The server's volumes, as Nova lists them (`os-extended-volumes:volumes_attached`). */
export function attachedVolumes(server: Server | undefined): AttachedVolume[] {
  const attached = server?.['os-extended-volumes:volumes_attached']
  if (!Array.isArray(attached)) return []
  return attached.flatMap((item: {id?: unknown; delete_on_termination?: unknown}) =>
    typeof item?.id === 'string' ? [{id: item.id, deleteOnTermination: typeof item.delete_on_termination === 'boolean' ? item.delete_on_termination : undefined}] : [],
  )
}

/**
 * After a server is gone: the volumes it had that are neither gone nor going (delete_on_termination
 * false, or Cinder kept one Nova asked to delete), each said with where it is and the command that
 * deletes it. Nothing to say: an empty list.
 */
export async function volumesLeft(router: InstanceRouter, compute: ServiceClient, server: {id: string; name: string}, attached: AttachedVolume[]): Promise<string[]> {
  if (attached.length === 0) return []
  const where = compute.instance
  const deleteHint = (id: string) => `delete it with: openstackoid volume delete ${id} --os-cloud ${where}`
  let storage: ServiceClient
  try {
    storage = router.beside(compute, 'block-storage')
  } catch {
    return attached.map((volume) => `Volume ${volume.id} of server ${server.name} may remain in ${where} (its Cinder is not in the scope to check); ${deleteHint(volume.id)}`)
  }

  const lines = await Promise.all(
    attached.map(async (volume) => {
      try {
        const found = await getVolume(storage, volume.id)
        if (found.status === 'deleting') return undefined
        const why = volume.deleteOnTermination === false ? 'delete_on_termination is false' : 'Cinder did not delete it'
        const label = found.name ? `${found.name} (${volume.id})` : volume.id
        return `Volume ${label} of server ${server.name} remains in ${where} (${found.status}, ${found.size} GB: ${why}); ${deleteHint(volume.id)}`
      } catch (error) {
        if (error instanceof NotFoundError) return undefined
        return `Volume ${volume.id} of server ${server.name} could not be checked in ${where} (${(error as Error).message}); if it remains, ${deleteHint(volume.id)}`
      }
    }),
  )
  return lines.filter((line): line is string => line !== undefined)
}
