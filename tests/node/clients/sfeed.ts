import { firstImage, isoInstant, names, type Client } from './client'
import { run } from './process'

/** sfeed's TSV escapes only these in the content field. */
const unescape = (s: string) => s.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'))

// sfeed reads the XML on stdin and prints one TSV line an item: timestamp, title, link, content,
// content-type, id, author (the first only), enclosure, categories joined by '|'. Its readers
// (sfeed_plain, sfeed_curses) show the content, so the photo is the content's.
export const sfeed: Client = {
  name: 'sfeed',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'] },
  async read(feed) {
    const tsv = await run('sfeed', [], { input: feed.body })
    return tsv
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [timestamp, title, link, content, , , author, , category] = line.split('\t')
        return {
          link,
          title,
          authors: names([author]),
          published: timestamp ? isoInstant(Number(timestamp)) : undefined,
          image: firstImage(unescape(content ?? '')),
          categories: category ? category.split('|') : [],
        }
      })
  },
}
