import { Hono, type Context } from 'hono'
import { articleStore } from '../articles/store'
import { embedOptions } from '../embed/options'
import { HEADLINES_PATH, SCRIPT_PATH } from '../embed/paths'
import { widgetScript } from '../embed/script'
import type { Env } from '../env'
import { buildFeedModel } from '../feeds/model'
import { knownScope, scopeOf } from '../feeds/scope'
import { etagMatches, isNotModified, NOT_MODIFIED_HEADERS, strongEtag } from '../http/conditional'
import { configOf } from '../http/config'
import { headlinesCsp, headlinesPage } from '../html/headlines'

type Ctx = Context<{ Bindings: Env }>

/** The section or author part of a feed title (`Báo … – Chuyên mục Thời sự`); embed.js reads it the same way. */
function scopeLabel(feedTitle: string, paper: string): string {
  const prefix = `${paper} – `
  return feedTitle.startsWith(prefix) ? feedTitle.slice(prefix.length) : ''
}

/**
 * The iframe document: the first page of the feed the options name, exactly as the feed shows it. An
 * unknown or malformed section/author shows the empty list (never an error page on a partner's site).
 */
async function serveHeadlines(c: Ctx): Promise<Response> {
  const options = embedOptions((name) => c.req.query(name))
  const config = configOf(c.env)
  const store = articleStore(c.env.ARTICLES)
  const { kind, slug } = options.scope
  const version = options.validScope ? await store.version(scopeOf(kind, slug)) : null
  const scope = options.validScope ? knownScope(kind, slug, version) : null
  const items = scope ? (await store.page(scope, options.limit)).items : []
  const model = buildFeedModel({ config, scope: scope ?? { kind: 'all' }, baseUrl: config.feedBaseUrl ?? new URL(c.req.url).origin, items }, 'json')
  const label = scope ? scopeLabel(model.title, config.masthead.name) : ''
  const body = await headlinesPage({ paper: config.masthead.name, home: config.siteUrl, label, items, timeZone: config.timeZone }, options)
  return conditional(c, body, version ? new Date(version.at) : null, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': await headlinesCsp(),
    'Cache-Control': 'public, max-age=300, stale-while-revalidate=600',
  })
}

async function serveScript(c: Ctx): Promise<Response> {
  return conditional(c, widgetScript(configOf(c.env)), null, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
    // Partners embed the URL unversioned, so a deploy reaches them within the hour.
    'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
  })
}

/** Both embeds are cross-origin resources by design, also for partner pages that require CORP. */
async function conditional(c: Ctx, body: string, lastModified: Date | null, headers: Record<string, string>): Promise<Response> {
  const etag = await strongEtag(body)
  const all: Record<string, string> = {
    ...headers,
    ETag: etag,
    ...(lastModified && { 'Last-Modified': lastModified.toUTCString() }),
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  }
  const current = lastModified ? isNotModified(c.req.raw, etag, lastModified) : etagMatches(c.req.header('If-None-Match') ?? '', etag)
  if (current) {
    const kept = Object.entries(all).filter(([name]) => (NOT_MODIFIED_HEADERS as readonly string[]).includes(name))
    return c.body(null, 304, Object.fromEntries(kept))
  }
  return c.body(body, 200, all)
}

export const embedRoutes = new Hono<{ Bindings: Env }>()
embedRoutes.get(HEADLINES_PATH, serveHeadlines)
embedRoutes.get(SCRIPT_PATH, serveScript)
