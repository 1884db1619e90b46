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

/** The whole service: feeds, and (from their own modules) the admin API, discovery and embeds. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders)
  app.use('*', headContentLength)
  // One store per request; its writes empty this isolate's render cache at once, and writes of one id
  // take turns across all the requests of this isolate.
  app.use('*', requestContext({ onWrite: () => renderCache.clear(), locks: idLocks() }))
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
