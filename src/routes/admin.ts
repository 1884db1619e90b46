/**
 * The newsroom's admin API, mounted under `/api/`:
 *   PUT    /articles/:id   create (201) or replace (200) one article
 *   GET    /articles/:id   the stored article
 *   DELETE /articles/:id   204; the article leaves every feed
 *   POST   /articles       a JSON array, each element stored or rejected on its own (./admin-batch.ts)
 *   GET    /articles       published or scheduled articles, paged (./admin-list.ts)
 * Every request needs the admin token (src/http/auth.ts); every error is RFC 9457 problem+json naming
 * each field at fault. Nothing is written unless the input is valid, and nothing here is cached.
 */
import { zValidator } from '@hono/zod-validator'
import { Hono, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { ARTICLE_BODY_LIMIT } from '../articles/batch'
import { articleFromInput, articleId, articleInputSchema, fieldIssues } from '../articles/schema'
import { BatchTooLarge } from '../errors/batch-too-large'
import { InvalidInput } from '../errors/invalid-input'
import { MethodNotAllowed } from '../errors/method-not-allowed'
import { NotFound } from '../errors/not-found'
import { UnsupportedMediaType } from '../errors/unsupported-media-type'
import { requireAdminToken } from '../http/auth'
import { bodyLimit } from '../http/body-limit'
import { buildContext, type AppEnv } from '../http/context'
import { announceChanges } from '../websub/publish'
import { storeBatch } from './admin-batch'
import { listArticles } from './admin-list'
import { adminView } from './admin-view'

/** 415 unless the body is declared as UTF-8 JSON; runs before the body is read. */
const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Content-Type') ?? ''
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase())
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '')
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) throw new UnsupportedMediaType(header)
  await next()
}

const idSchema = z.object({ id: articleId })
// How many articles it may hold is the deployment's limit, checked with its byte limit (storeBatch).
const batchSchema = z.array(z.unknown(), { error: 'must be a JSON array of articles' }).min(1, { error: 'must hold at least one article' })

/** The deployment's byte limit on a batch (src/config/batch.ts), answered with both of its limits. */
const batchBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const limits = c.var.config.batch
  return bodyLimit(limits.maxBytes, () => new BatchTooLarge(limits))(c, next)
}

/** The validator's hook: a 400 naming every field at fault (`id` for the URL's id). */
function onInvalid(result: { success: true } | { success: false; error: Pick<z.core.$ZodError, 'issues'>; target: string }): undefined {
  if (result.success) return undefined
  if (result.target === 'param')
    throw new InvalidInput([
      { field: 'id', reason: 'must be a slug: lowercase ASCII words joined by hyphens, e.g. 2016-04-01-khai-mac-hoi-nghi' },
    ])
  throw new InvalidInput(fieldIssues(result.error))
}

const methodNotAllowed =
  (allow: string): MiddlewareHandler<AppEnv> =>
  async () => {
    throw new MethodNotAllowed(allow)
  }

const missing = (id: string) => new NotFound(`Không có bài "${id}".`)

export const adminRoutes = new Hono<AppEnv>()

adminRoutes.use('*', async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
})
adminRoutes.use('*', requireAdminToken())

adminRoutes.get('/articles/:id', zValidator('param', idSchema, onInvalid), async (c) => {
  const { id } = c.req.valid('param')
  const article = await c.var.store.get(id)
  if (!article) throw missing(id)
  return c.json(adminView(article, c.var.config.site.timeZone))
})

adminRoutes.put(
  '/articles/:id',
  zValidator('param', idSchema, onInvalid),
  requireJson,
  bodyLimit(ARTICLE_BODY_LIMIT),
  zValidator('json', articleInputSchema, onInvalid),
  async (c) => {
    const { id } = c.req.valid('param')
    const built = articleFromInput(c.req.valid('json'), buildContext(c, id))
    if (!built.ok) throw new InvalidInput(built.issues)
    const { created, previous } = await c.var.store.put(built.article)
    announceChanges(c, previous ? [previous, built.article] : [built.article])
    return c.json(
      adminView(built.article, c.var.config.site.timeZone),
      created ? 201 : 200,
      created ? { Location: `/api/articles/${id}` } : {},
    )
  },
)

adminRoutes.delete('/articles/:id', zValidator('param', idSchema, onInvalid), async (c) => {
  const { id } = c.req.valid('param')
  const deleted = await c.var.store.delete(id)
  if (!deleted) throw missing(id)
  announceChanges(c, [deleted])
  return c.body(null, 204)
})

adminRoutes.all('/articles/:id', methodNotAllowed('GET, PUT, DELETE'))

adminRoutes.post('/articles', requireJson, batchBodyLimit, zValidator('json', batchSchema, onInvalid), async (c) =>
  c.json(await storeBatch(c, c.req.valid('json'))),
)

adminRoutes.get('/articles', listArticles)

adminRoutes.all('/articles', methodNotAllowed('GET, POST'))
