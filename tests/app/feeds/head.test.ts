import { beforeAll, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { call, store } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

/** Every public document and every problem: HEAD carries the GET's Content-Length and no body. */
const PATHS = [
  '/rss.xml',
  '/atom.xml',
  '/feed.json?limit=2',
  '/chuyen-muc/thoi-su/atom.xml',
  '/tac-gia/duc-toan/rss.xml',
  '/',
  '/feeds.opml',
  '/embed/headlines?section=thoi-su',
  '/embed.js',
  // Problems: unknown feed, bad parameter, no route, and a redirect's body.
  '/chuyen-muc/khong-co/rss.xml',
  '/feed.json?limit=0',
  '/khong-co',
  '/feed',
]

beforeAll(async () => {
  await clearKv()
  await store().put(article({ title: 'Tin để đo độ dài', published: '08:00, 01/04/2024', section: 'Thời sự', byline: 'Đức Toàn' }))
})

describe('HEAD', () => {
  it.each(PATHS)('%s: the same status and Content-Length as GET, no body', async (path) => {
    const get = await call(path)
    const bytes = (await get.arrayBuffer()).byteLength
    const head = await call(path, { method: 'HEAD' })
    expect(head.status).toBe(get.status)
    expect(head.headers.get('Content-Type')).toBe(get.headers.get('Content-Type'))
    expect(head.headers.get('ETag')).toBe(get.headers.get('ETag'))
    expect(head.headers.get('Content-Length')).toBe(String(bytes))
    expect(await head.arrayBuffer()).toHaveProperty('byteLength', 0)
  })

  it('a conditional HEAD answers 304 without a length', async () => {
    const etag = (await call('/rss.xml')).headers.get('ETag') as string
    const head = await call('/rss.xml', { method: 'HEAD', headers: { 'If-None-Match': etag } })
    expect(head.status).toBe(304)
    expect(head.headers.get('Content-Length')).toBeNull()
  })
})
