import { Feed } from 'feed'
import { escapeHtml } from '../text/normalize'
import { channelAround, cutItems, type FeedWriter } from './document'
import { appendChildren } from './repairs/atom-extensions'
import { plainTextTitle } from './repairs/atom-text'
import { addRootAttributes } from './repairs/root-attributes'
import { xmlValues } from './repairs/xml-escaping'
import { channelOptions, linkElement, linkElements, mastheadElement, mediaElements, NAMESPACES, ONE_ITEM } from './xml'

/**
 * Atom 1.0 (RFC 4287). The feed: `xml:lang`, typed alternate/self/paging/hub links, the paper's `<icon>`
 * and `<logo>`, the editor-in-chief as author and the deputies as contributors, the masthead in
 * `vnf:masthead`. Each entry: its title as plain text (`type="text"`), its summary as escaped HTML, the body,
 * published and updated times with the zone's offset, its writers as its one author, the byline (an
 * unsigned story names the paper, so no reader falls back to the feed's author), the section's name as category `term` in the
 * paper's scheme, its photo as an enclosure link and in Media RSS, and its source as `<source>`.
 */
export const atom: FeedWriter = {
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

  items(views) {
    const v = xmlValues()
    const feed = new Feed(ONE_ITEM)
    for (const item of views) {
      feed.addItem({
        title: v.text(item.title),
        id: item.uri,
        link: item.url,
        date: item.updated,
        published: item.published,
        // Plain text as escaped HTML: the W3C validator warns on markup-like text in a type="text" summary.
        description: v.markup(escapeHtml(item.summary)),
        content: v.markup(item.content),
        author: [{ name: v.text(item.byline.name), ...(item.byline.url && { link: item.byline.url }) }],
        category: [{ term: v.attr(item.section.name), scheme: item.section.scheme }],
      })
    }
    return cutItems(feed.atom1(), '<entry>', '</entry>').map((entry, i) => {
      const item = views[i]
      if (!item) throw new Error('feed wrote more entries than it was given')
      const { image, source } = item
      const text = (value: string) => ({ _text: v.text(value) })
      // Our own enclosure link: feed types one by its URL's extension (image/jpg, or nonsense without one).
      const enclosure = image && { rel: 'enclosure', href: v.attr(image.url), type: v.attr(image.type), length: image.length }
      const children = {
        ...(image && enclosure && { link: { _attributes: image.caption ? { ...enclosure, title: v.attr(image.caption) } : enclosure } }),
        ...mediaElements(v, item),
        // The W3C validator wants a source's id and updated too: a tag: URI of ours naming it, and the entry's time.
        ...(source && { source: { id: text(source.uri), title: text(source.name), updated: text(item.updated.toISOString()) } }),
      }
      return v.fill(appendChildren(plainTextTitle(entry), '</entry>', children, 2))
    })
  },
}
