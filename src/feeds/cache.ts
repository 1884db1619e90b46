import { onLocalWrite } from '../articles/store'

/** A rendered feed document with its validators; what a hot request serves without touching KV. */
export interface RenderedFeed {
  body: string
  etag: string
  lastModified: Date
  /** HTTP Link header: self, paging and hub links (JSON Feed has no other place for rel=self/hub). */
  link: string
}

interface Entry {
  /** The feed version (KV `ver:` token) this render was made from. */
  token: string
  /** When KV last confirmed the token (ms since epoch). */
  checkedAt: number
  feed: RenderedFeed
}

/**
 * Per-isolate cache of rendered feeds. An entry is served as is for `recheckMs`, then revalidated
 * with one KV read of the feed's version token; a write made by this isolate empties it at once.
 * Works the same on workers.dev, where the Cache API does nothing, and on custom domains.
 */
export class RenderCache {
  readonly #entries = new Map<string, Entry>()
  #bytes = 0

  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 32 * 1024 * 1024,
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

  set(key: string, token: string, feed: RenderedFeed, now: number): void {
    this.delete(key)
    this.#entries.set(key, { token, checkedAt: now, feed })
    this.#bytes += feed.body.length
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#bytes -= entry.feed.body.length
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
onLocalWrite(() => renderCache.clear())
