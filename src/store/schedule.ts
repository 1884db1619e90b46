/**
 * Scheduled articles (docs/storage.md, "Scheduled articles"): an article whose publication time is still
 * ahead when it is written gets one `due:` key instead of its index entries, so no feed, page, embed or
 * registry can show it; `sched:next` holds the soonest due time, read with a feed's version in one bulk
 * get, so a feed request knows without listing anything when its caches must give way to a promotion.
 */
import type { Article } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import { DUE_PREFIX, dueKey, indexKeys, NEXT_DUE_KEY, parseDue, versionKey } from './keys'
import { withRetry } from './retry'
import { versionOf, type FeedVersion } from './versions'

/** Whether the article's time is still ahead of `now`: then it is scheduled, not published. */
export const isScheduled = (article: Pick<Article, 'published'>, now: number): boolean => Date.parse(article.published) > now

/** The keys that place an article: its index entries once its time has come, its due key before. */
export function placedKeys(article: Article, now: number): string[] {
  return isScheduled(article, now) ? [dueKey(article)] : indexKeys(article)
}

/** What decides whether a rendered feed is current: its version, and when the next scheduled article is due. */
export interface Freshness {
  version: FeedVersion | null
  /** The soonest due time (ms) of any scheduled article, null when none is scheduled. */
  due: number | null
}

/** A feed's version and the soonest due time, in one bulk read: one KV operation, as the version alone was. */
export async function readFreshness(kv: KVNamespace, scope: FeedScope): Promise<Freshness> {
  const key = versionKey(scope)
  const found = await kv.getWithMetadata<FeedVersion | number, { name?: string }>([key, NEXT_DUE_KEY], 'json')
  const version = found.get(key)
  const next = found.get(NEXT_DUE_KEY)?.value
  return {
    version: versionOf(version?.value as FeedVersion | null | undefined, version?.metadata),
    due: typeof next === 'number' ? next : null,
  }
}

/**
 * Lowers `sched:next` to `due` unless it is sooner already. KV has no compare-and-swap: a promotion
 * recomputing it at the same instant may raise it past `due`; the cron lists `due:` itself each minute.
 */
export async function noteDue(kv: KVNamespace, due: number): Promise<void> {
  const current = await kv.get<number>(NEXT_DUE_KEY, 'json')
  if (typeof current === 'number' && current <= due) return
  await withRetry(() => kv.put(NEXT_DUE_KEY, JSON.stringify(due)))
}

/** Sets `sched:next` to the soonest due key left (one list), or removes it when none is. */
export async function recomputeNextDue(kv: KVNamespace): Promise<void> {
  const { keys } = await kv.list({ prefix: DUE_PREFIX, limit: 1 })
  const first = keys[0] ? parseDue(keys[0].name) : null
  await withRetry(() => (first ? kv.put(NEXT_DUE_KEY, JSON.stringify(first.at)) : kv.delete(NEXT_DUE_KEY)))
}

/** The soonest due time among the scheduled ones of these articles, or null. */
export function soonestDue(articles: readonly Article[], now: number): number | null {
  const dues = articles.filter((a) => isScheduled(a, now)).map((a) => Date.parse(a.published))
  return dues.length ? Math.min(...dues) : null
}
