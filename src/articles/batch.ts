/**
 * The contract of a batch write, shared by the admin API (`POST /api/articles`) and the importer CLI
 * (`npm run import`), which sizes its requests by it and reads the answer it describes.
 */
import type { IdConflict } from '../errors/id-taken'
import type { FieldIssue } from './schema'

/** One article: the content limit (200 000 characters) in Vietnamese UTF-8, with room for the rest. */
export const ARTICLE_BODY_LIMIT = 1024 * 1024
export const BATCH_BODY_LIMIT = 5 * 1024 * 1024
/**
 * Articles per batch. KV allows 1 000 operations per invocation and an article costs about 2 plus 2 per
 * feed it is in (read, write, index entries, stale entries), so 25 leaves headroom for long bylines.
 */
export const MAX_BATCH = 25

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
