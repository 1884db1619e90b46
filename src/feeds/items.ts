/**
 * Rendered items, kept per article version. An article changes rarely and is read in many pages (every
 * page size, scope and format that lists it, after every write to any of them): its item is rendered,
 * escaped and encoded to UTF-8 once per (format, item context, id@rev) and every page after that copies
 * the bytes. `rev` is the content hash the store sets on every write, so an entry can never stand for
 * other content; an article without one is rendered every time. Bounded by bytes, least recently used
 * out first.
 */
import type { Article } from '../articles/model'
import type { ItemContext } from './view'

/**
 * The renderer's version: bump it when what the writers print for an item changes, so items stored with
 * their articles by an older renderer (./outputs.ts) are rendered anew. tests/feeds/golden.test.ts ties
 * each version to the golden documents, and fails when they change under the same version.
 */
export const RENDER_VERSION = 1

/** What an item's bytes depend on besides the article version: the renderer, the format and the item context. */
export function itemStamp(format: string, context: ItemContext): string {
  return `v${RENDER_VERSION}|${format}|${JSON.stringify(context)}`
}

export class ItemCache {
  readonly #entries = new Map<string, Uint8Array<ArrayBuffer>>()
  #bytes = 0

  constructor(
    readonly maxBytes = 16 * 1024 * 1024,
    /** An item bigger than this is never kept: one huge article must not push out hundreds of others. */
    readonly maxItemBytes = maxBytes / 16,
  ) {}

  /** Whether bytes are kept under `key`, without making them the most recently used. */
  has(key: string | null): boolean {
    return key !== null && this.#entries.has(key)
  }

  /** The kept bytes, now the most recently used; undefined when not kept (or `key` is null). */
  get(key: string | null): Uint8Array<ArrayBuffer> | undefined {
    const kept = key === null ? undefined : this.#entries.get(key)
    if (kept && key !== null) {
      this.#entries.delete(key)
      this.#entries.set(key, kept)
    }
    return kept
  }

  /** Keeps `bytes` under `key` (not when null, or too big), oldest out first; returns them. */
  set(key: string | null, bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    if (key === null || bytes.byteLength > this.maxItemBytes) return bytes
    const old = this.#entries.get(key)
    if (old) this.#bytes -= old.byteLength
    this.#entries.delete(key)
    this.#entries.set(key, bytes)
    this.#bytes += bytes.byteLength
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#entries.delete(oldest)
      this.#bytes -= value.byteLength
    }
    return bytes
  }

  clear(): void {
    this.#entries.clear()
    this.#bytes = 0
  }

  get bytes(): number {
    return this.#bytes
  }

  get size(): number {
    return this.#entries.size
  }
}

/** The isolate's one item cache. */
export const itemCache = new ItemCache()

/** The cache key of an article's item under a stamp (null: the article has no rev, do not keep it). */
export function itemKey(stamp: string, article: Pick<Article, 'id' | 'rev'>): string | null {
  return article.rev ? `${stamp}|${article.id}@${article.rev}` : null
}
