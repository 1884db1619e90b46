/** A rendered document: its bytes, encoded once, and the validators every tier and response use. */
import { concatBytes } from '../utils/bytes'
import { strongEtag } from './conditional'

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
 * UTF-8 of a document given whole or as pieces. Pieces are encoded one by one into one buffer, so a large
 * document (a feed page is ~300 KB) never has to be built as a single string first.
 */
function utf8(text: string | readonly string[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  // encode() always returns a new, unshared ArrayBuffer (Encoding standard); workers-types says ArrayBufferLike.
  if (typeof text === 'string') return encoder.encode(text) as Uint8Array<ArrayBuffer>
  return concatBytes(text.map((part) => encoder.encode(part)))
}

/** A rendered document, encoded once, with its strong ETag. */
export async function rendered(
  text: string | readonly string[],
  lastModified: Date | null,
  headers: Record<string, string> = {},
): Promise<Rendered> {
  const body = utf8(text)
  return { body, etag: await strongEtag(body), lastModified, headers }
}
