/** One buffer holding `chunks` in order (the parts of a document, or of a request body read in pieces). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

const utf8 = new TextEncoder()

/** The text's UTF-8 bytes. */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(text) as Uint8Array<ArrayBuffer>
}

/** Where utf8Each encodes before copying out; grown as needed. */
let scratch = new Uint8Array(64 * 1024)

/**
 * Each text's UTF-8 bytes, encoded in one pass into one buffer that each result is a view of: a few times
 * faster than encoding each text on its own, which sizes and allocates a buffer per call.
 */
export function utf8Each(texts: readonly string[]): Uint8Array<ArrayBuffer>[] {
  // A UTF-16 code unit takes at most 3 bytes.
  const bound = texts.reduce((sum, text) => sum + 3 * text.length, 0)
  if (scratch.byteLength < bound) scratch = new Uint8Array(Math.max(bound, 2 * scratch.byteLength))
  const ends: number[] = []
  let at = 0
  for (const text of texts) ends.push((at += utf8.encodeInto(text, scratch.subarray(at)).written))
  const all = scratch.slice(0, at)
  return ends.map((end, i) => all.subarray(i ? (ends[i - 1] as number) : 0, end))
}

/** The text's length in UTF-8 bytes: what KV and HTTP limits count, not characters. */
export function utf8Length(text: string): number {
  return utf8Bytes(text).length
}

/** Standard base64 of the bytes (a CSP hash source, a data: URL). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The bytes of standard base64 text (images bundled as text). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>
}
