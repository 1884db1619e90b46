/**
 * Caching, in one place: a route hands `loadRendered` a VersionedDocument (a key, how to read its
 * version token, how to render it) and answers with `sendRendered`, which does conditional requests
 * (RFC 9110 §13) and the cache policy's Cache-Control. The tiers behind it (memory, edge) are this
 * folder's business; a write empties this isolate's memory tier through `renderCache.clear()`.
 */
export { rendered, type Rendered } from './document'
export { loadRendered, type VersionedDocument } from './load'
export { CACHE_CONTROL } from './policy'
export { renderCache } from './render-cache'
export { sendRendered } from './send'
