import { escapeHtml } from '../text/normalize'
import type { FeedModel } from './model'
import {
  attrAmpEscaped, cdata, enclosureTitle, feedLinkElements, feedView, finishXml, linkElement, MASTHEAD_NS, mastheadElement,
  toFeedInstance, xmlChildren, xmlText,
} from './shared'

/**
 * Atom 1.0 (RFC 4287): `xml:lang` on the feed, typed self/alternate/paging links, the editor-in-chief
 * as author and deputies as contributors. Titles and summaries are plain text; feed declares them
 * type="html", so they are HTML-escaped.
 */
export function renderAtom(model: FeedModel): string {
  const view = feedView(model)
  const { masthead: m, model: { links } } = view
  const feed = toFeedInstance(
    view,
    {
      id: xmlText(view.id),
      title: xmlText(view.title),
      description: xmlText(view.description),
      copyright: xmlText(view.copyright),
      author: { name: xmlText(m.editorInChief), email: xmlText(m.email) },
      ...(view.logoUrl && { image: xmlText(view.logoUrl) }),
    },
    (item) => ({
      title: cdata(escapeHtml(item.title)),
      id: item.uri,
      link: item.url,
      date: item.updated,
      published: item.published,
      description: cdata(escapeHtml(item.summary)),
      content: cdata(item.content),
      author: item.authors.map((name) => ({ name: xmlText(name) })),
      category: [{ term: attrAmpEscaped(item.section.slug), name: attrAmpEscaped(item.section.name) }],
      ...(item.image && {
        image: { url: item.image.url, length: item.image.length, title: enclosureTitle(item.image.title, item.image.type) },
      }),
    }),
  )
  for (const deputy of m.deputyEditors) feed.addContributor({ name: xmlText(deputy) })
  // Atom has no extension hook in feed: links and the masthead go in right after <feed>.
  const head = xmlChildren({
    link: [
      linkElement('alternate', links.home, 'text/html'),
      ...feedLinkElements(links, 'application/atom+xml'),
    ],
    'vnf:masthead': mastheadElement(m),
  })
  return finishXml(feed.atom1(), '<feed ', { 'xmlns:vnf': MASTHEAD_NS, 'xml:lang': m.language }, head)
}
