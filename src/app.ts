import { Hono } from 'hono'
import type { Env } from './env'
import { StorageUnavailable } from './articles/guarded-kv'
import { notFound, problem, storageUnavailable } from './http/problem'
import { securityHeaders } from './http/security'
import { adminRoutes } from './routes/admin'
import { discoveryRoutes } from './routes/discovery'
import { embedRoutes } from './routes/embed'
import { feedRoutes } from './routes/feeds'
import { iconRoutes } from './routes/icons'

/** The whole service: feeds, and (from their own modules) the admin API, discovery and embeds. */
export function createApp(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>()
  app.use('*', securityHeaders)
  app.route('/', feedRoutes)
  app.route('/', discoveryRoutes)
  app.route('/', embedRoutes)
  app.route('/', iconRoutes)
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
