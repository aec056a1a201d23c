import {OidError} from '../errors.js'
import type {ServiceClient} from '../routing/index.js'
import {getServer, type Server} from '../services/compute.js'
import {getVolume, type Volume} from '../services/volume.js'

/**
 * Polls `check` until it returns a value: fast at first (a fake or fast cloud is done within a
 * second), then every 2 s; `timedOut` gives the error once `timeout` seconds would be exceeded.
 * `check` throws to stop at once (an ERROR state).
 */
async function poll<T>(timeout: number, check: () => Promise<T | undefined>, timedOut: () => OidError): Promise<T> {
  const deadline = Date.now() + timeout * 1000
  let delay = 250
  for (;;) {
    const done = await check()
    if (done !== undefined) return done
    if (Date.now() + delay > deadline) throw timedOut()
    await new Promise((resolve) => {
      setTimeout(resolve, delay)
    })
    delay = Math.min(delay * 2, 2000)
  }
}

/**
 * --wait: polls the server until ACTIVE; stops at once on ERROR with Nova's fault message; gives
 * up after `timeout` seconds (OSC waits forever). Shows Nova's progress on a terminal.
 */
export async function waitForServer(compute: ServiceClient, id: string, name: string, timeout: number, out: NodeJS.WriteStream = process.stderr): Promise<Server> {
  let last: Server | undefined
  return poll(
    timeout,
    async () => {
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

      return undefined
    },
    () =>
      new OidError(`Timed out after ${timeout} s waiting for server ${name} (${id}) in ${compute.instance} to become ACTIVE; it is ${last?.status}.`, {
        hint: 'It may still finish: check with openstackoid server show; raise --wait-timeout for slow clouds.',
      }),
  )
}

/** server delete --wait: polls until Nova answers 404 (ERROR stops it, as in OSC, unless the server was ERROR already). */
export async function waitForDelete(compute: ServiceClient, id: string, timeout: number, wasError = false): Promise<void> {
  let status = ''
  await poll(
    timeout,
    async () => {
      const server = await getServer(compute, id)
      status = String(server?.status ?? '')
      if (!server || status.toLowerCase() === 'deleted') return true
      if (status.toLowerCase() === 'error' && !wasError) throw new OidError(`Error deleting server: ${id} is ERROR in ${compute.instance}.`)
      return undefined
    },
    () => new OidError(`Timed out after ${timeout} s waiting for server ${id} in ${compute.instance} to be deleted; it is ${status}.`),
  )
}

/**
 * --wait for a server action (start, stop, reboot, resize, rebuild…): polls until the server is in
 * one of `targets` with no task in progress, stops at once on ERROR with Nova's fault, gives up
 * after `timeout` seconds (the same loop and wording as waitForServer).
 */
export async function waitForStatus(compute: ServiceClient, id: string, options: {targets: string[]; verb: string; timeout: number; out?: NodeJS.WriteStream}): Promise<Server> {
  const out = options.out ?? process.stderr
  const targets = options.targets.map((status) => status.toLowerCase())
  let last: Server | undefined
  return poll(
    options.timeout,
    async () => {
      last = await getServer(compute, id)
      if (!last) throw new OidError(`Error ${options.verb} server: ${id} disappeared from ${compute.instance}.`)
      const status = String(last.status ?? '').toLowerCase()
      if (out.isTTY && typeof last.progress === 'number') out.write(`\rProgress: ${last.progress}`)
      const task = last['OS-EXT-STS:task_state']
      if (targets.includes(status) && (task === undefined || task === null)) {
        if (out.isTTY && typeof last.progress === 'number') out.write('\n')
        return last
      }

      if (status === 'error') {
        const fault = (last.fault as {message?: string; code?: number} | undefined) ?? {}
        throw new OidError(`Error ${options.verb} server: ${id}${fault.message ? `: ${fault.message.trim()}` : ''} (in ${compute.instance}, the server is ERROR${fault.code ? `, fault code ${fault.code}` : ''}).`)
      }

      return undefined
    },
    () =>
      new OidError(`Timed out after ${options.timeout} s waiting for server ${id} in ${compute.instance} to become ${options.targets.join(' or ')}; it is ${last?.status}.`, {
        hint: 'It may still finish: check with openstackoid server show; raise --wait-timeout for slow clouds.',
      }),
  )
}

/** server image create --wait: polls the snapshot in Glance until active; killed or deleted stops it. */
export async function waitForImage(image: ServiceClient, id: string, timeout: number, get: (client: ServiceClient, id: string) => Promise<{status?: string} | undefined>): Promise<void> {
  let status = ''
  await poll(
    timeout,
    async () => {
      const found = await get(image, id)
      status = String(found?.status ?? 'deleted')
      if (status === 'active') return true
      if (['killed', 'deleted', 'deactivated'].includes(status)) throw new OidError(`Error creating server image: ${id} is ${status} in ${image.instance}.`)
      return undefined
    },
    () => new OidError(`Timed out after ${timeout} s waiting for image ${id} in ${image.instance} to become active; it is ${status}.`),
  )
}

/**
 * server create --volume of a volume still being created: polls it until available; a volume that
 * went to error (or disappeared) stops at once, naming it.
 */
export async function waitForVolume(storage: ServiceClient, volume: Volume, timeout: number): Promise<Volume> {
  const label = volume.name ? `${volume.name} (${volume.id})` : volume.id
  let status = volume.status
  return poll(
    timeout,
    async () => {
      const current = await getVolume(storage, volume.id).catch((error: unknown) => {
        if (error instanceof OidError && /^No volume with/.test(error.message)) throw new OidError(`Volume ${label} disappeared from ${storage.instance} while it was being created: no server was created.`)
        throw error
      })
      status = current.status
      if (status === 'available') return current
      if (status.startsWith('error')) {
        throw new OidError(`Volume ${label} in ${storage.instance} failed to be created (status ${status}): it cannot be the server's boot disk, and no server was created.`, {
          hint: `Delete it with: openstackoid volume delete ${volume.id} --os-cloud ${storage.instance}`,
        })
      }

      return ['creating', 'downloading'].includes(status) ? undefined : current
    },
    () => new OidError(`Timed out after ${timeout} s waiting for volume ${label} in ${storage.instance} to become available; it is ${status}. No server was created.`),
  )
}
