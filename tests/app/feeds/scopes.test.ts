import { XMLParser } from 'fast-xml-parser'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, links, ORIGIN, store } from '../../helpers/app'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })

describe('section and author feeds', () => {
  beforeAll(async () => {
    await clearKv()
    await store().put(
      article({ title: 'Phiên chợ quê', published: '08:00, 05/05/2021', section: 'Đời sống', byline: 'Tin, ảnh: Đức Toàn' }),
    )
    await store().put(article({ title: 'Bóng đá phong trào', published: '09:00, 06/05/2021', section: 'Thể thao', byline: 'Minh Hằng' }))
  })
  beforeEach(() => coldCaches())

  it('names the section or author in the title and self link of every format', async () => {
    for (const [base, name] of [
      ['/chuyen-muc/doi-song', 'Chuyên mục Đời sống'],
      ['/tac-gia/duc-toan', 'Tác giả Đức Toàn'],
    ]) {
      const json = await call(`${base}/feed.json`)
      expect(json.headers.get('Content-Type')).toBe('application/feed+json; charset=utf-8')
      const feed = (await json.json()) as { title: string; feed_url: string; items: Array<{ title: string }> }
      expect(feed.title).toContain(name)
      expect(feed.feed_url).toBe(`${ORIGIN}${base}/feed.json`)
      expect(feed.items.map((i) => i.title)).toEqual(['Phiên chợ quê'])
      expect(links(json).self).toBe(`${ORIGIN}${base}/feed.json`)

      const atom = await call(`${base}/atom.xml`)
      expect(atom.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
      const doc = xml.parse(await atom.text()).feed
      expect(String(doc.title['#text'] ?? doc.title)).toContain(name)
      expect([doc.link].flat().find((l: { rel?: string }) => l.rel === 'self')?.href).toBe(`${ORIGIN}${base}/atom.xml`)

      const rss = await call(`${base}/rss.xml`)
      expect(rss.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8')
      const channel = xml.parse(await rss.text()).rss.channel
      expect(channel.title).toContain(name)
      expect([channel['atom:link']].flat().find((l: { rel?: string }) => l.rel === 'self')?.href).toBe(`${ORIGIN}${base}/rss.xml`)
    }
  })

  it('answers an unknown or malformed section or author with a 404 problem', async () => {
    for (const path of [
      '/chuyen-muc/khong-co/rss.xml',
      '/tac-gia/nguoi-la/atom.xml',
      '/chuyen-muc/Doi-Song/feed.json',
      '/tac-gia/duc--toan/rss.xml',
    ]) {
      const res = await call(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8')
      expect(res.headers.get('Cache-Control')).toBe('no-store')
      const problem = (await res.json()) as { status: number; title: string; instance: string }
      expect(problem).toMatchObject({ status: 404, instance: path })
    }
    const detail = ((await (await call('/chuyen-muc/khong-co/rss.xml')).json()) as { detail: string }).detail
    expect(detail).toContain('khong-co')
  })

  it('serves an empty site feed before anything was written', async () => {
    await clearKv()
    coldCaches()
    const res = await call('/feed.json')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([])
    expect(res.headers.get('Last-Modified')).toBeNull()
  })
})
