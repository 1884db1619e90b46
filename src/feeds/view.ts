/**
 * What the writers print, cleaned once: an item's view depends on one article version and the few
 * settings in `ItemContext` (so it is made once per version, see ./items.ts); the channel's view on the
 * page's model.
 */
import { articleUrl } from '../articles/ids'
import { imageTypeOf } from '../articles/image'
import type { Article } from '../articles/model'
import { isPhotographer, isWriter, lastTouched } from '../articles/model'
import type { Masthead } from '../config/masthead'
import { htmlToText } from '../text/html'
import { cleanText, escapeHtml, slugify } from '../text/normalize'
import type { ZonedDate } from '../time/zone'
import { isHttpUrl } from '../utils/url'
import type { PaperImages } from './images'
import type { FeedLinks, FeedModel } from './model'
import { articleUri, tagUri } from './model'
import { feedDate } from './repairs/dates'

/** Everything besides the article that an item's output depends on: part of its cache key. */
export interface ItemContext {
  siteUrl: string
  timeZone: string
  /** The paper's name: who an article no writer signed is credited to. */
  paper: string
}

/** The item context of a page's model, or of the site's configuration (a write, which has no page). */
export function itemContext(site: Pick<FeedModel, 'siteUrl' | 'timeZone' | 'masthead'>): ItemContext {
  return { siteUrl: site.siteUrl, timeZone: site.timeZone, paper: site.masthead.name }
}

interface Person {
  name: string
  url?: string
}

interface ItemImage {
  url: string
  type: string
  /** Bytes; 0 when unknown. */
  length: number
  /** '' when the photo has none. */
  caption: string
}

export interface ItemView {
  /** tag: URI: RSS guid, Atom id, JSON Feed id. */
  uri: string
  url: string
  /** Plain text. */
  title: string
  /** Plain text. */
  summary: string
  /**
   * HTML: the photo with its caption first, each caption without a photo as a caption line of its own;
   * the summary as a paragraph when the article has no body.
   */
  content: string
  published: Date
  /** The same instance as `published` when the article was never updated, so it is formatted once. */
  updated: Date
  /** `scheme` names the paper's sections as a vocabulary (Atom category scheme). */
  section: { name: string; scheme: string }
  /** Who wrote it, in byline order: its writers (desks included), or the paper when no one signed it. */
  authors: Person[]
  /**
   * The authors as one (`Minh Hằng, Thanh Thúy`), for RSS `dc:creator` and Atom `author`: of several, some
   * readers show the first and others (newsboat, Python feedparser) the last.
   */
  byline: Person
  /** Who took its photos: credited for them, never an author. */
  photographers: string[]
  /** Section name first, then the article's tags, without repeats. */
  tags: string[]
  image?: ItemImage
  /** Where the story comes from (`TTXVN`), with a tag: URI naming it for Atom's `<source>`. */
  source?: { name: string; uri: string }
}

export interface ChannelView {
  id: string
  title: string
  description: string
  masthead: Masthead
  updated: ZonedDate
  /** One line per paper, the same in every feed and every year. */
  copyright: string
  images: PaperImages
  links: FeedLinks
  ttlMinutes: number
}

/**
 * The image's MIME type: as stored when it is a well-formed image type (image/jpg → image/jpeg), else from
 * the extension. Stored data is checked, not trusted: a damaged non-string type must not fail the page.
 */
function imageType(url: string, declared: unknown): string {
  const type = typeof declared === 'string' ? declared.trim().toLowerCase() : ''
  if (/^image\/[a-z0-9.+-]+$/.test(type)) return type === 'image/jpg' ? 'image/jpeg' : type
  return imageTypeOf(url) ?? 'application/octet-stream'
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
  return isHttpUrl(url) ? url : null
}

const distinct = (names: string[]) => [...new Set(names.filter(Boolean))]

/** A figure holding only a caption (a dump's caption whose photo was not kept). */
const CAPTION_ONLY = /<figure\b[^>]*>\s*<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>\s*<\/figure>/g

/** Each caption-only figure of `body` as a caption line, or gone when it repeats `photoCaption` (shown with the photo). */
function captionLines(body: string, photoCaption: string | null): string {
  // Compared as text: the ingest sanitizer writes `"` and `'` unescaped, escapeHtml does not.
  const shown = photoCaption === null ? null : htmlToText(escapeHtml(photoCaption))
  return body.replace(CAPTION_ONLY, (_, caption: string) =>
    shown !== null && htmlToText(caption) === shown ? '' : `<p><em>${caption.trim()}</em></p>`,
  )
}

/**
 * The article's HTML as readers should see it. A caption without its photo becomes a caption line, so
 * text readers show it as a line of its own rather than running it into its neighbours; the photo, with
 * its caption, goes first unless the body already shows it, so readers that show only the content show
 * the photo too (its caption then is not repeated as a caption line).
 */
function contentHtml(body: string, summary: string, image: ItemImage | undefined): string {
  const src = image && `src="${escapeHtml(image.url)}"`
  const photoFirst = image && src && !body.includes(src)
  // Most bodies have no figure: skip the pattern's scan of them, and reading the photo's caption.
  const html = body.includes('<figure') ? captionLines(body, photoFirst && image.caption ? image.caption : null) : body
  const content = html || (summary ? `<p>${escapeHtml(summary)}</p>` : '')
  if (!photoFirst) return content
  const alt = escapeHtml(image.caption)
  // The line break keeps text readers (newsboat) from running the caption into the image marker.
  const figure = `<figure><img ${src} alt="${alt}">${alt ? `<br><figcaption>${alt}</figcaption>` : ''}</figure>`
  return content ? `${figure}\n${content}` : figure
}

/** The article with every string cleaned (defence in depth: stored text is cleaned on write too). */
export function itemView(article: Article, context: ItemContext): ItemView {
  const published = feedDate(article.published, context.timeZone)
  const touched = lastTouched(article)
  const summary = text(article.summary)
  const imageUrl = httpUrl(article.image?.url)
  const length = article.image?.length
  const image = imageUrl
    ? {
        url: imageUrl,
        type: imageType(imageUrl, article.image?.type),
        length: length !== undefined && Number.isSafeInteger(length) && length >= 0 ? length : 0,
        caption: text(article.image?.caption ?? ''),
      }
    : undefined
  const section = text(article.section.name)
  const writers = distinct(article.authors.filter((a) => isWriter(a.role)).map((a) => text(a.name)))
  const source = text(article.source ?? '')
  const authors = writers.length ? writers.map((name) => ({ name })) : [{ name: context.paper, url: context.siteUrl }]
  return {
    uri: text(articleUri(article, context)),
    // Stored articles have valid URLs; one that does not must not take the whole feed down.
    url: httpUrl(article.url) ?? articleUrl(context.siteUrl, article.id),
    title: text(article.title),
    summary,
    content: contentHtml(text(article.content), summary, image),
    published,
    updated: touched === article.published ? published : feedDate(touched, context.timeZone),
    section: { name: section, scheme: `${context.siteUrl}/chuyen-muc/` },
    authors,
    byline: authors.length === 1 ? (authors[0] as Person) : { name: writers.join(', ') },
    photographers: distinct(article.authors.filter((a) => isPhotographer(a.role)).map((a) => text(a.name))),
    tags: distinct([section, ...article.tags.map(text)]),
    ...(image && { image }),
    ...(source && {
      source: { name: source, uri: tagUri(context.siteUrl, '2016', `nguon:${encodeURIComponent(slugify(source) || source)}`) },
    }),
  }
}

/** The page's channel: everything but its items, cleaned. */
export function channelView(model: FeedModel): ChannelView {
  // Cleaned once, when config was read (src/config/vars.ts).
  const { masthead } = model
  const { icon, largeIcon, rssImage, logo } = model.images
  return {
    id: text(model.id),
    title: text(model.title),
    description: text(model.description),
    masthead,
    updated: feedDate(model.updated, model.timeZone),
    copyright: `© ${masthead.name}`,
    images: { icon: text(icon), largeIcon: text(largeIcon), rssImage: { ...rssImage, url: text(rssImage.url) }, logo: text(logo) },
    links: model.links,
    ttlMinutes: model.ttlMinutes,
  }
}
