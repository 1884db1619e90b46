/**
 * Benchmark-only KV binding held in memory, for the archive-size comparison. Miniflare's local KV
 * can neither be filled with 100,000 articles in bench time (a few hundred writes a second) nor
 * list like Cloudflare's: its list is `WHERE substr(key, 1, len) = prefix ORDER BY key LIMIT n`, a
 * scan of every key sorting before the prefix, so it would time the simulator, not our code. This
 * one lists a prefix by binary search, like a real range read, and does no other work, so what is
 * left in a request is the cost of our code. Values are kept as UTF-8 bytes, as KV stores them.
 */

interface Entry {
  value: Uint8Array
  metadata?: unknown
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const MAX_LIST = 1000

type ValueType = 'text' | 'json' | 'arrayBuffer'

function decode(entry: Entry | undefined, type: ValueType): unknown {
  if (!entry) return null
  if (type === 'arrayBuffer') return entry.value.slice().buffer
  const text = decoder.decode(entry.value)
  return type === 'json' ? JSON.parse(text) : text
}

function typeOf(options: unknown): ValueType {
  const type = typeof options === 'string' ? options : (options as { type?: string } | undefined)?.type
  if (type === undefined || type === 'text') return 'text'
  if (type === 'json' || type === 'arrayBuffer') return type
  throw new Error(`memoryKv: value type ${type} not supported`)
}

export function memoryKv(): KVNamespace {
  const entries = new Map<string, Entry>()
  // Sorted lazily: seeding writes many keys between two lists.
  let sorted: string[] | null = []

  function keys(): string[] {
    sorted ??= [...entries.keys()].sort()
    return sorted
  }

  /** Index of the first key >= `key`. */
  function lowerBound(list: string[], key: string): number {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((list[mid] as string) < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  const kv = {
    async get(key: string | string[], options?: unknown) {
      const type = typeOf(options)
      if (Array.isArray(key)) return new Map(key.map((k) => [k, decode(entries.get(k), type)]))
      return decode(entries.get(key), type)
    },
    async getWithMetadata(key: string | string[], options?: unknown) {
      const type = typeOf(options)
      const one = (k: string) => {
        const entry = entries.get(k)
        return { value: decode(entry, type), metadata: entry?.metadata ?? null, cacheStatus: null }
      }
      // A bulk read answers null for a key it does not hold, as KV's does.
      if (Array.isArray(key)) return new Map(key.map((k) => [k, entries.has(k) ? one(k) : null]))
      return one(key)
    },
    async put(key: string, value: string | ArrayBuffer, options?: { metadata?: unknown }) {
      if (!entries.has(key)) sorted = null
      const bytes = typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value.slice(0))
      entries.set(key, { value: bytes, ...(options?.metadata !== undefined && { metadata: structuredClone(options.metadata) }) })
    },
    async delete(key: string) {
      if (entries.delete(key)) sorted = null
    },
    async list(options: { prefix?: string; limit?: number; cursor?: string } = {}) {
      const prefix = options.prefix ?? ''
      const limit = Math.min(options.limit ?? MAX_LIST, MAX_LIST)
      const list = keys()
      const after = options.cursor ? decodeURIComponent(atob(options.cursor)) : undefined
      let i = after === undefined ? lowerBound(list, prefix) : lowerBound(list, after + '\0')
      const out: { name: string; metadata?: unknown }[] = []
      while (i < list.length && out.length < limit && (list[i] as string).startsWith(prefix)) {
        const name = list[i++] as string
        const metadata = entries.get(name)?.metadata
        out.push(metadata === undefined ? { name } : { name, metadata })
      }
      const more = i < list.length && (list[i] as string).startsWith(prefix)
      const last = out.at(-1)?.name
      return more && last !== undefined
        ? { keys: out, list_complete: false, cursor: btoa(encodeURIComponent(last)), cacheStatus: null }
        : { keys: out, list_complete: true, cacheStatus: null }
    },
  }
  return kv as unknown as KVNamespace
}
