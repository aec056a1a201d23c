import {NotFoundError, OidError} from '../errors.js'
import type {Fanout, InstanceRouter, ServiceClient} from '../routing/index.js'
import {consoleOutput, findFlavor, findServer, listInstanceActions, serverAction, supports, type InstanceAction, type Server} from '../services/compute.js'
import {findImage, getImage, type Image} from '../services/image.js'
import {waitForImage, waitForStatus} from './wait.js'

/** What `--wait` waits for after each action (openstacksdk's and OSC's targets). */
export const ACTIONS = {
  start: {body: {'os-start': null}, targets: ['ACTIVE'], verb: 'starting', done: 'Started'},
  stop: {body: {'os-stop': null}, targets: ['SHUTOFF'], verb: 'stopping', done: 'Stopped'},
  pause: {body: {pause: null}, targets: ['PAUSED'], verb: 'pausing', done: 'Paused'},
  unpause: {body: {unpause: null}, targets: ['ACTIVE'], verb: 'unpausing', done: 'Unpaused'},
  suspend: {body: {suspend: null}, targets: ['SUSPENDED'], verb: 'suspending', done: 'Suspended'},
  resume: {body: {resume: null}, targets: ['ACTIVE'], verb: 'resuming', done: 'Resumed'},
  confirm: {body: {confirmResize: null}, targets: ['ACTIVE', 'SHUTOFF'], verb: 'confirming the resize of', done: 'Confirmed the resize of'},
  revert: {body: {revertResize: null}, targets: ['ACTIVE', 'SHUTOFF'], verb: 'reverting the resize of', done: 'Reverted the resize of'},
} as const

export type SimpleAction = keyof typeof ACTIONS

export interface WaitOptions {
  wait: boolean
  waitTimeout: number
}

/**
 * Runs `act` on each named server, OSC's way (one after the other, the first failure stops the
 * command), in every instance of `&` that has it ('each' mode), the first of `|` that has it.
 * Returns the notes for stderr (where it acted, under `&`).
 */
async function onEach(router: InstanceRouter, names: string[], done: string, act: (compute: ServiceClient, server: Server) => Promise<void>, allProjects = false): Promise<string[]> {
  const notes: string[] = []
  for (const name of names) {
    const result = await router.fanout('compute', 'each', async (compute) => {
      await act(compute, await findServer(compute, name, allProjects))
      return compute.instance
    })
    const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
    if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
    if (result.multi) notes.push(`${done} server ${name} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes)
    else notes.push(...result.notes)
  }

  return notes
}

/** server start|stop|pause|unpause|suspend|resume NAME… and resize confirm|revert, with --wait. */
export async function serverSimpleAction(router: InstanceRouter, action: SimpleAction, names: string[], options: WaitOptions & {allProjects?: boolean}): Promise<string[]> {
  const spec = ACTIONS[action]
  return onEach(
    router,
    names,
    spec.done,
    async (compute, server) => {
      await serverAction(compute, server.id, spec.body)
      if (options.wait) await waitForStatus(compute, server.id, {targets: [...spec.targets], verb: spec.verb, timeout: options.waitTimeout})
    },
    options.allProjects,
  )
}

export async function serverReboot(router: InstanceRouter, name: string, hard: boolean, options: WaitOptions): Promise<string[]> {
  return onEach(router, [name], 'Rebooted', async (compute, server) => {
    await serverAction(compute, server.id, {reboot: {type: hard ? 'HARD' : 'SOFT'}})
    if (options.wait) await waitForStatus(compute, server.id, {targets: ['ACTIVE'], verb: 'rebooting', timeout: options.waitTimeout})
  })
}

/** server resize --flavor F: the flavor looked up in the server's own instance; --wait until VERIFY_RESIZE (or ACTIVE). */
export async function serverResize(router: InstanceRouter, name: string, flavor: string, options: WaitOptions): Promise<string[]> {
  return onEach(router, [name], 'Resized', async (compute, server) => {
    const found = await findFlavor(compute, flavor)
    await serverAction(compute, server.id, {resize: {flavorRef: found.id}})
    if (options.wait) await waitForStatus(compute, server.id, {targets: ['ACTIVE', 'VERIFY_RESIZE'], verb: 'resizing', timeout: options.waitTimeout})
  })
}

export interface RebuildOptions extends WaitOptions {
  image?: string
  name?: string
  password?: string
  properties?: Record<string, string>
  description?: string
}

export interface Rebuilt {
  server: Server
  image: Image
}

/**
 * server rebuild: the image is found in the Glance beside the server's Nova (Nova reads only its
 * own), the current one when --image is not given. One server: `|` the first instance that has it.
 */
export async function serverRebuild(router: InstanceRouter, nameOrId: string, options: RebuildOptions): Promise<Fanout<Rebuilt>> {
  return router.fanout('compute', 'lookup', async (compute) => {
    const server = await findServer(compute, nameOrId)
    const glance = router.beside(compute, 'image')
    let image: Image | undefined
    if (options.image) image = await findImage(glance, options.image)
    else {
      const current = (server.image as {id?: string} | undefined)?.id
      image = current ? await getImage(glance, current) : undefined
      if (!image) throw new OidError(`Server ${nameOrId} has no image to rebuild from (booted from a volume?): pass --image.`)
    }

    const rebuild: Record<string, unknown> = {imageRef: image.id}
    if (options.name !== undefined) rebuild.name = options.name
    if (options.password !== undefined) rebuild.adminPass = options.password
    if (options.properties && Object.keys(options.properties).length > 0) rebuild.metadata = options.properties
    if (options.description !== undefined) {
      if (!(await supports(compute, '2.19'))) throw new OidError('--os-compute-api-version 2.19 or greater is required to support the --description option')
      rebuild.description = options.description
    }

    const {body} = await serverAction(compute, server.id, {rebuild})
    const rebuilt = ((body as {server?: Server} | undefined)?.server ?? server) as Server
    if (options.wait) await waitForStatus(compute, server.id, {targets: ['ACTIVE'], verb: 'rebuilding', timeout: options.waitTimeout})
    return {server: rebuilt, image}
  })
}

export interface SnapshotOptions extends WaitOptions {
  name?: string
  properties?: Record<string, string>
}

/**
 * server image create: the snapshot lands in the Glance of the server's own instance (whatever
 * the scope says for image); under `&`, one snapshot in each instance that has the server.
 */
export async function serverImageCreate(router: InstanceRouter, nameOrId: string, options: SnapshotOptions): Promise<Fanout<Image>> {
  return router.fanout('compute', 'each', async (compute) => {
    const server = await findServer(compute, nameOrId)
    const {body, location} = await serverAction(compute, server.id, {createImage: {name: options.name ?? server.name ?? '', metadata: options.properties ?? {}}})
    const id = (body as {image_id?: string} | undefined)?.image_id ?? location?.split('/').pop()
    if (!id) throw new OidError(`${compute.instance}'s Nova accepted the snapshot of ${nameOrId} but said neither image_id nor Location.`)
    const glance = router.beside(compute, 'image')
    if (options.wait) await waitForImage(glance, id, options.waitTimeout, getImage)
    const image = await getImage(glance, id)
    if (!image) throw new NotFoundError(`No Image found for ${id}`)
    return image
  })
}

/** console log show: the first instance that has the server (`|`), each one's under `&`. */
export async function consoleLog(router: InstanceRouter, nameOrId: string, lines?: number): Promise<Fanout<string>> {
  return router.fanout('compute', 'lookup', async (compute) => {
    const server = await findServer(compute, nameOrId)
    return consoleOutput(compute, server.id, lines)
  })
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

/** server event list: the instance actions of a server (a deleted one by its ID, as OSC). */
export async function serverEventList(router: InstanceRouter, nameOrId: string): Promise<Fanout<InstanceAction[]>> {
  return router.fanout('compute', 'lookup', async (compute) => {
    let id: string
    try {
      id = (await findServer(compute, nameOrId)).id
    } catch (error) {
      if (!(error instanceof NotFoundError) || !UUID.test(nameOrId)) throw error
      id = nameOrId
    }

    return listInstanceActions(compute, id)
  })
}
