import Parser from 'rss-parser'
import { isoInstant, names, type Client } from './client'

// rss-parser as most apps use it, with its defaults: one author (dc:creator, else author), the enclosure
// as the image in RSS; in Atom it reads neither enclosures nor categories.
export const rssParser: Client = {
  name: 'rss-parser',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors'] },
  async read(feed) {
    const { items } = await new Parser<object, { author?: string }>().parseString(feed.body)
    return items.map((i) => ({
      link: i.link,
      title: i.title,
      authors: names([i.creator ?? i.author]),
      published: isoInstant(i.isoDate),
      image: i.enclosure?.type?.startsWith('image/') ? i.enclosure.url : undefined,
      categories: (i.categories ?? []).map(String),
    }))
  },
}
