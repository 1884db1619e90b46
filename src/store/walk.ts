/**
 * Walking one feed's index from a position, newest first, as a page consumes it: listing on demand
 * (within REFILL_BOUNDS), and knowing for each entry where a page that ends after it resumes. KV's list
 * takes no start key, only its own cursor, so a position is a list cursor plus the last key served
 * (`k`); entries up to `k` are skipped when listing from that cursor again.
 */
import { InvalidCursor } from '../errors/invalid-cursor'
import { errorMessage } from '../utils/error-message'
import { REFILL_BOUNDS } from './budgets'
import type { Position } from './cursor'
import { entryMeta, type EntryMeta } from './keys'

/** An index entry as listed. */
export interface Listed {
  name: string
  /** Absent on entries written before entries carried metadata. */
  meta: EntryMeta | undefined
  /** Where the page after one that ends with this entry starts. */
  after: Position
}

export interface IndexWalk {
  /**
   * The next entries, at most `count`, as long as `fits` accepts them in turn; lists more as needed.
   * Empty at the end of the index, or when the walk's bounds are used up.
   */
  take(count: number, fits: (entry: Listed) => boolean): Promise<Listed[]>
  /** Gives back entries taken but not consumed, so they count as still ahead. */
  giveBack(entries: Listed[]): void
  /** Whether any entry may lie ahead (false only once the index is known to be exhausted). */
  more(): boolean
}

/** KV's list returns at most this many keys per call. */
const KV_LIST_MAX = 1_000

function metaOf(metadata: unknown): EntryMeta | undefined {
  const { t, s } = entryMeta(metadata)
  return t !== undefined && s !== undefined ? { t, s } : undefined
}

export function indexWalk(kv: KVNamespace, prefix: string, from: Position | undefined): IndexWalk {
  const queue: Listed[] = []
  let cursor = from?.c ?? ''
  let complete = false
  let lists = 0
  let listed = 0

  async function list(wanted: number): Promise<boolean> {
    if (complete || lists >= REFILL_BOUNDS.lists || listed >= REFILL_BOUNDS.keys) return false
    // The first list is sized to the page (plus the keys of the previous page it re-lists); later ones,
    // made because entries were dead, take a wider look.
    const size = lists === 0 ? wanted + (from?.n ?? 0) : Math.max(4 * wanted, 100)
    const limit = Math.min(size, KV_LIST_MAX, REFILL_BOUNDS.keys - listed)
    const start = cursor
    let result: KVNamespaceListResult<unknown>
    try {
      result = await kv.list({ prefix, limit, ...(start && { cursor: start }) })
    } catch (error) {
      // KV refuses a list cursor it did not issue (or one that expired): the client's fault. Any other
      // failure is the store's, answered 503, even mid-walk.
      if (start && /cursor/i.test(errorMessage(error))) throw new InvalidCursor('is no longer valid')
      throw error
    }
    lists++
    listed += result.keys.length
    complete = result.list_complete
    cursor = result.list_complete ? '' : result.cursor
    result.keys.forEach((key, i) => {
      if (from && key.name <= from.k) return
      const last = i === result.keys.length - 1 && !result.list_complete
      queue.push({
        name: key.name,
        meta: metaOf(key.metadata),
        after: last ? { c: cursor, k: key.name, n: 0 } : { c: start, k: key.name, n: i + 1 },
      })
    })
    return true
  }

  return {
    async take(count, fits) {
      while (queue.length < count && (await list(count - queue.length)));
      const taken: Listed[] = []
      while (taken.length < count && queue.length > 0 && fits(queue[0] as Listed)) taken.push(queue.shift() as Listed)
      return taken
    },
    giveBack(entries) {
      queue.unshift(...entries)
    },
    more: () => queue.length > 0 || !complete,
  }
}
