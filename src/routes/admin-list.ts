/**
 * `GET /api/articles?status=published|scheduled&limit=&cursor=`: the newsroom's view of what is out and
 * what is waiting. Published articles newest first (the site feed's own index), scheduled ones soonest
 * first; pages of `limit` (1–100, default 20) linked by a signed `next` cursor, as the feeds page.
 */
import { InvalidParameter } from '../errors/invalid-parameter'
import type { AppContext } from '../http/context'
import type { ArticleStatus } from '../store/store'
import { adminListed } from './admin-view'
import { readCursor, readLimit } from './feeds'

const STATUSES: readonly ArticleStatus[] = ['published', 'scheduled']

function readStatus(c: AppContext): ArticleStatus {
  const raw = c.req.query('status') ?? 'published'
  const status = STATUSES.find((s) => s === raw)
  if (!status) throw new InvalidParameter('status', `phải là ${STATUSES.join(' hoặc ')}`)
  return status
}

export async function listArticles(c: AppContext): Promise<Response> {
  const status = readStatus(c)
  const limit = readLimit(c)
  const page = await c.var.store.list(status, limit, readCursor(c))
  const now = Date.now()
  const next = page.next && `/api/articles?${new URLSearchParams({ status, limit: String(limit), cursor: page.next })}`
  return c.json({ status, items: page.items.map((a) => adminListed(a, c.var.config.site.timeZone, now)), ...(next && { next }) })
}
