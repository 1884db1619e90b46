// Free of `cloudflare:test`, so the benchmark harness Worker counts KV operations with this same code.

export type KvCall = 'get' | 'getWithMetadata' | 'list' | 'put' | 'delete'

/**
 * Wraps a real KV binding and counts the operations made through it, the way Cloudflare bills them
 * (a bulk get of many keys is one operation).
 */
export function countingKv(kv: KVNamespace): { kv: KVNamespace; calls: Record<KvCall, number>; reset(): void } {
  const calls: Record<KvCall, number> = { get: 0, getWithMetadata: 0, list: 0, put: 0, delete: 0 }
  const wrapped = new Proxy(kv, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (typeof prop === 'string' && prop in calls) calls[prop as KvCall]++
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return {
    kv: wrapped,
    calls,
    reset() {
      for (const k of Object.keys(calls) as KvCall[]) calls[k] = 0
    },
  }
}

export const reads = (calls: Record<KvCall, number>) => calls.get + calls.getWithMetadata + calls.list
