/**
 * `POST /api/articles`: every element is validated on its own, the valid ones are written (each whole
 * or not at all), and the answer lists each element's fate in order (the contract: src/articles/batch.ts).
 * 200 when at least one was stored, since the request as such succeeded; otherwise BatchNotStored:
 * 400 when every element was invalid, 503 with Retry-After when the store failed for some.
 */
import { batchBudgetIssue, batchSummary, repeatedIdIssue, repeatedIds, type BatchItemResult, type BatchSummary } from '../articles/batch'
import { derivedIdGuard, keepLegacyIds } from '../articles/ids'
import type { Article } from '../articles/model'
import { buildArticle } from '../articles/schema'
import { BatchNotStored } from '../errors/batch-not-stored'
import { BatchOverBudget } from '../errors/batch-over-budget'
import { BatchTooLarge } from '../errors/batch-too-large'
import { IdTaken } from '../errors/id-taken'
import { StorageLimitExceeded } from '../errors/storage-limit'
import { RETRY_AFTER_SECONDS } from '../errors/storage-unavailable'
import { buildContext, type AppContext } from '../http/context'
import { errorMessage } from '../utils/error-message'
import { announceChanges } from '../websub/publish'

interface Pending {
  index: number
  article: Article
  legacyId?: string
  /** Its id was derived from its title: it must not replace a different article (ids.ts). */
  derivedId: boolean
}

/** Each element built and checked, in order; the valid ones (each id once) are pending a write. */
function buildBatch(c: AppContext, elements: unknown[]): { results: BatchItemResult[]; pending: Pending[] } {
  const built = elements.map((element) => buildArticle(element, buildContext(c)))
  const repeats = repeatedIds(built.map((b) => (b.ok ? b.article.id : undefined)))
  const results: BatchItemResult[] = []
  const pending: Pending[] = []
  built.forEach((b, index) => {
    const earlier = repeats.get(index)
    if (!b.ok) results.push({ index, status: 400, errors: b.issues })
    else if (earlier !== undefined) results.push({ index, id: b.article.id, status: 400, errors: [repeatedIdIssue(earlier)] })
    else {
      results.push({ index, id: b.article.id, status: 201 })
      pending.push({
        index,
        article: b.article,
        derivedId: b.derivedId === true,
        ...(b.legacyId !== undefined && { legacyId: b.legacyId }),
      })
    }
  })
  return { results, pending }
}

/**
 * An article an earlier importer stored under its legacy id is replaced there, not copied (ids.ts);
 * each moved element's result names the id it was stored under.
 */
async function keepLegacy(c: AppContext, pending: Pending[], results: BatchItemResult[]): Promise<Pending[]> {
  const kept = await keepLegacyIds(pending, async (id) => (await c.var.store.get(id)) !== null, c.var.config.site.siteUrl)
  for (const p of kept) (results[p.index] as BatchItemResult).id = p.article.id
  return kept
}

/** Writes the pending articles and records each one's fate; returns the articles whose feeds changed. */
async function writeBatch(c: AppContext, pending: Pending[], results: BatchItemResult[]): Promise<Article[]> {
  const { timeZone } = c.var.config.site
  const guards = pending.map((p) => (p.derivedId ? derivedIdGuard(p.article, timeZone) : undefined))
  const written = await c.var.store.putMany(
    pending.map((p) => p.article),
    { guards },
  )
  const changed: Article[] = []
  written.forEach((outcome, i) => {
    const { index, article } = pending[i] as Pending
    const result = results[index] as BatchItemResult
    if ('error' in outcome && outcome.error instanceof IdTaken) {
      Object.assign(result, { status: 409, errors: [outcome.error.fault], conflict: outcome.error.conflict })
      return
    }
    if ('error' in outcome) {
      console.error('batch write failed', article.id, errorMessage(outcome.error))
      const refused = outcome.error instanceof StorageLimitExceeded
      result.status = refused ? 500 : 503
      result.errors = [
        refused
          ? {
              field: '(article)',
              reason: 'kho dữ liệu từ chối bài này vì vượt giới hạn kích thước của nó; chưa lưu gì, và gửi lại cũng không được',
            }
          : { field: '(article)', reason: `storage failed; nothing of it was kept, send it again in ${RETRY_AFTER_SECONDS} seconds` },
      ]
      return
    }
    result.status = outcome.created ? 201 : 200
    changed.push(article, ...(outcome.previous ? [outcome.previous] : []))
  })
  return changed
}

/**
 * The batch answer when something was stored; throws BatchTooLarge over the deployment's article limit
 * and BatchNotStored when nothing was stored.
 */
export async function storeBatch(c: AppContext, elements: unknown[]): Promise<{ summary: BatchSummary; results: BatchItemResult[] }> {
  // Before any article is built: its CPU is what the limit bounds.
  if (elements.length > c.var.config.batch.maxArticles) throw new BatchTooLarge(c.var.config.batch)
  const { results, pending } = buildBatch(c, elements)
  const overBudget = batchBudgetIssue(pending.map((p) => p.article))
  if (overBudget) throw new BatchOverBudget(overBudget)
  announceChanges(c, await writeBatch(c, await keepLegacy(c, pending, results), results))
  const summary = batchSummary(results)
  if (summary.created + summary.replaced === 0) throw new BatchNotStored(results, { ...summary })
  return { summary, results }
}
