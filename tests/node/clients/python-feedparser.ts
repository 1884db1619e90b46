import { isoInstant, names, type Client } from './client'
import { python } from './process'

// What an app built on Python feedparser shows: entry.author (the one name it picks), the other authors,
// the photo from Media RSS or an image enclosure, each tag's label (else its term).
const SCRIPT = `
import calendar, json, sys, feedparser
def image(e):
    for m in e.get('media_content', []):
        if m.get('medium') == 'image' or m.get('type', '').startswith('image/'): return m.get('url')
    for m in e.get('media_thumbnail', []): return m.get('url')
    for l in e.get('links', []):
        if l.get('rel') == 'enclosure' and l.get('type', '').startswith('image/'): return l.get('href')
print(json.dumps([{
    'link': e.get('link'), 'title': e.get('title'),
    'authors': [e.get('author')] + [a.get('name') or a.get('email') for a in e.get('authors', [])],
    'published': calendar.timegm(e.published_parsed) if e.get('published_parsed') else None,
    'image': image(e), 'categories': [t.get('label') or t.get('term') for t in e.get('tags', [])],
} for e in feedparser.parse(sys.argv[1]).entries]))
`

interface Entry {
  link?: string
  title?: string
  authors: Array<string | null>
  published: number | null
  image?: string
  categories: string[]
}

export const pythonFeedparser: Client = {
  name: 'Python feedparser',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'] },
  async read(feed) {
    const entries = await python<Entry[]>(SCRIPT, [feed.file])
    return entries.map((e) => ({
      link: e.link,
      title: e.title,
      authors: names(e.authors),
      published: isoInstant(e.published),
      image: e.image ?? undefined,
      categories: e.categories,
    }))
  },
}
