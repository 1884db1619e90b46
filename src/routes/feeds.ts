import { Hono, type Context } from 'hono'
import { articleStore, CursorError, MAX_PAGE } from '../articles/store'
import type { Env } from '../env'
import { FEED_FORMATS, buildFeedModel, type FeedFormat, type FeedScope } from '../feeds/model'
import { renderFeed } from '../feeds/render'
import { renderCache, type RenderedFeed } from '../feeds/cache'
import { isNotModified, NOT_MODIFIED_HEADERS, strongEtag } from '../http/conditional'
import { invalidParameter, notFound } from '../http/problem'
import { configOf, feedBaseUrl } from '../http/config'
import { SLUG_PATTERN } from '../text/normalize'

export const DEFAULT_LIMIT = 20

/** How long a rendered feed is served without asking KV whether it changed. */
const RECHECK_MS = 1_000

type Ctx = Context<{ Bindings: Env }>

type ScopeKind = FeedScope['kind']

function scopeOf(kind: ScopeKind, slug: string, name: string): FeedScope {
  return kind === 'all' ? { kind } : { kind, slug, name }
}

function readLimit(c: Ctx): number | string {
  const raw = c.req.query('limit')
  if (raw === undefined) return DEFAULT_LIMIT
  if (!/^\d{1,3}$/.test(raw)) return `must be a whole number from 1 to ${MAX_PAGE}`
  const n = Number(raw)
  return n >= 1 && n <= MAX_PAGE ? n : `must be a whole number from 1 to ${MAX_PAGE}`
}

function query(limit: number, cursor?: string): string {
  const params = new URLSearchParams()
  if (limit !== DEFAULT_LIMIT) params.set('limit', String(limit))
  if (cursor) params.set('cursor', cursor)
  return params.toString()
}

function linkHeader(links: { self: string; next?: string; first?: string; hub?: string }): string {
  const parts = [`<${links.self}>; rel="self"`]
  if (links.first) parts.push(`<${links.first}>; rel="first"`)
  if (links.next) parts.push(`<${links.next}>; rel="next"`)
  if (links.hub) parts.push(`<${links.hub}>; rel="hub"`)
  return parts.join(', ')
}

async function serveFeed(c: Ctx, kind: ScopeKind, format: FeedFormat): Promise<Response> {
  const limit = readLimit(c)
  if (typeof limit === 'string') return invalidParameter(c, 'limit', limit)
  const cursor = c.req.query('cursor')
  if (cursor !== undefined && (cursor === '' || cursor.length > 1024)) return invalidParameter(c, 'cursor', 'is not one this service issued')
  const config = configOf(c.env)
  const slug = kind === 'all' ? '' : (c.req.param('slug') ?? '')
  if (kind !== 'all' && !SLUG_PATTERN.test(slug)) return notFound(c)
  const baseUrl = feedBaseUrl(config, c.req.url)
  const key = `${format}|${kind}|${slug}|${limit}|${cursor ?? ''}|${baseUrl}|${c.env.WEBSUB_HUB ?? ''}`

  const now = Date.now()
  const entry = renderCache.get(key)
  if (!entry || now - entry.checkedAt >= RECHECK_MS) {
    const store = articleStore(c.env.ARTICLES)
    const version = await store.version(scopeOf(kind, slug, slug))
    if (!version && kind !== 'all') return notFound(c, `Không có ${kind === 'section' ? 'chuyên mục' : 'tác giả'} "${slug}".`)
    const token = version?.token ?? 'empty'
    if (entry && entry.token === token) {
      entry.checkedAt = now
    } else {
      const scope = scopeOf(kind, slug, version?.name ?? slug)
      let page
      try {
        page = await store.page(scope, limit, cursor)
      } catch (error) {
        if (error instanceof CursorError) return invalidParameter(c, 'cursor', error.message)
        throw error
      }
      const changedAt = version ? new Date(version.at) : undefined
      const model = buildFeedModel(
        {
          config,
          scope,
          baseUrl,
          items: page.items,
          selfQuery: query(limit, cursor),
          ...(page.next && { nextQuery: query(limit, page.next) }),
          ...(changedAt && { changedAt }),
          ...(c.env.WEBSUB_HUB && { hub: c.env.WEBSUB_HUB }),
        },
        format,
      )
      const body = renderFeed(model, format)
      const feed: RenderedFeed = { body, etag: await strongEtag(body), lastModified: changedAt ?? model.updated, link: linkHeader(model.links) }
      renderCache.set(key, token, feed, now)
      return respond(c, feed, format)
    }
  }
  return respond(c, entry.feed, format)
}

function respond(c: Ctx, feed: RenderedFeed, format: FeedFormat): Response {
  const headers: Record<string, string> = {
    'Content-Type': FEED_FORMATS[format].contentType,
    ETag: feed.etag,
    'Last-Modified': feed.lastModified.toUTCString(),
    'Cache-Control': 'public, max-age=300, stale-while-revalidate=600',
    Link: feed.link,
    'X-Content-Type-Options': 'nosniff',
  }
  if (isNotModified(c.req.raw, feed.etag, feed.lastModified)) {
    const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => (NOT_MODIFIED_HEADERS as readonly string[]).includes(name)))
    return c.body(null, 304, kept)
  }
  return c.body(feed.body, 200, headers)
}

export const feedRoutes = new Hono<{ Bindings: Env }>()
for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
  const file = FEED_FORMATS[format].file
  feedRoutes.get(`/${file}`, (c) => serveFeed(c, 'all', format))
  feedRoutes.get(`/chuyen-muc/:slug/${file}`, (c) => serveFeed(c, 'section', format))
  feedRoutes.get(`/tac-gia/:slug/${file}`, (c) => serveFeed(c, 'author', format))
}
