import { Feed, type Item } from 'feed'
import type { ElementCompact } from 'xml-js'
import { escapeHtml } from '../text/normalize'
import { channelAround, cutItems, type FeedWriter } from './writer'
import { appendChildren } from './repairs/atom-extensions'
import { plainTextTitle } from './repairs/atom-text'
import { tokenDate } from './repairs/dates'
import { addRootAttributes } from './repairs/root-attributes'
import { XML_ITEM_TOKEN, xmlValues } from './repairs/xml-escaping'
import { channelOptions, linkElement, linkElements, mastheadElement, mediaElements, NAMESPACES, ONE_ITEM } from './xml'

/** An entry: what feed is told, and the children we add to what it writes (feed's Atom writer has no extension hook). */
interface AtomSpec {
  item: Item
  children: ElementCompact
}

/**
 * Atom 1.0 (RFC 4287). The feed: `xml:lang`, typed alternate/self/paging/hub links, the paper's `<icon>`
 * and `<logo>`, the editor-in-chief as author and the deputies as contributors, the masthead in
 * `vnf:masthead`. Each entry: its title as plain text (`type="text"`), its summary as escaped HTML, the body,
 * published and updated times with the zone's offset, its writers as its one author, the byline (an
 * unsigned story names the paper, so no reader falls back to the feed's author), the section's name as category `term` in the
 * paper's scheme, its photo as an enclosure link and in Media RSS, and its source as `<source>`.
 */
export const atom: FeedWriter<AtomSpec> = {
  format: 'atom',

  channel(view) {
    const v = xmlValues()
    const { masthead: m, links, images } = view
    const feed = new Feed({
      ...channelOptions(v, view),
      author: { name: v.text(m.editorInChief), email: v.text(m.email) },
      favicon: v.text(images.icon),
      image: v.text(images.logo),
    })
    for (const deputy of m.deputyEditors) feed.addContributor({ name: v.text(deputy) })
    const children = {
      link: [linkElement(v, 'alternate', links.home, 'text/html'), ...linkElements(v, links, 'application/atom+xml')],
      'vnf:masthead': mastheadElement(v, m),
    }
    const xml = v.fill(appendChildren(feed.atom1(), '</feed>', children, 1))
    return channelAround(addRootAttributes(xml, 'feed', { ...NAMESPACES.atom, 'xml:lang': m.language }), '\n</feed>')
  },

  draft(item) {
    const v = xmlValues()
    const spec: Item = {
      title: v.text(item.title),
      id: v.url(item.uri, 'text'),
      link: v.url(item.url, 'attribute'),
      date: tokenDate(v.text(item.updated.toISOString())),
      published: tokenDate(v.text(item.published.toISOString())),
      // Plain text as escaped HTML: the W3C validator warns on markup-like text in a type="text" summary.
      description: v.markup(escapeHtml(item.summary)),
      content: v.markup(item.content),
      author: [{ name: v.text(item.byline.name), ...(item.byline.url && { link: v.url(item.byline.url, 'text') }) }],
      category: [{ term: v.attr(item.section.name), scheme: v.url(item.section.scheme, 'attribute') }],
    }
    const { image, source } = item
    const text = (value: string) => ({ _text: v.text(value) })
    // Our own enclosure link: feed types one by its URL's extension (image/jpg, or nonsense without one).
    const enclosure = image && { rel: 'enclosure', href: v.attr(image.url), type: v.attr(image.type), length: v.attr(String(image.length)) }
    const children = {
      ...(image && enclosure && { link: { _attributes: image.caption ? { ...enclosure, title: v.attr(image.caption) } : enclosure } }),
      ...mediaElements(v, item),
      // The W3C validator wants a source's id and updated too: a tag: URI of ours naming it, and the entry's time.
      ...(source && { source: { id: text(source.uri), title: text(source.name), updated: text(item.updated.toISOString()) } }),
    }
    return { spec: { item: spec, children }, values: v.encoded }
  },

  render(specs) {
    const feed = new Feed(ONE_ITEM)
    for (const { item } of specs) feed.addItem(item)
    return cutItems(feed.atom1(), '<entry>', '</entry>').map((entry, i) => {
      const spec = specs[i]
      if (!spec) throw new Error('feed wrote more entries than it was given')
      return appendChildren(plainTextTitle(entry), '</entry>', spec.children, 2)
    })
  },

  token: XML_ITEM_TOKEN,
}
