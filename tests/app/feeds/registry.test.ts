import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { articleStore } from '../../../src/store/store'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, links, store } from '../../helpers/app'

const FORMATS = ['rss.xml', 'atom.xml', 'feed.json']
const GONE = ['/chuyen-muc/doi-song', '/tac-gia/duc-toan']

const first = article({ title: 'Phiên chợ quê', published: '08:00, 05/05/2021', section: 'Đời sống', byline: 'Tin, ảnh: Đức Toàn' })
const second = article({ title: 'Chợ hoa ngày Tết', published: '08:00, 06/05/2021', section: 'Đời sống', byline: 'Đức Toàn' })
const stays = article({ title: 'Giải bóng đá', published: '09:00, 07/05/2021', section: 'Thể thao', byline: 'Minh Hằng' })

/** The feed URLs `/` and the OPML list show, as paths. */
async function listed(path: '/' | '/feeds.opml', overrides = {}): Promise<string[]> {
  const res = await call(path, {}, overrides)
  expect(res.status, path).toBe(200)
  return [...(await res.text()).matchAll(/(?:href|xmlUrl)="https?:\/\/[^/"]+(\/(?:chuyen-muc|tac-gia)\/[^/"]+)\/rss\.xml"/g)].map(
    (m) => m[1] as string,
  )
}

async function expectGone(path: string, init: RequestInit = {}, overrides = {}): Promise<void> {
  const res = await call(path, init, overrides)
  expect(res.status, path).toBe(404)
  expect(res.headers.get('Content-Type'), path).toMatch(/^application\/problem\+json/)
  expect(((await res.json()) as { detail: string }).detail, path).toMatch(/^Không có (chuyên mục|tác giả) "(doi-song|duc-toan)"\.$/)
}

describe('the registry as readers see it', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
    for (const a of [first, second, stays]) await store().put(a)
  })

  it('drops a section and an author with their last article from /, OPML, every format and every page, and brings them back', async () => {
    const nextPage = links(await call('/chuyen-muc/doi-song/rss.xml?limit=1')).next as string
    expect(nextPage).toContain('cursor=')
    expect(await listed('/')).toEqual(expect.arrayContaining([...GONE, '/chuyen-muc/the-thao']))

    await store().delete(first.id)
    expect(await listed('/')).toEqual(expect.arrayContaining(GONE))
    await store().delete(second.id)

    for (const path of ['/', '/feeds.opml'] as const) {
      const shown = await listed(path)
      expect(shown, path).toEqual(expect.arrayContaining(['/chuyen-muc/the-thao', '/tac-gia/minh-hang']))
      for (const gone of GONE) expect(shown, path).not.toContain(gone)
    }
    for (const base of GONE) for (const f of FORMATS) await expectGone(`${base}/${f}`)
    await expectGone(new URL(nextPage).pathname + new URL(nextPage).search)
    const embed = await call('/embed/headlines?section=doi-song')
    expect(embed.status).toBe(200)
    expect(await embed.text()).not.toContain('Chợ hoa')

    await store().put(article({ title: 'Trở lại chợ quê', published: '08:00, 08/05/2021', section: 'Đời sống', byline: 'Đức Toàn' }))
    expect(await listed('/feeds.opml')).toEqual(expect.arrayContaining(GONE))
    for (const base of GONE) {
      const res = await call(`${base}/feed.json`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { items: Array<{ title: string }> }).items.map((i) => i.title)).toEqual(['Trở lại chợ quê'])
    }
  })

  it('drops them when their last article moves to another section and author', async () => {
    await store().put({
      ...first,
      section: { slug: 'the-thao', name: 'Thể thao' },
      authors: [{ name: 'Minh Hằng', slug: 'minh-hang', role: 'text' }],
    })
    await store().put({
      ...second,
      section: { slug: 'the-thao', name: 'Thể thao' },
      authors: [{ name: 'Minh Hằng', slug: 'minh-hang', role: 'text' }],
    })
    expect(await listed('/')).toEqual(['/chuyen-muc/the-thao', '/tac-gia/minh-hang'])
    for (const base of GONE) for (const f of FORMATS) await expectGone(`${base}/${f}`)
  })

  it('keeps an author’s first spelling and a configured section’s name in feeds, on / and in OPML', async () => {
    await store().put(
      article({ title: 'Bài đầu', published: '08:00, 01/05/2021', section: 'Đời sống', authors: [{ name: 'Thử Tác Giả' }] }),
    )
    const later = article({ title: 'Bài sau', published: '09:00, 02/05/2021', section: 'Đời sống', authors: [{ name: 'THU  TAC   GIA' }] })
    await store().put({ ...later, section: { slug: 'doi-song', name: 'ĐỜI SỐNG' } })
    const feed = (await (await call('/tac-gia/thu-tac-gia/feed.json')).json()) as { title: string }
    expect(feed.title).toContain('Thử Tác Giả')
    expect(((await (await call('/chuyen-muc/doi-song/feed.json')).json()) as { title: string }).title).toContain('Đời sống')
    for (const path of ['/', '/feeds.opml']) {
      const text = await (await call(path)).text()
      expect(text, path).toContain('Thử Tác Giả')
      expect(text, path).not.toMatch(/THU +TAC|ĐỜI SỐNG/)
    }
  })

  it('serves no cached copy of a removed feed, page or list: memory and edge tiers, after a write in another isolate', async () => {
    const cached = { EDGE_CACHE: 'on', FEED_RECHECK_MS: '0' }
    const etags: Record<string, string> = {}
    for (const path of [...GONE.map((b) => `${b}/rss.xml`), '/', '/feeds.opml']) {
      const res = await call(path, {}, cached)
      expect(res.status, path).toBe(200)
      etags[path] = res.headers.get('ETag') as string
    }
    // Another isolate's store: this isolate's memory tier is not told.
    const elsewhere = articleStore(env.ARTICLES)
    await elsewhere.delete(first.id)
    await elsewhere.delete(second.id)
    for (const cold of [false, true]) {
      if (cold) coldCaches() // a fresh isolate: only the edge tier could still hold the old documents
      for (const base of GONE) {
        await expectGone(`${base}/rss.xml`, {}, cached)
        await expectGone(`${base}/rss.xml`, { headers: { 'If-None-Match': etags[`${base}/rss.xml`] as string } }, cached)
      }
      for (const path of ['/', '/feeds.opml'] as const) {
        const res = await call(path, { headers: { 'If-None-Match': etags[path] as string } }, cached)
        expect(res.status, path).toBe(200)
        for (const gone of GONE) expect(await listed(path, cached), path).not.toContain(gone)
      }
    }
  })
})
