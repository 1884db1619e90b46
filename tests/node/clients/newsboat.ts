import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { firstImage, isoInstant, names, type Client } from './client'
import { python, run } from './process'

// newsboat fetches the feed itself (`-x reload`, no terminal), then what it would show is read from its
// cache, which is SQLite. It joins several authors into one string and shows only the content, no image field.
const READ_CACHE = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(json.dumps([dict(zip(('link', 'title', 'author', 'published', 'content'), row)) for row in
    db.execute('SELECT url, title, author, pubDate, content FROM rss_item WHERE feedurl = ?', (sys.argv[2],))]))
`

interface Row {
  link: string
  title: string
  author: string
  published: number
  content: string
}

export const newsboat: Client = {
  name: 'newsboat',
  shows: { rss: ['authors', 'image'], atom: ['authors', 'image'] },
  async read(feed) {
    const home = await mkdtemp(join(tmpdir(), 'vnfeeds-newsboat-'))
    try {
      const [urls, config, cache] = ['urls', 'config', 'cache.db'].map((f) => join(home, f)) as [string, string, string]
      await writeFile(urls, `${feed.url}\n`)
      await writeFile(config, '')
      await run('newsboat', ['-x', 'reload', '-u', urls, '-c', cache, '-C', config], {
        env: { ...process.env, HOME: home, no_proxy: '127.0.0.1,localhost' },
      })
      const rows = await python<Row[]>(READ_CACHE, [cache, feed.url])
      return rows.map((r) => ({
        link: r.link,
        title: r.title,
        authors: names([r.author]),
        published: isoInstant(r.published),
        image: firstImage(r.content),
        categories: [],
      }))
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  },
}
