/**
 * The article store over one KV namespace: the only code that knows the KV layout (keys.ts). Reads
 * (read.ts), writes (write.ts) and feed versions (versions.ts) are plain functions of the namespace;
 * this module puts them together, bumps each touched feed's version once per call, and tells its
 * `onWrite` listener about every write it makes.
 */
import { repeatedIdIssue, repeatedIds } from '../articles/batch'
import type { Article, Section } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import { DEFAULT_CACHE_POLICY } from '../config/cache'
import { DEVELOPMENT_CURSOR_SECRET } from '../config'
import { mapPool } from '../utils/pool'
import { cursorCodec } from './cursor'
import { idLocks, type IdLocks } from './locks'
import { readPage, readScheduled, type FeedPage } from './page'
import { promoteRound, promotionGate, type PromotionGate } from './promote'
import { readArticle } from './read'
import { deadEntryRepair, type Background } from './repair'
import { isScheduled, noteDue, readFreshness, soonestDue, type Freshness } from './schedule'
import { feedsOf, readRegistry, readVersion, touchFeeds, type FeedVersion } from './versions'
import { deleteArticle, writeArticle, type PutResult, type Touch } from './write'

export type PutManyResult = PutResult | { error: unknown }

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
  /**
   * The feed's version and the next due time, in one KV read; when a scheduled article is due by now,
   * promotes first (one round) and reads again, so the answer already counts the promoted articles.
   */
  freshness(scope: FeedScope): Promise<Freshness>
  /** Moves scheduled articles whose time has come into their feeds, at most `rounds` rounds; returns them. */
  promote(rounds?: number): Promise<Article[]>
  /** Articles by status, paged: published newest first (the site feed's index), scheduled soonest first. */
  list(status: ArticleStatus, limit: number, cursor?: string): Promise<FeedPage>
  /** Sections and authors that have (or had) articles, with display names. */
  registry(kind: 'section' | 'author'): Promise<Section[]>
}

export type ArticleStatus = 'published' | 'scheduled'

export interface StoreOptions {
  /**
   * Called after every write this store makes (and after an undone one), so in-memory caches of this
   * isolate drop at once rather than at their next revalidation against KV.
   */
  onWrite?: () => void
  /**
   * Serialises writes and deletes of one id. Pass one instance for the whole isolate (the app does), so
   * that concurrent requests writing one id take turns; by default each store has its own.
   */
  locks?: IdLocks
  /** Key of the paging cursors' signatures (CURSOR_SECRET); the development default otherwise. */
  cursorSecret?: string
  /** Dead index entries younger than this (ms) are skipped but not removed: KV may not have settled. */
  settleMs?: number
  /** Where read repairs run (the request's waitUntil); awaited before the page returns by default. */
  background?: Background
  /** Shares promotions among this isolate's requests (pass one for the whole isolate, as with `locks`). */
  promotions?: PromotionGate
  /** Called with the articles a promotion moved into their feeds (the app pings the WebSub hub). */
  onPromote?: (articles: Article[]) => void
}

/** The old and the new version of each written article. */
function touchedBy(articles: readonly Article[], results: readonly PutManyResult[]): Article[] {
  return results.flatMap((r, i) => ('error' in r ? [] : r.previous ? [r.previous, articles[i] as Article] : [articles[i] as Article]))
}

export function articleStore(kv: KVNamespace, options: StoreOptions = {}): ArticleStore {
  // A scheduled version is in no feed: its feeds (and their registry entries) change only at its promotion.
  const touch: Touch = (articles) =>
    touchFeeds(kv, feedsOf(articles.filter((a) => !isScheduled(a, Date.now()))), new Date().toISOString()).finally(() => options.onWrite?.())
  /** Bumps what the written articles touched, and lowers `sched:next` to the soonest of those scheduled. */
  const settle = async (written: readonly Article[], touched: readonly Article[]) => {
    if (touched.length) await touch(touched)
    const due = soonestDue(written, Date.now())
    if (due !== null) await noteDue(kv, due)
  }
  const locks = options.locks ?? idLocks()
  const write = (article: Article) => locks.run(article.id, () => writeArticle(kv, touch, article))
  const paging = {
    codec: cursorCodec(options.cursorSecret ?? DEVELOPMENT_CURSOR_SECRET),
    repair: deadEntryRepair(kv, options.settleMs ?? DEFAULT_CACHE_POLICY.settleMs, options.background),
  }
  const promotion = { kv, locks, touch, settleMs: options.settleMs ?? DEFAULT_CACHE_POLICY.settleMs }
  const gate = options.promotions ?? promotionGate()
  const promote = (rounds = 1) =>
    gate.run(async () => {
      const promoted: Article[] = []
      for (let round = 0; round < rounds; round++) {
        const { promoted: moved, more } = await promoteRound(promotion, Date.now())
        promoted.push(...moved)
        if (!more) break
      }
      if (promoted.length) options.onPromote?.(promoted)
      return promoted
    })
  const dueNow = (read: Freshness) => read.due !== null && read.due <= Date.now()

  return {
    get: (id) => readArticle(kv, id),

    async put(article) {
      const result = await write(article)
      await settle([article], touchedBy([article], [result]))
      return result
    },

    async putMany(articles, concurrency = 8) {
      const repeats = repeatedIds(articles.map((a) => a.id))
      const results = await mapPool(articles, concurrency, async (article, i): Promise<PutManyResult> => {
        const earlier = repeats.get(i)
        if (earlier !== undefined) return { error: new Error(`${article.id}: ${repeatedIdIssue(earlier).reason}`) }
        try {
          return await write(article)
        } catch (error) {
          return { error }
        }
      })
      await settle(
        articles.filter((_, i) => !('error' in (results[i] as PutManyResult))),
        touchedBy(articles, results),
      )
      return results
    },

    async delete(id) {
      const deleted = await locks.run(id, () => deleteArticle(kv, touch, id))
      if (deleted) await touch([deleted])
      return deleted
    },

    page: (scope, limit, cursor) => readPage(kv, paging, scope, limit, cursor),
    version: (scope) => readVersion(kv, scope),
    async freshness(scope) {
      const read = await readFreshness(kv, scope)
      if (!dueNow(read)) return read
      await promote()
      return readFreshness(kv, scope)
    },
    promote,
    async list(status, limit, cursor) {
      if (dueNow(await readFreshness(kv, { kind: 'all' }))) await promote()
      return status === 'scheduled' ? readScheduled(kv, paging, limit, cursor) : readPage(kv, paging, { kind: 'all' }, limit, cursor)
    },
    registry: (kind) => readRegistry(kv, kind),
  }
}
