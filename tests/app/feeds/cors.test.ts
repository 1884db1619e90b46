import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, store } from '../../helpers/app'

const PARTNER = 'https://doitac.example'
const PUBLIC = ['/rss.xml', '/atom.xml', '/feed.json', '/chuyen-muc/thoi-su/feed.json', '/tac-gia/duc-toan/rss.xml', '/', '/feeds.opml']

describe('CORS: feeds and discovery readable from any origin, the admin API not', () => {
  beforeAll(async () => {
    await clearKv()
    await store().put(article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Đức Toàn' }))
  })
  beforeEach(() => coldCaches())

  it('answers a preflight for conditional polling', async () => {
    for (const path of PUBLIC) {
      const res = await call(path, {
        method: 'OPTIONS',
        headers: { Origin: PARTNER, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
      })
      expect(res.status, path).toBe(204)
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*')
      expect(res.headers.get('Access-Control-Allow-Methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'HEAD']))
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase().split(',')).toEqual(
        expect.arrayContaining(['if-none-match', 'if-modified-since']),
      )
      expect(Number(res.headers.get('Access-Control-Max-Age'))).toBeGreaterThan(0)
      expect(res.headers.get('Vary') ?? '', path).not.toMatch(/origin/i) // the answer is the same for every origin
    }
  })

  it('lets a page read the feed and its validators, on 200, 304 and 404 alike', async () => {
    for (const path of PUBLIC) {
      const res = await call(path, { headers: { Origin: PARTNER } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*')
      expect(res.headers.get('Access-Control-Allow-Credentials'), path).toBeNull()
      expect(
        res.headers
          .get('Access-Control-Expose-Headers')
          ?.split(',')
          .map((h) => h.trim()),
      ).toEqual(expect.arrayContaining(['ETag', 'Last-Modified', 'Link']))
      expect(res.headers.get('Vary'), path).toBeNull()
      const notModified = await call(path, { headers: { Origin: PARTNER, 'If-None-Match': res.headers.get('ETag') as string } })
      expect(notModified.status, path).toBe(304)
      expect(notModified.headers.get('Access-Control-Allow-Origin'), path).toBe('*')
    }
    const missing = await call('/chuyen-muc/khong-co/feed.json', { headers: { Origin: PARTNER } })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('sends no CORS headers from the admin API', async () => {
    const inits: RequestInit[] = [
      { headers: { Origin: PARTNER } },
      { method: 'OPTIONS', headers: { Origin: PARTNER, 'Access-Control-Request-Method': 'PUT' } },
    ]
    for (const init of inits) {
      for (const path of ['/api/articles', '/api/articles/2016-04-01-khai-mac-hoi-nghi']) {
        const res = await call(path, init)
        expect(res.headers.get('Access-Control-Allow-Origin'), `${init.method ?? 'GET'} ${path}`).toBeNull()
        expect(res.headers.get('Access-Control-Allow-Methods')).toBeNull()
      }
    }
  })
})
