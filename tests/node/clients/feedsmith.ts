import { parseFeed, type MediaNs } from 'feedsmith'
import { isoInstant, names, type Client, type ReaderItem } from './client'

const isImage = (type: string | undefined) => type?.startsWith('image/') === true

/** Media RSS photo: an image `media:content`, else a `media:thumbnail`. */
function mediaImage(media: MediaNs.ItemOrFeed | undefined): string | undefined {
  const contents = [...(media?.contents ?? []), ...(media?.groups ?? []).flatMap((g) => g.contents ?? [])]
  return (contents.find((c) => c.medium === 'image' || isImage(c.type))?.url ?? media?.thumbnails?.[0]?.url) || undefined
}

// feedsmith hands over each format's fields as written (it decodes no `type="html"` text): an app shows the
// authors (RSS author, else dc:creator), the Media RSS photo or an image enclosure (JSON Feed: `image`), and
// category labels, else terms (JSON Feed: tags).
export const feedsmith: Client = {
  name: 'feedsmith',
  shows: { rss: ['authors', 'image', 'categories'], atom: ['authors', 'image', 'categories'], json: ['authors', 'image', 'categories'] },
  async read(served): Promise<ReaderItem[]> {
    const parsed = parseFeed(served.format === 'json' ? JSON.parse(served.body) : served.body)
    if (parsed.format === 'rss')
      return (parsed.feed.items ?? []).map((i) => ({
        link: i.link,
        title: i.title,
        authors: names([...(i.authors ?? []), ...(i.dc?.creators ?? [i.dc?.creator])].map((a) => (typeof a === 'object' ? a.name : a))),
        published: isoInstant(i.pubDate),
        image: mediaImage(i.media) ?? i.enclosures?.find((e) => isImage(e.type))?.url,
        categories: (i.categories ?? []).map((c) => c.name ?? ''),
      }))
    if (parsed.format === 'atom')
      return (parsed.feed.entries ?? []).map((e) => ({
        link: e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href,
        title: e.title?.value,
        authors: names((e.authors ?? []).map((a) => a.name)),
        published: isoInstant(e.published),
        image: mediaImage(e.media) ?? e.links?.find((l) => l.rel === 'enclosure' && isImage(l.type))?.href,
        categories: (e.categories ?? []).map((c) => c.label ?? c.term ?? ''),
      }))
    if (parsed.format === 'json')
      return parsed.feed.items.map((i) => ({
        link: i.url,
        title: i.title,
        authors: names((i.authors ?? []).map((a) => a.name)),
        published: isoInstant(i.date_published),
        image: i.image,
        categories: i.tags ?? [],
      }))
    throw new Error(`feedsmith read ${served.url} as ${parsed.format}`)
  },
}
