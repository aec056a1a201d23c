import {createHash} from 'node:crypto'
import {PassThrough, Transform} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {EXIT, OidError} from '../errors.js'
import type {ServiceClient} from '../routing/index.js'
import {getImage, listImages, type Image} from '../services/image.js'
import {counter, interruptible, Progress} from './progress.js'

/**
 * Copies an image from one instance's Glance to another's, streaming the bytes (GET …/file →
 * PUT …/file) with constant memory, verifying the hash, and recording where the copy came from
 * so that the next cross-instance boot (or `image copy`) reuses it. A failure, Ctrl-C or SIGTERM
 * deletes the half-made copy.
 */

/** Properties recorded on every copy. */
export const PROVENANCE = {
  instance: 'openstackoid_source_instance',
  imageId: 'openstackoid_source_image_id',
  hash: 'openstackoid_source_hash',
} as const

/** Glance's own fields: everything else on an image is a user property, copied along. */
const GLANCE_FIELDS = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size',
  'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'created_at', 'updated_at', 'self', 'file', 'schema',
  'locations', 'direct_url', 'stores', 'os_glance_import_task', 'os_glance_failed_import', 'os_glance_importing_to_stores',
])

export interface CopyResult {
  image: Image
  /** False when an existing copy was reused. */
  copied: boolean
  bytes?: number
  seconds?: number
}

function sourceHash(image: Image): string {
  return image.os_hash_value ?? image.checksum ?? ''
}

/** An active copy of `source` (from `sourceInstance`) in the target Glance, if one exists. */
export async function findCopy(target: ServiceClient, sourceInstance: string, source: Image): Promise<Image | undefined> {
  const candidates = await listImages(target, {visibility: 'all', extra: {[PROVENANCE.imageId]: source.id}})
  return candidates.find(
    (image) =>
      image.status === 'active' &&
      image[PROVENANCE.imageId] === source.id &&
      image[PROVENANCE.instance] === sourceInstance &&
      image[PROVENANCE.hash] === sourceHash(source),
  )
}

/** Reuses an active copy, or makes one. */
export async function ensureCopy(source: ServiceClient, image: Image, target: ServiceClient, options: {label?: string} = {}): Promise<CopyResult> {
  const existing = await findCopy(target, source.instance, image)
  if (existing) return {image: existing, copied: false}
  return copyImage(source, image, target, options)
}

export async function copyImage(source: ServiceClient, image: Image, target: ServiceClient, options: {label?: string} = {}): Promise<CopyResult> {
  if (image.status !== 'active') {
    throw new OidError(`Image ${image.name ?? image.id} in ${source.instance} is ${image.status}, not active: there is nothing to copy yet.`)
  }

  const started = performance.now()
  const properties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(image)) if (!GLANCE_FIELDS.has(key) && value !== null && value !== undefined) properties[key] = value
  const body: Record<string, unknown> = {
    ...properties,
    name: image.name,
    disk_format: image.disk_format,
    container_format: image.container_format,
    min_disk: image.min_disk ?? 0,
    min_ram: image.min_ram ?? 0,
    visibility: 'private',
    tags: image.tags ?? [],
    [PROVENANCE.instance]: source.instance,
    [PROVENANCE.imageId]: image.id,
    [PROVENANCE.hash]: sourceHash(image),
  }
  // The signal handlers come first: from the moment the copy exists, an interruption deletes it.
  const interrupt = interruptible((signal) => new OidError(`Interrupted by ${signal}: the half-made copy of ${image.name ?? image.id} in ${target.instance} was deleted.`, {exitCode: EXIT.INTERRUPTED}))
  const {signal} = interrupt
  let created: Image
  try {
    created = (await target.request<Image>({method: 'POST', path: '/images', json: body, accept: (status) => status === 201})).body
  } catch (error) {
    interrupt.dispose()
    throw error
  }

  try {
    if (signal.aborted) throw signal.reason
    const bytes = await stream(source, image, target, created.id, signal, options.label ?? `Copying ${image.name ?? image.id} ${source.instance} → ${target.instance}`)
    const copy = await getImage(target, created.id)
    if (!copy || copy.status !== 'active') throw new OidError(`The copy of ${image.name ?? image.id} in ${target.instance} is ${copy?.status ?? 'gone'} after the upload, not active.`)
    const hashDiffers = image.os_hash_value && copy.os_hash_value && image.os_hash_algo === copy.os_hash_algo && image.os_hash_value !== copy.os_hash_value
    if (hashDiffers || (image.checksum && copy.checksum && image.checksum !== copy.checksum)) {
      throw new OidError(`The copy of ${image.name ?? image.id} in ${target.instance} does not have the source's ${image.os_hash_algo} hash: the transfer was corrupted.`)
    }

    return {image: copy, copied: true, bytes, seconds: (performance.now() - started) / 1000}
  } catch (error) {
    await target.request({method: 'DELETE', path: `/images/${created.id}`, accept: (status) => status === 204 || status === 404}).catch(() => undefined)
    throw signal.aborted ? signal.reason : error
  } finally {
    interrupt.dispose()
  }
}

/** GET source/file → hash + count → PUT target/file, with backpressure; returns the bytes sent. */
async function stream(source: ServiceClient, image: Image, target: ServiceClient, copyId: string, signal: AbortSignal, label: string): Promise<number> {
  const download = await source.stream({method: 'GET', path: `/images/${image.id}/file`, headers: {Accept: 'application/octet-stream'}})
  // One hash on the way (hashing 1 GiB twice costs more than the network here): the image's
  // os_hash_algo when Glance recorded one, else md5; the copy's own checksums are compared after.
  const algo = image.os_hash_algo && image.os_hash_value && ['sha512', 'sha256', 'sha384', 'sha1'].includes(image.os_hash_algo) ? image.os_hash_algo : 'md5'
  const expected = algo === 'md5' ? image.checksum : image.os_hash_value
  const hash = createHash(algo)
  const progress = new Progress(label, image.size ?? undefined)
  let bytes = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  const body = new PassThrough()
  const upload = target.stream({
    method: 'PUT',
    path: `/images/${copyId}/file`,
    body,
    headers: {'Content-Type': 'application/octet-stream', ...(image.size ? {'Content-Length': String(image.size)} : {})},
    accept: (status) => status === 204 || status === 201 || status === 200,
  })
  const onAbort = () => {
    download.body.destroy(signal.reason as Error)
    body.destroy(signal.reason as Error)
  }

  signal.addEventListener('abort', onAbort, {once: true})
  try {
    await Promise.all([
      pipeline(download.body, hasher, counter((total) => {
        bytes = total
        progress.update(total)
      }), body, {signal}),
      upload.catch((error: unknown) => {
        download.body.destroy()
        body.destroy()
        throw error
      }).then((response) => {
        response.body.resume()
        return new Promise((resolve) => response.body.once('end', resolve).once('close', resolve))
      }),
    ])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }

  progress.done(bytes)
  if (image.size && bytes !== image.size) throw new OidError(`Copied ${bytes} bytes of ${image.name ?? image.id}, but it has ${image.size}: the download from ${source.instance} was cut short.`)
  const digest = hash.digest('hex')
  if (expected && digest !== expected) {
    throw new OidError(`The bytes read from ${source.instance} do not match the ${algo} of ${image.name ?? image.id} (${digest.slice(0, 16)}…, expected ${expected.slice(0, 16)}…).`)
  }

  return bytes
}
