import { describe, expect, it } from 'vitest'
import { itemsWithin, MAX_FEED_BYTES, type FeedDocument } from '../../src/feeds/document'
import { cutItems } from '../../src/feeds/writer'

const bytes = (n: number) => new Uint8Array(n) as Uint8Array<ArrayBuffer>
const doc = (channel: number, items: number[]): FeedDocument => ({
  body: bytes(channel + items.reduce((s, n) => s + n, 0)),
  itemBytes: items,
  head: bytes(channel),
  items: items.map(bytes),
  separator: bytes(0),
  tail: bytes(0),
})

describe('itemsWithin', () => {
  it('counts the first items that fit the budget with the channel around them', () => {
    expect(itemsWithin(doc(100, [50, 50, 50]), 200)).toBe(2)
    expect(itemsWithin(doc(100, [50, 50, 50]), 250)).toBe(3)
    expect(itemsWithin(doc(100, [50, 50, 50]))).toBe(3)
    expect(MAX_FEED_BYTES).toBe(4 * 1024 * 1024)
  })

  it('is never 0 for a page with items (paging must move on), and 0 for an empty one', () => {
    expect(itemsWithin(doc(100, [500, 10]), 200)).toBe(1)
    expect(itemsWithin(doc(100, []), 50)).toBe(0)
  })
})

describe('cutItems', () => {
  it("cuts each item of feed's output with its indentation", () => {
    const xml =
      '<rss>\n    <channel>\n        <item>\n            <title>a</title>\n        </item>\n        <item>\n        </item>\n    </channel>\n</rss>'
    expect(cutItems(xml, '<item>', '</item>')).toEqual([
      '\n        <item>\n            <title>a</title>\n        </item>',
      '\n        <item>\n        </item>',
    ])
  })

  it('refuses an item that does not end', () => {
    expect(() => cutItems('<rss>\n<item>\n', '<item>', '</item>')).toThrow(/without/)
  })
})
