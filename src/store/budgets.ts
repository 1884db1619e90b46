/**
 * What one page of a feed may cost, whatever the articles hold (docs/storage.md, "Budgets"). A page
 * that would go over a budget ends early and links `next`, so following `next` still visits every
 * article exactly once; nothing is refused.
 */
import { MAX_ARTICLE_BYTES } from '../articles/schema'

/** Keys one KV bulk read takes at most. */
export const KV_BULK_READ_MAX = 100

/** Most items a page asks for: its articles (and their stored items) are read in one bulk read each. */
export const MAX_PAGE = 100
if (MAX_PAGE > KV_BULK_READ_MAX) throw new Error(`a page of ${MAX_PAGE} cannot be read in one bulk read of ${KV_BULK_READ_MAX}`)

/**
 * Bytes of stored article JSON one page reads, summed from its entries' metadata before the bulk read.
 * A quarter of KV's 25 MiB bulk-read limit: 25 articles of the largest size, any number of usual ones,
 * and a page parsed and rendered within a Worker's 128 MB even with a few requests at once.
 */
export const READ_BUDGET = 6 * 1024 * 1024

/** An entry written before entries carried metadata counts as the largest article can be. */
export const UNKNOWN_ENTRY_BYTES = MAX_ARTICLE_BYTES

/**
 * When entries left by interrupted or racing writes make a page short, it lists and reads on, up to
 * these bounds (a page past them ends short, with `next`): keys listed, list calls and bulk reads.
 */
export const REFILL_BOUNDS = { keys: 1_000, lists: 4, reads: 4 } as const
