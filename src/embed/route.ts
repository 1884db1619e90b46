import { Hono } from 'hono'
import type { ProblemError } from '../errors/problem-error'
import { problemFor } from '../http/problem'
import { knownScope, scopeOf } from '../articles/scope'
import type { FeedVersion } from '../store/versions'
import { siteConfig, type SiteConfig } from '../config/masthead'
import { embedOptions, type EmbedOptions } from './options'
import { HEADLINES_PATH, SCRIPT_PATH } from './paths'
import { widgetScript } from './script'
import { buildFeedModel } from '../feeds/model'
import { baseUrlOf, type AppContext, type AppEnv } from '../http/context'
import { publicCors } from '../http/cors'
import { pageIcons } from '../http/page-icons'
import { CACHE_CONTROL, loadRendered, rendered, sendRendered, type Rendered } from '../cache'
import { headlinesCsp, headlinesPage } from './headlines'

/** Both embeds are cross-origin resources by design, also on partner pages that require CORP (COEP). */
const CROSS_ORIGIN = { 'Cross-Origin-Resource-Policy': 'cross-origin' }

/** The section or author part of a feed title (`Báo … – Chuyên mục Thời sự`); embed.js reads it the same way. */
function scopeLabel(feedTitle: string, paper: string): string {
  const prefix = `${paper} – `
  return feedTitle.startsWith(prefix) ? feedTitle.slice(prefix.length) : ''
}

/** The iframe document of one feed page; an unknown scope gives the empty list (no error page on a partner's site). */
async function renderHeadlines(c: AppContext, config: SiteConfig, options: EmbedOptions, version: FeedVersion | null): Promise<Rendered> {
  const { kind, slug } = options.scope
  const scope = options.validScope ? knownScope(kind, slug, version) : null
  const items = scope ? (await c.var.store.page(scope, options.limit)).items : []
  const model = buildFeedModel({ config, scope: scope ?? { kind: 'all' }, baseUrl: baseUrlOf(c), items }, 'json')
  const label = scope ? scopeLabel(model.title, config.masthead.name) : ''
  const icons = pageIcons(config)
  const view = {
    paper: config.masthead.name,
    home: config.siteUrl,
    label,
    items,
    timeZone: config.timeZone,
    hosts: config.embedHosts,
    icons,
  }
  const body = await headlinesPage(view, options)
  return rendered(body, version ? new Date(version.at) : null, {
    'Content-Security-Policy': await headlinesCsp(config.embedHosts, icons),
    ...CROSS_ORIGIN,
  })
}

/**
 * The iframe form: the first page of the feed the options name, exactly as the feed shows it, cached and
 * revalidated like the feed itself (one version token decides).
 */
async function serveHeadlines(c: AppContext): Promise<Response> {
  const options = embedOptions((name) => c.req.query(name))
  const config = c.var.config.site
  const { kind, slug } = options.scope
  const doc = options.validScope
    ? await loadRendered(c, {
        key: `embed|${kind}|${slug}|${options.limit}|${options.theme}|${options.target}`,
        version: () => c.var.store.freshness(scopeOf(kind, slug)),
        render: (version) => renderHeadlines(c, config, options, version),
      })
    : await renderHeadlines(c, config, options, null)
  return sendRendered(c, doc, 'text/html; charset=utf-8')
}

/** What the iframe says when its feed cannot be read: never the problem's JSON on a partner's page. */
const NOTICE = 'Tạm thời chưa tải được tin mới. Mời bạn quay lại sau ít phút.'

/** The site's configuration, even when reading the whole configuration failed (a ConfigError). */
function siteOf(c: AppContext): SiteConfig {
  const read = c.get('config') as AppContext['var']['config'] | undefined
  if (read) return read.site
  try {
    return siteConfig(c.env)
  } catch {
    return siteConfig({})
  }
}

/** The iframe document with a notice in place of the headlines, with the problem's status and headers. */
async function headlinesNotice(c: AppContext, problem: ProblemError): Promise<Response> {
  const config = siteOf(c)
  const icons = pageIcons(config)
  const view = {
    paper: config.masthead.name,
    home: config.siteUrl,
    label: '',
    items: [],
    timeZone: config.timeZone,
    hosts: config.embedHosts,
    icons,
    notice: NOTICE,
  }
  const body = await headlinesPage(
    view,
    embedOptions((name) => c.req.query(name)),
  )
  return c.body(body, problem.status, {
    ...problem.headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': await headlinesCsp(config.embedHosts, icons),
    ...CROSS_ORIGIN,
  })
}

/**
 * app.onError's first say: on the iframe's path, any error is answered by the notice page (a 503 keeps
 * its status and Retry-After); elsewhere null, and the problem+json answer stands.
 */
export function headlinesError(error: unknown, c: AppContext): Promise<Response> | null {
  return new URL(c.req.url).pathname === HEADLINES_PATH ? headlinesNotice(c, problemFor(error, c)) : null
}

/** The script with its ETag, per isolate and configuration: it changes only with a deploy. */
const scripts = new WeakMap<SiteConfig, Promise<Rendered>>()

async function serveScript(c: AppContext): Promise<Response> {
  const config = c.var.config.site
  let doc = scripts.get(config)
  if (!doc) {
    doc = rendered(widgetScript(config), null, CROSS_ORIGIN)
    scripts.set(config, doc)
  }
  return sendRendered(c, await doc, 'application/javascript; charset=utf-8', { 'Cache-Control': CACHE_CONTROL.script })
}

export const embedRoutes = new Hono<AppEnv>()
embedRoutes.use(SCRIPT_PATH, publicCors)
embedRoutes.get(HEADLINES_PATH, serveHeadlines)
embedRoutes.get(SCRIPT_PATH, serveScript)
