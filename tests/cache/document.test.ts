import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rendered } from '../../src/cache/document'
import { itemCache } from '../../src/feeds/items'
import { renderFeedDocument } from '../../src/feeds/render'
import { forgetTemplates } from '../../src/feeds/templates'
import type { FeedFormat } from '../../src/feeds/model'
import { article, model } from '../../fixtures/feed'

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json']

describe('rendered', () => {
  it('sends a document given as bytes as they are, with the ETag of the same document given as text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
        const bytes = new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>
        const [fromBytes, fromText] = await Promise.all([rendered(bytes, null), rendered(text, null)])
        expect(fromBytes.body).toBe(bytes)
        expect(fromBytes.etag).toBe(fromText.etag)
        expect([...fromText.body]).toEqual([...bytes])
      }),
      { numRuns: 300 },
    )
  })
})

describe('rendered: a feed page, its ETag hashed from its items’ digests', () => {
  const items = [article({ rev: 'a' }), article({ rev: 'b', title: 'A & B ]]>' }), article()]
  const etag = async (list = items, format: FeedFormat = 'rss', baseUrl?: string) =>
    (await rendered(renderFeedDocument(model(list, format, baseUrl ? { baseUrl } : {}), format), null)).etag

  it('sends the page bytes as they are', async () => {
    const doc = renderFeedDocument(model(items, 'atom'), 'atom')
    expect((await rendered(doc, null)).body).toBe(doc.body)
  })

  it('is the same for the same bytes, whether the items were kept and hashed before or not', async () => {
    for (const format of FORMATS) {
      itemCache.clear()
      forgetTemplates()
      const fresh = await etag(items, format)
      expect(await etag(items, format)).toBe(fresh)
      itemCache.clear()
      expect(await etag(items, format)).toBe(fresh)
    }
  })

  it('changes when any item changes, or the channel around them', async () => {
    for (const format of FORMATS) {
      const before = await etag(items, format)
      const edited = items.map((a, i) => (i === 1 ? { ...a, summary: `${a.summary}.`, rev: 'b2' } : a))
      const unkept = items.map((a, i) => (i === 2 ? { ...a, title: `${a.title}!` } : a))
      const others = [
        before,
        await etag(edited, format),
        await etag(unkept, format),
        await etag(items.slice(0, 2), format),
        await etag(items, format, 'https://feeds.example'),
      ]
      expect(new Set(others).size).toBe(others.length)
    }
  })

  it('differs for two pages one byte apart in one item, the other items kept', async () => {
    for (const format of FORMATS) {
      const first = renderFeedDocument(model(items, format), format)
      const edited = items.map((a, i) => (i === 1 ? { ...a, title: 'A & C ]]>', rev: 'b-c' } : a))
      const second = renderFeedDocument(model(edited, format), format)
      const differing = first.body.filter((byte, i) => byte !== second.body[i]).length
      expect([second.body.byteLength, differing]).toEqual([first.body.byteLength, 1])
      expect((await rendered(second, null)).etag).not.toBe((await rendered(first, null)).etag)
    }
  })

  it('property: two pages have the same ETag if and only if they have the same bytes', async () => {
    // Four articles in two versions each (an edit gives a new rev, as the store does); one never kept (no rev).
    const versions = [0, 1, 2, 3].map((n) =>
      [0, 1].map((v) => article({ id: `2016-04-01-bai-${n}`, title: `Bài ${n}${v ? ' (sửa)' : ''}`, ...(n < 3 && { rev: `${n}.${v}` }) })),
    )
    const page = fc.record({
      picks: fc
        .uniqueArray(fc.nat(3), { maxLength: 4 })
        .chain((ns) => fc.tuple(...ns.map((n) => fc.constant(n)), ...ns.map(() => fc.nat(1)))),
      format: fc.constantFrom(...FORMATS),
      baseUrl: fc.constantFrom('https://feeds.baonamdinh.vn', 'https://feeds.example'),
    })
    const render = async ({ picks, format, baseUrl }: typeof page extends fc.Arbitrary<infer P> ? P : never) => {
      const n = picks.length / 2
      const list = (picks.slice(0, n) as number[]).map((a, i) => versions[a]![picks[n + i] as number]!)
      const doc = renderFeedDocument(model(list, format, { baseUrl }), format)
      return { bytes: new TextDecoder().decode(doc.body), etag: (await rendered(doc, null)).etag }
    }
    await fc.assert(
      fc.asyncProperty(page, page, fc.boolean(), async (a, b, forget) => {
        const first = await render(a)
        if (forget) itemCache.clear()
        const second = await render(b)
        expect(first.etag === second.etag).toBe(first.bytes === second.bytes)
      }),
      { numRuns: 300 },
    )
  })
})
