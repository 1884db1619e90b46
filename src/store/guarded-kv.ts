import { StorageUnavailable } from '../errors/storage-unavailable'

/**
 * The KV binding as the app uses it: every failure of a KV call becomes a StorageUnavailable (answered
 * 503 with Retry-After), and reads that take too long are abandoned, so a hanging KV cannot hang a request.
 * Writes get no timeout: a write abandoned here could still land later, after the store had rolled back
 * around it; the runtime ends a hung write's request instead.
 */
const READS = new Set(['get', 'getWithMetadata', 'list'])
const CALLS = new Set([...READS, 'put', 'delete'])

async function guarded<T>(operation: string, call: () => Promise<T>, timeoutMs: number | null): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    if (timeoutMs === null) return await call()
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    return await Promise.race([call(), timeout])
  } catch (error) {
    throw error instanceof StorageUnavailable ? error : new StorageUnavailable(operation, error)
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
        guarded(prop, () => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)), READS.has(prop) ? readTimeoutMs : null)
    },
  })
}
