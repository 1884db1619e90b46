import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { call as adminCall } from '../../helpers/admin'
import { call, coldCaches } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'
import { consistentArticles, faultyKv, type KvOp } from '../../helpers/faults'
import { parseXml } from '../../feeds/xml'

const FEEDS = ['/rss.xml', '/atom.xml', '/feed.json', '/chuyen-muc/thoi-su/rss.xml', '/tac-gia/duc-toan/atom.xml']
const READS: KvOp[] = ['get', 'getWithMetadata', 'list']

async function expect503(response: Response): Promise<void> {
  expect(response.status).toBe(503)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expect(await response.json()).toMatchObject({ status: 503 })
}

const body = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  published: '08:04, 01/04/2016',
  paragraphs: [`Nội dung ${title}.`],
  section: 'Thời sự',
  byline: 'Tin, ảnh: Đức Toàn',
  ...extra,
})

/** The same article moved: other title, section, author and publication time, so every index key changes. */
const moved = (title: string) => body(title, { published: '09:30, 02/04/2016', section: 'Kinh tế', byline: 'Minh Hằng' })
const ID = '2016-04-01-bai-goc'

async function seed(): Promise<void> {
  await clearKv()
  coldCaches()
  expect((await adminCall('PUT', `/api/articles/${ID}`, { body: body('Bài gốc') })).status).toBe(201)
  expect(
    (await adminCall('PUT', '/api/articles/2016-03-01-bai-khac', { body: body('Bài khác', { published: '07:00, 01/03/2016' }) })).status,
  ).toBe(201)
}

/** Titles every feed (site, both sections, all authors) shows, read through a healthy KV. */
async function feedTitles(): Promise<string[]> {
  coldCaches()
  const rss = await call('/rss.xml')
  expect(rss.status).toBe(200)
  const doc = parseXml(await rss.text())
  const channel = doc.root.children[0]!
  return channel.children
    .filter((c) => c.name === 'item')
    .map((i) => i.children.find((c) => c.name === 'title')!.text)
    .sort()
}

describe('faults: feeds while KV fails', () => {
  beforeEach(seed)

  for (const op of READS) {
    it(`answers 503 with Retry-After, never a partial 200, when KV ${op} throws and nothing is cached`, async () => {
      const { kv } = faultyKv(env.ARTICLES, { fails: (o) => o === op })
      for (const path of [...FEEDS, '/', '/feeds.opml']) {
        coldCaches()
        const response = await call(path, {}, { ARTICLES: kv })
        // The discovery page reads no articles: a failing bulk get leaves it whole.
        if (op === 'get' && (path === '/' || path === '/feeds.opml')) expect(response.status).toBe(200)
        else await expect503(response)
      }
    })
  }

  it('answers 503, not 400, when KV fails while a reader follows a next cursor', async () => {
    const first = await call('/rss.xml?limit=1')
    const next = /<([^>]*)>; rel="next"/.exec(first.headers.get('Link') ?? '')?.[1]
    expect(next).toBeDefined()
    coldCaches()
    const { kv } = faultyKv(env.ARTICLES, { fails: (o) => o === 'list' })
    await expect503(await call(new URL(next as string).pathname + new URL(next as string).search, {}, { ARTICLES: kv }))
  })

  it('gives up on a hanging KV after KV_TIMEOUT_MS with 503', async () => {
    for (const op of READS) {
      const { kv } = faultyKv(env.ARTICLES, { hangs: [op] })
      coldCaches()
      const started = Date.now()
      await expect503(await call('/atom.xml', {}, { ARTICLES: kv, KV_TIMEOUT_MS: '200' }))
      expect(Date.now() - started).toBeLessThan(5_000)
    }
  })

  it('serves the last good render, byte for byte and briefly cacheable, when KV fails after it was made', async () => {
    for (const path of FEEDS) {
      coldCaches()
      const good = await call(path)
      expect(good.status).toBe(200)
      const goodBody = await good.text()
      for (const fault of [{ fails: () => true }, { hangs: READS }]) {
        const { kv } = faultyKv(env.ARTICLES, fault)
        const response = await call(path, {}, { ARTICLES: kv, FEED_RECHECK_MS: '0', KV_TIMEOUT_MS: '200' })
        expect(response.status).toBe(200)
        expect(await response.text()).toBe(goodBody)
        expect(response.headers.get('ETag')).toBe(good.headers.get('ETag'))
        expect(response.headers.get('Cache-Control')).toBe('public, max-age=30')
      }
    }
  })

  it('lets caches keep a feed while the origin fails (stale-if-error)', async () => {
    const response = await call('/rss.xml')
    expect(response.headers.get('Cache-Control')).toMatch(/stale-if-error=\d+/)
  })
})

describe('faults: a failed write leaves the old state, whole', () => {
  beforeEach(seed)

  const failAt = (op: 'put' | 'delete', n: number) => faultyKv(env.ARTICLES, { fails: (o, i) => o === op && i === n })

  it('PUT replacing an article: a failure at any put or delete answers 503 and keeps the old version everywhere', async () => {
    const before = await feedTitles()
    for (const op of ['put', 'delete'] as const) {
      for (let n = 1; n <= 6; n++) {
        const { kv } = failAt(op, n)
        const response = await adminCall('PUT', `/api/articles/${ID}`, { body: moved('Bài đã chuyển'), vars: { ARTICLES: kv } })
        const articles = await consistentArticles(env.ARTICLES)
        if (response.status === 503) {
          expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
          expect(articles.get(ID)?.title, `${op} #${n}`).toBe('Bài gốc')
          expect(await feedTitles()).toEqual(before)
        } else {
          // The fault fell on a touch of a feed's version, which is retried: the write went through whole.
          expect(response.status, `${op} #${n}`).toBe(200)
          expect(articles.get(ID)?.title).toBe('Bài đã chuyển')
          await seed()
        }
      }
    }
  })

  it('PUT creating an article: a failure leaves no trace of it', async () => {
    const before = await feedTitles()
    for (let n = 1; n <= 3; n++) {
      const { kv } = failAt('put', n)
      const response = await adminCall('PUT', '/api/articles/2016-05-01-bai-moi', {
        body: body('Bài mới', { published: '10:00, 01/05/2016' }),
        vars: { ARTICLES: kv },
      })
      expect(response.status).toBe(503)
      const articles = await consistentArticles(env.ARTICLES)
      expect(articles.has('2016-05-01-bai-moi')).toBe(false)
      expect(await feedTitles()).toEqual(before)
    }
  })

  it('DELETE: a failure at any delete answers 503 and the article stays in every feed it was in', async () => {
    const before = await feedTitles()
    for (let n = 1; n <= 4; n++) {
      const { kv } = failAt('delete', n)
      await expect503(await adminCall('DELETE', `/api/articles/${ID}`, { vars: { ARTICLES: kv } }))
      const articles = await consistentArticles(env.ARTICLES)
      expect(articles.get(ID)?.title).toBe('Bài gốc')
      expect(await feedTitles()).toEqual(before)
      for (const path of ['/chuyen-muc/thoi-su/rss.xml', '/tac-gia/duc-toan/rss.xml'])
        expect(await (await call(path)).text()).toContain('Bài gốc')
    }
  })

  it('POST batch: each failed element is reported 503 and kept out whole; the stored ones are exactly the reported ones', async () => {
    for (let n = 1; n <= 8; n++) {
      await seed()
      const { kv } = failAt('put', n)
      const batch = [
        moved('Bài đã chuyển'),
        body('Bài lô một', { published: '10:00, 01/05/2016' }),
        body('Bài lô hai', { published: '11:00, 01/05/2016' }),
      ]
      const response = await adminCall('POST', '/api/articles', { body: batch, vars: { ARTICLES: kv } })
      const results = ((await response.clone().json()) as { results: Array<{ id: string; status: number }> }).results
      if (response.status === 503) expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
      const articles = await consistentArticles(env.ARTICLES)
      for (const r of results) {
        expect([200, 201, 503]).toContain(r.status)
        const stored = articles.get(r.id)
        if (r.status === 503)
          expect(stored?.title ?? null).toBe(r.id === '2016-04-02-bai-da-chuyen' ? null : r.id === ID ? 'Bài gốc' : null)
        else expect(stored).toBeDefined()
      }
      expect(await feedTitles()).toEqual([...articles.values()].map((a) => a.title).sort())
    }
  })

  it('logs neither the token nor the article body when a write fails', async () => {
    const logged: string[] = []
    const originals = { error: console.error, warn: console.warn, log: console.log, info: console.info }
    for (const name of ['error', 'warn', 'log', 'info'] as const)
      console[name] = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    try {
      const { kv } = faultyKv(env.ARTICLES, { fails: (o) => o === 'put' })
      const secret = 'Nội dung bí mật không được ghi vào nhật ký'
      await expect503(
        await adminCall('PUT', `/api/articles/${ID}`, { body: body('Bài gốc', { paragraphs: [secret] }), vars: { ARTICLES: kv } }),
      )
      await adminCall('POST', '/api/articles', { body: [body('Bài lô', { paragraphs: [secret] })], vars: { ARTICLES: kv } })
      expect(logged.length).toBeGreaterThan(0)
      for (const line of logged) {
        expect(line).not.toContain('test-admin-token')
        expect(line).not.toContain(secret)
      }
    } finally {
      Object.assign(console, originals)
    }
  })
})
