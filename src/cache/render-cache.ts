import type { Rendered } from './document'

export interface Entry {
  /** The version token (KV `ver:` key) this render was made from. */
  token: string
  /** When KV last confirmed the token (ms since epoch). */
  checkedAt: number
  /** The next due time of a scheduled article as last read (ms): the entry is not served from then on. */
  until: number | null
  /** False while the write behind `token` may not have reached this location's KV reads yet. */
  trusted: boolean
  doc: Rendered
}

/**
 * Per-isolate LRU cache of rendered documents. An entry is served as is for the recheck interval, then
 * revalidated with one KV read of its version token; a write made by this isolate empties it at once.
 * Works the same on workers.dev, where the Cache API does nothing, and on custom domains. A document
 * larger than a quarter of the cache is not kept at all (feed pages stay under MAX_FEED_BYTES, which
 * fits), so no single document can push out the rest.
 */
class RenderCache {
  readonly #entries = new Map<string, Entry>()
  #bytes = 0

  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 32 * 1024 * 1024,
    readonly maxEntryBytes = maxBytes / 4,
  ) {}

  /** The entry, moved to most-recently-used. */
  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry) {
      this.#entries.delete(key)
      this.#entries.set(key, entry)
    }
    return entry
  }

  set(key: string, entry: Entry): void {
    this.delete(key)
    if (entry.doc.body.byteLength > this.maxEntryBytes) return
    this.#entries.set(key, entry)
    this.#bytes += entry.doc.body.byteLength
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#bytes -= entry.doc.body.byteLength
    this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
    this.#bytes = 0
  }

  get size(): number {
    return this.#entries.size
  }
}

/** The isolate's one render cache. */
export const renderCache = new RenderCache()
