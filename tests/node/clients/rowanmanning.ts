import { parseFeed } from '@rowanmanning/feed-parser'
import { isoInstant, names, type Client } from './client'

// @rowanmanning/feed-parser normalizes RSS and Atom alike: authors, an image, categories with a label.
export const rowanmanningFeedParser: Client = {
  name: '@rowanmanning/feed-parser',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'] },
  async read(feed) {
    return parseFeed(feed.body).items.map((i) => ({
      link: i.url ?? undefined,
      title: i.title ?? undefined,
      authors: names(i.authors.map((a) => a.name ?? a.email)),
      published: isoInstant(i.published),
      image: i.image?.url ?? undefined,
      categories: i.categories.map((c) => c.label ?? c.term ?? ''),
    }))
  },
}
