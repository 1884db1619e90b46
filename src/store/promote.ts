/**
 * Promotion: a scheduled article whose time has come moves into the index through the ordinary write
 * path (its id's lock, the same index entries, the same version bumps), which also deletes its due key.
 * Run by the cron each minute and by the first read that sees `sched:next` passed. Idempotent: an
 * index entry's key is a function of the article, so promotions racing in two places write one set.
 */
import type { Article } from '../articles/model'
import { errorMessage } from '../utils/error-message'
import { DUE_PREFIX, dueKey, parseDue, type EntryMeta } from './keys'
import type { IdLocks } from './locks'
import { readArticle } from './read'
import { recomputeNextDue } from './schedule'
import { writeArticle, type Touch } from './write'

/**
 * Most due articles one round moves. Each costs about ten KV operations (two reads, the article, its
 * entries, its due key, the versions), so a round stays far inside a Worker invocation's 1 000.
 */
const PROMOTION_ROUND = 25

export interface Promotion {
  kv: KVNamespace
  locks: IdLocks
  touch: Touch
  /** A due key whose article is gone or moved is deleted only once older than this (KV may not have settled). */
  settleMs: number
}

/** Moves one due article into the index, under its id's lock; null when the key turned out stale. */
async function promoteOne(p: Promotion, key: KVNamespaceListKey<EntryMeta>, id: string, now: number): Promise<Article | null> {
  return p.locks.run(id, async () => {
    // Read again under the lock: a write of this id since the listing wins.
    const article = await readArticle(p.kv, id)
    if (article && dueKey(article) === key.name) {
      await writeArticle(p.kv, p.touch, article)
      return article
    }
    const written = key.metadata?.t
    if (written !== undefined && now - written >= p.settleMs) await p.kv.delete(key.name)
    return null
  })
}

/**
 * One round: the articles due by `now` (at most PROMOTION_ROUND) enter their feeds, their feeds get new
 * versions, and `sched:next` is recomputed. `more` says whether due articles may be left for another round.
 */
export async function promoteRound(p: Promotion, now: number): Promise<{ promoted: Article[]; more: boolean }> {
  const listed = await p.kv.list<EntryMeta>({ prefix: DUE_PREFIX, limit: PROMOTION_ROUND })
  const due = listed.keys.flatMap((key) => {
    const parsed = parseDue(key.name)
    return parsed && parsed.at <= now ? [{ key, id: parsed.id }] : []
  })
  // One article that fails to move (KV failing for it) must not fail the feed request that promotes: it
  // stays due, sched:next keeps its time, and the next request or the cron tries again.
  const outcomes = await Promise.allSettled(due.map(({ key, id }) => promoteOne(p, key, id, now)))
  const promoted: Article[] = []
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'rejected') console.warn('promotion failed; left due', due[i]?.id, errorMessage(outcome.reason))
    else if (outcome.value) promoted.push(outcome.value)
  }
  if (promoted.length) await p.touch({ changed: promoted, indexed: promoted })
  await recomputeNextDue(p.kv)
  return { promoted, more: due.length === listed.keys.length && !listed.list_complete }
}

/** Shares one promotion among the requests of an isolate that meet the due time together. */
export interface PromotionGate {
  run(work: () => Promise<Article[]>): Promise<Article[]>
}

export function promotionGate(): PromotionGate {
  let running: Promise<Article[]> | null = null
  return {
    run(work) {
      running ??= work().finally(() => (running = null))
      return running
    },
  }
}
