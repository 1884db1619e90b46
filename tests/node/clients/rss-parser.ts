import Parser from 'rss-parser'
import { isoInstant, names, type Client } from './client'

/** rss-parser passes each `<category>` through as xml2js made it: a string, or an object when it has attributes. */
const categoryName = (c: unknown) => (typeof c === 'string' ? c : `not a string but ${JSON.stringify(c)}`)

// rss-parser as most apps use it, with its defaults: one author (dc:creator, else author), the enclosure
// as the image in RSS; in Atom it reads neither enclosures nor categories.
export const rssParser: Client = {
  name: 'rss-parser',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'] },
  cannotShow: [
    // lib/parser.js parseItemAtom copies title, the alternate link, published/updated, the first author,
    // content, summary and id, nothing else: no <category>, no enclosure link, no Media RSS.
    { format: 'atom', property: 'section', why: 'its Atom parser reads no <category> (lib/parser.js parseItemAtom)' },
    { format: 'atom', property: 'photo', why: 'its Atom parser reads no enclosure link or Media RSS (lib/parser.js parseItemAtom)' },
  ],
  async read(feed) {
    const { items } = await new Parser<object, { author?: string }>().parseString(feed.body)
    return items.map((i) => ({
      link: i.link,
      title: i.title,
      authors: names([i.creator ?? i.author]),
      published: isoInstant(i.isoDate),
      image: i.enclosure?.type?.startsWith('image/') ? i.enclosure.url : undefined,
      categories: (i.categories ?? []).map(categoryName),
    }))
  },
}
