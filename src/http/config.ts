import { guardedKv, DEFAULT_KV_TIMEOUT_MS } from '../store/guarded-kv'
import { articleStore, type ArticleStore } from '../store/store'
import { cachePolicy, wholeNumber, type CachePolicy } from '../config/cache'
import { siteConfig, type SiteConfig } from '../config/masthead'
import type { Env } from '../env'
import { renderCache } from '../feeds/cache'

/** Reads a configuration once per env object (once per isolate in production) rather than per request. */
function perEnv<T>(read: (env: Env) => T): (env: Env) => T {
  const cache = new WeakMap<object, T>()
  return (env) => {
    let value = cache.get(env)
    if (value === undefined) {
      value = read(env)
      cache.set(env, value)
    }
    return value
  }
}

/** The site configuration of this Worker's env. */
export const configOf: (env: Env) => SiteConfig = perEnv(siteConfig)

/** The cache policy of this Worker's env. */
export const cachePolicyOf: (env: Env) => CachePolicy = perEnv(cachePolicy)

/** Absolute base the feeds are served from: FEED_BASE_URL, else the origin the request came in on. */
export function feedBaseUrl(config: SiteConfig, requestUrl: string): string {
  return config.feedBaseUrl ?? new URL(requestUrl).origin
}

const kvTimeoutOf: (env: Env) => number = perEnv((env) => wholeNumber('KV_TIMEOUT_MS', env.KV_TIMEOUT_MS, DEFAULT_KV_TIMEOUT_MS))

/** The article store over this env's KV, with failures turned into 503s and reads bounded in time. */
export function storeOf(env: Env): ArticleStore {
  // A write made here empties this isolate's render cache at once; other isolates see it at revalidation.
  return articleStore(guardedKv(env.ARTICLES, kvTimeoutOf(env)), { onWrite: () => renderCache.clear() })
}
