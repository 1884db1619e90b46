/**
 * Issue 11, finding 1: racing writes of one id left index entries that nothing removed, and pages
 * listed `limit` keys before dropping the dead ones, so `?limit=1..3` came back empty with a `next`.
 * The index must equal the stored articles' entries after any race, and a page must fill itself.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { call as adminCall } from '../../helpers/admin'
import { call, coldCaches, local } from '../../helpers/app'
import { consistentArticles } from '../../helpers/faults'
import { clearKv } from '../../helpers/kv'

interface JsonFeed {
  items: Array<{ id: string; title: string }>
  next_url?: string
}

const SECTIONS = ['Thời sự', 'Kinh tế', 'Văn hóa', 'Thể thao', 'Giáo dục', 'Xã hội']
const WRITERS = ['Đức Toàn', 'Minh Hằng', 'Viết Dư', 'Thanh Thúy']

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Every item of a JSON feed, following `next_url`; fails on a page that is short while `next` goes on. */
async function walk(path: string, limit: number): Promise<string[]> {
  coldCaches()
  const ids: string[] = []
  let next: string | undefined = path
  for (let pages = 0; next; pages++) {
    expect(pages).toBeLessThan(60)
    const response = await call(next)
    expect(response.status, next).toBe(200)
    const feed = (await response.json()) as JsonFeed
    if (feed.next_url) expect(feed.items, `${next}: a page with a next page is full`).toHaveLength(limit)
    ids.push(...feed.items.map((i) => i.id.slice(i.id.lastIndexOf(':') + 1)))
    next = feed.next_url && local(feed.next_url)
  }
  return ids
}

describe('index integrity under racing writes of one id', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
  })

  it('three waves of 24 racing PUTs, then 5 articles: full pages at every size, the embed shows them, the index equals the articles', async () => {
    const ID = '2016-04-01-bai-bi-tranh-ghi'
    const next = random(11)
    const version = (wave: number, i: number) => ({
      title: `Phiên bản ${wave}.${i}`,
      published: `${String(Math.floor(next() * 24)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}, ${1 + Math.floor(next() * 28)}/${1 + Math.floor(next() * 12)}/2016`,
      paragraphs: [`Nội dung ${wave}.${i}.`],
      section: SECTIONS[Math.floor(next() * SECTIONS.length)],
      byline: WRITERS[Math.floor(next() * WRITERS.length)],
    })
    for (let wave = 0; wave < 3; wave++) {
      const statuses = (
        await Promise.all(Array.from({ length: 24 }, (_, i) => adminCall('PUT', `/api/articles/${ID}`, { body: version(wave, i) })))
      ).map((r) => r.status)
      // A create answers 201 once; every other write of the wave replaced what was there.
      expect(
        statuses.filter((s) => s === 201),
        `wave ${wave}`,
      ).toHaveLength(wave === 0 ? 1 : 0)
      expect(statuses.filter((s) => s === 200)).toHaveLength(wave === 0 ? 23 : 24)
      await consistentArticles(env.ARTICLES)
    }
    for (let i = 1; i <= 5; i++) {
      const body = {
        title: `Tin Kinh tế ${i}`,
        published: `08:0${i}, 01/01/2017`,
        paragraphs: ['Nội dung.'],
        section: 'Kinh tế',
        byline: 'Văn Đông',
      }
      expect((await adminCall('PUT', `/api/articles/kinh-te-${i}`, { body })).status).toBe(201)
    }
    const articles = await consistentArticles(env.ARTICLES)
    const racing = articles.get(ID)
    const expected = ['kinh-te-5', 'kinh-te-4', 'kinh-te-3', 'kinh-te-2', 'kinh-te-1']
    if (racing?.section.slug === 'kinh-te') expected.push(ID)
    for (const limit of [1, 2, 3])
      expect(await walk(`/chuyen-muc/kinh-te/feed.json?limit=${limit}`, limit), `limit=${limit}`).toEqual(expected)
    coldCaches()
    const embed = await (await call('/embed/headlines?section=kinh-te&limit=3')).text()
    expect(embed).not.toContain('Chưa có tin bài.')
    expect(embed.match(/class="item"/g)).toHaveLength(3)
  })
})
