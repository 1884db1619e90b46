/**
 * Conditional requests (RFC 9110 §13): If-None-Match wins over If-Modified-Since, and both compare
 * against validators that depend on the content only, never on the clock.
 */
import { concatBytes } from '../utils/bytes'
import { hex, keptDigest, sha256 } from '../utils/hash'

/** Strong ETag of a body (its bytes as sent): a SHA-256 prefix is plenty to tell two renders apart. */
export async function strongEtag(body: Uint8Array<ArrayBuffer>): Promise<string> {
  return `"${hex(await sha256(body), 16)}"`
}

/**
 * A body assembled from parts rendered at different times: a feed page is `head`, its items (each kept
 * per article version, feeds/document.ts) with `separator` between each two, and `tail`.
 */
export interface Assembled {
  head: Uint8Array<ArrayBuffer>
  items: readonly Uint8Array<ArrayBuffer>[]
  separator: Uint8Array<ArrayBuffer>
  tail: Uint8Array<ArrayBuffer>
}

/** A length as 4 bytes, big-endian. */
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])

/**
 * Strong ETag of an assembled body without hashing its bytes again: SHA-256 over the head, the separator,
 * the items' own digests and the tail, so a page after a write hashes its channel and one new item, not
 * 350 KB. It changes if and only if the bytes do:
 * - the bytes are a function of (head, separator, items, tail), and the hashed input encodes that tuple
 *   injectively (head and separator length-prefixed, the item count, then 32 bytes an item, the tail last),
 *   so other bytes mean another tuple, another input and (SHA-256 being collision-resistant, for the
 *   items' digests too) another ETag;
 * - the composition is injective too: a feed's items are cut where only its generator writes (`<item>`,
 *   `<entry>`, the items array), so the same bytes always come from the same tuple and get the same ETag.
 */
export async function assembledEtag({ head, items, separator, tail }: Assembled): Promise<string> {
  // Each item's digest is computed once while the item cache keeps it, or came stored with it (feeds/outputs.ts).
  const itemDigests = await Promise.all(items.map(keptDigest))
  const input = concatBytes([
    u32(head.byteLength),
    head,
    u32(separator.byteLength),
    separator,
    u32(items.length),
    ...itemDigests.map((d) => new Uint8Array(d)),
    tail,
  ])
  return `"${hex(await sha256(input), 16)}"`
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
