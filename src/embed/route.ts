import { Hono } from 'hono'
import { knownScope, scopeOf } from '../articles/scope'
import type { FeedVersion } from '../store/versions'
import type { SiteConfig } from '../config/masthead'
import { embedOptions, type EmbedOptions } from './options'
import { HEADLINES_PATH, SCRIPT_PATH } from './paths'
import { widgetScript } from './script'
import { buildFeedModel } from '../feeds/model'
import { baseUrlOf, type AppContext, type AppEnv } from '../http/context'
import { publicCors } from '../http/cors'
import { pageIcons } from '../http/page-icons'
import { CACHE_CONTROL, loadRendered, rendered, sendRendered, type Rendered } from '../cache'
import { headlinesCsp, headlinesPage } from './headlines'

type Ctx = AppContext

/** Both embeds are cross-origin resources by design, also on partner pages that require CORP (COEP). */
const CROSS_ORIGIN = { 'Cross-Origin-Resource-Policy': 'cross-origin' }

/** The section or author part of a feed title (`Báo … – Chuyên mục Thời sự`); embed.js reads it the same way. */
function scopeLabel(feedTitle: string, paper: string): string {
  const prefix = `${paper} – `
  return feedTitle.startsWith(prefix) ? feedTitle.slice(prefix.length) : ''
}

/** The iframe document of one feed page; an unknown scope gives the empty list (no error page on a partner's site). */
async function renderHeadlines(c: Ctx, config: SiteConfig, options: EmbedOptions, version: FeedVersion | null): Promise<Rendered> {
  const { kind, slug } = options.scope
  const scope = options.validScope ? knownScope(kind, slug, version) : null
  const items = scope ? (await c.var.store.page(scope, options.limit)).items : []
  const model = buildFeedModel({ config, scope: scope ?? { kind: 'all' }, baseUrl: baseUrlOf(c), items }, 'json')
  const label = scope ? scopeLabel(model.title, config.masthead.name) : ''
  const icons = pageIcons(config)
  const body = await headlinesPage({ paper: config.masthead.name, home: config.siteUrl, label, items, timeZone: config.timeZone, icons }, options)
  return rendered(body, version ? new Date(version.at) : null, { 'Content-Security-Policy': await headlinesCsp(icons), ...CROSS_ORIGIN })
}

/**
 * The iframe form: the first page of the feed the options name, exactly as the feed shows it, cached and
 * revalidated like the feed itself (one version token decides).
 */
async function serveHeadlines(c: Ctx): Promise<Response> {
  const options = embedOptions((name) => c.req.query(name))
  const config = c.var.config.site
  const { kind, slug } = options.scope
  const doc = options.validScope
    ? await loadRendered(c, {
        key: `embed|${kind}|${slug}|${options.limit}|${options.theme}|${options.target}`,
        version: () => c.var.store.version(scopeOf(kind, slug)),
        render: (version) => renderHeadlines(c, config, options, version),
      })
    : await renderHeadlines(c, config, options, null)
  return sendRendered(c, doc, 'text/html; charset=utf-8')
}

/** The script with its ETag, per isolate and configuration: it changes only with a deploy. */
const scripts = new WeakMap<SiteConfig, Promise<Rendered>>()

async function serveScript(c: Ctx): Promise<Response> {
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
