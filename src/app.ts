import { Hono } from 'hono'
import { renderCache } from './cache'
import { requestContext, type AppEnv } from './http/context'
import { onError, onNotFound } from './http/problem'
import { securityHeaders } from './http/security'
import { adminRoutes } from './routes/admin'
import { discoveryRoutes } from './discovery/route'
import { embedRoutes } from './embed/route'
import { feedRoutes } from './routes/feeds'
import { iconRoutes } from './routes/icons'

/** The whole service: feeds, and (from their own modules) the admin API, discovery and embeds. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders)
  // One store per request; its writes empty this isolate's render cache at once.
  app.use('*', requestContext({ onWrite: () => renderCache.clear() }))
  app.route('/', feedRoutes)
  app.route('/', discoveryRoutes)
  app.route('/', embedRoutes)
  app.route('/', iconRoutes)
  app.route('/api', adminRoutes)
  app.notFound(onNotFound)
  app.onError(onError)
  return app
}
