import type {InstanceRouter} from '../routing/index.js'
import {deleteServer, findServer} from '../services/compute.js'
import {deleteEach} from './delete.js'
import {attachedVolumes, volumesLeft} from './server-volumes.js'
import {waitForDelete} from './wait.js'

/**
 * `server delete a b [--wait]` in each instance the scope gives compute (see deleteEach). With
 * --wait, once a server is gone, the volumes it had are checked: one that remains (not
 * delete_on_termination, or kept by Cinder) is said, with the command that deletes it.
 */
export async function serverDelete(router: InstanceRouter, names: string[], options: {wait: boolean; waitTimeout: number}): Promise<string[]> {
  const leftovers: string[] = []
  const notes = await deleteEach(
    router,
    {
      type: 'compute',
      noun: 'server',
      remove: async (compute, name) => {
        const server = await findServer(compute, name)
        await deleteServer(compute, server.id)
        if (!options.wait) return
        await waitForDelete(compute, server.id, options.waitTimeout, String(server.status).toLowerCase() === 'error')
        leftovers.push(...(await volumesLeft(router, compute, {id: server.id, name: server.name ?? name}, attachedVolumes(server))))
      },
    },
    names,
  )
  return [...notes, ...leftovers]
}
