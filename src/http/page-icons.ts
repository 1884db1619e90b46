import { raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { SiteConfig } from '../config/masthead'
import { ICONS } from '../icons/assets'
import { escapeHtml } from '../text/normalize'

/** The paper's icon in an HTML page's head, and the CSP `img-src` source that lets the browser load it. */
export interface PageIcons {
  links: HtmlEscapedString
  imgSrc: string
}

const link = (rel: string, href: string, attributes = '') => `<link rel="${rel}"${attributes} href="${escapeHtml(href)}">\n`

/**
 * For the service's own pages (the discovery page, the embed): the icons this Worker serves
 * (src/routes/icons.ts), by path, so they load from whichever host served the page and `'self'` allows
 * them; or the paper's ICON_URL, as the feeds show it, allowed by its origin.
 */
export function pageIcons(config: Pick<SiteConfig, 'iconUrl'>): PageIcons {
  if (config.iconUrl) {
    return { links: raw(link('icon', config.iconUrl) + link('apple-touch-icon', config.iconUrl)), imgSrc: new URL(config.iconUrl).origin }
  }
  const { type, width, height } = ICONS['/icon-64.png']
  return {
    links: raw(link('icon', '/icon-64.png', ` type="${type}" sizes="${width}x${height}"`) + link('apple-touch-icon', '/icon-512.png')),
    imgSrc: "'self'",
  }
}
