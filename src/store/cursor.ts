/**
 * The paging cursor: an opaque, URL-safe token holding where a page ended (KV's own list cursor and the
 * last index key served) and where the previous page started, so a page can link back.
 */
import { InvalidCursor } from '../errors/invalid-cursor'

/** Where a page ends. */
interface Position {
  /** KV's own list cursor. */
  c: string
  /** Last index key served, so a page never repeats one even if KV's cursor lands before it. */
  k: string
}

export interface Cursor extends Position {
  /** Position the previous page started from: null for the first page, absent when unknown. */
  p?: Position | null
}

function isPosition(value: unknown): value is Position {
  return !!value && typeof value === 'object' && typeof (value as Position).c === 'string' && typeof (value as Position).k === 'string'
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Reads a cursor of this feed (its keys carry the feed's prefix, so another feed's cursor is refused). */
export function decodeCursor(text: string, prefix: string): Cursor {
  let value: unknown
  try {
    value = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    throw new InvalidCursor('cursor is not one this service issued')
  }
  if (!isPosition(value)) throw new InvalidCursor('cursor is not one this service issued')
  const p = (value as Cursor).p
  if (p !== undefined && p !== null && !isPosition(p)) throw new InvalidCursor('cursor is not one this service issued')
  if (!value.k.startsWith(prefix) || (p && !p.k.startsWith(prefix))) throw new InvalidCursor('cursor belongs to another feed')
  return { c: value.c, k: value.k, ...(p !== undefined && { p: p && { c: p.c, k: p.k } }) }
}
