import {createHash} from 'node:crypto'
import {createReadStream, fstatSync, statSync} from 'node:fs'
import {PassThrough, Transform, type Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {OidError, UsageError} from '../errors.js'
import type {ServiceClient} from '../routing/index.js'
import {getImage, type Image} from '../services/image.js'
import {interruptible, Interrupted, memoryKeeper, Progress, streamFailure} from './progress.js'
import {fanOut} from './fan-out.js'

export interface UploadTarget {
  client: ServiceClient
  image: Image
}

export interface UploadOutcome {
  target: UploadTarget
  error?: OidError
  image?: Image
}

export interface FileDigest {
  size: number
  md5: string
  sha256: string
  sha512: string
}

/** The file to upload, checked before anything is created anywhere. */
export function checkFile(path: string): number {
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a regular file')
    return stat.size
  } catch (error) {
    throw new UsageError(`Cannot read the image file '${path}': ${(error as Error).message}.`, {hint: '--file takes the path of a disk image (qcow2, raw, …).'})
  }
}

/** What an upload reads: a file (its size known), or a stream such as piped standard input. */
export type UploadSource = string | {stream: Readable; name: string}

/**
 * OSC's get_data_file: without --file, the image data comes from standard input when it is not a
 * terminal (`image create x < disk.img`, `curl … | openstackoid image create x`). Unlike OSC, a
 * character device (/dev/null of a cron job or a CI runner, a terminal) or a closed stdin is not
 * read: only a pipe, a socket or a redirected file is, so no script makes an empty image by accident.
 */
export function pipedStdin(): Readable | undefined {
  try {
    const stat = fstatSync(0)
    if (stat.isFIFO() || stat.isFile() || stat.isSocket()) return process.stdin
  } catch {
    // stdin closed (`<&-`): no data, as OSC
  }

  return undefined
}

/**
 * Reads the file (or stream) once and streams it to every target at once (backpressure: the slowest target
 * sets the pace). A target that fails is dropped and the others go on. Each finished image is
 * checked against the hashes computed while reading.
 */
export async function uploadToAll(
  source: UploadSource,
  targets: UploadTarget[],
  options: {label?: string; signal?: AbortSignal} = {},
): Promise<{outcomes: UploadOutcome[]; digest: FileDigest; interrupted?: Error}> {
  const path = typeof source === 'string' ? source : source.name
  const label = options.label ?? `Uploading ${path}`
  const size = typeof source === 'string' ? checkFile(source) : undefined
  const md5 = createHash('md5')
  const sha256 = createHash('sha256')
  const sha512 = createHash('sha512')
  const progress = new Progress(targets.length > 1 ? `${label} to ${targets.length} instances` : label, size)
  const live = new Map<UploadTarget, PassThrough>()
  const outcomes = new Map<UploadTarget, UploadOutcome>()
  const uploads = targets.map((target) => {
    const body = new PassThrough({highWaterMark: 1 << 20})
    live.set(target, body)
    return target.client
      .stream({
        method: 'PUT',
        path: `/images/${target.image.id}/file`,
        body,
        // A stream of unknown length goes chunked, as OSC sends stdin.
        headers: {'Content-Type': 'application/octet-stream', ...(size === undefined ? {} : {'Content-Length': String(size)})},
        accept: (status) => status === 204 || status === 201 || status === 200,
      })
      .then(async (response) => {
        response.body.resume()
        await new Promise<void>((resolve, reject) => {
          response.body.once('end', resolve).once('error', reject)
          response.body.once('close', () => (response.body.readableEnded ? resolve() : reject(Object.assign(new Error('aborted'), {code: 'ECONNRESET'}))))
        })
      })
      .catch((error: unknown) => {
        live.get(target)?.destroy()
        live.delete(target)
        outcomes.set(target, {target, error: uploadError(target, path, error)})
      })
  })
  // The caller's signal (it also covers the creation of the images), else our own.
  const interrupt = options.signal ? {signal: options.signal, dispose() {}} : interruptible((signal) => new Interrupted(signal))
  const {signal} = interrupt
  let sent = 0
  const keep = memoryKeeper()
  const hashes = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk)
      sha256.update(chunk)
      sha512.update(chunk)
      sent += chunk.length
      progress.update(sent)
      keep(sent)
      callback(null, chunk)
    },
  })
  const fan = fanOut(() => [...live.values()], () => new OidError('Every upload failed.'))
  try {
    const input = typeof source === 'string' ? createReadStream(source, {highWaterMark: 1 << 20}) : source.stream
    await pipeline(input, hashes, fan, {signal}).catch((error: unknown) => {
      if (signal.aborted) throw signal.reason
      if (live.size > 0) throw error
    })
    await Promise.all(uploads)
  } catch (error) {
    // Destroyed with an error, a request body also ends its request at once (no wait for a time-out).
    const reason = error instanceof Error ? error : new Error(String(error))
    for (const body of live.values()) body.destroy(reason)
    await Promise.allSettled(uploads)
    for (const target of targets) if (!outcomes.has(target)) outcomes.set(target, {target, error: uploadError(target, path, error)})
  } finally {
    interrupt.dispose()
  }

  progress.done(sent)
  if (signal.aborted) {
    const interrupted = signal.reason instanceof Error ? signal.reason : new Interrupted('SIGINT')
    return {outcomes: targets.map((target) => outcomes.get(target) ?? {target, error: asOidError(interrupted)}), digest: {size: size ?? sent, md5: '', sha256: '', sha512: ''}, interrupted}
  }

  const digest = {size: size ?? sent, md5: md5.digest('hex'), sha256: sha256.digest('hex'), sha512: sha512.digest('hex')}
  await Promise.all(
    targets.map(async (target) => {
      if (outcomes.has(target)) return
      outcomes.set(target, await verify(target, digest))
    }),
  )
  return {outcomes: targets.map((target) => outcomes.get(target)!), digest}
}

async function verify(target: UploadTarget, digest: FileDigest): Promise<UploadOutcome> {
  const image = await getImage(target.client, target.image.id)
  if (!image) return {target, error: new OidError(`${target.client.instance}: the image disappeared during the upload.`)}
  if (image.status !== 'active') return {target, error: new OidError(`${target.client.instance}: the image is ${image.status} after the upload, not active.`)}
  if (image.checksum && image.checksum !== digest.md5) return {target, error: new OidError(`${target.client.instance}: Glance's checksum ${image.checksum} differs from the file's md5 ${digest.md5}: the upload was corrupted.`)}
  if (image.os_hash_algo === 'sha512' && image.os_hash_value && image.os_hash_value !== digest.sha512) {
    return {target, error: new OidError(`${target.client.instance}: Glance's sha512 differs from the file's: the upload was corrupted.`)}
  }

  return {target, image}
}

/** A failed upload, named: the file, the image, the instance and the service, and what the network did. */
function uploadError(target: UploadTarget, path: string, error: unknown): OidError {
  if (error instanceof UsageError || error instanceof Interrupted) return error
  const image = `${target.image.name ? `'${target.image.name}' ` : ''}(${target.image.id})`
  return new OidError(`${target.client.instance}: uploading ${path} to image ${image} in the image service of ${target.client.instance} failed: ${streamFailure(error)}.`, {cause: error})
}

function asOidError(error: unknown): OidError {
  return error instanceof OidError ? error : new OidError((error as Error)?.message ?? String(error), {cause: error})
}
