import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/articles/model'
import { call as adminCall } from '../../helpers/admin'
import { call, coldCaches, local } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'
import { adminView } from '../../../src/routes/admin-view'

interface JsonFeed {
  items: Array<{ id: string; title: string }>
  next_url?: string
}

/** Every item of a JSON feed, following `next_url` page by page. */
async function walk(path: string): Promise<JsonFeed['items']> {
  coldCaches()
  const items: JsonFeed['items'] = []
  let next: string | undefined = path
  for (let pages = 0; next; pages++) {
    expect(pages).toBeLessThan(50)
    const response = await call(next)
    expect(response.status).toBe(200)
    const feed = (await response.json()) as JsonFeed
    items.push(...feed.items)
    next = feed.next_url && local(feed.next_url)
  }
  return items
}

const SECTIONS = ['Thời sự', 'Kinh tế', 'Văn hóa', 'Thể thao']
const WRITERS = ['Đức Toàn', 'Minh Hằng', 'Viết Dư']

describe('concurrency', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
  })

  it('200 concurrent writes of different articles: every one is in the feeds', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        adminCall('PUT', `/api/articles/bai-${i}`, {
          body: {
            title: `Bài số ${i}`,
            published: `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}, ${(i % 28) + 1}/${(i % 12) + 1}/2016`,
            paragraphs: [`Nội dung ${i}.`],
            section: SECTIONS[i % SECTIONS.length],
            byline: WRITERS[i % WRITERS.length],
          },
        }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201))
    const all = await walk('/feed.json?limit=100')
    expect(all.map((i) => i.id.slice(i.id.lastIndexOf(':') + 1)).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `bai-${i}`).sort())
    const bySection = (
      await Promise.all(['thoi-su', 'kinh-te', 'van-hoa', 'the-thao'].map((s) => walk(`/chuyen-muc/${s}/feed.json?limit=17`)))
    ).flat()
    expect(bySection).toHaveLength(200)
    const byAuthor = (await Promise.all(['duc-toan', 'minh-hang', 'viet-du'].map((a) => walk(`/tac-gia/${a}/feed.json?limit=33`)))).flat()
    expect(byAuthor).toHaveLength(200)
  })

  it('concurrent writes of one id: one whole version wins, shown once, in its own feeds only', async () => {
    const ID = '2016-04-01-mot-bai'
    const version = (i: number) => ({
      title: `Phiên bản ${i}`,
      // Half keep the first version's place in the feeds, half move it: moves delete entries the others just wrote.
      published: i % 2 ? '08:04, 01/04/2016' : `${10 + i}:00, 0${(i % 9) + 1}/05/2016`,
      paragraphs: [`Nội dung phiên bản ${i}.`, 'x'.repeat(i * 100)],
      section: SECTIONS[i % SECTIONS.length],
      byline: WRITERS[i % WRITERS.length],
      tags: [`thẻ ${i}`],
    })
    for (let round = 0; round < 5; round++) {
      await clearKv()
      expect((await adminCall('PUT', `/api/articles/${ID}`, { body: version(1) })).status).toBe(201)
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => adminCall('PUT', `/api/articles/${ID}`, { body: version(i) })),
      )
      const written = await Promise.all(responses.map(async (r) => (expect(r.status).toBe(200), (await r.json()) as Article)))
      const stored = await env.ARTICLES.get<Article>(`art:${ID}`, 'json')
      // The API answers in the paper's zone; KV keeps UTC (src/routes/admin-view.ts).
      expect(written).toContainEqual(stored && adminView(stored, 'Asia/Ho_Chi_Minh'))
      const mine = (await walk('/feed.json')).filter((item) => item.id.endsWith(ID))
      expect(mine.map((i) => i.title)).toEqual([stored?.title])
      // It is the only article: every other section and author has left the registry (404), whichever
      // write's registry update came last.
      for (const section of ['thoi-su', 'kinh-te', 'van-hoa', 'the-thao']) {
        if (stored?.section.slug !== section) expect((await call(`/chuyen-muc/${section}/feed.json`)).status, section).toBe(404)
        else
          expect(
            (await walk(`/chuyen-muc/${section}/feed.json`)).map((i) => i.title),
            section,
          ).toEqual([stored.title])
      }
      for (const author of ['duc-toan', 'minh-hang', 'viet-du']) {
        if (!stored?.authors.some((a) => a.slug === author)) expect((await call(`/tac-gia/${author}/feed.json`)).status, author).toBe(404)
        else
          expect(
            (await walk(`/tac-gia/${author}/feed.json`)).map((i) => i.title),
            author,
          ).toEqual([stored.title])
      }
    }
  })
})
