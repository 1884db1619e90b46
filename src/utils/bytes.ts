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

/** The text's length in UTF-8 bytes: what KV and HTTP limits count, not characters. */
export function utf8Length(text: string): number {
  return utf8Bytes(text).length
}

/**
 * The runtime's own base64 codec, where it has one: workerd's Uint8Array.fromBase64/toBase64 (the proposal
 * for them), else Node's Buffer (the benchmarks and tests run our modules in Node 20, which has neither);
 * each is native, where a loop over the characters in JavaScript costs several ms a MB.
 */
interface Base64Codec {
  decode(text: string): Uint8Array<ArrayBuffer>
  encode(bytes: Uint8Array): string
}
const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }
const buffer = (
  globalThis as { Buffer?: { from(data: string | Uint8Array, encoding?: 'base64'): Uint8Array & { toString(encoding: 'base64'): string } } }
).Buffer
const base64: Base64Codec | null = native.fromBase64
  ? {
      decode: (text) => (native.fromBase64 as (t: string) => Uint8Array<ArrayBuffer>)(text),
      encode: (bytes) => (bytes as unknown as { toBase64(): string }).toBase64(),
    }
  : buffer
    ? {
        decode: (text) => buffer.from(text, 'base64') as Uint8Array<ArrayBuffer>,
        encode: (bytes) => buffer.from(bytes).toString('base64'),
      }
    : null

/** Standard base64 of the bytes (a CSP hash source, a data: URL, a stored feed item). */
export function toBase64(bytes: Uint8Array): string {
  if (base64) return base64.encode(bytes)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The bytes of standard base64 text (images bundled as text, stored feed items). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return base64 ? base64.decode(text) : (Uint8Array.from(atob(text), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>)
}
