/**
 * The Cron Trigger (wrangler.toml, every minute): moves scheduled articles whose time has come into their
 * feeds and pings the WebSub hub for those feeds, so subscribers hear of an article at its time even when
 * nobody reads a feed. Reads promote too (store.freshness), so feeds never wait for the cron.
 */
import { configOf } from './config'
import type { Env } from './env'
import { guardedKv } from './store/guarded-kv'
import { articleStore, type StoreOptions } from './store/store'
import { announceTo } from './websub/publish'

/** Rounds per run: PROMOTION_ROUND articles each, so a minute promotes 100 and stays within an invocation's KV budget. */
const CRON_ROUNDS = 4

export function cronHandler(isolate: StoreOptions): ExportedHandlerScheduledHandler<Env> {
  return async (_controller, env, ctx) => {
    const config = configOf(env)
    const base = config.site.feedBaseUrl
    // The hub matches topics by the feeds' exact URLs, which without FEED_BASE_URL only a request knows: the
    // first read after the due time then promotes and pings (announceChanges).
    if (config.websubHub && !base) {
      console.warn('cron: WEBSUB_HUB is set but FEED_BASE_URL is not; scheduled articles are promoted by the first read instead')
      return
    }
    const defer = (work: Promise<unknown>) => ctx.waitUntil(work)
    const store = articleStore(guardedKv(env.ARTICLES, config.kvTimeoutMs), {
      ...isolate,
      settleMs: config.cache.settleMs,
      background: defer,
      onPromote: (articles) => announceTo(config.websubHub, base ?? '', articles, defer),
    })
    const promoted = await store.promote(CRON_ROUNDS)
    if (promoted.length) console.log(`cron: published ${promoted.length} scheduled article(s): ${promoted.map((a) => a.id).join(', ')}`)
  }
}
