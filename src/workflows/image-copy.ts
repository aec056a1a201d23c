import {randomUUID} from 'node:crypto'
import {getPriority, setPriority} from 'node:os'
import {PassThrough} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {EXIT, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/index.js'
import {getImage, listImagesAt, updateImage, type Image} from '../services/image.js'
import {fanOut} from './fan-out.js'
import {counter, interruptible, Progress} from './progress.js'

/**
 * Copies an image from one instance's Glance to others', streaming the bytes (GET …/file →
 * PUT …/file, read once for every target) with constant memory, verifying the hash, and
 * recording where the copy came from so that the next cross-instance boot reuses it.
 *
 * Many machines that share nothing but the clouds may copy the same image at once (a CI fleet
 * starting its workers): they make one copy, with Glance as the only coordination point
 * (DESIGN §4 "Copies at CI scale"):
 * - reserve: the copy is created hidden (os_hidden), with its provenance and a lease, before any
 *   byte moves; the copier renews the lease (a PATCH that moves updated_at) while it works;
 * - elect: the copier lists the reservations for the same source; the oldest (created_at, then
 *   id) wins, checked again after a second (Glance's clock has one-second steps, and a rival's
 *   reservation made in the same second may not have been listed yet); the others delete theirs;
 * - wait: a copier that finds a live reservation polls until a verified copy appears (reused) or
 *   the lease lapses (the copier died: its reservation is deleted and this one takes over);
 * - clean: a failure, Ctrl-C or SIGTERM deletes this copier's reservations; one killed with
 *   SIGKILL is reclaimed by the next copier after its lease, or by `image copy --prune`.
 * A copy becomes visible (os_hidden false) only once verified, so a half-made one never makes a
 * name ambiguous and is never reused.
 */

/** Properties recorded on every copy. */
export const PROVENANCE = {
  instance: 'openstackoid_source_instance',
  imageId: 'openstackoid_source_image_id',
  hash: 'openstackoid_source_hash',
} as const

/** Properties of a reservation (removed once the copy is verified). */
export const LEASE = {
  /** Seconds the lease lasts after the reservation's updated_at. */
  seconds: 'openstackoid_lease',
  /** Bumped to renew the lease (Glance moves updated_at). */
  renewal: 'openstackoid_lease_renewal',
  /** Who made it (a random id per copy): recovery after a lost reply, and the election's tie-break. */
  copier: 'openstackoid_copier',
} as const

/** Glance's own fields: everything else on an image is a user property, copied along. */
const GLANCE_FIELDS = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size',
  'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'created_at', 'updated_at', 'self', 'file', 'schema',
  'locations', 'direct_url', 'stores', 'os_glance_import_task', 'os_glance_failed_import', 'os_glance_importing_to_stores',
  LEASE.seconds, LEASE.renewal, LEASE.copier,
])

const IN_PROGRESS = new Set(['queued', 'saving', 'uploading', 'importing'])

export interface CopyResult {
  image: Image
  /** False when an existing copy was reused (made earlier, or by another client at the same time). */
  copied: boolean
  bytes?: number
  seconds?: number
  /** Set when this copier waited for another one's copy. */
  waited?: boolean
}

export interface CopyOptions {
  label?: string
  /** Lease length in seconds (OPENSTACKOID_COPY_LEASE, default 30). */
  lease?: number
}

function sourceHash(image: Image): string {
  return image.os_hash_value ?? image.checksum ?? ''
}

function leaseSeconds(options: CopyOptions): number {
  const fromEnv = Number.parseInt(process.env.OPENSTACKOID_COPY_LEASE ?? '', 10)
  return options.lease ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 30)
}

/** What the target holds for a source: a verified copy, live reservations, dead ones. */
interface CopyState {
  active?: Image
  live: Image[]
  dead: Image[]
}

/** True for an image that is an openstackoid copy of `source` from `sourceInstance`. */
function isCopyOf(image: Image, sourceInstance: string, source: Image): boolean {
  return image[PROVENANCE.imageId] === source.id && image[PROVENANCE.instance] === sourceInstance && image[PROVENANCE.hash] === sourceHash(source)
}

/** A reservation whose lease has lapsed (by Glance's clock), or a copy that failed. */
function isDead(image: Image, now: number): boolean {
  if (!IN_PROGRESS.has(String(image.status)) && image.status !== 'active') return true
  const lease = Number.parseInt(String(image[LEASE.seconds] ?? ''), 10)
  const updated = Date.parse(String(image.updated_at ?? image.created_at ?? ''))
  if (!Number.isFinite(lease) || Number.isNaN(updated)) return image.status !== 'active'
  return now - updated > (lease + 5) * 1000
}

async function copyState(target: ServiceClient, sourceInstance: string, source: Image): Promise<CopyState> {
  const filter = {visibility: 'all' as const, extra: {[PROVENANCE.imageId]: source.id}}
  const [visible, hidden] = await Promise.all([listImagesAt(target, filter), listImagesAt(target, {...filter, hidden: true})])
  const state: CopyState = {live: [], dead: []}
  for (const image of visible.images) if (image.status === 'active' && isCopyOf(image, sourceInstance, source) && state.active === undefined) state.active = image
  for (const image of hidden.images) {
    if (!isCopyOf(image, sourceInstance, source)) continue
    if (isDead(image, hidden.now)) state.dead.push(image)
    else state.live.push(image)
  }

  state.live.sort(precedence)
  return state
}

/** The election's order: a copy whose upload has begun first, then created_at, then id. */
function precedence(a: Image, b: Image): number {
  const started = (image: Image) => (image.status === 'queued' ? 1 : 0)
  if (started(a) !== started(b)) return started(a) - started(b)
  const at = String(a.created_at ?? '')
  const bt = String(b.created_at ?? '')
  return at < bt ? -1 : at > bt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** An active, verified, visible copy of `source` in the target Glance, if one exists. */
export async function findCopy(target: ServiceClient, sourceInstance: string, source: Image): Promise<Image | undefined> {
  return (await copyState(target, sourceInstance, source)).active
}

/** Reuses a verified copy, waits for one being made, or makes one. */
export async function ensureCopy(source: ServiceClient, image: Image, target: ServiceClient, options: CopyOptions = {}): Promise<CopyResult> {
  const [outcome] = await ensureCopies(source, image, [target], options)
  if (outcome.error) throw outcome.error
  return outcome.result!
}

export interface CopyOutcome {
  target: ServiceClient
  result?: CopyResult
  error?: OidError
  /** This copier gave way to another one (found to come first): wait for its copy. */
  yielded?: boolean
}

/**
 * The same for several targets at once (`image copy --to "A & B"`): each target is claimed on its
 * own (reuse, wait, or reserve and win), then the source is read once and streamed to every
 * target this copier won. A target that fails does not stop the others.
 */
export async function ensureCopies(source: ServiceClient, image: Image, targets: ServiceClient[], options: CopyOptions = {}): Promise<CopyOutcome[]> {
  if (image.status !== 'active') {
    throw new OidError(`Image ${image.name ?? image.id} in ${source.instance} is ${image.status}, not active: there is nothing to copy yet.`)
  }

  const name = image.name ?? image.id
  // From the first reservation on, an interruption deletes what this copier made.
  const interrupt = interruptible((signal) => new OidError(`Interrupted by ${signal}`, {exitCode: EXIT.INTERRUPTED}))
  const leases: Lease[] = []
  try {
    const claims = await Promise.all(
      targets.map(async (target) =>
        claim(source, image, target, leaseSeconds(options), interrupt.signal, leases).then(
          (value) => ({target, ...value}),
          (error: unknown) => ({target, error: asOidError(error)}),
        ),
      ),
    )
    const mine = claims.flatMap((c) => ('lease' in c && c.lease ? [c.lease] : []))
    const streamed = mine.length > 0 ? await copyInto(source, image, mine, interrupt.signal, options.label) : new Map<Lease, CopyOutcome>()
    return await Promise.all(
      claims.map(async (c): Promise<CopyOutcome> => {
        if ('error' in c && c.error) return {target: c.target, error: c.error}
        if ('lease' in c && c.lease) {
          const outcome = streamed.get(c.lease)!
          if (!outcome.yielded) return outcome
          // The copier that came first is finishing: wait for its copy (or take over if it dies).
          const again = await claim(source, image, c.target, leaseSeconds(options), interrupt.signal, leases)
          if ('result' in again) return {target: c.target, result: {...again.result, waited: true}}
          const [retried] = [...(await copyInto(source, image, [again.lease], interrupt.signal, options.label)).values()]
          return retried
        }

        return {target: c.target, result: (c as {result: CopyResult}).result}
      }),
    )
  } catch (error) {
    const reason = interrupt.signal.aborted ? (interrupt.signal.reason as OidError) : asOidError(error)
    throw await withCleanup(reason, leases, name)
  } finally {
    for (const lease of leases) lease.stop()
    interrupt.dispose()
  }
}

/**
 * Follows the reservation that is being streamed: one small GET every 0.3 s (a verified copy is
 * seen, and booted, at most 0.3 s late) instead of listing the copies, which a crowd of waiters
 * would make the busiest requests of the copy. The copy, once verified, is that same image made
 * visible. Returns it then; undefined when the reservation is gone or failed, and every 3 s, so
 * that the caller looks at all the copies again (leases, a rival that took over).
 */
async function watch(target: ServiceClient, sourceInstance: string, source: Image, id: string, signal: AbortSignal): Promise<Image | undefined> {
  for (let look = 0; look < 10; look++) {
    await sleep(300, signal)
    const image = await getImage(target, id)
    if (!image) return undefined
    if (image.status === 'active' && image.os_hidden !== true && isCopyOf(image, sourceInstance, source)) return image
    if (!IN_PROGRESS.has(String(image.status))) return undefined
  }

  return undefined
}

/**
 * A client that waits for another's copy only polls: it lowers its own CPU priority (nice +10,
 * as far as 19) so that, where a fleet's clients share a machine (a CI launcher starting its
 * workers), the copier and its streams run first and the copy is done sooner for all of them.
 * A process can always lower its own priority; where it cannot (a sandbox), nothing changes.
 */
function yieldCpu(): void {
  try {
    setPriority(Math.min(19, getPriority() + 10))
  } catch {
    // Not allowed here: the wait is the same, only shared differently.
  }
}

/** A reservation this copier holds, renewed until it stops. */
interface Lease {
  target: ServiceClient
  image: Image
  /** Set when the copier streamed before the second look of the election: false means yield. */
  confirmed?: Promise<boolean>
  stop(): void
  /** Deletes the reservation; the error message when that fails. */
  release(): Promise<string | undefined>
}

/**
 * One target: a verified copy (reused), or this copier's reservation once it has won the
 * election, waiting meanwhile for any live rival reservation to finish or lapse.
 */
async function claim(source: ServiceClient, image: Image, target: ServiceClient, lease: number, signal: AbortSignal, leases: Lease[]): Promise<{result: CopyResult} | {lease: Lease}> {
  let waited = false
  const progress = new Progress(`Waiting for another client's copy of ${image.name ?? image.id} in ${target.instance}`, undefined)
  for (;;) {
    if (signal.aborted) throw signal.reason
    const state = await copyState(target, source.instance, image)
    if (state.active) {
      if (waited) progress.done(0)
      return {result: {image: state.active, copied: false, waited}}
    }

    // Reservations whose copier died (lease lapsed) or failed: reclaimed.
    await Promise.all(state.dead.map(async (dead) => deleteQuietly(target, dead.id)))
    if (state.live.length > 0) {
      if (!waited) yieldCpu()
      waited = true
      progress.update(0)
      const done = await watch(target, source.instance, image, state.live[0].id, signal)
      if (done) {
        progress.done(0)
        return {result: {image: done, copied: false, waited}}
      }

      continue
    }

    const mine = await reserve(source, image, target, lease, leases)
    if (await elect(target, source, image, mine)) return {lease: mine}
    leases.splice(leases.indexOf(mine), 1)
    mine.stop()
    await mine.release()
  }
}

/**
 * The first live reservation (precedence) wins. Glance's created_at has one-second steps, so a
 * rival made in the same second may not be listed yet: the result is checked again a second
 * later. Alone at the first look, the copier streams at once and that check runs meanwhile
 * (`lease.confirmed`: a rival that turns out to come first makes it stop and yield); with rivals
 * in sight, it waits for the check before a byte moves, so that a crowd moves the bytes once.
 */
async function elect(target: ServiceClient, source: ServiceClient, image: Image, mine: Lease): Promise<boolean> {
  const first = async (): Promise<boolean> => {
    const state = await copyState(target, source.instance, image)
    return !state.active && state.live[0]?.id === mine.image.id
  }

  const look = await copyState(target, source.instance, image)
  if (look.active || look.live[0]?.id !== mine.image.id) return false
  const again = sleep(1100).then(first)
  if (look.live.length > 1) return again
  mine.confirmed = again.catch(() => true)
  return true
}

/** Creates the hidden reservation (with provenance, lease and copier id) and starts renewing it. */
async function reserve(source: ServiceClient, image: Image, target: ServiceClient, seconds: number, leases: Lease[]): Promise<Lease> {
  const properties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(image)) if (!GLANCE_FIELDS.has(key) && value !== null && value !== undefined) properties[key] = value
  const copier = randomUUID()
  const body: Record<string, unknown> = {
    ...properties,
    name: image.name,
    disk_format: image.disk_format,
    container_format: image.container_format,
    min_disk: image.min_disk ?? 0,
    min_ram: image.min_ram ?? 0,
    visibility: 'private',
    os_hidden: true,
    tags: image.tags ?? [],
    [PROVENANCE.instance]: source.instance,
    [PROVENANCE.imageId]: image.id,
    [PROVENANCE.hash]: sourceHash(image),
    [LEASE.seconds]: String(seconds),
    [LEASE.copier]: copier,
  }
  let created: Image
  try {
    created = (await target.request<Image>({method: 'POST', path: '/images', json: body, accept: (status) => status === 201})).body
  } catch (error) {
    // The reply was lost: the reservation may exist; it carries this copier's id.
    const found = await findByCopier(target, image, copier).catch(() => undefined)
    if (!found) throw error
    created = found
  }

  let renewals = 0
  let current = created
  const timer = setInterval(() => {
    renewals++
    updateImage(target, current, {[LEASE.renewal]: String(renewals)}).then(
      (updated) => {
        current = updated
      },
      () => undefined,
    )
  }, Math.max(250, (seconds * 1000) / 3))
  timer.unref()
  const lease: Lease = {
    target,
    image: created,
    stop: () => clearInterval(timer),
    release: async () => {
      clearInterval(timer)
      try {
        await target.request({method: 'DELETE', path: `/images/${created.id}`, accept: (status) => status === 204 || status === 404})
        return undefined
      } catch (error) {
        return (error as Error).message
      }
    },
  }
  leases.push(lease)
  return lease
}

async function findByCopier(target: ServiceClient, image: Image, copier: string): Promise<Image | undefined> {
  const {images} = await listImagesAt(target, {visibility: 'all', hidden: true, extra: {[PROVENANCE.imageId]: image.id, [LEASE.copier]: copier}})
  return images.find((candidate) => candidate[LEASE.copier] === copier)
}

/**
 * Streams the source once into every reservation this copier won, then verifies each copy and
 * makes it visible. A target that fails has its reservation deleted; the others go on.
 */
async function copyInto(source: ServiceClient, image: Image, leases: Lease[], signal: AbortSignal, label?: string): Promise<Map<Lease, CopyOutcome>> {
  const started = performance.now()
  const name = image.name ?? image.id
  const where = leases.map((lease) => lease.target.instance).join(', ')
  const results = new Map<Lease, CopyOutcome>()
  const {bytes, failed} = await stream(source, image, leases, signal, label ?? `Copying ${name} ${source.instance} → ${where}`)
  await Promise.all(
    leases.map(async (lease) => {
      if (lease.confirmed && !(await lease.confirmed)) {
        // Another copier came first: this reservation goes, and its copy is awaited (ensureCopies).
        await lease.release()
        results.set(lease, {target: lease.target, yielded: true})
        return
      }

      const error = failed.get(lease) ?? (await verify(source, image, lease))
      if (error) {
        results.set(lease, {target: lease.target, error: await withCleanup(error, [lease], name)})
        return
      }

      try {
        lease.stop()
        const visible = await updateImage(lease.target, (await getImage(lease.target, lease.image.id)) ?? lease.image, {
          os_hidden: false,
          [LEASE.seconds]: undefined,
          [LEASE.renewal]: undefined,
          [LEASE.copier]: undefined,
        })
        results.set(lease, {target: lease.target, result: {image: visible, copied: true, bytes, seconds: (performance.now() - started) / 1000}})
      } catch (error) {
        results.set(lease, {target: lease.target, error: await withCleanup(asOidError(error), [lease], name)})
      }
    }),
  )
  return results
}

/**
 * The copy is checked by the target Glance's own hashes of what it stored (os_hash_value when both
 * use the same algorithm, else the md5 checksum, which every Glance records) against the source's:
 * this covers the download, the client and the upload at once, so no hash is computed on the way.
 * A source with no recorded hash (an image made from a location) has nothing to check against.
 */
async function verify(source: ServiceClient, image: Image, lease: Lease): Promise<OidError | undefined> {
  const name = image.name ?? image.id
  const copy = await getImage(lease.target, lease.image.id).catch(() => undefined)
  if (!copy || copy.status !== 'active') return new OidError(`The copy of ${name} in ${lease.target.instance} is ${copy?.status ?? 'gone'} after the upload, not active.`)
  const sameAlgo = Boolean(image.os_hash_value && copy.os_hash_value && image.os_hash_algo === copy.os_hash_algo)
  const compared = sameAlgo ? {algo: image.os_hash_algo ?? 'os_hash', want: image.os_hash_value, got: copy.os_hash_value} : image.checksum && copy.checksum ? {algo: 'md5', want: image.checksum, got: copy.checksum} : undefined
  if (compared && compared.want !== compared.got) {
    return new OidError(`The copy of ${name} in ${lease.target.instance} does not have the source's ${compared.algo} hash (${String(compared.got).slice(0, 16)}…, expected ${String(compared.want).slice(0, 16)}…): the transfer from ${source.instance} was corrupted.`)
  }

  if (!compared && (image.os_hash_value || image.checksum)) {
    return new OidError(`The copy of ${name} in ${lease.target.instance} cannot be verified: the image service of ${lease.target.instance} recorded no hash comparable to the source's (${image.os_hash_algo ?? 'md5'}).`)
  }

  return undefined
}

/** GET source/file → hash + count → PUT target/file for every lease, with backpressure. */
async function stream(source: ServiceClient, image: Image, leases: Lease[], signal: AbortSignal, label: string): Promise<{bytes: number; failed: Map<Lease, OidError>}> {
  const name = image.name ?? image.id
  let download: Awaited<ReturnType<ServiceClient['stream']>>
  try {
    download = await source.stream({method: 'GET', path: `/images/${image.id}/file`, headers: {Accept: 'application/octet-stream'}})
  } catch (error) {
    throw asOidError(error)
  }

  // No hash on the way: verify() compares the hashes each target Glance computes as it stores.
  const progress = new Progress(label, image.size ?? undefined)
  let bytes = 0
  const failed = new Map<Lease, OidError>()
  const bodies = new Map<Lease, PassThrough>()
  const uploads = leases.map(async (lease) => {
    const body = new PassThrough({highWaterMark: 1 << 20})
    bodies.set(lease, body)
    void lease.confirmed?.then((ok) => {
      if (ok) return
      body.destroy(new Error('another copier came first'))
      bodies.delete(lease)
    })
    try {
      const response = await lease.target.stream({
        method: 'PUT',
        path: `/images/${lease.image.id}/file`,
        body,
        headers: {'Content-Type': 'application/octet-stream', ...(image.size ? {'Content-Length': String(image.size)} : {})},
        accept: (status) => status === 204 || status === 201 || status === 200,
      })
      response.body.resume()
      await new Promise((resolve) => response.body.once('end', resolve).once('close', resolve))
    } catch (error) {
      body.destroy()
      bodies.delete(lease)
      failed.set(lease, new OidError(`Uploading the copy of ${name} to the image service of ${lease.target.instance} failed: ${asOidError(error).message}`, {cause: error}))
    }
  })
  const fan = fanOut(() => [...bodies.values()], () => new OidError(`Every upload of the copy of ${name} failed.`))
  const onAbort = () => download.body.destroy(signal.reason as Error)
  signal.addEventListener('abort', onAbort, {once: true})
  try {
    await pipeline(download.body, counter((total) => {
      bytes = total
      progress.update(total)
    }), fan, {signal})
  } catch (error) {
    // Destroyed with an error, so that each PUT is aborted at once (not left open until its time-out).
    for (const body of bodies.values()) body.destroy(error as Error)
    await Promise.allSettled(uploads)
    if (signal.aborted) throw signal.reason
    if (failed.size === leases.length) return {bytes, failed}
    throw new OidError(`The download of ${name} from the image service of ${source.instance} broke off after ${bytes} bytes${image.size ? ` of ${image.size}` : ''}: ${(error as Error).message}.`, {cause: error})
  } finally {
    signal.removeEventListener('abort', onAbort)
  }

  await Promise.all(uploads)
  progress.done(bytes)
  if (image.size && bytes !== image.size) throw new OidError(`Copied ${bytes} bytes of ${name}, but it has ${image.size}: the download from ${source.instance} was cut short.`)
  return {bytes, failed}
}

/** Deletes the reservations; the error then also says what could not be deleted, and how to. */
async function withCleanup(error: OidError, leases: Lease[], name: string): Promise<OidError> {
  const left: string[] = []
  const done: string[] = []
  for (const lease of leases) {
    const failure = await lease.release()
    if (failure) left.push(`${lease.image.id} in ${lease.target.instance} (openstackoid image delete ${lease.image.id} --os-cloud ${lease.target.instance}; the delete failed: ${failure})`)
    else done.push(lease.target.instance)
  }

  leases.length = 0
  const interrupted = error.exitCode === EXIT.INTERRUPTED
  if (done.length === 0 && left.length === 0) return interrupted ? new OidError(`${error.message}: nothing of ${name} was left half-made.`, {exitCode: error.exitCode}) : error
  const said = [
    done.length > 0 ? `the half-made copy of ${name} in ${done.join(', ')} was deleted.` : '',
    left.length > 0 ? `a half-made copy of ${name} is left: ${left.join('; ')}.` : '',
  ].filter(Boolean)
  const message = interrupted ? `${error.message}: ${said.join(' ')}` : `${error.message.replace(/\.?$/, '.')} ${said.map((line) => line[0].toUpperCase() + line.slice(1)).join(' ')}`
  return new OidError(message, {exitCode: error.exitCode, hint: error.hint, cause: error})
}

async function deleteQuietly(target: ServiceClient, id: string): Promise<void> {
  await target.request({method: 'DELETE', path: `/images/${id}`, accept: (status) => status === 204 || status === 404}).catch(() => undefined)
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }

    signal?.addEventListener('abort', done, {once: true})
  })
}

function asOidError(error: unknown): OidError {
  return error instanceof OidError ? error : new OidError((error as Error)?.message ?? String(error), {cause: error})
}

/** Dead copies in a target (lease lapsed, or a copy that failed or was never uploaded), for `image copy --prune`. */
export async function deadCopies(target: ServiceClient): Promise<{image: Image; reason: string}[]> {
  const [visible, hidden] = await Promise.all([
    listImagesAt(target, {visibility: 'all', extra: {}}),
    listImagesAt(target, {visibility: 'all', hidden: true, extra: {}}),
  ])
  const dead: {image: Image; reason: string}[] = []
  for (const {images, now} of [visible, hidden]) {
    for (const image of images) {
      if (image[PROVENANCE.imageId] === undefined) continue
      if (image.status === 'active' && image.os_hidden !== true) continue
      if (image[LEASE.seconds] !== undefined) {
        if (isDead(image, now)) dead.push({image, reason: `lease lapsed (${image.status}, last renewed ${image.updated_at})`})
      } else if (image.status !== 'active') {
        dead.push({image, reason: `${image.status} with no upload under way`})
      }
    }
  }

  return dead
}
