/**
 * The contract of a batch write, shared by the admin API (`POST /api/articles`) and the importer CLI
 * (`npm run import`), which sizes its requests by it and reads the answer it describes. How many articles
 * and bytes one batch may hold is configuration (src/config/batch.ts), since what fits depends on the plan.
 */
import type { IdConflict } from '../errors/id-taken'
import type { Article } from './model'
import { OUTPUTS_PER_ARTICLE } from './output'
import type { FieldIssue } from './schema'
import { scopesOf } from './scope'

/** One article (PUT): the content limit (200 000 characters) in Vietnamese UTF-8, with room for the rest. */
export const ARTICLE_BODY_LIMIT = 1024 * 1024

/**
 * KV operations a batch may cost: KV allows 1 000 per invocation, and 100 stay free for the retries of
 * throttled writes and the undoing of a failed one.
 */
export const BATCH_KV_BUDGET = 900

/**
 * The most KV operations writing this article can cost (src/store/write.ts, registry.ts), for F feeds (the
 * paper's, its section's, one per author): an id check of the legacy id (2 reads), the stored version
 * (1 read), the article (1 put), its stored outputs (./output.ts), and per feed its index entry (1 put), a
 * replaced version's stale entry (1 delete), its version key (`ver:`: 1 put or, for a feed the move empties,
 * 1 delete) and the 2 lists that find whether the move empties it (registry.ts; a re-read after a racing
 * write puts back no more entries than were deleted). 8 + 6F: 26 for one author (25 such articles: 650),
 * 140 for the cap of 20 authors (6 fit; measured in tests/app/admin/articles.test.ts: 130 each).
 */
function writeCost(article: Article): number {
  return 5 + OUTPUTS_PER_ARTICLE + 6 * scopesOf(article).length
}

/** Why a batch is refused whole when its writes could cost more than BATCH_KV_BUDGET, else undefined. */
export function batchBudgetIssue(articles: readonly Article[]): FieldIssue | undefined {
  const cost = articles.reduce((sum, article) => sum + writeCost(article), 0)
  if (cost <= BATCH_KV_BUDGET) return undefined
  return {
    field: '(body)',
    reason: `writing these ${articles.length} articles could take ${cost} storage operations, at most ${BATCH_KV_BUDGET} per request (each author is a feed of its own): send fewer articles per request`,
  }
}

/** What happened to one element of a batch. */
export interface BatchItemResult {
  index: number
  /** The article's id, when the element got far enough to have one. */
  id?: string
  /**
   * 409: its id, derived from its title, already belongs to a different article (`conflict` names both).
   * 500: KV refused the article over one of its own limits, which repeating cannot change.
   */
  status: 200 | 201 | 400 | 409 | 500 | 503
  errors?: FieldIssue[]
  conflict?: IdConflict
}

export interface BatchSummary {
  created: number
  replaced: number
  rejected: number
}

/**
 * The one rule for an id that comes twice in a batch: two writes of one id at once would race over its
 * index entries, so the first is written and every later one refused. `idClaims` applies it one
 * element at a time (the importer meets its files a chunk at a time, and a repeat may span chunks):
 * each call takes an element's id and index and returns the index of the first element with that id,
 * or `undefined` when this one is the first.
 */
export function idClaims(): (id: string, index: number) => number | undefined {
  const first = new Map<string, number>()
  return (id, index) => {
    const earlier = first.get(id)
    if (earlier === undefined) first.set(id, index)
    return earlier
  }
}

/**
 * The rule over a whole batch: for each later element, the index of the first with its id
 * (`undefined` ids, elements that have none yet, are skipped).
 */
export function repeatedIds(ids: ReadonlyArray<string | undefined>): Map<number, number> {
  const claim = idClaims()
  const repeats = new Map<number, number>()
  ids.forEach((id, index) => {
    const earlier = id === undefined ? undefined : claim(id, index)
    if (earlier !== undefined) repeats.set(index, earlier)
  })
  return repeats
}

/** Why a repeated element is refused, naming the element that is written instead. */
export function repeatedIdIssue(earlier: number): FieldIssue {
  return { field: 'id', reason: `same id as element ${earlier}; send one version of an article per batch` }
}

export function batchSummary(results: readonly BatchItemResult[]): BatchSummary {
  return {
    created: results.filter((r) => r.status === 201).length,
    replaced: results.filter((r) => r.status === 200).length,
    rejected: results.filter((r) => r.status >= 400).length,
  }
}
