import { Hono } from 'hono'
import { feedDirectory, type FeedDirectory } from './directory'
import { FEED_FORMATS, type FeedFormat } from '../feeds/model'
import { OPML_CONTENT_TYPE, renderOpml } from './opml'
import { discoveryCsp, discoveryPage } from './page'
import type { SiteConfig } from '../config/masthead'
import { baseUrlOf, type AppContext, type AppEnv } from '../http/context'
import { pageIcons } from '../http/page-icons'
import { publicCors } from '../http/cors'
import { CACHE_CONTROL, loadRendered, rendered, sendRendered } from '../cache'

type Ctx = AppContext

interface DirectoryView {
  contentType: string
  render(directory: FeedDirectory, config: SiteConfig, baseUrl: string): Promise<{ body: string; headers?: Record<string, string> }>
}

const OPML_PATH = '/feeds.opml'

const VIEWS: Record<'html' | 'opml', DirectoryView> = {
  html: {
    contentType: 'text/html; charset=utf-8',
    async render(directory, config, baseUrl) {
      const icons = pageIcons(config)
      const body = await discoveryPage(directory, config.masthead, `${baseUrl}${OPML_PATH}`, baseUrl, icons)
      return { body, headers: { 'Content-Security-Policy': await discoveryCsp(icons.imgSrc), 'Referrer-Policy': 'no-referrer' } }
    },
  },
  opml: {
    contentType: OPML_CONTENT_TYPE,
    async render(directory, config) {
      return { body: renderOpml(directory, config.masthead) }
    },
  },
}

/**
 * The discovery page and the OPML list. Both show the registry of sections and authors, which changes
 * only with a write, and every write touches `ver:all`: so that one token validates them like a feed.
 * KV cost: 0 or 1 reads when cached; uncached, 1 + one list per 1,000 sections and per 1,000 authors,
 * whatever the number of articles.
 */
async function serveDirectory(c: Ctx, view: keyof typeof VIEWS): Promise<Response> {
  const config = c.var.config.site
  const baseUrl = baseUrlOf(c)
  const store = c.var.store
  const { contentType, render } = VIEWS[view]
  const doc = await loadRendered(c, {
    key: `directory|${view}|${baseUrl}`,
    version: () => store.freshness({ kind: 'all' }),
    async render(version) {
      const [sections, authors] = await Promise.all([store.registry('section'), store.registry('author')])
      const out = await render(feedDirectory(config, baseUrl, sections, authors), config, baseUrl)
      return rendered(out.body, version ? new Date(version.at) : null, out.headers)
    },
  })
  return sendRendered(c, doc, contentType)
}

/** Paths readers probe for a site's feed, and the canonical feed each one means. */
const FEED_ALIASES: Readonly<Record<string, FeedFormat>> = {
  '/feed': 'rss',
  '/feed/': 'rss',
  '/feed.xml': 'rss',
  '/rss': 'rss',
  '/atom': 'atom',
  '/json': 'json',
}

export const discoveryRoutes = new Hono<AppEnv>()
for (const path of ['/', OPML_PATH, ...Object.keys(FEED_ALIASES)]) discoveryRoutes.use(path, publicCors)
discoveryRoutes.get('/', (c) => serveDirectory(c, 'html'))
discoveryRoutes.get(OPML_PATH, (c) => serveDirectory(c, 'opml'))
for (const [alias, format] of Object.entries(FEED_ALIASES)) {
  discoveryRoutes.get(alias, (c) => {
    const url = new URL(c.req.url)
    const base = baseUrlOf(c)
    // Permanent: readers update the subscription; the query (limit) is kept.
    c.header('Cache-Control', CACHE_CONTROL.permanentRedirect)
    return c.redirect(`${base}/${FEED_FORMATS[format].file}${url.search}`, 301)
  })
}
