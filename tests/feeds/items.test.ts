import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/model'
import { siteConfig } from '../../src/config/masthead'
import { ItemCache, itemCache } from '../../src/feeds/items'
import { buildFeedModel, FEED_FORMATS, type FeedFormat } from '../../src/feeds/model'
import { renderFeed, renderFeedDocument } from '../../src/feeds/render'
import { article, BASE_URL, model } from '../../fixtures/feed'

const FORMATS = Object.keys(FEED_FORMATS) as FeedFormat[]
const bytes = (n: number) => new Uint8Array(n) as Uint8Array<ArrayBuffer>

describe('ItemCache', () => {
  it('keeps items up to its byte bound, least recently used out first', () => {
    const cache = new ItemCache(100, 60)
    cache.set('a', bytes(40))
    cache.set('b', bytes(40))
    expect(cache.get('a')?.byteLength).toBe(40)
    cache.set('c', bytes(40))
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((x) => x?.byteLength)).toEqual([40, undefined, 40])
    expect(cache.bytes).toBe(80)
  })

  it('never keeps an item without a key (an article without rev) or one bigger than its item bound', () => {
    const cache = new ItemCache(100, 60)
    expect(cache.set(null, bytes(10)).byteLength).toBe(10)
    cache.set('big', bytes(61))
    expect([cache.size, cache.bytes, cache.get('big')]).toEqual([0, 0, undefined])
  })

  it('counts a replaced entry once', () => {
    const cache = new ItemCache(100, 60)
    cache.set('a', bytes(30))
    cache.set('a', bytes(50))
    expect([cache.size, cache.bytes]).toEqual([1, 50])
  })
})

describe('pages from kept items', () => {
  beforeEach(() => itemCache.clear())

  it('renders the same bytes whether its items were kept or not, in every format', () => {
    const items = [article({ rev: 'r1' }), article({ rev: 'r2', title: 'A & B ]]> <c>' }), article()]
    for (const format of FORMATS) {
      const m = model(items, format)
      itemCache.clear()
      const fresh = renderFeed(m, format)
      expect(itemCache.size).toBe(2)
      expect(renderFeed(m, format)).toBe(fresh)
    }
  })

  it('keeps an item per format and article version, and none for an article without rev', () => {
    const a = article({ rev: 'r1' })
    renderFeed(model([a, article()], 'rss'), 'rss')
    expect(itemCache.size).toBe(1)
    renderFeed(model([a], 'atom'), 'atom')
    expect(itemCache.size).toBe(2)
    const edited = { ...a, title: 'Tiêu đề đã sửa', rev: 'r2' }
    expect(renderFeed(model([edited], 'rss'), 'rss')).toContain('Tiêu đề đã sửa')
    expect(itemCache.size).toBe(3)
  })

  it('does not reuse an item across site settings it depends on (site URL, zone)', () => {
    const a = article({ rev: 'r1' })
    const elsewhere = buildFeedModel(
      {
        config: siteConfig({ SITE_URL: 'https://nd.example', TIME_ZONE: 'Europe/London' }),
        scope: { kind: 'all' },
        baseUrl: BASE_URL,
        items: [a],
      },
      'rss',
    )
    renderFeed(model([a], 'rss'), 'rss')
    const other = renderFeed(elsewhere, 'rss')
    expect(other).toContain('tag:nd.example,')
    expect(other).toContain('+0100</pubDate>')
  })

  it('property: a page built from any mix of kept and fresh items equals the page rendered with nothing kept', () => {
    const text = fc.string({ unit: fc.constantFrom(']]>', '<', '&', '"', 'ệ', 'a', ' '), maxLength: 12 })
    const arbArticle = fc.record({ title: text, summary: text, content: text, kept: fc.boolean() })
    fc.assert(
      fc.property(fc.array(arbArticle, { minLength: 1, maxLength: 5 }), fc.constantFrom(...FORMATS), (specs, format) => {
        const items: Article[] = specs.map((s, i) =>
          article({
            id: `2016-04-01-bai-${i}`,
            title: s.title,
            summary: s.summary,
            content: s.content,
            rev: `p${i}-${s.title}${s.summary}${s.content}`,
          }),
        )
        itemCache.clear()
        const expected = renderFeed(model(items, format), format)
        itemCache.clear()
        renderFeed(
          model(
            items.filter((_, i) => specs[i]!.kept),
            format,
          ),
          format,
        )
        expect(renderFeed(model(items, format), format)).toBe(expected)
      }),
      { numRuns: 150 },
    )
  })

  it('reports the size of each item, for a route to cut a page under a byte budget', () => {
    const items = [article({ rev: 'a' }), article({ rev: 'b' }), article({ rev: 'c' })]
    for (const format of FORMATS) {
      const doc = renderFeedDocument(model(items, format), format)
      const withOne = renderFeedDocument(model(items.slice(0, 1), format), format)
      const sum = doc.itemBytes.reduce((s, n) => s + n, 0)
      expect(doc.itemBytes).toHaveLength(3)
      expect(doc.body.byteLength - sum).toBe(withOne.body.byteLength - withOne.itemBytes[0]!)
    }
  })
})
