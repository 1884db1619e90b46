import { escapeHtml } from '../text/normalize'
import type { FeedModel } from './model'
import {
  attr, attrAmpEscaped, cdata, feedLinkElements, feedView, finishXml, linkElement, MASTHEAD_NS, mastheadElement,
  toFeedInstance, xmlChildren, xmlText,
} from './shared'

/** Marks, in the `title` of feed's Atom enclosure link, the MIME type the link should carry. */
const ENCLOSURE_TYPE_MARK = '\u0001'

/**
 * feed derives an Atom enclosure's type from the URL's extension (`image/jpg`, or garbage without
 * one) and ignores the type it is given. We hand it the right type inside the link's `title`, behind
 * a sentinel, and move it into `type` here: ` title="\u0001image/jpeg" type="image/jpg"` →
 * ` type="image/jpeg"`.
 */
function fixEnclosureTypes(xml: string): string {
  const mark = ` title="${ENCLOSURE_TYPE_MARK}`
  let at = xml.indexOf(mark)
  if (at < 0) return xml
  const parts: string[] = []
  let from = 0
  while (at >= 0) {
    const typeStart = at + mark.length
    const typeEnd = xml.indexOf('"', typeStart)
    if (!xml.startsWith(' type="', typeEnd + 1)) throw new Error('feed wrote an Atom enclosure without type after title')
    const feedTypeEnd = xml.indexOf('"', typeEnd + ' type="'.length + 1)
    parts.push(xml.slice(from, at), ` type="${xml.slice(typeStart, typeEnd)}"`)
    from = feedTypeEnd + 1
    at = xml.indexOf(mark, from)
  }
  parts.push(xml.slice(from))
  return parts.join('')
}

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
        image: { url: item.image.url, length: item.image.length, title: `${ENCLOSURE_TYPE_MARK}${attr(item.image.type)}` },
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
  return fixEnclosureTypes(
    finishXml(feed.atom1(), '<feed ', { 'xmlns:vnf': MASTHEAD_NS, 'xml:lang': m.language }, head),
  )
}
