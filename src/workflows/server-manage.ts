import type {InstanceRouter} from '../routing/index.js'
import {deleteServer, findServer} from '../services/compute.js'
import {deleteEach} from './delete.js'
import {waitForDelete} from './wait.js'

/** `server delete a b [--wait]` in each instance the scope gives compute (see deleteEach). */
export async function serverDelete(router: InstanceRouter, names: string[], options: {wait: boolean; waitTimeout: number}): Promise<string[]> {
  return deleteEach(
    router,
    {
      type: 'compute',
      noun: 'server',
      remove: async (compute, name) => {
        const server = await findServer(compute, name)
        await deleteServer(compute, server.id)
        if (options.wait) await waitForDelete(compute, server.id, options.waitTimeout)
      },
    },
    names,
  )
}
