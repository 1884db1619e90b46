import type { AppContext } from '../http/context'
import { isNotModified, NOT_MODIFIED_HEADERS } from './conditional'
import type { Rendered } from './document'
import { CACHE_CONTROL } from './policy'

/** The policy's max-age, but never past the next due time: a client's copy must not hide a scheduled article. */
function maxAgeOf(doc: Rendered, maxAge: number): number {
  if (doc.until === undefined) return maxAge
  return Math.min(maxAge, Math.max(0, Math.floor((doc.until - Date.now()) / 1000)))
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
    'Cache-Control': CACHE_CONTROL.document(c.var.config.cache, maxAgeOf(doc, c.var.config.cache.maxAge)),
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
