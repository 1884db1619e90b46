import { Feed, type Extension, type Item } from 'feed'
import { channelAround, type FeedWriter } from './writer'
import { tokenDate } from './repairs/dates'
import { JSON_ITEM_TOKEN, jsonFeed, jsonValues } from './repairs/json-feed'
import { MASTHEAD_NS, MEDIA_NS, ONE_ITEM } from './xml'

/** An extension of feed's: in JSON its objects are any JSON value (feed types them as a record). */
const extension = (name: string, objects: unknown): Extension => ({ name, objects: objects as Extension['objects'] })

/** What a `_source` object means: Dublin Core's source, as RSS's `dc:source`. */
const SOURCE_ABOUT = 'http://purl.org/dc/terms/source'

/**
 * JSON Feed 1.1, compact. The feed: `icon` (512 px) and `favicon`, the editor-in-chief in `authors`,
 * `language`, `hubs`, `next_url`, the masthead as `_masthead`. Each item: plain `title` and `summary`,
 * `content_html`, the photo as `image`, zoned dates, the section first among `tags`, its writers in
 * `authors` (an unsigned story names the paper), its photographers and caption in `_media` (as Media
 * RSS's credit and description), its source in `_source`.
 */
export const json: FeedWriter<Item> = {
  format: 'json',
  separator: ',',

  channel(view) {
    const { masthead: m, links, images } = view
    const { title, description } = view
    const feed = new Feed({ title, description, link: links.home, feedLinks: { json: links.self }, image: images.largeIcon })
    feed.addExtension(extension('favicon', images.icon))
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

  draft(item) {
    const v = jsonValues()
    const caption = item.image?.caption
    const credit = item.photographers.map((name) => ({ role: 'photographer', name: v.text(name) }))
    const media = { about: MEDIA_NS, ...(caption && { description: v.text(caption) }), ...(credit.length && { credit }) }
    const spec: Item = {
      title: v.text(item.title),
      id: v.text(item.uri),
      link: v.text(item.url),
      date: tokenDate(v.text(item.updated.toISOString())),
      published: tokenDate(v.text(item.published.toISOString())),
      description: v.text(item.summary),
      content: v.text(item.content),
      category: item.tags.map((name) => ({ name: v.text(name) })),
      ...(item.image && { image: v.text(item.image.url) }),
      extensions: [
        extension(
          'authors',
          item.authors.map(({ name, url }) => ({ name: v.text(name), ...(url && { url: v.text(url) }) })),
        ),
        ...(caption || credit.length ? [extension('_media', media)] : []),
        ...(item.source ? [extension('_source', { about: SOURCE_ABOUT, title: v.text(item.source.name) })] : []),
      ],
    }
    return { spec, values: v.encoded }
  },

  render(specs) {
    const feed = new Feed(ONE_ITEM)
    for (const spec of specs) feed.addItem(spec)
    return jsonFeed(feed).items.map((item) => JSON.stringify(item))
  },

  token: JSON_ITEM_TOKEN,
}
