import { Feed } from 'feed'
import { describe, expect, it } from 'vitest'
import { feedDate, tokenDate } from '../../../src/feeds/repairs/dates'

describe('repair: feed prints dates in UTC', () => {
  const render = (date: Date) => {
    const feed = new Feed({ title: 't', id: 'tag:x,2016:f', link: 'https://baonamdinh.vn/', generator: false, updated: date })
    feed.addItem({ title: 't', id: 'tag:x,2016:a', link: 'https://baonamdinh.vn/a', date, published: date })
    return { rss: feed.rss2(), atom: feed.atom1(), json: JSON.parse(feed.json1()) as { items: Array<{ date_published: string }> } }
  }
  const instant = '2016-04-01T01:04:00.000Z'

  it('a plain Date comes out as GMT and Z', () => {
    const out = render(new Date(instant))
    expect(out.rss).toContain('<pubDate>Fri, 01 Apr 2016 01:04:00 GMT</pubDate>')
    expect(out.atom).toContain('<published>2016-04-01T01:04:00.000Z</published>')
  })

  it("feedDate comes out in the newsroom's time, with its offset", () => {
    const out = render(feedDate(instant, 'Asia/Ho_Chi_Minh'))
    expect(out.rss).toContain('<pubDate>Fri, 01 Apr 2016 08:04:00 +0700</pubDate>')
    expect(out.rss).toContain('<lastBuildDate>Fri, 01 Apr 2016 08:04:00 +0700</lastBuildDate>')
    expect(out.atom).toContain('<published>2016-04-01T08:04:00+07:00</published>')
    expect(out.json.items[0]!.date_published).toBe('2016-04-01T08:04:00+07:00')
  })
})

describe("tokenDate: an item template's date", () => {
  it('prints its token wherever feed prints a date, and in JSON', () => {
    const feed = new Feed({ title: 't', id: 'tag:x,2016:f', link: 'https://baonamdinh.vn/', generator: false, updated: new Date(0) })
    feed.addItem({
      title: 't',
      id: 'tag:x,2016:a',
      link: 'https://baonamdinh.vn/a',
      date: tokenDate('\u00021\u0002'),
      published: tokenDate('\u00022\u0002'),
    })
    expect(feed.rss2()).toContain('<pubDate>\u00022\u0002</pubDate>')
    expect(feed.atom1()).toContain('<updated>\u00021\u0002</updated>')
    expect(feed.atom1()).toContain('<published>\u00022\u0002</published>')
    const item = (JSON.parse(feed.json1()) as { items: Array<Record<string, string>> }).items[0]
    expect([item?.date_modified, item?.date_published]).toEqual(['\u00021\u0002', '\u00022\u0002'])
    expect(JSON.stringify({ d: tokenDate('x') })).toBe('{"d":"x"}')
  })
})
