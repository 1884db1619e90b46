import type { Env } from '../env'
import { onOff, wholeNumber } from './vars'

/** How feeds and discovery documents are cached: by clients (HTTP), in memory and at the edge. */
export interface CachePolicy {
  /** Cache-Control max-age, seconds. */
  maxAge: number
  /** Cache-Control stale-while-revalidate, seconds. */
  staleWhileRevalidate: number
  /** How long a rendered document is served from memory without asking KV whether it changed. */
  recheckMs: number
  /**
   * KV is eventually consistent: for about a minute after a write another location may read the new
   * version token yet list the old index. A render made that soon after a write is not trusted: it is
   * re-made at each recheck until the write has settled, and never stored at the edge.
   */
  settleMs: number
  /** Whether the Workers Cache API layer is used (custom domains; it is skipped on *.workers.dev anyway). */
  edge: boolean
  /** Seconds an edge entry lives; entries are keyed by version token, so this only bounds storage. */
  edgeTtl: number
}

export const DEFAULT_CACHE_POLICY: CachePolicy = {
  maxAge: 300,
  staleWhileRevalidate: 600,
  recheckMs: 1_000,
  settleMs: 60_000,
  edge: true,
  edgeTtl: 86_400,
}

/** Reads the cache policy from the Worker's vars; unset vars take the defaults above. */
export function cachePolicy(env: Partial<Env>): CachePolicy {
  return {
    maxAge: wholeNumber('CACHE_MAX_AGE', env.CACHE_MAX_AGE, DEFAULT_CACHE_POLICY.maxAge),
    staleWhileRevalidate: wholeNumber(
      'CACHE_STALE_WHILE_REVALIDATE',
      env.CACHE_STALE_WHILE_REVALIDATE,
      DEFAULT_CACHE_POLICY.staleWhileRevalidate,
    ),
    recheckMs: wholeNumber('FEED_RECHECK_MS', env.FEED_RECHECK_MS, DEFAULT_CACHE_POLICY.recheckMs),
    settleMs: wholeNumber('KV_SETTLE_MS', env.KV_SETTLE_MS, DEFAULT_CACHE_POLICY.settleMs),
    edge: onOff('EDGE_CACHE', env.EDGE_CACHE, DEFAULT_CACHE_POLICY.edge),
    edgeTtl: DEFAULT_CACHE_POLICY.edgeTtl,
  }
}
