import type { Env } from '../env'

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

/** A var holding a whole number, or the fallback when unset; anything else is a configuration error. */
export function wholeNumber(name: keyof Env, value: string | undefined, fallback: number): number {
  const text = value?.trim()
  if (!text) return fallback
  if (!/^\d{1,9}$/.test(text)) throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`)
  return Number(text)
}

/** Reads the cache policy from the Worker's vars; unset vars take the defaults above. */
export function cachePolicy(env: Partial<Env>): CachePolicy {
  const edge = env.EDGE_CACHE?.trim().toLowerCase()
  if (edge !== undefined && edge !== '' && edge !== 'on' && edge !== 'off') throw new Error(`EDGE_CACHE must be "on" or "off", got ${JSON.stringify(env.EDGE_CACHE)}`)
  return {
    maxAge: wholeNumber('CACHE_MAX_AGE', env.CACHE_MAX_AGE, DEFAULT_CACHE_POLICY.maxAge),
    staleWhileRevalidate: wholeNumber('CACHE_STALE_WHILE_REVALIDATE', env.CACHE_STALE_WHILE_REVALIDATE, DEFAULT_CACHE_POLICY.staleWhileRevalidate),
    recheckMs: wholeNumber('FEED_RECHECK_MS', env.FEED_RECHECK_MS, DEFAULT_CACHE_POLICY.recheckMs),
    settleMs: wholeNumber('KV_SETTLE_MS', env.KV_SETTLE_MS, DEFAULT_CACHE_POLICY.settleMs),
    edge: edge !== 'off',
    edgeTtl: DEFAULT_CACHE_POLICY.edgeTtl,
  }
}

const STALE_IF_ERROR = 86_400

/** The Cache-Control of every feed and discovery response. */
export function cacheControl(policy: CachePolicy): string {
  // stale-if-error (RFC 5861): a cache may keep serving a feed for a day while this origin fails.
  return `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR}`
}
