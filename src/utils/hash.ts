/** SHA-256 through Web Crypto, the one digest the service uses: ETags, edge keys, CSP hashes, revisions. */
import { toBase64, utf8Bytes } from './bytes'

export function sha256(data: string | Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', typeof data === 'string' ? utf8Bytes(data) : data)
}

/** Digests of byte arrays that are kept and hashed again (a feed page's items), while the arrays live. */
const remembered = new WeakMap<Uint8Array, ArrayBuffer>()

/** The SHA-256 of bytes that are kept: computed once, or as told by rememberDigest. */
export async function keptDigest(bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  let digest = remembered.get(bytes)
  if (!digest) {
    digest = await sha256(bytes)
    remembered.set(bytes, digest)
  }
  return digest
}

/** Tells keptDigest the digest of these bytes, known already (stored with them). */
export function rememberDigest(bytes: Uint8Array, digest: ArrayBuffer): void {
  remembered.set(bytes, digest)
}

/** Lowercase hex of a digest, or of its first `bytes` bytes. */
export function hex(digest: ArrayBuffer, bytes = digest.byteLength): string {
  return [...new Uint8Array(digest, 0, bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The digest a lowercase hex string spells; null when it spells none of `bytes` bytes. */
export function fromHex(text: string, bytes = 32): ArrayBuffer | null {
  if (text.length !== 2 * bytes || !/^[0-9a-f]*$/.test(text)) return null
  // '0'–'9' are 48–57, 'a'–'f' 97–102.
  const nibble = (at: number) => {
    const code = text.charCodeAt(at)
    return code <= 57 ? code - 48 : code - 87
  }
  const digest = new Uint8Array(bytes)
  for (let i = 0; i < bytes; i++) digest[i] = (nibble(2 * i) << 4) | nibble(2 * i + 1)
  return digest.buffer
}

/** A CSP hash source (`'sha256-…'`) of an inline stylesheet or script, byte for byte as served. */
export async function hashSource(text: string): Promise<string> {
  return `'sha256-${toBase64(new Uint8Array(await sha256(text)))}'`
}
