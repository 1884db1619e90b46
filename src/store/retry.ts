import { isLimitRefusal } from './guarded-kv'

/**
 * Retries a KV write that failed, e.g. with 429 when a feed's version key is written again within
 * the second KV allows per key. Bounded: the last failure is thrown; a refusal over KV's own limits at once.
 */
export async function withRetry(write: () => Promise<void>, attempts = 3, delayMs = 1_100): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    } catch (error) {
      if (attempt >= attempts || isLimitRefusal(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt))
    }
  }
}

/**
 * Like Promise.all, but waits for every call to settle before throwing the first failure: an undo
 * must not run while sibling writes are still in flight, or they would land after it.
 */
export async function settleAll(calls: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(calls)).find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}
