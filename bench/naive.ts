/**
 * What most "RSS from KV" examples do, as a baseline: on every request list every article key, get
 * each one, sort, and render the newest with `feed`. It reads the same KV data as ours (our `art:`
 * keys; listing only that prefix is a kindness the examples do not always pay).
 */
import { Feed } from 'feed'
import type { Article } from '../src/articles/model'

const LIMIT = 50

export default {
  async fetch(request: Request, env: { ARTICLES: KVNamespace }): Promise<Response> {
    const path = new URL(request.url).pathname
    const keys: string[] = []
    let cursor: string | undefined
    do {
      const listed = await env.ARTICLES.list({ prefix: 'art:', ...(cursor && { cursor }) })
      keys.push(...listed.keys.map((k) => k.name))
      cursor = listed.list_complete ? undefined : listed.cursor
    } while (cursor)
    const articles = (await Promise.all(keys.map((k) => env.ARTICLES.get<Article>(k, 'json')))).filter((a): a is Article => a !== null)
    articles.sort((a, b) => b.published.localeCompare(a.published))
    const feed = new Feed({
      id: 'https://baonamdinh.vn/',
      title: 'Báo Nam Định điện tử',
      link: 'https://baonamdinh.vn/',
      copyright: 'Báo Nam Định điện tử',
      updated: new Date(articles[0]?.published ?? 0),
    })
    for (const a of articles.slice(0, LIMIT)) {
      feed.addItem({
        title: a.title,
        id: a.url,
        link: a.url,
        date: new Date(a.updated ?? a.published),
        description: a.summary,
        content: a.content,
        author: a.authors.map((p) => ({ name: p.name })),
      })
    }
    if (path === '/atom.xml') return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } })
    if (path === '/feed.json') return new Response(feed.json1(), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } })
    return new Response(feed.rss2(), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
  },
}
