/**
 * What the three renderers share. `feed` (jpmonette/feed 6.0.0) is the generator of every format; this
 * module prepares its input and repairs, narrowly, what it cannot express or gets wrong:
 *
 * - Its XML writer (xml-js) un-escapes `&amp;` before escaping text, escapes only the first `]]>` in a
 *   CDATA section and only `"` in attributes. Every string is therefore encoded for the slot it lands in
 *   (`xmlText`, `cdata`, `attr`, `attrAmpEscaped`), and the encodings that need it use sentinels: code
 *   points XML forbids, which `cleanText` strips from all article and masthead text, so in the output
 *   they can only be ours. `finishXml` turns them into the real markup after rendering.
 * - Dates are `ZonedDate`s: feed's toUTCString()/toISOString() calls print the newsroom's offset.
 * - What it has no option for (managingEditor, dc:creator, paging links, our masthead namespace,
 *   JSON Feed 1.1) goes through its extension hooks, or, for Atom (which has none), is inserted after
 *   the root start tag by `finishXml`.
 */
import { Feed, type Extension, type FeedOptions, type Item } from 'feed'
import { js2xml, type ElementCompact } from 'xml-js'
import { IMAGE_TYPES } from '../articles/image'
import type { Article } from '../articles/model'
import { lastTouched } from '../articles/model'
import type { Masthead } from '../config/masthead'
import { cleanText, escapeHtml } from '../text/normalize'
import { ZonedDate } from '../time/zone'
import { isHttpUrl } from '../utils/url'
import type { FeedLinks, FeedModel } from './model'
import { articleUri } from './model'

export const GENERATOR = 'vnfeeds'
/** Namespace of `<vnf:masthead>` in RSS and Atom; also the `about` of JSON Feed's `_masthead`. */
export const MASTHEAD_NS = 'https://vnfeeds.dev/ns/masthead/1.0'
export const DC_NS = 'http://purl.org/dc/elements/1.1/'

// ---------------------------------------------------------------------------------------------------
// The model, cleaned and with its dates ready, once per render.

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
  published: ZonedDate
  /** The same instance as `published` when the article was never updated, so it is formatted once. */
  updated: ZonedDate
  section: { slug: string; name: string }
  /** Distinct names in byline order (one person may be both writer and photographer). */
  authors: string[]
  /** Section name first, then the article's tags, without repeats. */
  tags: string[]
  image?: ItemImage
}

export interface FeedView {
  model: FeedModel
  id: string
  title: string
  description: string
  masthead: Masthead
  updated: ZonedDate
  /** `© 2016 Báo Nam Định điện tử`: the local year of the feed's last change, so it is deterministic. */
  copyright: string
  logoUrl: string | null
  items: ItemView[]
  /** Long texts kept out of feed's writers until the document is finished (see `deferred`). */
  payloads: string[]
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
  return isHttpUrl(url) ? url : null
}

function itemView(article: Article, model: FeedModel): ItemView {
  const published = new ZonedDate(article.published, model.timeZone)
  const touched = lastTouched(article)
  const title = text(article.title)
  const summary = text(article.summary)
  const content = text(article.content) || (summary ? `<p>${escapeHtml(summary)}</p>` : '')
  const section = { slug: text(article.section.slug), name: text(article.section.name) }
  const imageUrl = httpUrl(article.image?.url)
  const length = article.image?.length
  return {
    uri: text(articleUri(article, model)),
    // Stored articles have valid URLs; one that does not must not take the whole feed down.
    url: httpUrl(article.url) ?? `${model.siteUrl}/${encodeURIComponent(article.id)}`,
    title,
    summary,
    content,
    published,
    updated: touched === article.published ? published : new ZonedDate(touched, model.timeZone),
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

/** The model with every string cleaned (defence in depth: stored text is cleaned on write too). */
export function feedView(model: FeedModel): FeedView {
  const masthead = cleanMasthead(model.masthead)
  const updated = new ZonedDate(model.updated, model.timeZone)
  return {
    model,
    id: text(model.id),
    title: text(model.title),
    description: text(model.description),
    masthead,
    updated,
    copyright: `© ${updated.localYear} ${masthead.name}`,
    logoUrl: model.logoUrl ? text(model.logoUrl) : null,
    items: model.items.map((a) => itemView(a, model)),
    payloads: [],
  }
}

/** The one `Feed` every format renders from: shared options, then the format's own options and items. */
export function toFeedInstance(
  view: FeedView,
  options: Omit<FeedOptions, 'updated' | 'generator' | 'language'>,
  item: (item: ItemView) => Item,
): Feed {
  const feed = new Feed({ ...options, updated: view.updated, generator: GENERATOR, language: view.masthead.language })
  for (const i of view.items) feed.addItem(item(i))
  return feed
}

/** An extension whose objects are any xml-js compact value (feed types them as a record; arrays and strings work). */
export function extension(name: string, objects: unknown): Extension {
  return { name, objects: objects as Extension['objects'] }
}

// ---------------------------------------------------------------------------------------------------
// Encodings for the slots of feed's XML writer.

/** Stands for `]]>` in a CDATA-bound field; expanded to `]]]]><![CDATA[>` after rendering. */
const CDATA_END = '\uFFFE'
/** Stands for `<` in an attribute `feed` escapes `&` in itself; expanded to `&lt;` after rendering. */
const ATTR_LT = '\uFFFF'
/** Ends the `title` of an Atom enclosure link and carries the MIME type its `type` should have. */
const ENCLOSURE_TYPE = '\u0001'
/** Brackets the index of a deferred payload: `\u0002<n>\u0002` (see `deferred`). */
const PAYLOAD = '\u0002'
/** Every sentinel, each alternative starting with one so the scan is quick; one pass expands them all. */
const SENTINELS = /[\uFFFE\uFFFF]|\u0001([^"]*)" type="[^"]*"|\u0002(\d+)\u0002/g

/**
 * A rendered document as pieces in order; joined, they are the document. Article bodies stay pieces of
 * their own, so the response's bytes are encoded piece by piece and the whole document never has to
 * exist as one string: V8 puts a string over 128 KB (a 50-item feed is 300 KB of mostly two-byte text)
 * in freshly mapped memory, and building it was the largest single cost of a render (bench/RESULTS.md).
 */
export type DocumentParts = string[]

/**
 * A short stand-in for a long text (an article body, a summary), put back as a piece of its own by
 * `finishXml` (which splits its `]]>`: deferred text goes in CDATA) or `jsonParts`. xml-js builds its
 * output by joining each element's pieces at every level of nesting, so a body handed to it would be
 * copied once per level, and feed's JSON goes through JSON.stringify and JSON.parse before our own
 * stringify; a 4-character token goes through instead.
 */
export function deferred(view: FeedView, text: string): string {
  // Empty stays empty: feed leaves out an element (or a JSON key) whose value is falsy.
  if (text === '') return text
  view.payloads.push(text)
  return `${PAYLOAD}${view.payloads.length - 1}${PAYLOAD}`
}

/** A deferred payload's token as JSON.stringify writes it: a string value, its control characters escaped. */
const JSON_PAYLOAD = /"\\u0002(\d+)\\u0002"/g

/**
 * feed's (indented) JSON, compact, as pieces: each deferred payload a JSON string of its own. Text can
 * never forge a token: cleanText strips U+0002, and a literal backslash in text is escaped in JSON.
 */
export function jsonParts(json: string, view: FeedView): DocumentParts {
  return splitAt(JSON.stringify(JSON.parse(json)), JSON_PAYLOAD, (token) => JSON.stringify(view.payloads[Number(token[1])] ?? ''))
}

/** `text` cut at every match of `pattern` (global), each match replaced by its expansion as a piece of its own. */
function splitAt(text: string, pattern: RegExp, expand: (match: RegExpExecArray) => string): DocumentParts {
  const parts: DocumentParts = []
  let from = 0
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(from, match.index), expand(match))
    from = match.index + match[0].length
  }
  parts.push(text.slice(from))
  return parts
}

/**
 * For fields xml-js writes as text. It first turns every `&amp;` back into `&` ("avoid double
 * escaping") and then escapes `&`, `<`, `>`; escaping `&` beforehand makes that exact for any text.
 */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;')
}

/**
 * A text-only element for elements we build. Always `{ _text }`, never a bare string: xml-js runs a
 * `for…in` over every element value to see if it has children, and over a string that enumerates
 * every character index (~8 µs for 45 characters, ~100 µs for 2,000).
 */
export function textElement(text: string): ElementCompact {
  return { _text: xmlText(text) }
}

/** For fields feed writes as CDATA: every `]]>`, not only the first, must split the section. */
export function cdata(text: string): string {
  return text.replaceAll(']]>', CDATA_END)
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

/** For attributes we build ourselves (xml-js escapes only `"`): complete escaping, whitespace kept. */
export function attr(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => ATTR_ESCAPES[c] ?? c)
}

/** For attributes `feed` passes through its own `&` escaping (Atom category term/label). */
export function attrAmpEscaped(value: string): string {
  return value.replaceAll('<', ATTR_LT)
}

/**
 * For the `title` of feed's Atom enclosure link. feed derives the link's type from the URL's extension
 * (`image/jpg`, or garbage without one) and ignores the type it is given; the type rides at the end
 * of the title behind a sentinel and `finishXml` moves it into `type`:
 * `title="Ảnh: …\u0001image/jpeg" type="image/jpg"` → `title="Ảnh: …" type="image/jpeg"`.
 */
export function enclosureTitle(title: string, type: string): string {
  return `${attr(title)}${ENCLOSURE_TYPE}${attr(type)}`
}

/**
 * Completes a rendered XML document, as pieces: adds attributes (namespaces, xml:lang) to the root start
 * tag (the first `rootStart`: nothing user-written, and no sentinel, comes before its end), inserts
 * `afterRoot` right after it, expands the sentinels in the rest and puts back the deferred `payloads`.
 */
export function finishXml(xml: string, rootStart: string, rootAttributes: Record<string, string>, afterRoot = '', payloads: string[] = []): DocumentParts {
  const open = xml.indexOf(rootStart)
  const close = xml.indexOf('>', open)
  if (open < 0 || close < 0) throw new Error(`feed output has no ${rootStart.trim()} root`)
  let tag = xml.slice(open, close)
  for (const [name, value] of Object.entries(rootAttributes)) {
    if (!tag.includes(` ${name}="`)) tag += ` ${name}="${attr(value)}"`
  }
  const rest = splitAt(xml.slice(close + 1), SENTINELS, ([match, type, payload]) =>
    payload !== undefined
      ? (payloads[Number(payload)] ?? '').replaceAll(']]>', ']]]]><![CDATA[>')
      : match === CDATA_END ? ']]]]><![CDATA[>' : match === ATTR_LT ? '&lt;' : `" type="${type ?? ''}"`,
  )
  return [xml.slice(0, open) + tag + '>' + afterRoot, ...rest]
}

/** Serialises xml-js compact children the way feed does (4-space indent, one level deep) for `finishXml`. */
export function xmlChildren(children: ElementCompact): string {
  const wrapped = js2xml({ _: children }, { compact: true, spaces: 4 })
  return wrapped.slice('<_>'.length, wrapped.lastIndexOf('\n</_>'))
}

// ---------------------------------------------------------------------------------------------------
// Pieces more than one format carries.

/** `<vnf:masthead>` children: the paper's complete masthead. */
export function mastheadElement(m: Masthead): ElementCompact {
  return {
    'vnf:name': textElement(m.name),
    'vnf:editorInChief': textElement(m.editorInChief),
    'vnf:deputyEditor': m.deputyEditors.map(textElement),
    'vnf:address': textElement(m.address),
    'vnf:phone': textElement(m.phone),
    'vnf:email': textElement(m.email),
    'vnf:language': textElement(m.language),
  }
}

/** An Atom `<link>` (`<atom:link>` in RSS) as an xml-js element; the href escaped here, once. */
export function linkElement(rel: string, href: string, type?: string): ElementCompact {
  return { _attributes: { rel, href: attr(text(href)), ...(type && { type }) } }
}

/** Links to this document and its pages (RFC 5005) and the WebSub hub, typed with `selfType`. */
export function feedLinkElements(links: FeedLinks, selfType: string): ElementCompact[] {
  return [
    linkElement('self', links.self, selfType),
    ...(links.hub ? [linkElement('hub', links.hub)] : []),
    ...(links.first ? [linkElement('first', links.first, selfType)] : []),
    ...(links.next ? [linkElement('next', links.next, selfType)] : []),
    ...(links.previous ? [linkElement('previous', links.previous, selfType)] : []),
  ]
}
