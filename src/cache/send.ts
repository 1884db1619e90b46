import type { CachePolicy } from '../config/cache'
import type { AppContext } from '../http/context'
import { isNotModified, NOT_MODIFIED_HEADERS } from './conditional'
import type { Rendered } from './document'

const STALE_IF_ERROR = 86_400

/** The Cache-Control of every feed and discovery response. */
function cacheControl(policy: CachePolicy): string {
  // stale-if-error (RFC 5861): a cache may keep serving a feed for a day while this origin fails.
  return `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR}`
}

/**
 * Answers with the document, or with 304 when the client's copy is current (RFC 9110 §13.2.2). The 304
 * carries only the fields §15.4.5 asks a 304 to repeat (and CORS, added by its middleware), no body.
 */
export function sendRendered(c: AppContext, doc: Rendered, contentType: string, headers: Record<string, string> = {}): Response {
  const all: Record<string, string> = {
    'Content-Type': contentType,
    ETag: doc.etag,
    ...(doc.lastModified && { 'Last-Modified': doc.lastModified.toUTCString() }),
    'Cache-Control': cacheControl(c.var.config.cache),
    Date: new Date().toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    ...doc.headers,
    ...headers,
  }
  if (isNotModified(c.req.raw, doc.etag, doc.lastModified)) {
    const kept = Object.entries(all).filter(([name]) => (NOT_MODIFIED_HEADERS as readonly string[]).includes(name))
    return c.body(null, 304, Object.fromEntries(kept))
  }
  return c.body(doc.body, 200, all)
}
