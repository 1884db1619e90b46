import { repeatedIdIssue, repeatedIds } from './batch'
import type { Article, Section } from './model'
import { scopesOf, type FeedScope } from './scope'

/**
 * The KV layout (docs/storage.md explains why):
 *   art:<id>                         the article, one JSON value — a write of it is atomic
 *   idx:all:<sort>                   one empty key per article and feed it belongs to; list() walks
 *   idx:sec:<section>:<sort>           them newest first because <sort> inverts the publication time
 *   idx:aut:<author>:<sort>
 *   ver:all | ver:sec:<s> | ver:aut:<a>  a fresh token per write to that feed (render cache validator);
 *                                      sec/aut keys carry the display name as metadata and double as
 *                                      the registry of sections and authors
 * No key is shared between two articles, so concurrent writes never drop one another.
 */

/** Milliseconds are inverted against this bound so that list()'s ascending order is newest first. */
const SORT_BOUND = 9_000_000_000_000_000
const SORT_WIDTH = 16

export function sortKey(article: Pick<Article, 'id' | 'published'>): string {
  const inverted = SORT_BOUND - Date.parse(article.published)
  return `${String(inverted).padStart(SORT_WIDTH, '0')}:${article.id}`
}

function scopePrefix(scope: FeedScope): string {
  return scope.kind === 'all' ? 'idx:all:' : `idx:${scope.kind === 'section' ? 'sec' : 'aut'}:${scope.slug}:`
}

function versionKey(scope: FeedScope): string {
  return scope.kind === 'all' ? 'ver:all' : `ver:${scope.kind === 'section' ? 'sec' : 'aut'}:${scope.slug}`
}

function indexKeys(article: Article): string[] {
  const sort = sortKey(article)
  return scopesOf(article).map((scope) => scopePrefix(scope) + sort)
}

/** The key of an article's JSON value. */
export const articleKey = (id: string) => `art:${id}`

/** The validator of one feed: changes on every write that touches the feed. */
export interface FeedVersion {
  token: string
  /** ISO instant of that write; the feed's Last-Modified. */
  at: string
  /** Display name of the section or author (absent for the site-wide feed). */
  name?: string
}

type WriteListener = () => void
const writeListeners = new Set<WriteListener>()

/**
 * Called after every write this isolate makes, so in-memory caches drop at once rather than at their
 * next revalidation against KV (writes from elsewhere are seen at that revalidation).
 */
export function onLocalWrite(listener: WriteListener): void {
  writeListeners.add(listener)
}

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

export class CursorError extends Error {}

/** Where a page ends. */
interface Position {
  /** KV's own list cursor. */
  c: string
  /** Last index key served, so a page never repeats one even if KV's cursor lands before it. */
  k: string
}

interface Cursor extends Position {
  /** Position the previous page started from: null for the first page, absent when unknown. */
  p?: Position | null
}

function isPosition(value: unknown): value is Position {
  return !!value && typeof value === 'object' && typeof (value as Position).c === 'string' && typeof (value as Position).k === 'string'
}

function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Reads a cursor of this feed (its keys carry the feed's prefix, so another feed's cursor is refused). */
function decodeCursor(text: string, prefix: string): Cursor {
  let value: unknown
  try {
    value = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    throw new CursorError('cursor is not one this service issued')
  }
  if (!isPosition(value)) throw new CursorError('cursor is not one this service issued')
  const p = (value as Cursor).p
  if (p !== undefined && p !== null && !isPosition(p)) throw new CursorError('cursor is not one this service issued')
  if (!value.k.startsWith(prefix) || (p && !p.k.startsWith(prefix))) throw new CursorError('cursor belongs to another feed')
  return { c: value.c, k: value.k, ...(p !== undefined && { p: p && { c: p.c, k: p.k } }) }
}

export interface PutResult {
  created: boolean
  previous: Article | null
}

export type PutManyResult = PutResult | { error: unknown }

/**
 * Retries a KV write that failed, e.g. with 429 when a feed's version key is written again within
 * the second KV allows per key. Bounded: the last failure is thrown.
 */
async function withRetry(write: () => Promise<void>, attempts = 3, delayMs = 1_100): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt))
    }
  }
}

/**
 * Like Promise.all, but waits for every call to settle before throwing the first failure: an undo
 * must not run while sibling writes are still in flight, or they would land after it.
 */
async function settleAll(calls: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(calls)).find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

export interface ArticleStore {
  get(id: string): Promise<Article | null>
  /** Creates or replaces; the article and its index entries land together or the write throws. */
  put(article: Article): Promise<PutResult>
  /**
   * Writes each article as `put` does, independently (one failure does not stop the others), then
   * bumps each affected feed's version once: KV takes one write a second per key, so a batch that
   * touched `ver:all` once per article would be throttled. A repeated id fails after its first.
   */
  putMany(articles: Article[], concurrency?: number): Promise<PutManyResult[]>
  /** Returns the deleted article, or null when there was none. */
  delete(id: string): Promise<Article | null>
  page(scope: FeedScope, limit: number, cursor?: string): Promise<FeedPage>
  version(scope: FeedScope): Promise<FeedVersion | null>
  /** Sections and authors that have (or had) articles, with display names. */
  registry(kind: 'section' | 'author'): Promise<Section[]>
}

export function articleStore(kv: KVNamespace): ArticleStore {
  async function touch(scopes: FeedScope[], at: string): Promise<void> {
    await Promise.all(
      scopes.map((scope) => {
        const value: FeedVersion = { token: crypto.randomUUID(), at }
        // Percent-encoded: metadata travels in an HTTP header in local KV, which wants ASCII.
        const metadata = scope.kind === 'all' ? undefined : { name: encodeURIComponent(scope.name) }
        return withRetry(() => kv.put(versionKey(scope), JSON.stringify(value), metadata ? { metadata } : {}))
      }),
    ).finally(() => {
      for (const listener of writeListeners) listener()
    })
  }

  /**
   * After a failed write: puts back the previous article (or removes the new one) with exactly its index
   * entries, so KV holds the old state again. Best effort, since the store itself is failing; readers
   * verify entries against the article in any case. Then the touched feeds get new tokens, because a
   * render made between the failed write and its undoing may have seen part of it.
   */
  async function undo(article: Article, previous: Article | null): Promise<void> {
    const old = previous ? indexKeys(previous) : []
    await Promise.allSettled([
      ...indexKeys(article).filter((k) => !old.includes(k)).map((k) => kv.delete(k)),
      ...old.map((k) => kv.put(k, '')),
      // KV takes one write a second per key, and this key may just have been written.
      withRetry(() => (previous ? kv.put(articleKey(article.id), JSON.stringify(previous)) : kv.delete(articleKey(article.id)))),
    ])
    await touch(uniqueScopes(previous ? [previous, article] : [article]), new Date().toISOString()).catch(() => undefined)
  }

  function uniqueScopes(articles: Article[]): FeedScope[] {
    const byKey = new Map<string, FeedScope>()
    for (const a of articles) for (const s of scopesOf(a)) byKey.set(versionKey(s), s)
    return [...byKey.values()]
  }

  /** Writes the article and its index entries, without touching feed versions. */
  async function write(article: Article): Promise<PutResult> {
    const previous = await store.get(article.id)
    const fresh = indexKeys(article)
    const stale = previous ? indexKeys(previous).filter((k) => !fresh.includes(k)) : []
    try {
      // Article first: an index entry must never point at nothing (readers also skip such entries).
      await kv.put(articleKey(article.id), JSON.stringify(article))
      await settleAll(fresh.map((k) => kv.put(k, '')))
      // Inside the try: a leftover entry would take a place in every list() of its feed for good.
      await settleAll(stale.map((k) => kv.delete(k)))
    } catch (error) {
      await undo(article, previous)
      throw error
    }
    if (stale.length) await restoreEntriesOfWinner(article.id, stale)
    return { created: previous === null, previous }
  }

  /**
   * Two writes of one id at once: if the other one won (its article is stored now) and sits where this
   * one's previous version sat, the stale entries just deleted are the winner's, and it would vanish
   * from those feeds. KV has no compare-and-swap, so look again and put back what belongs to the winner.
   * Costs one read per write that moved an article; best effort, the write itself has succeeded.
   */
  async function restoreEntriesOfWinner(id: string, deleted: string[]): Promise<void> {
    try {
      const current = await store.get(id)
      await settleAll((current ? indexKeys(current) : []).filter((k) => deleted.includes(k)).map((k) => kv.put(k, '')))
    } catch (error) {
      console.warn('could not re-check index entries after a move', id, error instanceof Error ? error.message : String(error))
    }
  }

  const store: ArticleStore = {
    async get(id) {
      return kv.get<Article>(articleKey(id), 'json')
    },

    async put(article) {
      const result = await write(article)
      await touch(uniqueScopes(result.previous ? [result.previous, article] : [article]), new Date().toISOString())
      return result
    },

    async putMany(articles, concurrency = 8) {
      const results: PutManyResult[] = new Array(articles.length)
      const repeats = repeatedIds(articles.map((a) => a.id))
      let next = 0
      const worker = async () => {
        while (next < articles.length) {
          const i = next++
          const article = articles[i] as Article
          const earlier = repeats.get(i)
          if (earlier !== undefined) {
            results[i] = { error: new Error(`${article.id}: ${repeatedIdIssue(earlier).reason}`) }
            continue
          }
          try {
            results[i] = await write(article)
          } catch (error) {
            results[i] = { error }
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, articles.length) }, worker))
      const touched = results.flatMap((r, i) => ('error' in r ? [] : r.previous ? [r.previous, articles[i] as Article] : [articles[i] as Article]))
      if (touched.length) await touch(uniqueScopes(touched), new Date().toISOString())
      return results
    },

    async delete(id) {
      const previous = await store.get(id)
      if (!previous) return null
      try {
        // Index first: an article without index entries is invisible, never a broken feed.
        await settleAll(indexKeys(previous).map((k) => kv.delete(k)))
        await kv.delete(articleKey(id))
      } catch (error) {
        // Not half deleted (in some feeds, not others): put the article back whole.
        await undo(previous, previous)
        throw error
      }
      await touch(uniqueScopes([previous]), new Date().toISOString())
      return previous
    },

    async page(scope, limit, cursor) {
      const size = Math.min(Math.max(1, limit), MAX_PAGE)
      const prefix = scopePrefix(scope)
      const from = cursor === undefined ? undefined : decodeCursor(cursor, prefix)
      let listed: KVNamespaceListResult<unknown>
      try {
        listed = await kv.list({ prefix, limit: size, ...(from && { cursor: from.c }) })
      } catch (error) {
        // KV refuses a list cursor it did not issue (or one that expired): the client's fault. Any other
        // failure is the store's, answered 503, even mid-walk.
        if (from && /cursor/i.test(error instanceof Error ? error.message : String(error))) throw new CursorError('cursor is no longer valid')
        throw error
      }
      const keys = listed.keys.map((k) => k.name).filter((name) => !from || name > from.k)
      const ids = keys.map((name) => name.slice(name.indexOf(':', prefix.length) + 1))
      const found = ids.length ? await kv.get<Article>(ids.map(articleKey), 'json') : new Map<string, Article | null>()
      const items: Article[] = []
      const seen = new Set<string>()
      keys.forEach((name, i) => {
        const article = found.get(articleKey(ids[i] as string))
        // Skip entries left behind by an interrupted or concurrent write: the entry must match the
        // article as it is now, or the article would show twice or at a stale position.
        if (!article || seen.has(article.id) || !indexKeys(article).includes(name)) return
        seen.add(article.id)
        items.push(article)
      })
      const last = listed.keys.at(-1)?.name
      const previous = from?.p === undefined ? undefined : from.p === null ? {} : { cursor: encodeCursor(from.p) }
      // The next page remembers where this one started, so it can link back to it.
      const next = listed.list_complete || !last ? undefined : encodeCursor({ c: listed.cursor, k: last, p: from ? { c: from.c, k: from.k } : null })
      return { items, ...(next && { next }), ...(previous && { previous }) }
    },

    async version(scope) {
      const { value, metadata } = await kv.getWithMetadata<FeedVersion, { name?: string }>(versionKey(scope), 'json')
      if (!value) return null
      return metadata?.name ? { ...value, name: decodeURIComponent(metadata.name) } : value
    },

    async registry(kind) {
      const prefix = kind === 'section' ? 'ver:sec:' : 'ver:aut:'
      const out: Section[] = []
      let cursor: string | undefined
      do {
        const listed = await kv.list<{ name?: string }>({ prefix, ...(cursor && { cursor }) })
        for (const k of listed.keys) out.push({ slug: k.name.slice(prefix.length), name: decodeURIComponent(k.metadata?.name ?? k.name.slice(prefix.length)) })
        cursor = listed.list_complete ? undefined : listed.cursor
      } while (cursor)
      return out
    },
  }
  return store
}
