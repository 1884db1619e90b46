import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../../../src/env'
import { createApp } from '../../../src/app'
import worker from '../../../src/index'
import { article } from '../../../fixtures/articles'
import { countingKv, reads } from '../../../fixtures/counting-kv'
import { sortKey } from '../../../src/store/keys'
import { clearKv } from '../../helpers/kv'
import { coldCaches, ORIGIN, store, testEnv } from '../../helpers/app'

/**
 * The KV operations a request costs, counted on an instrumented binding handed to the app itself.
 * docs/storage.md states these numbers; this file is their proof.
 */
const counted = countingKv(env.ARTICLES)

async function get(url: string, overrides: Partial<Env> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(url, ORIGIN), { headers }), { ...testEnv(overrides), ARTICLES: counted.kv }, ctx)
  await response.arrayBuffer()
  await waitOnExecutionContext(ctx)
  return response
}

/** Runs a request with the counter at zero and reports what it cost. */
async function cost(url: string, overrides: Partial<Env> = {}, headers: Record<string, string> = {}) {
  counted.reset()
  const response = await get(url, overrides, headers)
  expect(counted.calls.put + counted.calls.delete).toBe(0) // reading never writes
  return { status: response.status, etag: response.headers.get('ETag'), reads: reads(counted.calls), calls: { ...counted.calls } }
}

const HOT = { FEED_RECHECK_MS: '600000' } // well inside the recheck window
const STALE = { FEED_RECHECK_MS: '0' } // every request revalidates

/** Articles number `from`… one minute apart, written concurrently (the store loses none). */
async function publish(count: number, from = 0): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, k) => {
      const i = from + k
      const published = new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString()
      return store().put(
        article({ title: `Bài số ${i}`, published, section: i % 2 ? 'Thời sự' : 'Kinh tế', byline: i % 3 ? 'Đức Toàn' : 'Minh Hằng' }),
      )
    }),
  )
}

describe('KV operations per request', () => {
  beforeAll(async () => {
    await clearKv()
    await publish(30)
  })
  beforeEach(() => coldCaches())

  it('concurrent requests for a feed being revalidated share one revalidation', async () => {
    counted.reset()
    const responses = await Promise.all(Array.from({ length: 10 }, () => get('/rss.xml', STALE)))
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(new Set(responses.map((r) => r.headers.get('ETag'))).size).toBe(1)
    // Cold, ten at once: one version read, list and bulk get, not ten of each.
    expect(reads(counted.calls)).toBe(3)
    counted.reset()
    await Promise.all(Array.from({ length: 10 }, () => get('/rss.xml', STALE)))
    // Warm but due for revalidation: one version read between them.
    expect(reads(counted.calls)).toBe(1)
  })

  it('uncached feed: 3 reads (version, list, bulk get), whatever the archive size', async () => {
    for (const url of ['/rss.xml', '/chuyen-muc/thoi-su/atom.xml', '/tac-gia/duc-toan/feed.json?limit=5']) {
      const c = await cost(url, HOT)
      expect(c.status, url).toBe(200)
      expect(c.calls, url).toMatchObject({ getWithMetadata: 1, list: 1, get: 1 })
      expect(c.reads, url).toBe(3)
    }
    await publish(100, 30)
    coldCaches()
    expect((await cost('/rss.xml', HOT)).reads).toBe(3)
    const next = (await get('/rss.xml?limit=10')).headers.get('Link')?.match(/<([^>]+)>; rel="next"/)?.[1] as string
    expect((await cost(next, HOT)).reads).toBe(3) // a later page costs the same
  }, 30_000)

  it('cached feed: 0 reads within the recheck window, 1 after it', async () => {
    const first = await cost('/atom.xml', HOT)
    expect(first.reads).toBe(3)
    const hot = await cost('/atom.xml', HOT)
    expect(hot).toMatchObject({ status: 200, reads: 0, etag: first.etag })
    const revalidated = await cost('/atom.xml', STALE)
    expect(revalidated).toMatchObject({ status: 200, reads: 1, etag: first.etag })
    expect(revalidated.calls.getWithMetadata).toBe(1)
  })

  it('304: 0 reads within the window, 1 after it, 3 on a cold isolate', async () => {
    const { etag } = await cost('/feed.json', HOT)
    const inm = { 'If-None-Match': etag as string }
    expect(await cost('/feed.json', HOT, inm)).toMatchObject({ status: 304, reads: 0 })
    expect(await cost('/feed.json', STALE, inm)).toMatchObject({ status: 304, reads: 1 })
    coldCaches()
    expect(await cost('/feed.json', HOT, inm)).toMatchObject({ status: 304, reads: 3 })
  })

  it('a write in this isolate is seen at once: the next request re-renders (3 reads)', async () => {
    const before = await cost('/rss.xml', HOT)
    await publish(1, 500)
    const after = await cost('/rss.xml', HOT)
    expect(after.reads).toBe(3)
    expect(after.etag).not.toBe(before.etag)
  })

  it('edge tier (Cache API, custom domain): a cold isolate pays 1 read when another isolate rendered the feed', async () => {
    await publish(1, 600) // a fresh version token, so no edge entry exists for it yet
    coldCaches()
    const edge = { ...HOT, EDGE_CACHE: 'on' }
    const rendered = await cost('/chuyen-muc/kinh-te/rss.xml', edge)
    expect(rendered.reads).toBe(3)
    coldCaches() // as if another isolate of the same data center got the next request
    const hit = await cost('/chuyen-muc/kinh-te/rss.xml', edge)
    expect(hit).toMatchObject({ status: 200, reads: 1, etag: rendered.etag })
    expect(hit.calls.getWithMetadata).toBe(1)
    coldCaches()
    expect(await cost('/chuyen-muc/kinh-te/rss.xml', edge, { 'If-None-Match': rendered.etag as string })).toMatchObject({
      status: 304,
      reads: 1,
    })
    // After a write, the new token misses the old entry: never a stale render from the edge.
    await publish(1, 602) // even: Kinh tế
    coldCaches()
    const changed = await cost('/chuyen-muc/kinh-te/rss.xml', edge)
    expect(changed.reads).toBe(3)
    expect(changed.etag).not.toBe(rendered.etag)
  })

  it('edge tier stores its entry inline when the app is called without an execution context', async () => {
    await publish(1, 650)
    const direct = { ...testEnv({ ...HOT, EDGE_CACHE: 'on' }), ARTICLES: counted.kv }
    const first = await createApp().request(`${ORIGIN}/rss.xml`, {}, direct)
    expect(first.status).toBe(200)
    coldCaches()
    counted.reset()
    const again = await createApp().request(`${ORIGIN}/rss.xml`, {}, direct)
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'))
    expect(reads(counted.calls)).toBe(1)
  })

  it('edge tier is skipped on *.workers.dev, where the Cache API does nothing', async () => {
    const edge = { ...HOT, EDGE_CACHE: 'on' }
    const url = 'https://vnfeeds.toasoan.workers.dev/chuyen-muc/thoi-su/rss.xml'
    expect((await cost(url, edge)).reads).toBe(3)
    coldCaches()
    expect((await cost(url, edge)).reads).toBe(3)
  })

  it('a render made before a write has settled in KV is re-made at each recheck, not trusted', async () => {
    await publish(1, 700)
    const unsettled = { FEED_RECHECK_MS: '0', KV_SETTLE_MS: '60000' }
    expect((await cost('/tac-gia/minh-hang/rss.xml', unsettled)).reads).toBe(3)
    expect((await cost('/tac-gia/minh-hang/rss.xml', unsettled)).reads).toBe(3)
    // Once settled, the same render is trusted and revalidated by the token alone.
    expect((await cost('/tac-gia/minh-hang/rss.xml', STALE)).reads).toBe(3)
    expect((await cost('/tac-gia/minh-hang/rss.xml', STALE)).reads).toBe(1)
  })

  it('discovery page and OPML: 1 + 2 registry lists uncached, 0 cached, 1 after the window', async () => {
    for (const url of ['/', '/feeds.opml']) {
      const first = await cost(url, HOT)
      expect(first.calls, url).toMatchObject({ getWithMetadata: 1, list: 2, get: 0 })
      expect((await cost(url, HOT)).reads, url).toBe(0)
      expect(await cost(url, STALE), url).toMatchObject({ reads: 1, etag: first.etag })
    }
  })

  it('dead entries (left by racing writes elsewhere): 2 more reads per refill; old ones are deleted after the response', async () => {
    const plant = (t: number) =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          env.ARTICLES.put(
            `idx:sec:thoi-su:${sortKey({ id: `bai-da-mat-${i}`, published: new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString() })}`,
            '',
            { metadata: { t, s: 700 } },
          ),
        ),
      )
    await plant(Date.now())
    // Just written (elsewhere, maybe): skipped, not deleted, since KV may not have settled yet.
    const young = await cost('/chuyen-muc/thoi-su/rss.xml?limit=5', { ...HOT, KV_SETTLE_MS: '60000' })
    expect(young.status).toBe(200)
    expect(young.calls).toMatchObject({ getWithMetadata: 1, list: 2, get: 2 })
    await plant(Date.now() - 120_000)
    coldCaches()
    counted.reset()
    expect((await get('/chuyen-muc/thoi-su/rss.xml?limit=5', { ...HOT, KV_SETTLE_MS: '60000' })).status).toBe(200)
    expect(counted.calls).toMatchObject({ getWithMetadata: 1, list: 2, get: 2, put: 0, delete: 10 })
    coldCaches()
    expect((await cost('/chuyen-muc/thoi-su/rss.xml?limit=5', HOT)).reads).toBe(3)
  })

  it('errors: 404 unknown section 1 read, malformed input 0, foreign cursor 1; errors are not cached', async () => {
    expect(await cost('/chuyen-muc/khong-co/rss.xml', HOT)).toMatchObject({ status: 404, reads: 1 })
    expect(await cost('/chuyen-muc/khong-co/rss.xml', HOT)).toMatchObject({ status: 404, reads: 1 })
    expect(await cost('/rss.xml?limit=0', HOT)).toMatchObject({ status: 400, reads: 0 })
    expect(await cost('/chuyen-muc/Thoi-Su/rss.xml', HOT)).toMatchObject({ status: 404, reads: 0 })
    expect(await cost('/rss.xml?cursor=bm90LWEtY3Vyc29y', HOT)).toMatchObject({ status: 400, reads: 1 })
  })
})
