import { Feed, type Extension } from 'feed'
import type { ElementCompact } from 'xml-js'
import { escapeHtml } from '../text/normalize'
import { channelAround, cutItems, type FeedWriter } from './document'
import { addRootAttributes } from './repairs/root-attributes'
import { xmlValues } from './repairs/xml-escaping'
import { GENERATOR, mastheadElement, NAMESPACES, ONE_ITEM, linkElements } from './xml'

export const RSS_DOCS = 'https://www.rssboard.org/rss-specification'

/** An extension of feed's: its objects are any xml-js compact value (feed types them as a record). */
const extension = (name: string, objects: ElementCompact | ElementCompact[]): Extension => ({ name, objects: objects as Extension['objects'] })

/**
 * RSS 2.0 per the RSS Advisory Board profile: numeric-zone RFC 822 dates, contacts as `email (Name)`,
 * `dc:creator` for bylines (a bare name in `<author>` is invalid), HTML-escaped plain-text descriptions,
 * opaque guids (`isPermaLink="false"`), Atom self/paging/hub links, the masthead in `vnf:masthead`.
 */
export const rss: FeedWriter = {
  format: 'rss',
  separator: '',

  channel(view) {
    const v = xmlValues()
    const { masthead: m, links } = view
    const feed = new Feed({
      title: v.text(view.title),
      description: v.text(view.description),
      link: links.home,
      // Makes feed declare xmlns:atom; the atom:link extension below replaces its self link.
      feed: links.self,
      docs: RSS_DOCS,
      ttl: view.ttlMinutes,
      copyright: v.text(view.copyright),
      updated: view.updated,
      generator: GENERATOR,
      language: v.text(m.language),
      ...(view.logoUrl && { image: v.text(view.logoUrl) }),
    })
    feed.addExtension(extension('managingEditor', { _text: v.text(`${m.email} (${m.editorInChief})`) }))
    feed.addExtension(extension('webMaster', { _text: v.text(`${m.email} (Tòa soạn ${m.name})`) }))
    feed.addExtension(extension('atom:link', linkElements(v, links, 'application/rss+xml')))
    feed.addExtension(extension('vnf:masthead', mastheadElement(v, m)))
    return channelAround(addRootAttributes(v.fill(feed.rss2()), 'rss', NAMESPACES.rss), '\n    </channel>')
  },

  items(views) {
    const v = xmlValues()
    const feed = new Feed(ONE_ITEM)
    for (const item of views) {
      feed.addItem({
        title: v.text(item.title),
        id: v.text(item.uri),
        link: item.url,
        // pubDate is the publication time; feed would print `date` too and overwrite it with `published`.
        date: item.published,
        description: v.markup(escapeHtml(item.summary)),
        content: v.markup(item.content),
        category: [{ name: v.text(item.section.name) }],
        ...(item.image && { image: { url: item.image.url, type: v.attr(item.image.type), length: item.image.length } }),
        extensions: item.authors.length ? [extension('dc:creator', item.authors.map((name) => ({ _text: v.text(name) })))] : [],
      })
    }
    return cutItems(feed.rss2(), '<item>', '</item>').map(v.fill)
  },
}
