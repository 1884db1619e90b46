/**
 * What the writers print, cleaned once: an item's view depends on one article version and the few
 * settings in `ItemContext` (so it is made once per version, see ./items.ts); the channel's view on the
 * page's model.
 */
import type { Article } from '../articles/model'
import { lastTouched } from '../articles/model'
import type { Masthead } from '../config/masthead'
import { cleanText, escapeHtml } from '../text/normalize'
import type { FeedLinks, FeedModel } from './model'
import { articleUri } from './model'
import type { ZonedDate } from '../time/zone'
import { feedDate } from './repairs/dates'

/** Everything besides the article that an item's output depends on: the key of its cache entry. */
export interface ItemContext {
  siteUrl: string
  timeZone: string
}

export function itemContext(model: FeedModel): ItemContext {
  return { siteUrl: model.siteUrl, timeZone: model.timeZone }
}

export interface ItemImage {
  url: string
  type: string
  length: number
  /** The photo's caption, or the article title when it has none. */
  title: string
}

export interface ItemView {
  /** tag: URI: RSS guid, Atom id, JSON Feed id. */
  uri: string
  url: string
  title: string
  /** Plain text. */
  summary: string
  /** HTML; the summary as a paragraph when the article has no body. */
  content: string
  published: Date
  /** The same instance as `published` when the article was never updated, so it is formatted once. */
  updated: Date
  section: { slug: string; name: string }
  /** Distinct names in byline order (one person may be both writer and photographer). */
  authors: string[]
  /** Section name first, then the article's tags, without repeats. */
  tags: string[]
  image?: ItemImage
}

export interface ChannelView {
  id: string
  title: string
  description: string
  masthead: Masthead
  updated: ZonedDate
  /** `© 2016 Báo Nam Định điện tử`: the local year of the feed's last change, so it is deterministic. */
  copyright: string
  logoUrl: string | null
  links: FeedLinks
  ttlMinutes: number
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', png: 'image/png', gif: 'image/gif',
  webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
}

/** The image's MIME type: as stored when it is a well-formed image type (image/jpg → image/jpeg), else from the extension. */
export function imageType(url: string, declared: string | undefined): string {
  const type = declared?.trim().toLowerCase()
  if (type && /^image\/[a-z0-9.+-]+$/.test(type)) return type === 'image/jpg' ? 'image/jpeg' : type
  let ext: string | undefined
  try {
    ext = new URL(url).pathname.split('/').pop()?.split('.').pop()?.toLowerCase()
  } catch {
    ext = undefined
  }
  return (ext && IMAGE_TYPES[ext]) || 'application/octet-stream'
}

/**
 * cleanText (NFC, no XML-illegal code points) plus XML's own line-end normalisation (CR LF and lone CR
 * become LF, as every XML parser reads them), so each format carries exactly the same text.
 */
function text(value: string): string {
  const clean = cleanText(value)
  return clean.includes('\r') ? clean.replace(/\r\n?/g, '\n') : clean
}

/** The URL, cleaned, when it is an absolute http(s) URL (feed throws on anything `new URL` rejects). */
function httpUrl(value: string | undefined): string | null {
  const url = value ? text(value) : ''
  return /^https?:\/\//i.test(url) && URL.canParse(url) ? url : null
}

/** The article with every string cleaned (defence in depth: stored text is cleaned on write too). */
export function itemView(article: Article, context: ItemContext): ItemView {
  const published = feedDate(article.published, context.timeZone)
  const touched = lastTouched(article)
  const title = text(article.title)
  const summary = text(article.summary)
  const content = text(article.content) || (summary ? `<p>${escapeHtml(summary)}</p>` : '')
  const section = { slug: text(article.section.slug), name: text(article.section.name) }
  const imageUrl = httpUrl(article.image?.url)
  const length = article.image?.length
  return {
    uri: text(articleUri(article, context)),
    // Stored articles have valid URLs; one that does not must not take the whole feed down.
    url: httpUrl(article.url) ?? `${context.siteUrl}/${encodeURIComponent(article.id)}`,
    title,
    summary,
    content,
    published,
    updated: touched === article.published ? published : feedDate(touched, context.timeZone),
    section,
    authors: [...new Set(article.authors.map((a) => text(a.name)).filter(Boolean))],
    tags: [...new Set([section.name, ...article.tags.map(text)].filter(Boolean))],
    ...(imageUrl && {
      image: {
        url: imageUrl,
        type: imageType(imageUrl, article.image?.type),
        length: length !== undefined && Number.isSafeInteger(length) && length >= 0 ? length : 0,
        title: text(article.image?.caption ?? '') || title,
      },
    }),
  }
}

function cleanMasthead(m: Masthead): Masthead {
  return {
    name: text(m.name),
    editorInChief: text(m.editorInChief),
    deputyEditors: m.deputyEditors.map(text),
    address: text(m.address),
    phone: text(m.phone),
    email: text(m.email),
    language: text(m.language),
  }
}

/** The page's channel: everything but its items, cleaned. */
export function channelView(model: FeedModel): ChannelView {
  const masthead = cleanMasthead(model.masthead)
  const updated = feedDate(model.updated, model.timeZone)
  return {
    id: text(model.id),
    title: text(model.title),
    description: text(model.description),
    masthead,
    updated,
    copyright: `© ${updated.localYear} ${masthead.name}`,
    logoUrl: model.logoUrl ? text(model.logoUrl) : null,
    links: model.links,
    ttlMinutes: model.ttlMinutes,
  }
}
