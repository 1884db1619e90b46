/**
 * What every handler gets besides the request: the configuration (read once per env, src/config/) and
 * the article store over this request's KV, as `c.var.config` and `c.var.store`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Article } from '../articles/model'
import type { BuildContext } from '../articles/schema'
import { configOf, type Config } from '../config'
import type { Env } from '../env'
import { feedOutputs } from '../feeds/outputs'
import { itemContext } from '../feeds/view'
import { guardedKv } from '../store/guarded-kv'
import { articleStore, type ArticleStore, type StoreOptions } from '../store/store'

export interface AppEnv {
  Bindings: Env
  Variables: { config: Config; store: ArticleStore }
}

export type AppContext = Context<AppEnv>

/**
 * Sets `c.var.config` and `c.var.store`: the store's KV failures become 503s and its reads are bounded
 * in time (guarded-kv.ts); `storeOptions` (its write listener, the isolate's id locks) come from the app
 * that wires it, the cursor key, settle time and item context (each write stores its feed items:
 * feeds/outputs.ts) from the configuration; its repairs run after the response,
 * and `onPromote` hears of the scheduled articles a read of this request promoted (the app pings the hub).
 */
export function requestContext(
  storeOptions: StoreOptions,
  onPromote?: (c: AppContext, articles: Article[]) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const config = configOf(c.env)
    c.set('config', config)
    const background = waitUntilOf(c)
    const options: StoreOptions = {
      ...storeOptions,
      cursorSecret: config.cursorSecret,
      settleMs: config.cache.settleMs,
      outputs: feedOutputs(itemContext(config.site)),
      ...(background && { background }),
      ...(onPromote && { onPromote: (articles: Article[]) => onPromote(c, articles) }),
    }
    c.set('store', articleStore(guardedKv(c.env.ARTICLES, config.kvTimeoutMs), options))
    await next()
  }
}

/** The request's waitUntil, to run work after the response; undefined without an execution context (app.request). */
export function waitUntilOf(c: Context): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx
    return (work) => ctx.waitUntil(work)
  } catch {
    // Hono throws when the app was called without one.
    return undefined
  }
}

/** Absolute base the feeds are served from: FEED_BASE_URL, else the origin the request came in on. */
export function baseUrlOf(c: AppContext): string {
  return c.var.config.site.feedBaseUrl ?? new URL(c.req.url).origin
}

/** What building an article from newsroom input needs of the site, and the URL's id when there is one. */
export function buildContext(c: AppContext, id?: string): BuildContext {
  const { siteUrl, timeZone } = c.var.config.site
  return { siteUrl, timeZone, ...(id !== undefined && { id }) }
}
