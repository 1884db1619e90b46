import { Hono } from 'hono'
import { renderCache } from './feeds/cache'
import { requestContext, type AppEnv } from './http/context'
import { StorageUnavailable } from './store/guarded-kv'
import { notFound, problem, storageUnavailable } from './http/problem'
import { securityHeaders } from './http/security'
import { adminRoutes } from './routes/admin'
import { discoveryRoutes } from './routes/discovery'
import { embedRoutes } from './routes/embed'
import { feedRoutes } from './routes/feeds'

/** The whole service: feeds, and (from their own modules) the admin API, discovery and embeds. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders)
  // One store per request; its writes empty this isolate's render cache at once.
  app.use('*', requestContext({ onWrite: () => renderCache.clear() }))
  app.route('/', feedRoutes)
  app.route('/', discoveryRoutes)
  app.route('/', embedRoutes)
  app.route('/api', adminRoutes)
  app.notFound((c) => notFound(c))
  app.onError((error, c) => {
    if (error instanceof StorageUnavailable) {
      console.error('storage unavailable', c.req.method, new URL(c.req.url).pathname, error.message)
      return storageUnavailable(c)
    }
    // Never echo internals (or article bodies) to the client; the log keeps the cause.
    console.error('unhandled error', c.req.method, new URL(c.req.url).pathname, error instanceof Error ? error.message : String(error))
    return problem(c, { title: 'Lỗi máy chủ', status: 500, detail: 'Đã có lỗi bất ngờ; vui lòng thử lại sau.' })
  })
  return app
}
