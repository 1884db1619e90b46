import type { Context } from 'hono'
import type { FeedVersion } from '../articles/store'
import { cacheControl } from '../config/cache'
import type { Env } from '../env'
import { StorageUnavailable } from '../articles/guarded-kv'
import { renderCache, type Entry, type Rendered } from '../feeds/cache'
import { isNotModified, NOT_MODIFIED_HEADERS, strongEtag } from './conditional'
import { cachePolicyOf } from './config'
import { edgeCacheFor } from './edge-cache'
import { RETRY_AFTER_SECONDS } from './problem'

type Ctx = Context<{ Bindings: Env }>

/** A document rendered from KV whose freshness one `ver:` token decides. */
export interface VersionedDocument {
  /** Everything the rendered bytes depend on besides the version: format, scope, query, base URL. */
  key: string
  /** Reads the version token: one KV read. */
  version(): Promise<FeedVersion | null>
  /** Reads KV and renders, or answers with an error (unknown feed, stale cursor) that is never cached. */
  render(version: FeedVersion | null): Promise<Rendered | Response>
}

/** A rendered document, encoded once (a feed page comes encoded, see feeds/document.ts), with its strong ETag. */
export async function rendered(document: string | Uint8Array<ArrayBuffer>, lastModified: Date | null, headers: Record<string, string> = {}): Promise<Rendered> {
  // encode() always returns a new, unshared ArrayBuffer (Encoding standard); workers-types says ArrayBufferLike.
  const body = typeof document === 'string' ? (new TextEncoder().encode(document) as Uint8Array<ArrayBuffer>) : document
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
export async function loadRendered(c: Ctx, doc: VersionedDocument): Promise<Rendered | Response> {
  const policy = cachePolicyOf(c.env)
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
  const result = work.then((r) => (r instanceof Response ? null : r), () => null)
  revalidating.set(doc.key, result)
  try {
    return await work
  } finally {
    if (revalidating.get(doc.key) === result) revalidating.delete(doc.key)
  }
}

async function revalidateOrStale(c: Ctx, doc: VersionedDocument, entry: Entry | undefined, now: number): Promise<Rendered | Response> {
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

async function revalidate(c: Ctx, doc: VersionedDocument, entry: Entry | undefined, now: number): Promise<Rendered | Response> {
  const policy = cachePolicyOf(c.env)
  const version = await doc.version()
  const token = version?.token ?? 'none'
  if (entry && entry.token === token && entry.trusted) {
    entry.checkedAt = now
    return entry.doc
  }
  const trusted = !version || now - Date.parse(version.at) >= policy.settleMs
  const edge = trusted ? edgeCacheFor(c.req.raw, c.env, policy) : null
  const hit = await edge?.match(doc.key, token)
  if (hit) {
    renderCache.set(doc.key, { token, checkedAt: now, trusted, doc: hit })
    return hit
  }
  const fresh = await doc.render(version)
  if (fresh instanceof Response) return fresh
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
    'Cache-Control': cacheControl(cachePolicyOf(c.env)),
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
