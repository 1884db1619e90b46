import { html, raw } from 'hono/html'
import type { Article } from '../articles/model'
import type { PageIcons } from '../http/page-icons'
import { styleCsp } from '../http/security'
import type { EmbedOptions } from './options'
import { headlineImage, headlineLink, imageSources } from './hosts'
import { FRAME_CSS } from './style'
import { formatNewsroom, formatRfc3339 } from '../time/zone'

/**
 * The iframe form of the headlines widget: one self-contained document (inline CSS by hash, no scripts,
 * no fonts, no resources but the articles' https thumbnails on the paper's configured hosts and the
 * paper's icon), so its CSP forbids the rest.
 */

/** What the document shows; `label` names the section or author, empty for the whole paper. */
export interface HeadlinesView {
  paper: string
  home: string
  label: string
  items: Article[]
  timeZone: string
  icons: PageIcons
  /** Hosts headlines may link to and show thumbnails from (SiteConfig.embedHosts). */
  hosts: readonly string[]
  /** Shown instead of the headlines when they cannot be read (the feed failed). */
  notice?: string
}

const csp = styleCsp(FRAME_CSS, "frame-ancestors *; base-uri 'none'; form-action 'none'")

/** The CSP of the document: its stylesheet, images from the configured hosts and the icon, embeddable anywhere, nothing else. */
export function headlinesCsp(hosts: readonly string[], icons: PageIcons): Promise<string> {
  return csp(`${imageSources(hosts)} ${icons.imgSrc}`)
}

function headline(article: Article, options: Pick<EmbedOptions, 'target'>, view: HeadlinesView) {
  const published = new Date(article.published)
  const thumb = headlineImage(article.image?.url, view.hosts)
  const rel = options.target === '_blank' ? raw(' rel="noopener"') : ''
  const timeZone = view.timeZone
  return html`<li class="item"><a class="link" href="${headlineLink(article.url, view.home, view.hosts)}" target="${options.target}"${rel}>${
    thumb
      ? html`<img class="thumb" src="${thumb}" alt="" width="72" height="48" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
      : ''
  }<span class="text"><span class="title">${article.title}</span><time class="time" datetime="${formatRfc3339(published, timeZone)}">${formatNewsroom(published, timeZone)}</time></span></a></li>\n`
}

/** The document, every interpolated value HTML-escaped by hono/html. */
export async function headlinesPage(view: HeadlinesView, options: Pick<EmbedOptions, 'target' | 'theme'>): Promise<string> {
  const rel = options.target === '_blank' ? raw(' rel="noopener"') : ''
  const title = view.label ? `${view.label} – ${view.paper}` : `Tin mới – ${view.paper}`
  const page = html`<!doctype html>
<html lang="vi" class="vnf"${options.theme === 'auto' ? '' : raw(` data-theme="${options.theme}"`)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${title}</title>
${view.icons.links}<style>${raw(FRAME_CSS)}</style>
</head>
<body>
<header class="head"><a class="paper" href="${view.home}" target="${options.target}"${rel}>${view.paper}</a>${
    view.label ? html`<span class="scope">${view.label}</span>` : ''
  }</header>
${
  view.notice
    ? html`<p class="empty" role="status">${view.notice}</p>`
    : view.items.length
      ? html`<ol class="list">
${view.items.map((a) => headline(a, options, view))}</ol>`
      : html`<p class="empty">Chưa có tin bài.</p>`
}
</body>
</html>
`
  return (await page).toString()
}
