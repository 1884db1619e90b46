import { Feed, type Extension, type Item } from 'feed'
import type { ElementCompact } from 'xml-js'
import { escapeHtml } from '../text/normalize'
import { channelAround, cutItems, type FeedWriter } from './writer'
import { tokenDate } from './repairs/dates'
import { addRootAttributes } from './repairs/root-attributes'
import { XML_ITEM_TOKEN, xmlValues } from './repairs/xml-escaping'
import { channelOptions, linkElements, mastheadElement, mediaElements, NAMESPACES, ONE_ITEM } from './xml'

const RSS_DOCS = 'https://www.rssboard.org/rss-specification'

/** An extension of feed's: its objects are any xml-js compact value (feed types them as a record). */
const extension = (name: string, objects: ElementCompact | ElementCompact[]): Extension => ({
  name,
  objects: objects as Extension['objects'],
})

/**
 * RSS 2.0 per the RSS Advisory Board profile. The channel: the paper's icon as `<image>` (with its size:
 * readers assume 88 × 31 without one), `managingEditor` (the editor-in-chief's contact) and `webMaster` as
 * `email (Name)`, Atom self/paging/hub links, the masthead in `vnf:masthead`; all before the first item.
 * Each item: its plain-text title; the summary as escaped HTML `description` and the body as
 * `content:encoded`; numeric-zone RFC 822 `pubDate`; an opaque guid; the section as `category`; its
 * writers as one `dc:creator` (a bare name in `<author>` is invalid; an unsigned story names the paper);
 * its source as `dc:source`; its photo as an enclosure and in Media RSS, with caption and photographers.
 */
export const rss: FeedWriter<Item> = {
  format: 'rss',

  channel(view) {
    const v = xmlValues()
    const { masthead: m, links } = view
    const feed = new Feed({
      ...channelOptions(v, view),
      link: links.home,
      // Makes feed declare xmlns:atom; the atom:link extension below replaces its self link.
      feed: links.self,
      docs: RSS_DOCS,
      ttl: view.ttlMinutes,
      language: v.text(m.language),
    })
    const { url, width, height } = view.images.rssImage
    // Its link must equal the channel's, which feed writes through `new URL()`.
    const image = { title: { _text: v.text(view.title) }, url: { _text: v.text(url) }, link: { _text: v.text(new URL(links.home).href) } }
    feed.addExtension(extension('image', width && height ? { ...image, width: { _text: width }, height: { _text: height } } : image))
    feed.addExtension(extension('managingEditor', { _text: v.text(`${m.email} (${m.editorInChief})`) }))
    feed.addExtension(extension('webMaster', { _text: v.text(`${m.email} (Tòa soạn ${m.name})`) }))
    feed.addExtension(extension('atom:link', linkElements(v, links, 'application/rss+xml')))
    feed.addExtension(extension('vnf:masthead', mastheadElement(v, m)))
    return channelAround(addRootAttributes(v.fill(feed.rss2()), 'rss', NAMESPACES.rss), '\n    </channel>')
  },

  draft(item) {
    const v = xmlValues()
    const media = Object.entries(mediaElements(v, item)).map(([name, element]) => extension(name, element as ElementCompact))
    const spec: Item = {
      title: v.text(item.title),
      id: v.text(item.uri),
      link: v.url(item.url, 'text'),
      // pubDate is the publication time; feed would print `date` too and overwrite it with `published`.
      date: tokenDate(v.text(item.published.toUTCString())),
      description: v.markup(escapeHtml(item.summary)),
      content: v.markup(item.content),
      // No `domain`: with an attribute, rss-parser hands apps a {_, $} object instead of the name (its typings
      // say string), and `categories.join()` throws; the name alone is what every reader shows.
      category: [{ name: v.text(item.section.name) }],
      // feed types `length` as a number; xml-js prints any value, and a token keeps the item's size out of its shape.
      ...(item.image && {
        image: {
          url: v.url(item.image.url, 'attribute'),
          type: v.attr(item.image.type),
          length: v.attr(String(item.image.length)) as unknown as number,
        },
      }),
      extensions: [
        extension('dc:creator', { _text: v.text(item.byline.name) }),
        ...(item.source ? [extension('dc:source', { _text: v.text(item.source.name) })] : []),
        ...media,
      ],
    }
    return { spec, values: v.encoded }
  },

  render(specs) {
    const feed = new Feed(ONE_ITEM)
    for (const spec of specs) feed.addItem(spec)
    return cutItems(feed.rss2(), '<item>', '</item>')
  },

  token: XML_ITEM_TOKEN,
}
