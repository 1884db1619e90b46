import { parseJsonFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import type { FeedModel } from '../../src/feeds/model'
import { renderFeed } from '../../src/feeds/render'
import { articleUri } from '../../src/feeds/model'
import { article, BASE_URL, config, local, model } from '../../fixtures/feed'
import { jsonFeed } from './jsonfeed'

const renderJson = (m: FeedModel) => renderFeed(m, 'json')

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep)
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)])
  return []
}

describe('JSON Feed 1.1', () => {
  const items = [
    article({ published: local('08:04, 01/04/2016'), updated: local('10:00, 01/04/2016'), tags: ['Nam Định', 'Thời sự'] }),
    article({ published: local('18:00, 31/03/2016'), authors: [], image: undefined, tags: [] }),
  ]
  const text = renderJson(model(items, 'json'))
  const feed = jsonFeed(text)

  it('validates against the 1.1 schema and is compact', () => {
    expect(text).not.toContain('\n')
    expect(text.startsWith('{"version":"https://jsonfeed.org/version/1.1"')).toBe(true)
  })

  it('has the feed-level fields, icons included, and no 1.0 `author` anywhere', () => {
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Báo Nam Định điện tử',
      home_page_url: 'https://baonamdinh.vn',
      feed_url: `${BASE_URL}/feed.json`,
      description: 'Tin bài mới nhất của Báo Nam Định điện tử',
      language: 'vi',
      authors: [{ name: 'Phạm Văn Trường', url: 'mailto:toasoanbnd@gmail.com' }],
      icon: `${BASE_URL}/icon-512.png`,
      favicon: `${BASE_URL}/icon-64.png`,
    })
    expect(feed).not.toHaveProperty('next_url')
    expect(feed).not.toHaveProperty('hubs')
    expect(keysDeep(feed)).not.toContain('author')
  })

  it('carries the complete masthead in the _masthead extension', () => {
    expect(feed._masthead).toEqual({
      about: 'https://vnfeeds.dev/ns/masthead/1.0',
      name: 'Báo Nam Định điện tử',
      editor_in_chief: 'Phạm Văn Trường',
      deputy_editors: ['Trần Vân Anh', 'Nguyễn Thị Thu Thủy'],
      address: 'Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
      phone: '0228.3849386',
      email: 'toasoanbnd@gmail.com',
      language: 'vi',
    })
  })

  it('writes items with id, url, plain title and summary, content_html, image, dates, tags and authors', () => {
    const [first, second] = feed.items
    expect(first).toEqual({
      id: articleUri(items[0]!, config),
      url: items[0]!.url,
      title: items[0]!.title,
      summary: items[0]!.summary,
      content_html: `<figure><img src="${items[0]!.image!.url}" alt=""></figure>\n${items[0]!.content}`,
      image: items[0]!.image!.url,
      date_published: '2016-04-01T08:04:00+07:00',
      date_modified: '2016-04-01T10:00:00+07:00',
      tags: ['Thời sự', 'Nam Định'],
      authors: [{ name: 'Đức Toàn' }],
      _media: { about: 'http://search.yahoo.com/mrss/', credit: [{ role: 'photographer', name: 'Đức Toàn' }] },
    })
    // Unsigned: the paper, so no reader falls back to the feed's authors (the editor-in-chief).
    expect(second!.authors).toEqual([{ name: 'Báo Nam Định điện tử', url: 'https://baonamdinh.vn' }])
    expect(second).not.toHaveProperty('image')
    expect(second!.tags).toEqual(['Thời sự'])
    expect(second!.date_modified).toBe(second!.date_published)
  })

  it('has next_url and hubs when paging and a hub are set', () => {
    const paged = jsonFeed(
      renderJson(model(items, 'json', { selfQuery: 'limit=1', nextQuery: 'limit=1&cursor=abc', hub: 'https://hub.example/' })),
    )
    expect(paged.feed_url).toBe(`${BASE_URL}/feed.json?limit=1`)
    expect(paged.next_url).toBe(`${BASE_URL}/feed.json?limit=1&cursor=abc`)
    expect(paged.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }])
  })

  it('is read by feedsmith as JSON Feed', () => {
    const parsed = parseJsonFeed(JSON.parse(text))
    expect(parsed.title).toBe('Báo Nam Định điện tử')
    expect(parsed.items).toHaveLength(2)
    expect(parsed.items?.[0]?.authors?.[0]?.name).toBe('Đức Toàn')
  })
})
