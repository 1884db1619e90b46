import { StorageLimitExceeded } from '../errors/storage-limit'
import { StorageUnavailable } from '../errors/storage-unavailable'
import { errorMessage } from '../utils/error-message'

/**
 * The KV binding as the app uses it: a call KV refuses over one of its hard limits becomes a
 * StorageLimitExceeded (500, not worth repeating), every other failure a StorageUnavailable (answered
 * 503 with Retry-After), and reads that take too long are abandoned, so a hanging KV cannot hang a request.
 * Writes get no timeout: a write abandoned here could still land later, after the store had rolled back
 * around it; the runtime ends a hung write's request instead.
 */
const READS = new Set(['get', 'getWithMetadata', 'list'])
const CALLS = new Set([...READS, 'put', 'delete'])

/**
 * KV's refusals over its hard limits, as the runtime words them: `KV PUT failed: 413 Value length of …
 * exceeds limit of …` (value, metadata or bulk read too large), `KV GET failed: 414 UTF-8 encoded length
 * of 513 exceeds key length limit of 512.`
 */
const LIMIT_REFUSAL = /\bfailed: 41[34]\b|exceeds (?:the )?(?:key length )?limit/i

/** Whether a KV call failed because it went over one of KV's hard limits (whether guarded yet or not). */
export function isLimitRefusal(error: unknown): boolean {
  return error instanceof StorageLimitExceeded || (!(error instanceof StorageUnavailable) && LIMIT_REFUSAL.test(errorMessage(error)))
}

async function guarded<T>(operation: string, call: () => Promise<T>, timeoutMs: number | null): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    if (timeoutMs === null) return await call()
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    return await Promise.race([call(), timeout])
  } catch (error) {
    if (error instanceof StorageUnavailable || error instanceof StorageLimitExceeded) throw error
    throw isLimitRefusal(error) ? new StorageLimitExceeded(operation, error) : new StorageUnavailable(operation, error)
  } finally {
    clearTimeout(timer)
  }
}

/** Wraps a KV binding; `readTimeoutMs` bounds get, getWithMetadata and list. */
export function guardedKv(kv: KVNamespace, readTimeoutMs: number): KVNamespace {
  return new Proxy(kv, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof prop !== 'string' || !CALLS.has(prop) || typeof value !== 'function') return value
      return (...args: unknown[]) =>
        guarded(
          prop,
          () => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)),
          READS.has(prop) ? readTimeoutMs : null,
        )
    },
  })
}
