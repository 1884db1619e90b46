import type { MiddlewareHandler } from 'hono'
import { PayloadTooLarge } from '../errors/payload-too-large'
import type { ProblemError } from '../errors/problem-error'
import { concatBytes } from '../utils/bytes'
import type { AppEnv } from './context'

/**
 * The most a refused body is read past the limit before it is cancelled: Cloudflare's own cap on a
 * request body (100 MB on the Free and Pro plans), so in production every refused body is drained.
 */
const DRAIN_LIMIT = 100 * 1024 * 1024

/**
 * Reads and discards the rest of a refused body. A chunked upload left half-read (as hono/body-limit
 * leaves it) or cancelled wedges `wrangler dev`: its proxy keeps the connection to the Worker for the
 * unfinished body, and the next request hangs until its client gives up. A body nobody started reading
 * is fine, and none can be read after the answer is sent, so this runs before the 413 goes out.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let size = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > DRAIN_LIMIT) return reader.cancel()
  }
}

/**
 * 413 past `maxSize` bytes, whether the client declared a Content-Length or streamed the body (chunked);
 * `tooLarge` is the error answered, when a route names more than the byte count.
 */
export function bodyLimit(maxSize: number, tooLarge: () => ProblemError = () => new PayloadTooLarge(maxSize)): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body
    if (!body) return next()
    const declared = c.req.raw.headers.has('Transfer-Encoding') ? null : c.req.raw.headers.get('Content-Length')
    // Declared too long: refused unread, which leaves every connection sound.
    if (declared !== null) {
      if (Number(declared) <= maxSize) return next()
      throw tooLarge()
    }
    const chunks: Uint8Array[] = []
    let size = 0
    const reader = body.getReader()
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength
      if (size > maxSize) {
        await drain(reader)
        throw tooLarge()
      }
      chunks.push(read.value)
    }
    c.req.raw = new Request(c.req.raw, { body: concatBytes(chunks) })
    return next()
  }
}
