/**
 * Every Cache-Control this service sends with a cacheable answer, and why; the numbers behind the
 * first come from configuration (CACHE_MAX_AGE and friends, src/config/cache.ts).
 */
import type { CachePolicy } from '../config/cache'
import { RETRY_AFTER_SECONDS } from '../errors/storage-unavailable'

/** RFC 5861 stale-if-error: a cache may keep serving a feed for a day while this origin fails. */
const STALE_IF_ERROR = 86_400

export const CACHE_CONTROL = {
  /**
   * Feeds, the discovery page, the OPML list and the embed iframe: revalidated by ETag after max-age,
   * which send.ts lowers to the seconds left before a scheduled article is due.
   */
  document: (policy: CachePolicy, maxAge = policy.maxAge) =>
    `public, max-age=${maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR}`,
  /** The last good render, served while KV fails: short-lived, so clients come back for the fresh one. */
  staleRender: `public, max-age=${RETRY_AFTER_SECONDS}`,
  /** embed.js: partners embed the URL unversioned, so a deploy reaches them within the hour. */
  script: 'public, max-age=3600, stale-while-revalidate=86400',
  /** A reader alias (`/feed` → `/rss.xml`): permanent, readers update the subscription. */
  permanentRedirect: 'public, max-age=86400',
  /** An edge-cache entry: keyed by version token, so its lifetime only bounds storage. */
  edgeEntry: (policy: CachePolicy) => `public, max-age=${policy.edgeTtl}`,
} as const
