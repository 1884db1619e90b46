import { Hono } from 'hono'
import { renderCache } from './cache'
import { requestContext, type AppEnv } from './http/context'
import { headContentLength } from './http/head'
import { onError, onNotFound } from './http/problem'
import { securityHeaders } from './http/security'
import { adminRoutes } from './routes/admin'
import { discoveryRoutes } from './discovery/route'
import { embedRoutes, headlinesError } from './embed/route'
import { feedRoutes } from './routes/feeds'
import { iconRoutes } from './routes/icons'
import { idLocks } from './store/locks'
import { promotionGate } from './store/promote'
import type { StoreOptions } from './store/store'
import { announceChanges } from './websub/publish'

/**
 * What the requests and cron runs of one isolate share: a write empties this isolate's render cache at
 * once, writes of one id take turns, and requests meeting a due time together share one promotion.
 */
export function isolateOptions(): StoreOptions {
  return { onWrite: () => renderCache.clear(), locks: idLocks(), promotions: promotionGate() }
}

/** The whole service: feeds, and (from their own modules) the admin API, discovery and embeds. */
export function createApp(isolate: StoreOptions = isolateOptions()): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders)
  app.use('*', headContentLength)
  // One store per request over the isolate's shared options; a read that promotes pings the hub.
  app.use('*', requestContext(isolate, announceChanges))
  app.route('/', feedRoutes)
  app.route('/', discoveryRoutes)
  app.route('/', embedRoutes)
  app.route('/', iconRoutes)
  app.route('/api', adminRoutes)
  app.notFound(onNotFound)
  // The iframe shows a Vietnamese notice page on a partner's site; every other error is problem+json.
  app.onError((error, c) => headlinesError(error, c) ?? onError(error, c))
  return app
}
