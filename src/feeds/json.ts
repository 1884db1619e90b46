import { Feed, type Extension } from 'feed'
import { channelAround, type FeedWriter } from './document'
import { jsonFeed } from './repairs/json-feed'
import { MASTHEAD_NS, ONE_ITEM } from './xml'

/** An extension of feed's: in JSON its objects are any JSON value (feed types them as a record). */
const extension = (name: string, objects: unknown): Extension => ({ name, objects: objects as Extension['objects'] })

/**
 * JSON Feed 1.1, compact: `authors`, `language`, `hubs`, `next_url` and the masthead as the `_masthead`
 * extension; items with plain `title` and `summary`, `content_html`, `image`, zoned dates, the section
 * first among `tags`.
 */
export const json: FeedWriter = {
  format: 'json',
  separator: ',',

  channel(view) {
    const { masthead: m, links } = view
    const feed = new Feed({ title: view.title, description: view.description, link: links.home, feedLinks: { json: links.self } })
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
    // feed puts `items` last: the items go between its brackets.
    return channelAround(JSON.stringify(jsonFeed(feed)), ']}')
  },

  items(views) {
    const feed = new Feed(ONE_ITEM)
    for (const item of views) {
      feed.addItem({
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
      })
    }
    return jsonFeed(feed).items.map((item) => JSON.stringify(item))
  },
}
