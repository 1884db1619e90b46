import { Hono } from 'hono'
import { isFeedSlug } from '../articles/limits'
import { knownScope, scopeOf, type ScopeKind } from '../articles/scope'
import { InvalidCursor } from '../errors/invalid-cursor'
import { InvalidParameter } from '../errors/invalid-parameter'
import { NotFound } from '../errors/not-found'
import { MAX_PAGE } from '../store/budgets'
import type { FeedPage } from '../store/page'
import { FEED_FORMATS, FORMATS, buildFeedModel, type FeedFormat, type FeedLinks } from '../feeds/model'
import { keepStoredItems } from '../feeds/outputs'
import { itemsWithin, renderFeedDocument, type FeedDocument } from '../feeds/render'
import { itemContext } from '../feeds/view'
import { baseUrlOf, type AppContext, type AppEnv } from '../http/context'
import { publicCors } from '../http/cors'
import { loadRendered, rendered, sendRendered, type VersionedDocument } from '../cache'

const DEFAULT_LIMIT = 20

/** Longest cursor accepted: it holds two KV list positions (this page's and the previous page's). */
const MAX_CURSOR = 8_192

function query(limit: number, cursor?: string): string {
  const params = new URLSearchParams()
  if (limit !== DEFAULT_LIMIT) params.set('limit', String(limit))
  if (cursor) params.set('cursor', cursor)
  return params.toString()
}

/** HTTP Link header (RFC 8288): the only place JSON Feed can carry self, first, previous and hub. */
function linkHeader(links: FeedLinks): string {
  const rels: Array<[string, string | undefined]> = [
    ['self', links.self],
    ['first', links.first],
    ['previous', links.previous],
    ['next', links.next],
    ['hub', links.hub],
  ]
  return rels.flatMap(([rel, href]) => (href ? [`<${href}>; rel="${rel}"`] : [])).join(', ')
}

/** The page size asked for, from 1 to MAX_PAGE. */
export function readLimit(c: AppContext): number {
  const raw = c.req.query('limit')
  if (raw === undefined) return DEFAULT_LIMIT
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN
  if (n >= 1 && n <= MAX_PAGE) return n
  throw new InvalidParameter('limit', `phải là số nguyên từ 1 đến ${MAX_PAGE}`)
}

/** The cursor asked for, if any: only checked for size here; the store decodes it. */
export function readCursor(c: AppContext): string | undefined {
  const cursor = c.req.query('cursor')
  if (cursor !== undefined && (cursor === '' || cursor.length > MAX_CURSOR)) throw new InvalidCursor('is not one this service issued')
  return cursor
}

/** The feed's slug from the path ('' for the paper's); a path segment that is no slug, or a longer one than any feed has, names no feed. */
function readSlug(c: AppContext, kind: ScopeKind): string {
  const slug = kind === 'all' ? '' : (c.req.param('slug') ?? '')
  if (kind !== 'all' && !isFeedSlug(slug)) throw new NotFound()
  return slug
}

/** What one feed request asks for. */
interface FeedRequest {
  kind: ScopeKind
  slug: string
  format: FeedFormat
  limit: number
  cursor: string | undefined
}

/** One page of one feed in one format, as the cache loads it: one version token decides its freshness. */
function feedDocument(c: AppContext, { kind, slug, format, limit, cursor }: FeedRequest): VersionedDocument {
  const config = c.var.config.site
  const baseUrl = baseUrlOf(c)
  const hub = c.var.config.websubHub
  const store = c.var.store
  return {
    key: `feed|${format}|${kind}|${slug}|${limit}|${cursor ?? ''}|${baseUrl}|${hub ?? ''}`,
    version: () => store.freshness(scopeOf(kind, slug)),
    async render(version) {
      const scope = knownScope(kind, slug, version)
      if (!scope) throw new NotFound(`Không có ${kind === 'section' ? 'chuyên mục' : 'tác giả'} "${slug}".`)
      const changedAt = version ? new Date(version.at) : null
      const model = (page: FeedPage) =>
        buildFeedModel(
          {
            config,
            scope,
            baseUrl,
            items: page.items,
            selfQuery: query(limit, cursor),
            firstQuery: query(limit),
            ...(page.previous && { previousQuery: query(limit, page.previous.cursor) }),
            ...(page.next && { nextQuery: query(limit, page.next) }),
            ...(changedAt && { changedAt }),
            ...(hub && { hub }),
          },
          format,
        )
      const page = await store.page(scope, limit, cursor)
      // Items this isolate has not rendered come stored with their articles (one read) when there are several.
      await keepStoredItems(format, itemContext(config), page.items, (ids) => store.outputs(format, ids))
      const { document, links } = await withinBudget(page, (page) => {
        const m = model(page)
        return { document: renderFeedDocument(m, format), links: m.links }
      })
      // Last-Modified is the feed's last write: never earlier than a change a client could have missed.
      return rendered(document, changedAt, { Link: linkHeader(links) })
    },
  }
}

/**
 * The page's document, from fewer of its items (and `next` right after them) while it is over the
 * feeds' size budget: a reader gets the rest on the next page, never a failure or an unbounded document.
 * Items are kept per version (src/feeds/items.ts), so a second render costs only the channel.
 */
async function withinBudget<T extends { document: FeedDocument }>(page: FeedPage, render: (page: FeedPage) => T): Promise<T> {
  for (;;) {
    const result = render(page)
    const fit = itemsWithin(result.document)
    if (fit >= page.items.length) return result
    page = await page.cut(fit)
  }
}

async function serveFeed(c: AppContext, kind: ScopeKind, format: FeedFormat): Promise<Response> {
  const request = { kind, format, limit: readLimit(c), cursor: readCursor(c), slug: readSlug(c, kind) }
  return sendRendered(c, await loadRendered(c, feedDocument(c, request)), FEED_FORMATS[format].contentType)
}

export const feedRoutes = new Hono<AppEnv>()
// CORS first: middleware runs in registration order, and a feed handler never calls next().
for (const path of [...FORMATS.map((f) => `/${FEED_FORMATS[f].file}`), '/chuyen-muc/*', '/tac-gia/*']) feedRoutes.use(path, publicCors)
for (const format of FORMATS) {
  const file = FEED_FORMATS[format].file
  feedRoutes.get(`/${file}`, (c) => serveFeed(c, 'all', format))
  feedRoutes.get(`/chuyen-muc/:slug/${file}`, (c) => serveFeed(c, 'section', format))
  feedRoutes.get(`/tac-gia/:slug/${file}`, (c) => serveFeed(c, 'author', format))
}
