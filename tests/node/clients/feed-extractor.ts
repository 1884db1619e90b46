import { extractFromJson, extractFromXml } from '@extractus/feed-extractor'
import { isoInstant, type Client } from './client'

// @extractus/feed-extractor normalizes every format to title, link, published and description: it shows no
// author, image or category by default, so it speaks only to titles and times (in JSON Feed too).
export const feedExtractor: Client = {
  name: '@extractus/feed-extractor',
  shows: { rss: [], atom: [], json: [] },
  async read(feed) {
    const data = feed.format === 'json' ? extractFromJson(JSON.parse(feed.body)) : extractFromXml(feed.body)
    return (data.entries ?? []).map((e) => ({
      link: e.link,
      title: e.title,
      authors: [],
      published: isoInstant(e.published),
      image: undefined,
      categories: [],
    }))
  },
}
