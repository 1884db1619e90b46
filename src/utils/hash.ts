/** SHA-256 through Web Crypto, the one digest the service uses: ETags, edge keys, CSP hashes, revisions. */
import { toBase64, utf8Bytes } from './bytes'

export function sha256(data: string | Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', typeof data === 'string' ? utf8Bytes(data) : data)
}

/** Lowercase hex of a digest, or of its first `bytes` bytes. */
export function hex(digest: ArrayBuffer, bytes = digest.byteLength): string {
  return [...new Uint8Array(digest, 0, bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A CSP hash source (`'sha256-…'`) of an inline stylesheet or script, byte for byte as served. */
export async function hashSource(text: string): Promise<string> {
  return `'sha256-${toBase64(new Uint8Array(await sha256(text)))}'`
}
