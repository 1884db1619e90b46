import { beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, store } from '../../helpers/app'

const FEEDS = ['/rss.xml', '/atom.xml', '/feed.json', '/chuyen-muc/thoi-su/rss.xml', '/tac-gia/duc-toan/feed.json']

async function seed(): Promise<void> {
  await store().put(
    article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Tin, ảnh: Đức Toàn' }),
  )
  await store().put(article({ title: 'Giải bóng đá', published: '09:30, 02/04/2016', section: 'Thể thao', byline: 'Minh Hằng' }))
}

describe('conditional GET (RFC 9110 §13)', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
    await seed()
  })

  it('gives every feed a strong ETag and a Last-Modified', async () => {
    for (const path of FEEDS) {
      const res = await call(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('ETag'), path).toMatch(/^"[0-9a-f]{32}"$/)
      expect(new Date(res.headers.get('Last-Modified') ?? '').getTime(), path).not.toBeNaN()
    }
  })

  it('answers If-None-Match with 304, no body, and the headers a 304 must repeat', async () => {
    for (const path of FEEDS) {
      const first = await call(path)
      const etag = first.headers.get('ETag') as string
      const res = await call(path, { headers: { 'If-None-Match': etag } })
      expect(res.status, path).toBe(304)
      expect(await res.text(), path).toBe('')
      expect(res.headers.get('ETag')).toBe(etag)
      expect(res.headers.get('Cache-Control')).toBe(first.headers.get('Cache-Control'))
      expect(new Date(res.headers.get('Date') ?? '').getTime()).not.toBeNaN()
      // Representation metadata stays out of a 304 (§15.4.5): the ETag already updates caches.
      expect(res.headers.get('Content-Type')).toBeNull()
      expect(res.headers.get('Vary')).toBeNull()
    }
  })

  it('matches If-None-Match lists and weak forms (weak comparison), and * ', async () => {
    const etag = (await call('/rss.xml')).headers.get('ETag') as string
    expect((await call('/rss.xml', { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304)
    expect((await call('/rss.xml', { headers: { 'If-None-Match': '*' } })).status).toBe(304)
    expect((await call('/rss.xml', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200)
  })

  it('answers If-Modified-Since with 304 when nothing was written since, 200 otherwise', async () => {
    const lastModified = (await call('/atom.xml')).headers.get('Last-Modified') as string
    expect((await call('/atom.xml', { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304)
    const later = new Date(Date.parse(lastModified) + 3_600_000).toUTCString()
    expect((await call('/atom.xml', { headers: { 'If-Modified-Since': later } })).status).toBe(304)
    const earlier = new Date(Date.parse(lastModified) - 1_000).toUTCString()
    expect((await call('/atom.xml', { headers: { 'If-Modified-Since': earlier } })).status).toBe(200)
    expect((await call('/atom.xml', { headers: { 'If-Modified-Since': 'not a date' } })).status).toBe(200)
  })

  it('lets If-None-Match take precedence over If-Modified-Since', async () => {
    const first = await call('/rss.xml')
    const res = await call('/rss.xml', {
      headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': first.headers.get('Last-Modified') as string },
    })
    expect(res.status).toBe(200)
  })

  it('changes ETag and Last-Modified when an article is written, and only the feeds it is in', async () => {
    const before = await Promise.all(FEEDS.map(async (p) => (await call(p)).headers.get('ETag')))
    await new Promise((r) => setTimeout(r, 1_100)) // so the new Last-Modified is a later second
    await store().put(article({ title: 'Tin mới về thời sự', published: '10:00, 03/04/2016', section: 'Thời sự', byline: 'Văn Đông' }))
    const after = await Promise.all(FEEDS.map(async (p) => (await call(p)).headers.get('ETag')))
    expect(after[0]).not.toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[2]).not.toBe(before[2])
    expect(after[3]).not.toBe(before[3]) // thời sự
    expect(after[4]).toBe(before[4]) // Đức Toàn did not write it
    const res = await call('/rss.xml', { headers: { 'If-None-Match': before[0] as string } })
    expect(res.status).toBe(200)
  })

  it('keeps ETag, Last-Modified and body when nothing changed, whatever the clock says', async () => {
    const first = await call('/feed.json')
    const body = await first.text()
    coldCaches() // force a fresh render from KV
    await new Promise((r) => setTimeout(r, 1_100))
    const again = await call('/feed.json')
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'))
    expect(again.headers.get('Last-Modified')).toBe(first.headers.get('Last-Modified'))
    expect(await again.text()).toBe(body)
  })

  it('sends the configured Cache-Control and no Vary', async () => {
    const res = await call('/rss.xml')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=600, stale-if-error=86400')
    expect(res.headers.get('Vary')).toBeNull()
    const custom = await call('/rss.xml', {}, { CACHE_MAX_AGE: '120', CACHE_STALE_WHILE_REVALIDATE: '3600' })
    expect(custom.headers.get('Cache-Control')).toBe('public, max-age=120, stale-while-revalidate=3600, stale-if-error=86400')
  })

  it('answers HEAD as GET, without a body, conditional included', async () => {
    for (const path of [...FEEDS, '/', '/feeds.opml']) {
      const get = await call(path)
      await get.arrayBuffer()
      const head = await call(path, { method: 'HEAD' })
      expect(head.status, path).toBe(200)
      expect(await head.text(), path).toBe('')
      for (const name of [
        'Content-Type',
        'ETag',
        'Last-Modified',
        'Cache-Control',
        'Link',
        'Content-Security-Policy',
        'Access-Control-Allow-Origin',
      ])
        expect(head.headers.get(name), `${path} ${name}`).toBe(get.headers.get(name))
      const conditional = await call(path, { method: 'HEAD', headers: { 'If-None-Match': get.headers.get('ETag') as string } })
      expect(conditional.status, path).toBe(304)
    }
    expect((await call('/chuyen-muc/khong-co/rss.xml', { method: 'HEAD' })).status).toBe(404)
  })
})
