/**
 * The write side: an article and its index entries land together or not at all. KV has no
 * transactions, so a failed write is undone, and a write that raced another one of the same id puts
 * back the entries of the winner. Feed versions are bumped by the caller (see store.ts), once per call.
 */
import type { Article } from '../articles/model'
import type { OutputRenderer } from '../articles/output'
import { errorMessage } from '../utils/error-message'
import { articleKey, dueKey, indexKeys, storedForm } from './keys'
import { readArticle } from './read'
import type { IndexChange } from './registry'
import { deleteOutputs, writeOutputs } from './outputs'
import { settleAll, withRetry } from './retry'
import { stampRev } from './rev'
import { placedKeys } from './schedule'

export interface PutResult {
  created: boolean
  previous: Article | null
}

/** Brings the feeds of the changed articles up to date (registry.ts) and tells the store's listener. */
export type Touch = (change: IndexChange) => Promise<void>

/**
 * Decides, inside the id's lock and against the version stored there, whether a write may replace it;
 * throws to refuse (e.g. an id derived from a title that already belongs to a different article).
 */
export type WriteGuard = (previous: Article | null) => void

export interface WriteOptions {
  guard?: WriteGuard | undefined
  /** Renders the version's outputs to store beside it (outputs.ts); a promotion, whose content is unchanged, keeps those it has. */
  outputs?: OutputRenderer | undefined
}

/** Puts the keys that place the article (index entries, or its due key: schedule.ts), each with its metadata. */
function putEntries(
  kv: KVNamespace,
  article: Article,
  keys = placedKeys(article, Date.now()),
  meta = storedForm(article).meta,
): Array<Promise<void>> {
  return keys.map((k) => kv.put(k, '', { metadata: meta }))
}

/**
 * After a failed write: puts back the previous article (or removes the new one) with exactly its index
 * entries, so KV holds the old state again. Best effort, since the store itself is failing; readers
 * verify entries against the article in any case. Then the touched feeds get new tokens, because a
 * render made between the failed write and its undoing may have seen part of it.
 */
async function undoWrite(kv: KVNamespace, touch: Touch, article: Article, previous: Article | null): Promise<void> {
  const now = Date.now()
  const old = previous ? placedKeys(previous, now) : []
  await Promise.allSettled([
    ...placedKeys(article, now)
      .filter((k) => !old.includes(k))
      .map((k) => kv.delete(k)),
    ...(previous ? putEntries(kv, previous) : []),
    // KV takes one write a second per key, and this key may just have been written.
    withRetry(() => (previous ? kv.put(articleKey(article.id), JSON.stringify(previous)) : kv.delete(articleKey(article.id)))),
  ])
  await touch({ changed: previous ? [previous, article] : [article], indexed: previous ? [previous] : [] }).catch(() => undefined)
}

/**
 * Two writes of one id at once: if the other one won (its article is stored now) and sits where this
 * one's previous version sat, the stale entries just deleted are the winner's, and it would vanish
 * from those feeds. KV has no compare-and-swap, so look again and put back what belongs to the winner.
 * Costs one read per write that moved an article; best effort, the write itself has succeeded.
 */
async function restoreEntriesOfWinner(kv: KVNamespace, id: string, deleted: string[]): Promise<void> {
  try {
    const current = await readArticle(kv, id)
    if (current)
      await settleAll(
        putEntries(
          kv,
          current,
          placedKeys(current, Date.now()).filter((k) => deleted.includes(k)),
        ),
      )
  } catch (error) {
    console.warn('could not re-check index entries after a move', id, errorMessage(error))
  }
}

/** Writes the article (stamped with its rev), its index entries and its outputs, without touching feed versions. */
export async function writeArticle(
  kv: KVNamespace,
  touch: Touch,
  article: Article,
  { guard, outputs }: WriteOptions = {},
): Promise<PutResult> {
  const previous = await readArticle(kv, article.id)
  guard?.(previous)
  await stampRev(article)
  const fresh = placedKeys(article, Date.now())
  const stale = previous ? indexKeys(previous).filter((k) => !fresh.includes(k)) : []
  // Its due key too, in case it was scheduled: a rescheduled or early-published article leaves none behind.
  const staleDue = previous && !fresh.includes(dueKey(previous)) ? [dueKey(previous)] : []
  try {
    // Article first: an index entry must never point at nothing (readers also skip such entries).
    // Serialized once: the article's JSON and the size its entries carry come from the same bytes.
    const stored = storedForm(article)
    await kv.put(articleKey(article.id), stored.json)
    await settleAll(putEntries(kv, article, fresh, stored.meta))
    // Inside the try: a leftover entry would take a place in every list() of its feed for good.
    await settleAll([...stale, ...staleDue].map((k) => kv.delete(k)))
  } catch (error) {
    await undoWrite(kv, touch, article, previous)
    throw error
  }
  if (stale.length) await restoreEntriesOfWinner(kv, article.id, stale)
  if (outputs) await writeOutputs(kv, article, outputs)
  return { created: previous === null, previous }
}

/**
 * Removes the article and its index entries, or leaves it whole; returns it, or null when there was none.
 * Its outputs go last, best effort: without the article no reader asks for them.
 */
export async function deleteArticle(kv: KVNamespace, touch: Touch, id: string, outputs?: OutputRenderer): Promise<Article | null> {
  const previous = await readArticle(kv, id)
  if (!previous) return null
  try {
    // Index first: an article without index entries is invisible, never a broken feed.
    await settleAll([...indexKeys(previous), dueKey(previous)].map((k) => kv.delete(k)))
    await kv.delete(articleKey(id))
  } catch (error) {
    // Not half deleted (in some feeds, not others): put the article back whole.
    await undoWrite(kv, touch, previous, previous)
    throw error
  }
  await Promise.allSettled(deleteOutputs(kv, outputs, id))
  return previous
}
