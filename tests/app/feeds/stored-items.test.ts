import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import worker from '../../../src/index'
import { articleStore } from '../../../src/store/store'
import { outputKey } from '../../../src/store/keys'
import { MAX_OUTPUT_BYTES } from '../../../src/store/outputs'
import { fromBase64, toBase64, utf8Bytes } from '../../../src/utils/bytes'
import { hex, sha256 } from '../../../src/utils/hash'
import { article } from '../../../fixtures/articles'
import { countingKv, reads } from '../../../fixtures/counting-kv'
import { clearKv } from '../../helpers/kv'
import { freshIsolate, ORIGIN, store, testEnv } from '../../helpers/app'

/**
 * Items stored with their articles (src/feeds/outputs.ts, src/store/outputs.ts): a fresh isolate's first
 * page copies them from one bulk read instead of rendering, byte for byte and ETag for ETag what a render
 * gives; an output is used only for the article version and renderer it was made by.
 */
const counted = countingKv(env.ARTICLES)
const HOT = { FEED_RECHECK_MS: '600000' }
const FORMATS = [
  ['rss', '/rss.xml?limit=30'],
  ['atom', '/atom.xml?limit=30'],
  ['json', '/feed.json?limit=30'],
] as const

async function fetchFeed(url: string) {
  counted.reset()
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(url, ORIGIN)), { ...testEnv(HOT), ARTICLES: counted.kv }, ctx)
  const body = await response.text()
  await waitOnExecutionContext(ctx)
  expect(response.status, url).toBe(200)
  return { body, etag: response.headers.get('ETag'), reads: reads(counted.calls), gets: counted.calls.get }
}

const published = (i: number) => new Date(Date.UTC(2024, 5, 1, 16, 30 + i)).toISOString() // 23:30 … in Hà Nội
const bai = (i: number, extra = {}) =>
  article({ title: `Bài "số" ${i} <lưu> & đủ`, published: published(i), section: 'Đời sống', byline: 'Đức Toàn', ...extra })

/** Rewrites a stored output's head or text, with a correct digest of the new bytes. */
async function tamper(key: string, change: (head: Record<string, string>, text: string) => [Record<string, string>, string]) {
  const value = (await env.ARTICLES.get(key)) as string
  const end = value.indexOf('\n')
  const stored = new TextDecoder().decode(fromBase64(value.slice(end + 1)))
  const [head, text] = change(JSON.parse(value.slice(0, end)) as Record<string, string>, stored)
  head.digest = hex(await sha256(text))
  await env.ARTICLES.put(key, `${JSON.stringify(head)}\n${toBase64(utf8Bytes(text))}`)
}

describe('items stored with their articles', () => {
  beforeEach(async () => {
    await clearKv()
    await store().putMany(Array.from({ length: 12 }, (_, i) => bai(i)))
  })

  it.each(FORMATS)(
    '%s: a fresh isolate reads them (one more bulk read) and serves exactly the bytes and ETag a render gives',
    async (_, url) => {
      const rendering = await fetchFeed(url) // this isolate rendered the items when it wrote them
      expect(rendering.reads).toBe(3)
      freshIsolate()
      const fresh = await fetchFeed(url)
      expect({ reads: fresh.reads, gets: fresh.gets }).toEqual({ reads: 4, gets: 2 })
      expect(fresh.body).toBe(rendering.body)
      expect(fresh.etag).toBe(rendering.etag)
    },
  )

  it('serves what is stored (the copy is really used), but only for the version and renderer it was made for', async () => {
    const id = bai(3).id
    for (const [format, url] of FORMATS) {
      const rendered = (freshIsolate(), await fetchFeed(url))
      await tamper(outputKey(format, id), (head, text) => [head, text.replace('Nội dung bài', 'NỘI DUNG ĐÃ LƯU')])
      freshIsolate()
      expect((await fetchFeed(url)).body, format).toContain('NỘI DUNG ĐÃ LƯU')
      await tamper(outputKey(format, id), (head, text) => [{ ...head, rev: 'other-version' }, text])
      freshIsolate()
      const otherRev = await fetchFeed(url)
      expect([otherRev.body, otherRev.etag], format).toEqual([rendered.body, rendered.etag])
      await tamper(outputKey(format, id), (head, text) => [{ ...head, rev: bai(3).rev ?? '', stamp: 'v0|older renderer' }, text])
      freshIsolate()
      expect((await fetchFeed(url)).body, format).toBe(rendered.body)
    }
  })

  it('a failed read of them costs the render, never the page', async () => {
    const rendering = await fetchFeed('/atom.xml?limit=30')
    freshIsolate()
    const failing = new Proxy(env.ARTICLES, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as (...args: unknown[]) => unknown
        if (prop !== 'get') return typeof value === 'function' ? value.bind(target) : value
        return (keys: unknown, ...rest: unknown[]) =>
          Array.isArray(keys) && String(keys[0]).startsWith('out:')
            ? Promise.reject(new Error('KV is down for out: keys'))
            : value.call(target, keys, ...rest)
      },
    })
    const ctx = createExecutionContext()
    const response = await worker.fetch(new Request(new URL('/atom.xml?limit=30', ORIGIN)), { ...testEnv(HOT), ARTICLES: failing }, ctx)
    await waitOnExecutionContext(ctx)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(rendering.body)
  })

  it('articles written without them (older data, a store without a renderer) render the same in a fresh isolate', async () => {
    await clearKv()
    await articleStore(env.ARTICLES).putMany(Array.from({ length: 12 }, (_, i) => bai(i)))
    for (const [, url] of FORMATS) {
      freshIsolate()
      const first = await fetchFeed(url)
      expect(first.reads, url).toBe(4) // looked, found none, rendered
      const again = await fetchFeed(url.replace('limit=30', 'limit=29'))
      expect(again.reads, url).toBe(3) // rendered now, kept in memory
      await store().putMany(Array.from({ length: 12 }, (_, i) => bai(i)))
      freshIsolate()
      expect((await fetchFeed(url)).body, url).toBe(first.body)
    }
  })

  it('go with their article, and of an output too big for a page read only its head is stored', async () => {
    const names = async () => (await env.ARTICLES.list({ prefix: 'out:' })).keys.map((k) => k.name)
    const id = bai(5).id
    expect(await names()).toHaveLength(36)
    await store().delete(id)
    expect(await names()).toEqual(expect.not.arrayContaining([outputKey('rss', id), outputKey('atom', id), outputKey('json', id)]))
    expect(await names()).toHaveLength(33)
    const long = bai(20, { paragraphs: Array.from({ length: 40 }, (_, i) => `Đoạn ${i} ${'chữ Việt có dấu '.repeat(120)}`) })
    await store().put(long)
    const head = (await env.ARTICLES.get(outputKey('rss', long.id))) as string
    expect(JSON.parse(head)).toMatchObject({ rev: long.rev }) // its version, no text: readers render it
    expect(head).not.toContain('\n')
    freshIsolate()
    const page = await fetchFeed('/rss.xml?limit=30')
    expect(page.body).toContain('Đoạn 39 chữ Việt')
    expect(new TextEncoder().encode(page.body).byteLength).toBeGreaterThan(MAX_OUTPUT_BYTES)
  })
})
