import { beforeEach, describe, expect, it } from 'vitest'
import { feedTopics } from '../../../src/websub/publish'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call } from '../../helpers/admin'
import type { HubRequest } from '../../helpers/fake-hub'
import { HUB, received, topicsIn } from '../../helpers/hub'

const BASE = 'http://vnfeeds.test'

const topicsOf = (requests: HubRequest[]) => [...new Set(topicsIn(requests))].sort()

const feeds = (...paths: string[]) => paths.flatMap((p) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${BASE}${p}${f}`)).sort()

const input = {
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Nội dung.'],
  section: 'Thời sự',
  byline: 'Tin: Minh Hằng - Ảnh: Việt Dư',
}
const ID = '2016-04-01-khai-mac-hoi-nghi'

describe('WebSub publishing', () => {
  beforeEach(() => clearKv())

  it('tells the hub with hub.mode=publish about every feed of the article, in all three formats, in one request', async () => {
    const response = await call('PUT', `/api/articles/${ID}`, { body: input, vars: { WEBSUB_HUB: `${HUB}/create` } })
    expect(response.status).toBe(201)
    const requests = await received('create')
    expect(requests).toHaveLength(1)
    for (const r of requests) {
      expect(r.method).toBe('POST')
      expect(r.contentType).toBe('application/x-www-form-urlencoded')
      expect(r.form[0]).toEqual(['hub.mode', 'publish'])
      expect(r.form.filter(([k]) => k === 'hub.url')).toHaveLength(12)
    }
    expect(topicsOf(requests)).toEqual(feeds('/', '/chuyen-muc/thoi-su/', '/tac-gia/minh-hang/', '/tac-gia/viet-du/'))
  })

  it('pings the feeds of the old and the new version on a replace, and of the deleted article on delete', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: input })
    await call('PUT', `/api/articles/${ID}`, {
      body: { ...input, section: 'Kinh tế', byline: 'Văn Đông' },
      vars: { WEBSUB_HUB: `${HUB}/replace` },
    })
    expect(topicsOf(await received('replace'))).toEqual(
      feeds('/', '/chuyen-muc/thoi-su/', '/chuyen-muc/kinh-te/', '/tac-gia/minh-hang/', '/tac-gia/viet-du/', '/tac-gia/van-dong/'),
    )
    const deleted = await call('DELETE', `/api/articles/${ID}`, { vars: { WEBSUB_HUB: `${HUB}/delete` } })
    expect(deleted.status).toBe(204)
    expect(topicsOf(await received('delete'))).toEqual(feeds('/', '/chuyen-muc/kinh-te/', '/tac-gia/van-dong/'))
  })

  it('pings once per feed for a whole batch, and not for rejected elements', async () => {
    const response = await call('POST', '/api/articles', {
      body: [input, { ...input, title: 'Bài khác', byline: 'Minh Hằng' }, { ...input, title: 'Sai', section: 'Xã hội', published: 'x' }],
      vars: { WEBSUB_HUB: `${HUB}/batch` },
    })
    expect(response.status).toBe(200)
    const requests = await received('batch')
    expect(topicsOf(requests)).toEqual(feeds('/', '/chuyen-muc/thoi-su/', '/tac-gia/minh-hang/', '/tac-gia/viet-du/'))
    expect(topicsIn(requests)).toHaveLength(12)
  })

  it('keeps the requests of a 25-article batch with distinct authors few, over 100 topics told once each', async () => {
    const articles = Array.from({ length: 25 }, (_, i) => ({ ...input, title: `Bài ${i}`, byline: `Tác giả ${i}a, Tác giả ${i}b` }))
    // A deployment's limits on the paid plan: the free plan's defaults take 4 articles a request.
    const vars = { WEBSUB_HUB: `${HUB}/crowd`, BATCH_MAX_ARTICLES: '25', BATCH_MAX_BYTES: String(1024 * 1024) }
    const response = await call('POST', '/api/articles', { body: articles, vars })
    expect(response.status).toBe(200)
    const requests = await received('crowd')
    const topics = topicsIn(requests)
    expect(new Set(topics).size).toBe(topics.length)
    expect(topics).toHaveLength((2 + 50) * 3)
    expect(requests.length).toBeLessThanOrEqual(4)
  })

  it('pings nothing when no hub is configured or the write was rejected', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: { ...input, title: '' }, vars: { WEBSUB_HUB: `${HUB}/rejected` } })
    await call('PUT', `/api/articles/${ID}`, { body: input, token: 'wrong', vars: { WEBSUB_HUB: `${HUB}/rejected` } })
    expect(await received('rejected')).toEqual([])
  })

  it('retries a hub that fails, without delaying or failing the write', async () => {
    const response = await call('PUT', `/api/articles/${ID}`, { body: input, vars: { WEBSUB_HUB: `${HUB}/retry/flaky` } })
    expect(response.status).toBe(201)
    const requests = await received('retry')
    const topics = feeds('/', '/chuyen-muc/thoi-su/', '/tac-gia/minh-hang/', '/tac-gia/viet-du/')
    expect(requests.map((r) => r.status)).toEqual([503, 204])
    expect(topicsOf(requests.filter((r) => r.status === 204))).toEqual(topics)
  })

  it('keeps the write when the hub refuses, and does not retry a 4xx', async () => {
    const response = await call('PUT', `/api/articles/${ID}`, { body: input, vars: { WEBSUB_HUB: `${HUB}/no/refuse` } })
    expect(response.status).toBe(201)
    const refused = await received('no')
    expect(refused).toHaveLength(1)
    expect(topicsIn(refused)).toHaveLength(12)
    expect((await call('GET', `/api/articles/${ID}`)).status).toBe(200)
  })

  it('advertises the hub and self in every feed and its Link header', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: input })
    const hub = `${HUB}/advertised`
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/chuyen-muc/thoi-su/atom.xml', '/tac-gia/viet-du/feed.json']) {
      const response = await call('GET', path, { token: null, vars: { WEBSUB_HUB: hub } })
      expect(response.status).toBe(200)
      const link = response.headers.get('Link') ?? ''
      expect(link).toContain(`<${hub}>; rel="hub"`)
      expect(link).toContain(`<${BASE}${path}>; rel="self"`)
      const text = await response.text()
      if (path.endsWith('.json')) {
        const json = JSON.parse(text) as { feed_url?: string; hubs?: Array<{ type: string; url: string }> }
        expect(json.feed_url).toBe(`${BASE}${path}`)
        expect(json.hubs).toContainEqual({ type: 'WebSub', url: hub })
      } else {
        expect(text).toMatch(new RegExp(`<(atom:)?link[^>]*href="${hub}"[^>]*rel="hub"|<(atom:)?link[^>]*rel="hub"[^>]*href="${hub}"`))
      }
    }
    // What the hub is told about is exactly what the feeds call themselves.
    expect(feedTopics([article(input)], BASE)).toContain(`${BASE}/tac-gia/viet-du/feed.json`)
  })
})
