/**
 * The read side: one article, and one page of a feed. A page costs one list and one bulk get whatever
 * the archive's size; the entries listed are verified against the articles they point at.
 */
import type { Article } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import { errorMessage } from '../utils/error-message'
import { InvalidCursor } from '../errors/invalid-cursor'
import { decodeCursor, encodeCursor, type Cursor } from './cursor'
import { articleKey, idOfEntry, indexKeys, indexPrefix } from './keys'
import { readStored } from './rev'

export interface FeedPage {
  items: Article[]
  /** Opaque cursor of the next page, when there is one. */
  next?: string
  /**
   * The previous page when known: `{}` is the first page (no cursor). Known for every page reached by
   * following `next` from the first; unknown (absent) on the first page and on pages reached backwards.
   */
  previous?: { cursor?: string }
}

/** Bulk reads take at most this many keys per call (KV's limit). */
export const MAX_PAGE = 100

export async function readArticle(kv: KVNamespace, id: string): Promise<Article | null> {
  const json = await kv.get(articleKey(id), 'text')
  return json === null ? null : readStored(json)
}

/** Up to `size` index entries of a feed, from a cursor's position on. */
async function listScope(kv: KVNamespace, prefix: string, size: number, from: Cursor | undefined): Promise<KVNamespaceListResult<unknown>> {
  try {
    return await kv.list({ prefix, limit: size, ...(from && { cursor: from.c }) })
  } catch (error) {
    // KV refuses a list cursor it did not issue (or one that expired): the client's fault. Any other
    // failure is the store's, answered 503, even mid-walk.
    if (from && /cursor/i.test(errorMessage(error))) throw new InvalidCursor('cursor is no longer valid')
    throw error
  }
}

/**
 * The articles the entries point at, in the entries' order, skipping entries left behind by an
 * interrupted or concurrent write: an entry must match its article as it is now, or the article would
 * show twice or at a stale position.
 */
async function verifiedArticles(kv: KVNamespace, entries: string[], prefix: string): Promise<Article[]> {
  const keys = entries.map((name) => articleKey(idOfEntry(name, prefix)))
  const found = keys.length ? await kv.get(keys, 'text') : new Map<string, string | null>()
  const items: Article[] = []
  const seen = new Set<string>()
  for (const [i, name] of entries.entries()) {
    const json = found.get(keys[i] as string)
    const article = json ? await readStored(json) : null
    if (!article || seen.has(article.id) || !indexKeys(article).includes(name)) continue
    seen.add(article.id)
    items.push(article)
  }
  return items
}

/** One page of a feed, newest first, with the cursors of the pages around it. */
export async function readPage(kv: KVNamespace, scope: FeedScope, limit: number, cursor?: string): Promise<FeedPage> {
  const size = Math.min(Math.max(1, limit), MAX_PAGE)
  const prefix = indexPrefix(scope)
  const from = cursor === undefined ? undefined : decodeCursor(cursor, prefix)
  const listed = await listScope(kv, prefix, size, from)
  const entries = listed.keys.map((k) => k.name).filter((name) => !from || name > from.k)
  const items = await verifiedArticles(kv, entries, prefix)
  const last = listed.keys.at(-1)?.name
  const previous = from?.p === undefined ? undefined : from.p === null ? {} : { cursor: encodeCursor(from.p) }
  // The next page remembers where this one started, so it can link back to it.
  const next =
    listed.list_complete || !last ? undefined : encodeCursor({ c: listed.cursor, k: last, p: from ? { c: from.c, k: from.k } : null })
  return { items, ...(next && { next }), ...(previous && { previous }) }
}
