import { siteConfig, type SiteConfig } from '../config/masthead'
import type { Env } from '../env'

const cache = new WeakMap<object, SiteConfig>()

/** The site configuration of this Worker's env, read once per isolate rather than per request. */
export function configOf(env: Env): SiteConfig {
  let config = cache.get(env)
  if (!config) {
    config = siteConfig(env)
    cache.set(env, config)
  }
  return config
}

/** Absolute base the feeds are served from: FEED_BASE_URL, else the origin the request came in on. */
export function feedBaseUrl(config: SiteConfig, requestUrl: string): string {
  return config.feedBaseUrl ?? new URL(requestUrl).origin
}
