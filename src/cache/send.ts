import type { AppContext } from '../http/context'
import { isNotModified, NOT_MODIFIED_HEADERS } from './conditional'
import type { Rendered } from './document'
import { CACHE_CONTROL } from './policy'

/**
 * Answers with the document, or with 304 when the client's copy is current (RFC 9110 §13.2.2). The 304
 * carries only the fields §15.4.5 asks a 304 to repeat (and CORS, added by its middleware), no body.
 */
export function sendRendered(c: AppContext, doc: Rendered, contentType: string, headers: Record<string, string> = {}): Response {
  const all: Record<string, string> = {
    'Content-Type': contentType,
    ETag: doc.etag,
    ...(doc.lastModified && { 'Last-Modified': doc.lastModified.toUTCString() }),
    'Cache-Control': CACHE_CONTROL.document(c.var.config.cache),
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
