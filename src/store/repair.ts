/**
 * Read repair: a dead index entry a page met (its article is gone, or no longer sits at that place) is
 * deleted, so it stops costing every later page a place. Only when that is certain: KV is eventually
 * consistent, and for up to KV_SETTLE_MS after a write another location may list a new entry before it
 * can read the article the entry belongs to. So an entry younger than that, or one without the write
 * time in its metadata (written before entries had it), is only skipped; `npm run fsck` handles those.
 */
import { errorMessage } from '../utils/error-message'
import type { Listed } from './walk'

/** Runs work after the response where the runtime allows it (waitUntil); awaits it otherwise. */
export type Background = (work: Promise<unknown>) => void

export function deadEntryRepair(kv: KVNamespace, settleMs: number, background?: Background): (entries: Listed[]) => Promise<void> {
  return async (entries) => {
    const now = Date.now()
    const settled = entries.filter((e) => e.meta && now - e.meta.t >= settleMs).map((e) => e.name)
    if (settled.length === 0) return
    const work = Promise.allSettled(settled.map((name) => kv.delete(name))).then((results) => {
      const failed = results.filter((r) => r.status === 'rejected')
      console.warn(
        `read repair: removed ${settled.length - failed.length} dead index entries`,
        ...failed.map((r) => errorMessage(r.reason)),
      )
    })
    if (background) background(work)
    else await work
  }
}
