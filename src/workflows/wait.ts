import {OidError} from '../errors.js'
import type {ServiceClient} from '../router.js'
import {getServer, type Server} from '../services/compute.js'

/**
 * --wait: polls the server until ACTIVE; stops at once on ERROR with Nova's fault message; gives
 * up after `timeout` seconds (OSC waits forever). Polls fast at first (a fake or fast cloud is
 * ACTIVE within a second), then every 2 s. Shows Nova's progress on a terminal.
 */
export async function waitForServer(compute: ServiceClient, id: string, name: string, timeout: number, out: NodeJS.WriteStream = process.stderr): Promise<Server> {
  const deadline = Date.now() + timeout * 1000
  let delay = 250
  let last: Server | undefined
  for (;;) {
    last = await getServer(compute, id)
    if (!last) throw new OidError(`Error creating server: ${name}: server ${id} disappeared from ${compute.instance} while building.`)
    const status = String(last.status ?? '').toLowerCase()
    if (out.isTTY && typeof last.progress === 'number') out.write(`\rProgress: ${last.progress}`)
    if (status === 'active') {
      if (out.isTTY) out.write('\n')
      return last
    }

    if (status === 'error') {
      if (out.isTTY) out.write('\n')
      const fault = (last.fault as {message?: string; code?: number} | undefined) ?? {}
      throw new OidError(`Error creating server: ${name}${fault.message ? `: ${fault.message.trim()}` : ''} (server ${id} in ${compute.instance} is ERROR${fault.code ? `, fault code ${fault.code}` : ''}).`, {
        hint: `The server is left in ERROR for inspection: openstackoid server show ${id}; delete it with: openstackoid server delete ${id}`,
      })
    }

    if (Date.now() + delay > deadline) {
      throw new OidError(`Timed out after ${timeout} s waiting for server ${name} (${id}) in ${compute.instance} to become ACTIVE; it is ${last.status}.`, {
        hint: 'It may still finish: check with openstackoid server show; raise --wait-timeout for slow clouds.',
      })
    }

    await new Promise((resolve) => {
      setTimeout(resolve, delay)
    })
    delay = Math.min(delay * 2, 2000)
  }
}

/** server delete --wait: polls until Nova answers 404. */
export async function waitForDelete(compute: ServiceClient, id: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout * 1000
  let delay = 250
  for (;;) {
    const server = await getServer(compute, id)
    if (!server || String(server.status).toLowerCase() === 'deleted') return
    if (String(server.status).toLowerCase() === 'error') throw new OidError(`Error deleting server: ${id} is ERROR in ${compute.instance}.`)
    if (Date.now() + delay > deadline) throw new OidError(`Timed out after ${timeout} s waiting for server ${id} in ${compute.instance} to be deleted; it is ${server.status}.`)
    await new Promise((resolve) => {
      setTimeout(resolve, delay)
    })
    delay = Math.min(delay * 2, 2000)
  }
}
