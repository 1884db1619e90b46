import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call as admin } from '../../helpers/admin'
import { call, coldCaches } from '../../helpers/app'
import { realTime, setClock } from '../../helpers/clock'
import { clearKv } from '../../helpers/kv'

/**
 * A scheduled article against every public surface, with the clock driven and no write between "before"
 * and "after": invisible everywhere until its time, then everywhere at once, through every cache tier.
 */
const NOW = '2026-12-01T01:00:00Z' // 08:00 in Hà Nội
const DUE = Date.parse('2026-12-01T01:02:00Z') // 08:02
const TITLE = 'Khai mạc Giải bóng đá thiếu niên'
const ID = 'khai-mac-giai-bong-da'
/** Served from memory for ten minutes unless something says otherwise: only the due time can. */
const HOT = { FEED_RECHECK_MS: '600000' }

const FORMATS = ['rss.xml', 'atom.xml', 'feed.json']
const SITE = FORMATS.map((f) => `/${f}`)
const SECTION = FORMATS.map((f) => `/chuyen-muc/thoi-su/${f}`)
const AUTHOR = FORMATS.map((f) => `/tac-gia/hai-yen/${f}`)
const EMBEDS = ['/embed/headlines', '/embed/headlines?section=thoi-su', '/embed/headlines?author=hai-yen']
const DIRECTORY = ['/', '/feeds.opml']
const EDGE = { ...HOT, EDGE_CACHE: 'on' }

async function text(path: string, overrides: Record<string, string> = HOT, headers: Record<string, string> = {}) {
  const response = await call(path, { headers }, overrides)
  return { response, body: await response.text() }
}

/** Every page of a feed, following `next`: the titles in order. */
async function pagedTitles(path: string): Promise<string[]> {
  const titles: string[] = []
  for (let url: string | undefined = path; url;) {
    const page = (await (await call(url, {}, HOT)).json()) as { items: Array<{ title: string }>; next_url?: string }
    titles.push(...page.items.map((i) => i.title))
    url = page.next_url && new URL(page.next_url).pathname + new URL(page.next_url).search
  }
  return titles
}

describe('a scheduled article, before and after its time, with no write in between', () => {
  const before: Record<string, { etag: string | null; lastModified: string | null }> = {}

  beforeAll(async () => {
    await clearKv()
    coldCaches()
    setClock(NOW)
    for (const [i, title] of ['Bài đã đăng một', 'Bài đã đăng hai'].entries())
      expect(
        (
          await admin('PUT', `/api/articles/da-dang-${i}`, {
            body: { title, published: `07:0${i}, 01/12/2026`, paragraphs: ['Nội dung.'], section: 'Thời sự', byline: 'Minh Hằng' },
          })
        ).status,
      ).toBe(201)
    const put = await admin('PUT', `/api/articles/${ID}`, {
      body: { title: TITLE, published: '08:02, 01/12/2026', paragraphs: ['Nội dung.'], section: 'Thời sự', byline: 'Hải Yến' },
    })
    expect(put.status).toBe(201)
    expect(await put.json()).toMatchObject({ id: ID, status: 'scheduled', published: '2026-12-01T08:02:00+07:00' })
  })
  afterAll(realTime)

  it('before: stored and listed as scheduled for the newsroom', async () => {
    expect(await (await admin('GET', `/api/articles/${ID}`)).json()).toMatchObject({ title: TITLE, status: 'scheduled' })
    const scheduled = (await (await admin('GET', '/api/articles?status=scheduled')).json()) as {
      items: Array<{ id: string; status: string; published: string }>
    }
    expect(scheduled.items).toEqual([expect.objectContaining({ id: ID, status: 'scheduled', published: '2026-12-01T08:02:00+07:00' })])
    const published = (await (await admin('GET', '/api/articles?status=published')).json()) as { items: Array<{ id: string }> }
    expect(published.items.map((i) => i.id)).toEqual(['da-dang-1', 'da-dang-0'])
  })

  it('before: no feed in any format, no page, no embed, no directory shows it; its author has no feed', async () => {
    for (const path of [...SITE, ...SECTION, ...EMBEDS, ...DIRECTORY]) {
      const { response, body } = await text(path, path === SECTION[0] ? EDGE : HOT)
      expect(response.status, path).toBe(200)
      expect(body, path).not.toContain(TITLE)
      expect(body, path).not.toContain('Hải Yến')
      before[path] = { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') }
      // A client's copy must not outlive the due time (two minutes away; the policy says five).
      expect(response.headers.get('Cache-Control'), path).toMatch(/max-age=120,/)
    }
    for (const path of AUTHOR) expect((await call(path, {}, HOT)).status, path).toBe(404)
    expect(await pagedTitles('/feed.json?limit=1')).toEqual(['Bài đã đăng hai', 'Bài đã đăng một'])
  })

  it('just before: a conditional request is 304, its max-age the seconds left', async () => {
    setClock('2026-12-01T01:01:30Z')
    for (const path of [...SITE, ...SECTION]) {
      const response = await call(path, { headers: { 'If-None-Match': before[path]?.etag as string } }, HOT)
      expect(response.status, path).toBe(304)
      expect(response.headers.get('Cache-Control'), path).toMatch(/max-age=30,/)
    }
  })

  it('after: every surface shows it at once, in every format, with new validators', async () => {
    setClock(new Date(DUE + 1_000).toISOString())
    for (const path of [...SITE, ...SECTION, ...EMBEDS, ...DIRECTORY]) {
      // The client's pre-due ETag: the answer is the new document, not 304.
      const { response, body } = await text(path, path === SECTION[0] ? EDGE : HOT, { 'If-None-Match': before[path]?.etag as string })
      expect(response.status, path).toBe(200)
      // The directory lists feeds, not articles: its new author is what shows.
      expect(body, path).toContain(DIRECTORY.includes(path) ? 'Hải Yến' : TITLE)
      expect(response.headers.get('ETag'), path).not.toBe(before[path]?.etag)
      expect(response.headers.get('Last-Modified'), path).not.toBe(before[path]?.lastModified)
      // Nothing else is scheduled: the policy's max-age again.
      expect(response.headers.get('Cache-Control'), path).toMatch(/max-age=300,/)
    }
    for (const path of AUTHOR) {
      const { response, body } = await text(path)
      expect(response.status, path).toBe(200)
      expect(body, path).toContain(TITLE)
    }
    expect(await pagedTitles('/feed.json?limit=1')).toEqual([TITLE, 'Bài đã đăng hai', 'Bài đã đăng một'])
  })

  it('after: the newsroom sees it published, and nothing scheduled', async () => {
    expect(await (await admin('GET', `/api/articles/${ID}`)).json()).toMatchObject({ status: 'published' })
    expect(await (await admin('GET', '/api/articles?status=scheduled')).json()).toEqual({ status: 'scheduled', items: [] })
    const published = (await (await admin('GET', '/api/articles?status=published&limit=1')).json()) as {
      items: Array<{ id: string }>
      next?: string
    }
    expect(published.items.map((i) => i.id)).toEqual([ID])
    expect(published.next).toMatch(/^\/api\/articles\?status=published&limit=1&cursor=/)
  })
})
