import {Writable, type PassThrough} from 'node:stream'

/**
 * A Writable that copies every chunk into each live body (backpressure: the slowest target sets
 * the pace). `bodies()` is asked at each chunk, so a target that failed and was dropped stops
 * receiving; when none is left, the pipeline fails with `none()`.
 */
export function fanOut(bodies: () => PassThrough[], none: () => Error): Writable {
  return new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      const live = bodies()
      if (live.length === 0) {
        callback(none())
        return
      }

      const waits: Promise<void>[] = []
      for (const body of live) if (!body.write(chunk)) waits.push(drained(body))
      Promise.all(waits).then(() => callback(), callback)
    },
    final(callback) {
      for (const body of bodies()) body.end()
      callback()
    },
  })
}

/** Resolves on 'drain' or 'close', whichever comes first, and leaves no listener behind. */
export function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.removeListener('drain', done)
      stream.removeListener('close', done)
      resolve()
    }

    stream.once('drain', done)
    stream.once('close', done)
  })
}
