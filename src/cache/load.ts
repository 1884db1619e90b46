/**
 * Where a document comes from: the memory of this isolate, the edge cache of the data center, or a
 * fresh render from KV, whichever is current and cheapest; one `ver:` token read decides freshness.
 */
import { StorageUnavailable } from '../errors/storage-unavailable'
import { waitUntilOf, type AppContext } from '../http/context'
import type { Freshness } from '../store/schedule'
import type { FeedVersion } from '../store/versions'
import type { Rendered } from './document'
import { edgeCacheFor } from './edge-cache'
import { CACHE_CONTROL } from './policy'
import { renderCache, type Entry } from './render-cache'

type Ctx = AppContext

/** A document rendered from KV whose freshness one `ver:` token decides. */
export interface VersionedDocument {
  /** Everything the rendered bytes depend on besides the version: format, scope, query, base URL. */
  key: string
  /**
   * Reads the version token and the next due time of a scheduled article: one KV read (the store
   * promotes what is due first, so the token already counts it).
   */
  version(): Promise<Freshness>
  /** Reads KV and renders, or throws (unknown feed, stale cursor: never cached). */
  render(version: FeedVersion | null): Promise<Rendered>
}

/**
 * Revalidations under way, by document key. When the recheck interval lapses on a hot feed, every request
 * then in flight would read the version token (and, after a write, read KV and render) at once; the first
 * does it and the others wait for its document. A null result (an error answer, a failure) is not shared:
 * each waiter then tries for itself.
 */
const revalidating = new Map<string, Promise<Rendered | null>>()

/**
 * The document, from the cheapest tier that has it current:
 *   memory, checked within the recheck interval    0 KV reads
 *   memory or edge, same version token             1 KV read (the token)
 *   rendered from KV                               1 + what render() reads
 */
export async function loadRendered(c: Ctx, doc: VersionedDocument): Promise<Rendered> {
  const policy = c.var.config.cache
  const now = Date.now()
  const entry = renderCache.get(doc.key)
  // Never past the next due time: a scheduled article may enter the document then.
  if (entry && now - entry.checkedAt < policy.recheckMs && !(entry.until !== null && now >= entry.until))
    return served(entry.doc, entry.until)
  // Another request of this isolate is already revalidating this document: share its result. Checked
  // and claimed with no await in between, so two requests never both lead.
  const pending = revalidating.get(doc.key)
  if (pending) {
    const shared = await pending
    if (shared) return shared
  }
  const work = revalidateOrStale(c, doc, entry, now)
  const result = work.catch(() => null)
  revalidating.set(doc.key, result)
  try {
    return await work
  } finally {
    if (revalidating.get(doc.key) === result) revalidating.delete(doc.key)
  }
}

async function revalidateOrStale(c: Ctx, doc: VersionedDocument, entry: Entry | undefined, now: number): Promise<Rendered> {
  try {
    return await revalidate(c, doc, entry, now)
  } catch (error) {
    if (!(error instanceof StorageUnavailable) || !entry) throw error
    // KV is failing: the last good render is a whole, well-formed document, better for a reader than a
    // 503 (as RFC 5861 stale-if-error lets caches do). Short-lived, so clients come back for the fresh one.
    console.warn('serving the last good render while storage fails', doc.key.split('|', 4).join('|'), error.message)
    return { ...entry.doc, headers: { ...entry.doc.headers, 'Cache-Control': CACHE_CONTROL.staleRender } }
  }
}

async function revalidate(c: Ctx, doc: VersionedDocument, entry: Entry | undefined, now: number): Promise<Rendered> {
  const policy = c.var.config.cache
  const { version, due: until } = await doc.version()
  const token = version?.token ?? 'none'
  if (entry && entry.token === token && entry.trusted) {
    entry.checkedAt = now
    entry.until = until
    return served(entry.doc, until)
  }
  const trusted = !version || now - Date.parse(version.at) >= policy.settleMs
  const edge = trusted ? edgeCacheFor(c.req.raw, c.var.config) : null
  const hit = await edge?.match(doc.key, token)
  if (hit) {
    renderCache.set(doc.key, { token, checkedAt: now, until, trusted, doc: hit })
    return served(hit, until)
  }
  const fresh = await doc.render(version)
  renderCache.set(doc.key, { token, checkedAt: now, until, trusted, doc: fresh })
  if (edge) await afterResponse(c, edge.put(doc.key, token, fresh))
  return served(fresh, until)
}

/** The document as this response serves it: valid until the next due time, when there is one (send.ts caps max-age). */
function served(doc: Rendered, until: number | null): Rendered {
  return until === null ? doc : { ...doc, until }
}

/** Lets `work` finish after the response is sent; inline when there is no execution context (app.request). */
async function afterResponse(c: Ctx, work: Promise<void>): Promise<void> {
  const defer = waitUntilOf(c)
  if (defer) defer(work)
  else await work
}
