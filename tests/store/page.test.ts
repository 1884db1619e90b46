/**
 * Pages over an index with dead entries (left by racing or interrupted writes elsewhere) and over big
 * articles: every page full while older articles exist, every article reached once by following
 * `next`, a bounded number of KV calls, and reads within the page's budget.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/model'
import type { FeedScope } from '../../src/articles/scope'
import { READ_BUDGET, REFILL_BOUNDS, UNKNOWN_ENTRY_BYTES } from '../../src/store/budgets'
import { sortKey } from '../../src/store/keys'
import { articleStore, type StoreOptions } from '../../src/store/store'
import { article } from '../../fixtures/articles'
import { countingKv } from '../../fixtures/counting-kv'
import { consistentArticles } from '../helpers/faults'
import { clearKv } from '../helpers/kv'

const KINH_TE: FeedScope = { kind: 'section', slug: 'kinh-te', name: 'Kinh tế' }
const store = (options: StoreOptions = {}, kv: KVNamespace = env.ARTICLES) => articleStore(kv, { settleMs: 0, ...options })

/** Writes `count` articles of Kinh tế, one a day from 2020-03-01 on; returns their ids newest first. */
async function seed(count: number): Promise<string[]> {
  const written: Article[] = []
  for (let i = 0; i < count; i++) {
    const a = article({
      title: `Tin kinh tế ${i + 1}`,
      published: new Date(Date.UTC(2020, 2, 1, 1) + i * 86_400_000).toISOString(),
      section: 'Kinh tế',
      byline: 'Văn Đông',
    })
    await store().put(a)
    written.push(a)
  }
  return written.map((a) => a.id).reverse()
}

/** An index entry of Kinh tế pointing at nothing, at the given time of day on 2021-01-01 (newer than seed's). */
async function plantDead(n: number, meta: { t: number; s: number } | null = { t: 0, s: 900 }): Promise<void> {
  const published = new Date(Date.UTC(2021, 0, 1) + n * 60_000).toISOString()
  await env.ARTICLES.put(`idx:sec:kinh-te:${sortKey({ id: `bai-da-mat-${n}`, published })}`, '', meta ? { metadata: meta } : {})
}

/** Ids of every page from the first, following `next`; checks that no page with a `next` is short. */
async function walk(scope: FeedScope, limit: number, s = store()): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: string | undefined
  do {
    const page = await s.page(scope, limit, cursor)
    pages.push(page.items.map((a) => a.id))
    cursor = page.next
    expect(pages.length).toBeLessThan(100)
  } while (cursor)
  return pages
}

const deadEntries = async () => (await env.ARTICLES.list({ prefix: 'idx:sec:kinh-te:' })).keys.filter((k) => k.name.includes('bai-da-mat'))

describe('pages over dead entries', () => {
  beforeEach(() => clearKv())

  it('fills each page with live articles past any number of dead entries before, between and after them', async () => {
    const live = await seed(5)
    for (const limit of [1, 2, 3]) {
      // Planted before each walk: the one before repaired them.
      for (let n = 0; n < 55; n++) await plantDead(n)
      // Dead entries between the live ones too: sorted between 2020-03-02 and 2020-03-03, and after the oldest.
      await env.ARTICLES.put(`idx:sec:kinh-te:${sortKey({ id: 'giua', published: '2020-03-02T12:00:00.000Z' })}`, '', {
        metadata: { t: 0, s: 10 },
      })
      await env.ARTICLES.put(`idx:sec:kinh-te:${sortKey({ id: 'cuoi', published: '2019-01-01T00:00:00.000Z' })}`, '', {
        metadata: { t: 0, s: 10 },
      })
      const pages = await walk(KINH_TE, limit, store({ settleMs: 60_000 }))
      expect(pages.flat(), `limit=${limit}`).toEqual(live)
      for (const page of pages.slice(0, -1)) expect(page, `limit=${limit}`).toHaveLength(limit)
    }
  })

  it('repairs dead entries old enough to be certain, and only those', async () => {
    await seed(3)
    const now = Date.now()
    for (let n = 0; n < 10; n++) await plantDead(n, { t: now - 120_000, s: 900 }) // written two minutes ago
    for (let n = 10; n < 14; n++) await plantDead(n, { t: now, s: 900 }) // just now: another location may not see its article yet
    for (let n = 14; n < 16; n++) await plantDead(n, null) // written before entries had metadata: age unknown
    await walk(KINH_TE, 2, store({ settleMs: 60_000 }))
    expect((await deadEntries()).map((k) => k.name.slice(k.name.lastIndexOf('-') + 1)).sort()).toEqual(['10', '11', '12', '13', '14', '15'])
    // Background repairs (the request's waitUntil) run the same deletes after the page is returned.
    const deferred: Array<Promise<unknown>> = []
    await walk(KINH_TE, 2, store({ settleMs: 0, background: (work) => void deferred.push(work) }))
    await Promise.all(deferred)
    expect((await deadEntries()).map((k) => k.name.slice(k.name.lastIndexOf('-') + 1)).sort()).toEqual(['14', '15'])
  })

  it('stays within bounds over a wall of dead entries: a short page with `next`, and the walk goes on', async () => {
    const live = await seed(2)
    for (let n = 0; n < 1_200; n += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => plantDead(n + k)))
    const counted = countingKv(env.ARTICLES)
    const s = store({ settleMs: 60_000 }, counted.kv)
    const first = await s.page(KINH_TE, 2)
    expect(first.items).toEqual([])
    expect(first.next).toBeDefined()
    expect(counted.calls.list).toBeLessThanOrEqual(REFILL_BOUNDS.lists)
    expect(counted.calls.get).toBeLessThanOrEqual(REFILL_BOUNDS.reads)
    expect((await walk(KINH_TE, 2, s)).flat()).toEqual(live)
  })
})

describe('pages within the read budget', () => {
  beforeEach(() => clearKv())

  it('ends a page early when its articles add up past the budget, and reaches every article exactly once', async () => {
    const live = await seed(40)
    // Give every entry the size of a large article, as list() reports it.
    const entries = (await env.ARTICLES.list({ prefix: 'idx:sec:kinh-te:' })).keys
    const big = Math.floor(READ_BUDGET / 7.5)
    await Promise.all(entries.map((k) => env.ARTICLES.put(k.name, '', { metadata: { t: 0, s: big } })))
    const pages = await walk(KINH_TE, 100)
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 7, 5])
    expect(pages.flat()).toEqual(live)
  })

  it('reads entries written before entries had sizes as if each were the largest article, then counts what they were', async () => {
    const live = await seed(30)
    const entries = (await env.ARTICLES.list({ prefix: 'idx:sec:kinh-te:' })).keys
    await Promise.all(entries.map((k) => env.ARTICLES.put(k.name, '')))
    const bulkReads: number[] = []
    const watched = new Proxy(env.ARTICLES, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as (...args: unknown[]) => unknown
        if (prop !== 'get') return typeof value === 'function' ? value.bind(target) : value
        return (key: unknown, type: unknown) => (Array.isArray(key) && bulkReads.push(key.length), value.call(target, key, type))
      },
    })
    const page = await store({}, watched).page(KINH_TE, 100)
    // No bulk read of more entries than the budget holds at the largest size; the page is full all the same.
    expect(Math.max(...bulkReads)).toBe(Math.floor(READ_BUDGET / UNKNOWN_ENTRY_BYTES))
    expect(page.items.map((a) => a.id)).toEqual(live)
  })

  it('cut: the page ending after its first items links on right after them', async () => {
    const live = await seed(9)
    const page = await store().page(KINH_TE, 5)
    const cut = await page.cut(2)
    expect(cut.items.map((a) => a.id)).toEqual(live.slice(0, 2))
    const rest = await store().page(KINH_TE, 5, cut.next)
    expect(rest.items.map((a) => a.id)).toEqual(live.slice(2, 7))
    expect(rest.previous).toEqual({})
    await consistentArticles(env.ARTICLES)
  })
})
