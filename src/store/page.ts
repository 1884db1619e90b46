/**
 * One page of a feed: the index walked from the cursor's position, each entry verified against the
 * article it points at, until the page has its `limit` live articles or the index ends. Entries left
 * behind by interrupted or racing writes are skipped (and repaired: repair.ts), so they never take a
 * page's places; the page's bulk reads stay within READ_BUDGET. Usually one list and one bulk get.
 */
import type { Article } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import { MAX_PAGE, READ_BUDGET, REFILL_BOUNDS, UNKNOWN_ENTRY_BYTES } from './budgets'
import type { Cursor, CursorCodec, Position } from './cursor'
import { DUE_PREFIX, dueKey, idOfEntry, indexKeys, indexPrefix } from './keys'
import { isLimitRefusal } from './guarded-kv'
import { readArticleTexts } from './read'
import { readStored } from './rev'
import { isScheduled } from './schedule'
import { indexWalk, type IndexWalk, type Listed } from './walk'

export interface FeedPage {
  items: Article[]
  /** Opaque cursor of the next page, when there is one. */
  next?: string
  /**
   * The previous page when known: `{}` is the first page (no cursor). Known for every page reached by
   * following `next` from the first; unknown (absent) on the first page and on pages reached backwards.
   */
  previous?: { cursor?: string }
  /** The same page ending after its first `count` items, its `next` resuming right after them (a document over budget). */
  cut(count: number): Promise<FeedPage>
}

/** What reading a page needs besides KV: the cursor codec, and what to do with the dead entries it met. */
export interface PageContext {
  codec: CursorCodec
  /** Called with the dead entries a page met; may defer its work past the response. */
  repair(entries: Listed[]): Promise<void>
}

/**
 * What a listed key means for a page, given its article as stored now: served; skipped (right key, but
 * not listable yet or any more: left alone); or dead (its article is gone or sits elsewhere: repaired).
 */
type Judge = (article: Article | null, key: string, now: number) => 'serve' | 'skip' | 'dead'

/**
 * A feed's entry must match its article as it is now, or the article would show twice or at a stale
 * place. An entry of an article whose time is still ahead (stored before scheduling existed, or put back
 * by a race) is skipped, not repaired: `npm run fsck -- --fix` turns it into a due key.
 */
const feedEntry: Judge = (article, key, now) =>
  !article || !indexKeys(article).includes(key) ? 'dead' : isScheduled(article, now) ? 'skip' : 'serve'

/** A scheduled article's due key; once its time has come it is promotion's, no longer listed as scheduled. */
const scheduledEntry: Judge = (article, key, now) =>
  !article || dueKey(article) !== key ? 'dead' : isScheduled(article, now) ? 'serve' : 'skip'

const costOf = (entry: Listed) => entry.meta?.s ?? UNKNOWN_ENTRY_BYTES
const utf8 = new TextEncoder()

/**
 * The stored JSON of a chunk's articles. When KV refuses the bulk read as too large (only articles
 * stored before the size limit can make it so), the first half is read and the rest given back.
 */
async function readChunk(
  kv: KVNamespace,
  walk: IndexWalk,
  prefix: string,
  chunk: Listed[],
): Promise<{ chunk: Listed[]; texts: Array<string | null> }> {
  for (;;) {
    try {
      return {
        chunk,
        texts: await readArticleTexts(
          kv,
          chunk.map((entry) => idOfEntry(entry.name, prefix)),
        ),
      }
    } catch (error) {
      if (!isLimitRefusal(error) || chunk.length === 1) throw error
      const half = Math.ceil(chunk.length / 2)
      walk.giveBack(chunk.slice(half))
      chunk = chunk.slice(0, half)
    }
  }
}

/** Live articles in index order, with where a page ending after each resumes; the dead entries met. */
async function collect(kv: KVNamespace, walk: IndexWalk, prefix: string, size: number, judge: Judge) {
  const now = Date.now()
  const served: Array<{ article: Article; after: Position }> = []
  const dead: Listed[] = []
  let end: Position | undefined
  let budget = READ_BUDGET
  for (let reads = 0; served.length < size && budget > 0 && reads < REFILL_BOUNDS.reads; reads++) {
    // After dead entries, read a wider chunk: more of them are likely near (racing writes leave several).
    const count = Math.min(MAX_PAGE, Math.max(size - served.length, 4 * dead.length))
    let taking = 0
    const taken = await walk.take(count, (entry) => {
      // A page's first entry is always read (no article is larger than the budget): never an empty page.
      if ((served.length > 0 || taking > 0) && taking + costOf(entry) > budget) return false
      taking += costOf(entry)
      return true
    })
    if (taken.length === 0) break
    const { chunk, texts } = await readChunk(kv, walk, prefix, taken)
    for (const [i, entry] of chunk.entries()) {
      const json = texts[i] ?? null
      // Entries without metadata were guessed at; an article stored before the size limit can be far larger.
      const bytes = entry.meta?.s ?? (json === null ? 0 : utf8.encode(json).length)
      if (served.length === size || (served.length > 0 && bytes > budget)) {
        walk.giveBack(chunk.slice(i))
        break
      }
      budget -= bytes
      const article = json === null ? null : await readStored(json)
      const verdict = judge(article, entry.name, now)
      if (verdict === 'serve') served.push({ article: article as Article, after: entry.after })
      else if (verdict === 'dead') dead.push(entry)
      end = entry.after
    }
  }
  return { served, dead, end }
}

/** One page of a feed, newest first, with the cursors of the pages around it. */
export function readPage(kv: KVNamespace, context: PageContext, scope: FeedScope, limit: number, cursor?: string): Promise<FeedPage> {
  return readEntries(kv, context, indexPrefix(scope), feedEntry, limit, cursor)
}

/** One page of the scheduled articles, soonest first, paged like a feed. */
export function readScheduled(kv: KVNamespace, context: PageContext, limit: number, cursor?: string): Promise<FeedPage> {
  return readEntries(kv, context, DUE_PREFIX, scheduledEntry, limit, cursor)
}

async function readEntries(
  kv: KVNamespace,
  context: PageContext,
  prefix: string,
  judge: Judge,
  limit: number,
  cursor?: string,
): Promise<FeedPage> {
  const size = Math.min(Math.max(1, limit), MAX_PAGE)
  const from = cursor === undefined ? undefined : await context.codec.decode(cursor, prefix)
  const walk = indexWalk(kv, prefix, from)
  const { served, dead, end } = await collect(kv, walk, prefix, size, judge)
  if (dead.length) await context.repair(dead)
  // The next page remembers where this one started, so it can link back to it.
  const start: Cursor['p'] = from ? { c: from.c, k: from.k, n: from.n } : null
  const nextAt = async (after: Position | undefined) => (after ? { next: await context.codec.encode({ ...after, p: start }) } : {})
  const previous = from?.p === undefined ? undefined : from.p === null ? {} : { cursor: await context.codec.encode(from.p) }
  const page = (items: typeof served, next: { next?: string }): FeedPage => ({
    items: items.map((s) => s.article),
    ...next,
    ...(previous && { previous }),
    cut: async (count) => {
      const keep = Math.max(1, count)
      return keep >= items.length ? page(items, next) : page(items.slice(0, keep), await nextAt(items[keep - 1]?.after))
    },
  })
  return page(served, await nextAt(walk.more() ? end : undefined))
}
