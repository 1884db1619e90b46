import { Hono, type Context } from 'hono'
import { CursorError, MAX_PAGE, type FeedPage, type FeedVersion } from '../articles/store'
import type { Env } from '../env'
import { FEED_FORMATS, buildFeedModel, type FeedFormat, type FeedLinks } from '../feeds/model'
import { renderFeedDocument } from '../feeds/render'
import { knownScope, scopeOf, type ScopeKind } from '../feeds/scope'
import { configOf, feedBaseUrl, storeOf } from '../http/config'
import { publicCors } from '../http/cors'
import { invalidParameter, notFound } from '../http/problem'
import { loadRendered, rendered, sendRendered } from '../http/rendered'
import { SLUG_PATTERN } from '../text/normalize'

export const DEFAULT_LIMIT = 20

/** Longest cursor accepted: it holds two KV list positions (this page's and the previous page's). */
const MAX_CURSOR = 8_192

type Ctx = Context<{ Bindings: Env }>

function readLimit(c: Ctx): number | string {
  const raw = c.req.query('limit')
  if (raw === undefined) return DEFAULT_LIMIT
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN
  return n >= 1 && n <= MAX_PAGE ? n : `must be a whole number from 1 to ${MAX_PAGE}`
}

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

async function serveFeed(c: Ctx, kind: ScopeKind, format: FeedFormat): Promise<Response> {
  const limit = readLimit(c)
  if (typeof limit === 'string') return invalidParameter(c, 'limit', limit)
  const cursor = c.req.query('cursor')
  if (cursor !== undefined && (cursor === '' || cursor.length > MAX_CURSOR)) return invalidParameter(c, 'cursor', 'is not one this service issued')
  const slug = kind === 'all' ? '' : (c.req.param('slug') ?? '')
  if (kind !== 'all' && !SLUG_PATTERN.test(slug)) return notFound(c)
  const config = configOf(c.env)
  const baseUrl = feedBaseUrl(config, c.req.url)
  const hub = c.env.WEBSUB_HUB
  const store = storeOf(c.env)

  const render = async (version: FeedVersion | null) => {
    const scope = knownScope(kind, slug, version)
    if (!scope) return notFound(c, `Không có ${kind === 'section' ? 'chuyên mục' : 'tác giả'} "${slug}".`)
    let page: FeedPage
    try {
      page = await store.page(scope, limit, cursor)
    } catch (error) {
      if (error instanceof CursorError) return invalidParameter(c, 'cursor', error.message)
      throw error
    }
    const changedAt = version ? new Date(version.at) : null
    const model = buildFeedModel(
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
    // Last-Modified is the feed's last write: never earlier than a change a client could have missed.
    return rendered(renderFeedDocument(model, format).body, changedAt, { Link: linkHeader(model.links) })
  }

  const doc = await loadRendered(c, {
    key: `feed|${format}|${kind}|${slug}|${limit}|${cursor ?? ''}|${baseUrl}|${hub ?? ''}`,
    version: () => store.version(scopeOf(kind, slug)),
    render,
  })
  return doc instanceof Response ? doc : sendRendered(c, doc, FEED_FORMATS[format].contentType)
}

export const feedRoutes = new Hono<{ Bindings: Env }>()
const formats = Object.keys(FEED_FORMATS) as FeedFormat[]
// CORS first: middleware runs in registration order, and a feed handler never calls next().
for (const path of [...formats.map((f) => `/${FEED_FORMATS[f].file}`), '/chuyen-muc/*', '/tac-gia/*']) feedRoutes.use(path, publicCors)
for (const format of formats) {
  const file = FEED_FORMATS[format].file
  feedRoutes.get(`/${file}`, (c) => serveFeed(c, 'all', format))
  feedRoutes.get(`/chuyen-muc/:slug/${file}`, (c) => serveFeed(c, 'section', format))
  feedRoutes.get(`/tac-gia/:slug/${file}`, (c) => serveFeed(c, 'author', format))
}
