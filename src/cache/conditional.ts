/**
 * Conditional requests (RFC 9110 §13): If-None-Match wins over If-Modified-Since, and both compare
 * against validators that depend on the content only, never on the clock.
 */
import { hex, sha256 } from '../utils/hash'

/** Strong ETag of a body (its bytes as sent): a SHA-256 prefix is plenty to tell two renders apart. */
export async function strongEtag(body: Uint8Array<ArrayBuffer>): Promise<string> {
  return `"${hex(await sha256(body), 16)}"`
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '')
}

/** If-None-Match uses the weak comparison (§13.1.2): `W/"x"` matches `"x"`. */
function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const mine = opaque(etag)
  return header.split(',').some((candidate) => opaque(candidate) === mine)
}

/** True when the client's copy is current and a 304 is the answer. */
export function isNotModified(request: Request, etag: string, lastModified: Date | null): boolean {
  const inm = request.headers.get('If-None-Match')
  if (inm !== null) return etagMatches(inm, etag)
  const ims = request.headers.get('If-Modified-Since')
  if (ims === null || lastModified === null) return false
  const since = Date.parse(ims)
  // Whole seconds: HTTP dates carry no milliseconds.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
}

/**
 * Headers a 304 must repeat from the 200 it stands for (§15.4.5). Other metadata (Last-Modified, Link,
 * Content-Type) is left out as §15.4.5 advises: every response here has an ETag to update caches by.
 */
export const NOT_MODIFIED_HEADERS = ['Cache-Control', 'Content-Location', 'Date', 'ETag', 'Expires', 'Vary'] as const
