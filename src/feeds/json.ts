import type { FeedModel } from './model'
import { extension, feedView, MASTHEAD_NS, toFeedInstance } from './shared'

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

/**
 * JSON Feed 1.1. feed writes 1.0 (`version 1`, singular `author`); its extension hook sets top-level
 * and item keys after its own, so `version`, `authors`, `language`, `hubs`, `next_url` and our
 * `_masthead` go in through it and no 1.0 `author` is ever given. Its 4-space indented text is
 * re-serialised compact.
 */
export function renderJson(model: FeedModel): string {
  const view = feedView(model)
  const { masthead: m, model: { links } } = view
  const feed = toFeedInstance(
    view,
    { title: view.title, description: view.description, link: links.home, feedLinks: { json: links.self } },
    (item) => ({
      title: item.title,
      id: item.uri,
      link: item.url,
      date: item.updated,
      published: item.published,
      description: item.summary,
      content: item.content,
      category: item.tags.map((name) => ({ name })),
      ...(item.image && { image: item.image.url }),
      extensions: item.authors.length ? [extension('authors', item.authors.map((name) => ({ name })))] : [],
    }),
  )
  feed.addExtension(extension('version', JSON_FEED_VERSION))
  feed.addExtension(extension('authors', [{ name: m.editorInChief, url: `mailto:${m.email}` }]))
  feed.addExtension(extension('language', m.language))
  if (links.hub) feed.addExtension(extension('hubs', [{ type: 'WebSub', url: links.hub }]))
  if (links.next) feed.addExtension(extension('next_url', links.next))
  feed.addExtension(
    extension('_masthead', {
      about: MASTHEAD_NS,
      name: m.name,
      editor_in_chief: m.editorInChief,
      deputy_editors: m.deputyEditors,
      address: m.address,
      phone: m.phone,
      email: m.email,
      language: m.language,
    }),
  )
  return JSON.stringify(JSON.parse(feed.json1()))
}
