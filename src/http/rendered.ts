import type { FeedVersion } from '../store/versions'
import type { CachePolicy } from '../config/cache'
import { RETRY_AFTER_SECONDS, StorageUnavailable } from '../errors/storage-unavailable'
import { renderCache, type Entry, type Rendered } from '../feeds/cache'
import { isNotModified, NOT_MODIFIED_HEADERS, strongEtag } from './conditional'
import type { AppContext } from './context'
import { edgeCacheFor } from './edge-cache'

type Ctx = AppContext

const STALE_IF_ERROR = 86_400

/** The Cache-Control of every feed and discovery response. */
function cacheControl(policy: CachePolicy): string {
  // stale-if-error (RFC 5861): a cache may keep serving a feed for a day while this origin fails.
  return `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR}`
}

/** A document rendered from KV whose freshness one `ver:` token decides. */
export interface VersionedDocument {
  /** Everything the rendered bytes depend on besides the version: format, scope, query, base URL. */
  key: string
  /** Reads the version token: one KV read. */
  version(): Promise<FeedVersion | null>
  /** Reads KV and renders, or throws (unknown feed, stale cursor: never cached). */
  render(version: FeedVersion | null): Promise<Rendered>
}

/**
 * UTF-8 of a document given whole or as pieces. Pieces are encoded one by one into one buffer, so a large
 * document (a feed page is ~300 KB) never has to be built as a single string first.
 */
function utf8(text: string | readonly string[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  // encode() always returns a new, unshared ArrayBuffer (Encoding standard); workers-types says ArrayBufferLike.
  if (typeof text === 'string') return encoder.encode(text) as Uint8Array<ArrayBuffer>
  const chunks = text.map((part) => encoder.encode(part))
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

/** A rendered document, encoded once, with its strong ETag. */
export async function rendered(text: string | readonly string[], lastModified: Date | null, headers: Record<string, string> = {}): Promise<Rendered> {
  const body = utf8(text)
  return { body, etag: await strongEtag(body), lastModified, headers }
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
  if (entry && now - entry.checkedAt < policy.recheckMs) return entry.doc
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
    return { ...entry.doc, headers: { ...entry.doc.headers, 'Cache-Control': `public, max-age=${RETRY_AFTER_SECONDS}` } }
  }
}

async function revalidate(c: Ctx, doc: VersionedDocument, entry: Entry | undefined, now: number): Promise<Rendered> {
  const policy = c.var.config.cache
  const version = await doc.version()
  const token = version?.token ?? 'none'
  if (entry && entry.token === token && entry.trusted) {
    entry.checkedAt = now
    return entry.doc
  }
  const trusted = !version || now - Date.parse(version.at) >= policy.settleMs
  const edge = trusted ? edgeCacheFor(c.req.raw, c.var.config) : null
  const hit = await edge?.match(doc.key, token)
  if (hit) {
    renderCache.set(doc.key, { token, checkedAt: now, trusted, doc: hit })
    return hit
  }
  const fresh = await doc.render(version)
  renderCache.set(doc.key, { token, checkedAt: now, trusted, doc: fresh })
  if (edge) await afterResponse(c, edge.put(doc.key, token, fresh))
  return fresh
}

/** Lets `work` finish after the response is sent; inline when there is no execution context (app.request). */
async function afterResponse(c: Ctx, work: Promise<void>): Promise<void> {
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    // Hono throws when the app was called without one.
  }
  if (ctx) ctx.waitUntil(work)
  else await work
}

/**
 * Answers with the document, or with 304 when the client's copy is current (RFC 9110 §13.2.2). The 304
 * carries only the fields §15.4.5 asks a 304 to repeat (and CORS, added by its middleware), no body.
 */
export function sendRendered(c: Ctx, doc: Rendered, contentType: string, headers: Record<string, string> = {}): Response {
  const all: Record<string, string> = {
    'Content-Type': contentType,
    ETag: doc.etag,
    ...(doc.lastModified && { 'Last-Modified': doc.lastModified.toUTCString() }),
    'Cache-Control': cacheControl(c.var.config.cache),
    Date: new Date().toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    ...doc.headers,
    ...headers,
  }
  if (isNotModified(c.req.raw, doc.etag, doc.lastModified)) {
    const kept = Object.entries(all).filter(([name]) => (NOT_MODIFIED_HEADERS as readonly string[]).includes(name))
    return c.body(null, 304, Object.fromEntries(kept))
  }
  return c.body(doc.body, 200, all)
}
