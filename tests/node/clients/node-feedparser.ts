import { Readable } from 'node:stream'
import FeedParser from 'feedparser'
import { isoInstant, names, type Client } from './client'

/** Node feedparser streams items; collects them all. */
function parse(body: string): Promise<FeedParser.Item[]> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({})
    const items: FeedParser.Item[] = []
    parser.on('error', reject)
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item)
    })
    parser.on('end', () => resolve(items))
    Readable.from([body]).pipe(parser)
  })
}

// Node feedparser: one author string per item, an image (Media RSS or the like), else an image enclosure;
// categories as plain strings.
export const nodeFeedparser: Client = {
  name: 'Node feedparser',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'] },
  cannotShow: [
    // lib/feedparser.js ends every item with `item.title = _.stripHtml(item.title)` (lib/utils.js), whatever the
    // title's type, so `<img>` typed as text is lost; `<10°C` survives, as `10°C` is no HTML tag name.
    { case: 'markup-like title', property: 'title', why: 'it strips anything shaped like an HTML tag from every title' },
  ],
  async read(feed) {
    return (await parse(feed.body)).map((i) => ({
      link: i.link,
      title: i.title,
      authors: names([i.author]),
      published: isoInstant(i.pubdate),
      image: i.image?.url ?? i.enclosures.find((e) => e.type?.startsWith('image/'))?.url,
      categories: i.categories,
    }))
  },
}
