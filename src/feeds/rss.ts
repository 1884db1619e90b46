import { escapeHtml } from '../text/normalize'
import type { FeedModel } from './model'
import {
  cdata, DC_NS, extension, feedLinkElements, feedView, finishXml, MASTHEAD_NS, mastheadElement, textElement, toFeedInstance,
  xmlText,
} from './shared'

export const RSS_DOCS = 'https://www.rssboard.org/rss-specification'

/**
 * RSS 2.0 per the RSS Advisory Board profile: numeric-zone RFC 822 dates, contacts as `email (Name)`,
 * `dc:creator` for bylines (a bare name in `<author>` is invalid), HTML-escaped plain-text descriptions,
 * opaque guids (`isPermaLink="false"`), Atom paging links.
 */
export function renderRss(model: FeedModel): string {
  const view = feedView(model)
  const { masthead: m, model: { links } } = view
  const feed = toFeedInstance(
    view,
    {
      title: xmlText(view.title),
      description: xmlText(view.description),
      link: links.home,
      // Makes feed declare xmlns:atom; the atom:link extension below replaces its self/hub links.
      feed: links.self,
      docs: RSS_DOCS,
      ttl: model.ttlMinutes,
      copyright: xmlText(view.copyright),
      ...(view.logoUrl && { image: xmlText(view.logoUrl) }),
    },
    (item) => ({
      title: cdata(item.title),
      id: xmlText(item.uri),
      link: item.url,
      // pubDate is the publication time; feed would print `date` too and overwrite it with `published`.
      date: item.published,
      description: cdata(escapeHtml(item.summary)),
      content: cdata(item.content),
      category: [{ name: xmlText(item.section.name) }],
      ...(item.image && { image: { url: item.image.url, type: item.image.type, length: item.image.length } }),
      extensions: item.authors.length ? [extension('dc:creator', item.authors.map(textElement))] : [],
    }),
  )
  feed.addExtension(extension('managingEditor', textElement(`${m.email} (${m.editorInChief})`)))
  feed.addExtension(extension('webMaster', textElement(`${m.email} (Tòa soạn ${m.name})`)))
  feed.addExtension(extension('atom:link', feedLinkElements(links, 'application/rss+xml')))
  feed.addExtension(extension('vnf:masthead', mastheadElement(m)))
  return finishXml(feed.rss2(), '<rss ', { 'xmlns:dc': DC_NS, 'xmlns:vnf': MASTHEAD_NS })
}
