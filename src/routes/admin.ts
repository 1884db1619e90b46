/**
 * The newsroom's admin API, mounted under `/api/`:
 *   PUT    /articles/:id   create (201) or replace (200) one article
 *   GET    /articles/:id   the stored article
 *   DELETE /articles/:id   204; the article leaves every feed
 *   POST   /articles       a JSON array, each element stored or rejected on its own
 * Every request needs the admin token (src/http/auth.ts); every error is RFC 9457 problem+json naming
 * each field at fault. Nothing is written unless the input is valid, and nothing here is cached.
 */
import { zValidator } from '@hono/zod-validator'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { keepLegacyIds } from '../articles/ids'
import type { Article } from '../articles/model'
import { articleFromInput, articleInputSchema, fieldIssues, type FieldIssue } from '../articles/schema'
import type { Env } from '../env'
import { requireAdminToken } from '../http/auth'
import { configOf, storeOf } from '../http/config'
import { notFound, problem, RETRY_AFTER_SECONDS } from '../http/problem'
import { SLUG_PATTERN } from '../text/normalize'
import { announceChanges } from '../websub/publish'

/** One article: the content limit (200 000 characters) in Vietnamese UTF-8, with room for the rest. */
export const ARTICLE_BODY_LIMIT = 1024 * 1024
export const BATCH_BODY_LIMIT = 5 * 1024 * 1024
/**
 * Articles per batch. KV allows 1 000 operations per invocation and an article costs about 2 plus 2 per
 * feed it is in (read, write, index entries, stale entries), so 25 leaves headroom for long bylines.
 */
export const MAX_BATCH = 25

type AdminEnv = { Bindings: Env }
type Ctx = Context<AdminEnv>

function invalid(c: Context, errors: FieldIssue[], title = 'Dữ liệu không hợp lệ'): Response {
  const detail = errors.map((e) => `${e.field}: ${e.reason}`).join('; ')
  return problem(c, { title, status: 400, detail, errors })
}

/** 415 unless the body is declared as UTF-8 JSON; runs before the body is read. */
const requireJson: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const header = c.req.header('Content-Type') ?? ''
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase())
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '')
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    return problem(c, {
      title: 'Kiểu nội dung không được hỗ trợ',
      status: 415,
      detail: `Send JSON with Content-Type: application/json (UTF-8)${header ? `, not ${header}` : ''}.`,
    })
  }
  await next()
}

/** 413 past `maxSize` bytes, whether the client declared a Content-Length or streamed the body. */
const sizeLimit = (maxSize: number): MiddlewareHandler<AdminEnv> =>
  bodyLimit({
    maxSize,
    onError: (c) => problem(c, { title: 'Nội dung quá lớn', status: 413, detail: `The body must be at most ${maxSize} bytes.` }),
  })

const idSchema = z.object({ id: z.string().max(300).regex(SLUG_PATTERN) })
const batchSchema = z
  .array(z.unknown(), { error: 'must be a JSON array of articles' })
  .min(1, { error: 'must hold at least one article' })
  .max(MAX_BATCH, { error: `must hold at most ${MAX_BATCH} articles; send more in several requests` })

/** The validator's hook: a 400 naming every field at fault (`id` for the URL's id). */
function onInvalid(result: { success: true } | { success: false; error: Pick<z.core.$ZodError, 'issues'>; target: string }, c: Context): Response | undefined {
  if (result.success) return undefined
  if (result.target === 'param')
    return invalid(c, [{ field: 'id', reason: 'must be a slug: lowercase ASCII words joined by hyphens, e.g. 2016-04-01-khai-mac-hoi-nghi' }])
  return invalid(c, fieldIssues(result.error))
}

function buildContext(c: Ctx, id?: string) {
  const config = configOf(c.env)
  return { siteUrl: config.siteUrl, timeZone: config.timeZone, ...(id !== undefined && { id }) }
}

const methodNotAllowed =
  (allow: string): MiddlewareHandler<AdminEnv> =>
  async (c) =>
    problem(c, { title: 'Phương thức không được hỗ trợ', status: 405, detail: `Allowed: ${allow}.` }, { Allow: allow })

/** What happened to one element of a batch. */
export interface BatchItemResult {
  index: number
  /** The article's id, when the element got far enough to have one. */
  id?: string
  status: 200 | 201 | 400 | 503
  errors?: FieldIssue[]
}

export interface BatchSummary {
  created: number
  replaced: number
  rejected: number
}

export const adminRoutes = new Hono<AdminEnv>()

adminRoutes.use('*', async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
})
adminRoutes.use('*', requireAdminToken())

adminRoutes.onError((error, c) => {
  // The validator throws for a body that is not JSON; never echo the body (or its parse error) back.
  if (error instanceof HTTPException && error.status === 400) return invalid(c, [{ field: '(body)', reason: 'is not valid JSON' }], 'JSON không hợp lệ')
  throw error
})

adminRoutes.get('/articles/:id', zValidator('param', idSchema, onInvalid), async (c) => {
  const { id } = c.req.valid('param')
  const article = await storeOf(c.env).get(id)
  return article ? c.json(article) : notFound(c, `Không có bài "${id}".`)
})

adminRoutes.put('/articles/:id', zValidator('param', idSchema, onInvalid), requireJson, sizeLimit(ARTICLE_BODY_LIMIT), zValidator('json', articleInputSchema, onInvalid), async (c) => {
  const { id } = c.req.valid('param')
  const built = articleFromInput(c.req.valid('json'), buildContext(c, id))
  if (!built.ok) return invalid(c, built.issues)
  const { created, previous } = await storeOf(c.env).put(built.article)
  announceChanges(c, previous ? [previous, built.article] : [built.article])
  return c.json(built.article, created ? 201 : 200, created ? { Location: `/api/articles/${id}` } : {})
})

adminRoutes.delete('/articles/:id', zValidator('param', idSchema, onInvalid), async (c) => {
  const { id } = c.req.valid('param')
  const deleted = await storeOf(c.env).delete(id)
  if (!deleted) return notFound(c, `Không có bài "${id}".`)
  announceChanges(c, [deleted])
  return c.body(null, 204)
})

adminRoutes.all('/articles/:id', methodNotAllowed('GET, PUT, DELETE'))

/**
 * A batch: every element is validated on its own, the valid ones are written (each whole or not at
 * all), and the answer lists each element's fate in order. 200 when at least one was stored, since the
 * request as such succeeded; 400 (problem+json, same `results`) when every element was invalid; 503
 * with Retry-After when none was stored and the store failed for some.
 */
adminRoutes.post('/articles', requireJson, sizeLimit(BATCH_BODY_LIMIT), zValidator('json', batchSchema, onInvalid), async (c) => {
  const elements = c.req.valid('json')
  const results: BatchItemResult[] = []
  let toWrite: Array<{ index: number; article: Article; legacyId?: string }> = []
  const firstIndex = new Map<string, number>()
  elements.forEach((element, index) => {
    const parsed = articleInputSchema.safeParse(element)
    const built = parsed.success ? articleFromInput(parsed.data, buildContext(c)) : { ok: false as const, issues: fieldIssues(parsed.error) }
    if (!built.ok) {
      results.push({ index, status: 400, errors: built.issues })
      return
    }
    const id = built.article.id
    const earlier = firstIndex.get(id)
    if (earlier !== undefined) {
      results.push({ index, id, status: 400, errors: [{ field: 'id', reason: `same id as element ${earlier}; send one version of an article per batch` }] })
      return
    }
    firstIndex.set(id, index)
    results.push({ index, id, status: 201 })
    toWrite.push({ index, article: built.article, ...(parsed.data?.legacyId !== undefined && { legacyId: parsed.data.legacyId }) })
  })
  // An article an earlier importer stored under its legacy id is replaced there, not copied (ids.ts).
  toWrite = await keepLegacyIds(toWrite, async (id) => (await storeOf(c.env).get(id)) !== null, configOf(c.env).siteUrl)
  for (const w of toWrite) (results[w.index] as BatchItemResult).id = w.article.id

  const written = await storeOf(c.env).putMany(toWrite.map((w) => w.article))
  const changed: Article[] = []
  written.forEach((outcome, i) => {
    const { index, article } = toWrite[i] as { index: number; article: Article }
    const result = results[index] as BatchItemResult
    if ('error' in outcome) {
      console.error('batch write failed', article.id, outcome.error instanceof Error ? outcome.error.message : String(outcome.error))
      result.status = 503
      result.errors = [{ field: '(article)', reason: `storage failed; nothing of it was kept, send it again in ${RETRY_AFTER_SECONDS} seconds` }]
      return
    }
    result.status = outcome.created ? 201 : 200
    changed.push(article, ...(outcome.previous ? [outcome.previous] : []))
  })
  announceChanges(c, changed)

  const summary: BatchSummary = {
    created: results.filter((r) => r.status === 201).length,
    replaced: results.filter((r) => r.status === 200).length,
    rejected: results.filter((r) => r.status >= 400).length,
  }
  if (summary.created + summary.replaced > 0) return c.json({ summary, results })
  const failed = results.some((r) => r.status === 503)
  return problem(c, {
    title: failed ? 'Không lưu được bài nào' : 'Không bài nào hợp lệ',
    status: failed ? 503 : 400,
    detail: `None of the ${results.length} articles was stored; see results.`,
    errors: results.flatMap((r) => (r.errors ?? []).map((e) => ({ field: `${r.index}.${e.field}`, reason: e.reason }))),
    summary,
    results,
  }, failed ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {})
})

adminRoutes.all('/articles', methodNotAllowed('POST'))
