/** What the writers share: names, namespaces, and the elements both XML formats carry. */
import type { FeedOptions } from 'feed'
import type { ElementCompact } from 'xml-js'
import type { Masthead } from '../config/masthead'
import type { FeedLinks } from './model'
import type { XmlValues } from './repairs/xml-escaping'
import type { ChannelView, ItemView } from './view'

const GENERATOR = 'vnfeeds'
/** Namespace of `<vnf:masthead>` in RSS and Atom; also the `about` of JSON Feed's `_masthead`. */
export const MASTHEAD_NS = 'https://vnfeeds.dev/ns/masthead/1.0'

/** Media RSS, for photos in RSS and Atom; also the `about` of JSON Feed's `_media`. */
export const MEDIA_NS = 'http://search.yahoo.com/mrss/'

/** Namespaces each XML format's root declares (see repairs/root-attributes.ts). */
export const NAMESPACES = {
  rss: {
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:media': MEDIA_NS,
    'xmlns:vnf': MASTHEAD_NS,
  },
  atom: { 'xmlns:media': MEDIA_NS, 'xmlns:vnf': MASTHEAD_NS },
} as const

/**
 * What feed is told of every XML channel: its id (Atom's; RSS has none), title, description, copyright
 * line and time, and our name as generator. Each writer adds what its format says besides.
 */
export function channelOptions(v: XmlValues, view: ChannelView): FeedOptions {
  const text = (value: string) => v.text(value)
  return {
    id: text(view.id),
    title: text(view.title),
    description: text(view.description),
    copyright: text(view.copyright),
    updated: view.updated,
    generator: GENERATOR,
  }
}

/** The options of a feed document made to render one item, which is then cut out of it. */
export const ONE_ITEM: FeedOptions = { title: '', id: '', generator: false }

/**
 * `<vnf:masthead>` children: the paper's complete masthead. The deputies share one element, comma-separated
 * as configured: Python feedparser keeps only the last of repeated elements.
 */
export function mastheadElement(v: XmlValues, m: Masthead): ElementCompact {
  const text = (value: string) => ({ _text: v.text(value) })
  return {
    'vnf:name': text(m.name),
    'vnf:editorInChief': text(m.editorInChief),
    'vnf:deputyEditors': text(m.deputyEditors.join(', ')),
    'vnf:address': text(m.address),
    'vnf:phone': text(m.phone),
    'vnf:email': text(m.email),
    'vnf:language': text(m.language),
  }
}

/** An Atom `<link>` (`<atom:link>` in RSS). */
export function linkElement(v: XmlValues, rel: string, href: string, type?: string): ElementCompact {
  return { _attributes: { rel, href: v.attr(href), ...(type && { type }) } }
}

/** Links to this document and its pages (RFC 5005) and the WebSub hub, typed with `selfType`. */
export function linkElements(v: XmlValues, links: FeedLinks, selfType: string): ElementCompact[] {
  return [
    linkElement(v, 'self', links.self, selfType),
    ...(links.hub ? [linkElement(v, 'hub', links.hub)] : []),
    ...(links.first ? [linkElement(v, 'first', links.first, selfType)] : []),
    ...(links.next ? [linkElement(v, 'next', links.next, selfType)] : []),
    ...(links.previous ? [linkElement(v, 'previous', links.previous, selfType)] : []),
  ]
}

/**
 * Media RSS for an item, in RSS and Atom: the photo as `media:content` (medium, type, size when known, the
 * caption as `media:description`, the photographers as `media:credit role="photographer"`) and its
 * `media:thumbnail`; without a photo, the photographers' credit alone, at the item's level.
 */
export function mediaElements(v: XmlValues, item: ItemView): ElementCompact {
  const credits = item.photographers.map((name) => ({ _attributes: { role: 'photographer', scheme: 'urn:ebu' }, _text: v.text(name) }))
  if (!item.image) return credits.length ? { 'media:credit': credits } : {}
  const { url, type, length, caption } = item.image
  return {
    'media:content': {
      _attributes: { url: v.attr(url), type: v.attr(type), medium: 'image', ...(length > 0 && { fileSize: v.attr(String(length)) }) },
      ...(caption && { 'media:description': { _attributes: { type: 'plain' }, _text: v.text(caption) } }),
      ...(credits.length && { 'media:credit': credits }),
    },
    'media:thumbnail': { _attributes: { url: v.attr(url) } },
  }
}
