import { Hono } from 'hono'
import type { Env } from '../env'
import { isNotModified } from '../cache/conditional'
import { ICONS, type IconPath } from '../icons/assets'
import { fromBase64 } from '../utils/bytes'

/** A week: the images change only with a deploy, and their ETag tells a new one from the old. */
const CACHE_CONTROL = 'public, max-age=604800'

const decoded = new Map<IconPath, Uint8Array<ArrayBuffer>>()

/** The image's bytes, decoded from the bundle on first use (a request for a feed never pays for them). */
function bytesOf(path: IconPath): Uint8Array<ArrayBuffer> {
  let bytes = decoded.get(path)
  if (!bytes) {
    bytes = fromBase64(ICONS[path].base64)
    decoded.set(path, bytes)
  }
  return bytes
}

/**
 * The paper's favicon, icons and logo (made by scripts/make-icons.ts), which every feed links by default
 * (ICON_URL and LOGO_URL point feeds elsewhere). Readable from any origin, like the feeds; HEAD answers
 * with GET's headers.
 */
export const iconRoutes = new Hono<{ Bindings: Env }>()
for (const path of Object.keys(ICONS) as IconPath[]) {
  const { type, etag } = ICONS[path]
  iconRoutes.get(path, (c) => {
    const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL, 'Access-Control-Allow-Origin': '*' }
    if (isNotModified(c.req.raw, etag, null)) return c.body(null, 304, headers)
    const body = bytesOf(path)
    return c.body(body, 200, { ...headers, 'Content-Type': type, 'Content-Length': String(body.byteLength) })
  })
}
