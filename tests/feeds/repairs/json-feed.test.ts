import { Feed } from 'feed'
import { describe, expect, it } from 'vitest'
import { JSON_FEED_VERSION, JSON_ITEM_TOKEN, jsonFeed, jsonValues } from '../../../src/feeds/repairs/json-feed'

describe('repair: feed writes JSON Feed 1.0, indented', () => {
  const make = () => {
    const feed = new Feed({ title: 'Báo Nam Định điện tử', generator: false })
    feed.addItem({ title: 'a', id: 'tag:x,2016:a', link: 'https://baonamdinh.vn/a', date: new Date(0) })
    return feed
  }

  it('feed says version 1 and indents by 4 spaces', () => {
    const text = make().json1()
    expect(JSON.parse(text).version).toBe('https://jsonfeed.org/version/1')
    expect(text).toContain('\n    "title"')
  })

  it('jsonFeed says 1.1, in the same place, for the writer to serialise compact', () => {
    const doc = jsonFeed(make())
    expect(JSON_FEED_VERSION).toBe('https://jsonfeed.org/version/1.1')
    expect(Object.keys(doc)[0]).toBe('version')
    expect(doc.version).toBe(JSON_FEED_VERSION)
    expect(doc.items).toHaveLength(1)
  })
})

describe('jsonValues: values pass through feed as tokens and are serialised once', () => {
  it('puts each back exactly, quotes, backslashes and a literal `\\u0002` included', () => {
    const v = jsonValues()
    const texts = ['<p>"Cúp" \\ \\u0002 \\\\u00020\\\\u0002</p>', 'ệ\n😀', '']
    const feed = new Feed({ title: 't', generator: false })
    texts.forEach((text, i) =>
      feed.addItem({ title: `a${i}`, id: `tag:x,2016:${i}`, link: 'https://baonamdinh.vn/a', date: new Date(0), content: v.text(text) }),
    )
    const fill = (json: string) => json.replace(JSON_ITEM_TOKEN, (_, n: string) => v.encoded[Number(n)] ?? '')
    const items = jsonFeed(feed).items.map((item) => JSON.parse(fill(JSON.stringify(item))) as { content_html?: string })
    expect(items.map((i) => i.content_html)).toEqual(texts)
  })
})
