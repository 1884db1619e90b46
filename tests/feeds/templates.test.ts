import { Feed } from 'feed'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Article, ArticleAuthor } from '../../src/articles/model'
import { atom } from '../../src/feeds/atom'
import type { FeedWriter } from '../../src/feeds/writer'
import { json } from '../../src/feeds/json'
import { rss } from '../../src/feeds/rss'
import { forgetTemplates, renderItems } from '../../src/feeds/templates'
import { itemContext, itemView } from '../../src/feeds/view'
import { article, model } from '../../fixtures/feed'

const WRITERS = [rss, atom, json] as FeedWriter[]
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
const views = (items: Article[]) => items.map((a) => itemView(a, itemContext(model(items, 'rss'))))

afterEach(() => {
  vi.restoreAllMocks()
  forgetTemplates()
})

describe('item templates', () => {
  it('property: an item is the same whether its shape was rendered before (for other items) or not', () => {
    const text = fc.string({ unit: fc.constantFrom(']]>', '<', '&', '"', "'", 'ệ', 'a', ' ', '\r\n', '\u0002', '0'), maxLength: 10 })
    const person = fc.record({
      name: text,
      slug: fc.constant('x'),
      role: fc.constantFrom<ArticleAuthor['role']>('text', 'photo', 'text+photo'),
    })
    const url = fc.constantFrom('https://baonamdinh.vn/a.jpg', 'https://x.vn/a?b=1&c="2"', 'https://x.vn/anh', 'not a url')
    const spec = fc.record({
      title: text,
      summary: text,
      content: fc.oneof(text, fc.constant('<figure><figcaption>c</figcaption></figure>')),
      url: fc.option(url, { nil: undefined }),
      image: fc.option(fc.record({ url, caption: fc.option(text, { nil: undefined }), length: fc.option(fc.nat(), { nil: undefined }) }), {
        nil: undefined,
      }),
      authors: fc.array(person, { maxLength: 3 }),
      source: fc.option(text, { nil: undefined }),
      tags: fc.array(text, { maxLength: 3 }),
      updated: fc.option(fc.constant('2016-04-02T01:00:00.000Z'), { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 8 }), (specs) => {
        const items = views(specs.map((s) => article(s as Partial<Article>)))
        for (const writer of WRITERS) {
          forgetTemplates()
          const shared = renderItems(writer, items).map(decode)
          const alone = items.map((item) => {
            forgetTemplates()
            return decode(renderItems(writer, [item])[0] as Uint8Array)
          })
          expect(shared).toEqual(alone)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('has feed render each shape once: a page of items like those seen before costs feed nothing', () => {
    const written = vi.spyOn(Feed.prototype, 'rss2')
    const items = (from: number) =>
      views(Array.from({ length: 20 }, (_, i) => article({ title: `Bài ${from + i} & "${i}"`, summary: `Tóm tắt ${i}` })))
    const first = renderItems(rss, items(0)).map(decode)
    expect(written).toHaveBeenCalledTimes(1)
    const second = renderItems(rss, items(100)).map(decode)
    expect(written).toHaveBeenCalledTimes(1)
    expect(new Set([...first, ...second]).size).toBe(40)
    expect(second[0]).toContain('<title>Bài 100 &#x26; "0"</title>')
  })
  it('tells apart specs that differ only by an undefined value, which JSON leaves out and feed does not', () => {
    // feed's RSS enclosure is `{ length: 0, ...yours }`: an undefined length drops the attribute, an absent one prints 0.
    const writer: FeedWriter<{ length?: string }> = {
      ...rss,
      draft: (view) => ({ spec: view.title === 'a' ? { length: undefined } : {}, values: [] }),
      render: (specs) => specs.map((spec) => ('length' in spec ? 'no length' : 'length 0')),
    }
    const out = renderItems(writer, views([article({ title: 'a' }), article({ title: 'b' })])).map(decode)
    expect(out).toEqual(['no length', 'length 0'])
  })
})
