/**
 * The paging cursor: where a page ended (a KV list cursor and the last index key served) and where the
 * previous page started, so a page can link back. A cursor text is canonical and signed: its JSON in
 * one fixed form, base64url without padding, followed by 16 bytes of HMAC-SHA256 under the service's
 * CURSOR_SECRET. A text that does not verify, or that does not re-encode to itself (other base64
 * spellings of the same bytes), is refused, so one page has exactly one cursor text and one cache key.
 */
import { InvalidCursor } from '../errors/invalid-cursor'

/** A place in a feed's index. */
export interface Position {
  /** KV list cursor to list from ('' for the start of the feed). */
  c: string
  /** Last index key served: entries up to it are skipped, so a page never repeats one. */
  k: string
  /** How many keys listed from `c` are at or before `k` (0 when `c` starts after it): sizes the next list. */
  n: number
}

export interface Cursor extends Position {
  /** Position the previous page started from: null for the first page, absent when unknown. */
  p?: Position | null
}

export interface CursorCodec {
  encode(cursor: Cursor): Promise<string>
  /** Reads a cursor of the feed whose index keys start with `prefix`; throws InvalidCursor otherwise. */
  decode(text: string, prefix: string): Promise<Cursor>
}

const MAC_BYTES = 16
/** base64url characters of the MAC (16 bytes, unpadded). */
const MAC_CHARS = 22
const utf8 = new TextEncoder()

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

const position = (p: Position) => (p.n > 0 ? [p.c, p.k, p.n] : [p.c, p.k])

/** The one JSON form of a cursor: positions as arrays, `n` left out when 0, `p` when unknown. */
function canonical(cursor: Cursor): string {
  return JSON.stringify(cursor.p === undefined ? [position(cursor)] : [position(cursor), cursor.p && position(cursor.p)])
}

function positionOf(value: unknown): Position | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null
  const [c, k, n = 0] = value as unknown[]
  if (typeof c !== 'string' || typeof k !== 'string' || typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null
  return { c, k, n }
}

/** The cursor in a verified payload, or null when its shape is not one this codec writes. */
function parse(json: string): Cursor | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) return null
  const at = positionOf(value[0])
  if (!at) return null
  if (value.length === 1) return at
  const p = value[1] === null ? null : positionOf(value[1])
  return p === null && value[1] !== null ? null : { ...at, p }
}

const keys = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    keys.set(secret, key)
  }
  return key
}

async function mac(secret: string, payload: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), payload), 0, MAC_BYTES)
}

/** Constant-time comparison of two MACs of equal length. */
function sameMac(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

export function cursorCodec(secret: string): CursorCodec {
  const encode = async (cursor: Cursor) => {
    const payload = new Uint8Array(utf8.encode(canonical(cursor)))
    return toBase64Url(payload) + toBase64Url(await mac(secret, payload))
  }
  return {
    encode,
    async decode(text, prefix) {
      const payload = fromBase64Url(text.slice(0, -MAC_CHARS))
      const signature = fromBase64Url(text.slice(-MAC_CHARS))
      const valid = payload && signature && text.length > MAC_CHARS && sameMac(signature, await mac(secret, payload))
      const cursor = valid ? parse(new TextDecoder().decode(payload)) : null
      if (!cursor || (await encode(cursor)) !== text) throw new InvalidCursor('is not one this service issued')
      if (!cursor.k.startsWith(prefix) || (cursor.p && !cursor.p.k.startsWith(prefix))) throw new InvalidCursor('belongs to another feed')
      return cursor
    },
  }
}
