/** A rendered document: its bytes, encoded once, and the validators every tier and response use. */
import { assembledEtag, strongEtag, type Assembled } from './conditional'

/**
 * A rendered document (a feed page, the discovery page, the OPML list) with its validators: what a hot
 * request serves without touching KV. Everything here is a function of the content, never of the clock.
 */
export interface Rendered {
  /**
   * The body as UTF-8, encoded once when rendered: the ETag hashes these bytes and every response sends
   * them as they are, so a hot request copies bytes instead of encoding a few hundred KB of text.
   */
  body: Uint8Array<ArrayBuffer>
  etag: string
  /** Time of the last write to what the document shows; null when nothing was ever written. */
  lastModified: Date | null
  /** Further headers that belong to the document, e.g. the HTTP Link header of a feed page. */
  headers: Record<string, string>
}

/**
 * A rendered document with its strong ETag: text (encoded once), bytes, or a feed page assembled from its
 * channel and kept items (feeds/document.ts), whose ETag is hashed from the items' own digests.
 */
export async function rendered(
  document: string | Uint8Array<ArrayBuffer> | (Assembled & { body: Uint8Array<ArrayBuffer> }),
  lastModified: Date | null,
  headers: Record<string, string> = {},
): Promise<Rendered> {
  if (typeof document !== 'string' && !(document instanceof Uint8Array)) {
    return { body: document.body, etag: await assembledEtag(document), lastModified, headers }
  }
  // encode() always returns a new, unshared ArrayBuffer (Encoding standard); workers-types says ArrayBufferLike.
  const body = typeof document === 'string' ? (new TextEncoder().encode(document) as Uint8Array<ArrayBuffer>) : document
  return { body, etag: await strongEtag(body), lastModified, headers }
}
