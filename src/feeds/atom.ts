import { Feed } from 'feed'
import { escapeHtml } from '../text/normalize'
import { channelAround, cutItems, type FeedWriter } from './document'
import { appendChildren } from './repairs/atom-extensions'
import { addRootAttributes } from './repairs/root-attributes'
import { xmlValues } from './repairs/xml-escaping'
import { GENERATOR, linkElement, linkElements, mastheadElement, NAMESPACES, ONE_ITEM } from './xml'

/**
 * Atom 1.0 (RFC 4287): `xml:lang` on the feed, typed self/alternate/paging links, the editor-in-chief
 * as author and deputies as contributors, the masthead in `vnf:masthead`. Titles and summaries are plain
 * text; feed declares them type="html", so they are HTML-escaped.
 */
export const atom: FeedWriter = {
  format: 'atom',
  separator: '',

  channel(view) {
    const v = xmlValues()
    const { masthead: m, links } = view
    const feed = new Feed({
      id: v.text(view.id),
      title: v.text(view.title),
      description: v.text(view.description),
      copyright: v.text(view.copyright),
      updated: view.updated,
      generator: GENERATOR,
      author: { name: v.text(m.editorInChief), email: v.text(m.email) },
      ...(view.logoUrl && { image: v.text(view.logoUrl) }),
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
        title: v.markup(escapeHtml(item.title)),
        id: item.uri,
        link: item.url,
        date: item.updated,
        published: item.published,
        description: v.markup(escapeHtml(item.summary)),
        content: v.markup(item.content),
        author: item.authors.map((name) => ({ name: v.text(name) })),
        category: [{ term: v.attr(item.section.slug), name: v.attr(item.section.name) }],
      })
    }
    return cutItems(feed.atom1(), '<entry>', '</entry>').map((entry, i) => {
      const image = views[i]?.image
      if (!image) return v.fill(entry)
      // Our own enclosure link: feed types one by its URL's extension (image/jpg, or nonsense without one).
      const enclosure = { _attributes: { rel: 'enclosure', href: v.attr(image.url), title: v.attr(image.title), type: v.attr(image.type), length: image.length } }
      return v.fill(appendChildren(entry, '</entry>', { link: enclosure }, 2))
    })
  },
}
