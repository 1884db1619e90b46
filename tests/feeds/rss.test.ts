import { XMLValidator } from 'fast-xml-parser'
import { parseRssFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { siteConfig } from '../../src/config/masthead'
import { articleUri, buildFeedModel } from '../../src/feeds/model'
import type { FeedModel } from '../../src/feeds/model'
import { renderFeed } from '../../src/feeds/render'
import { article, BASE_URL, config, local, model, XML_DECLARATION } from '../../fixtures/feed'
import { all, descendants, htmlToText, one, parseXml, textOf, type XmlElement } from './xml'

const renderRss = (m: FeedModel) => renderFeed(m, 'rss')

function channelOf(xml: string): XmlElement {
  const { root } = parseXml(xml)
  expect(root.name).toBe('rss')
  expect(root.attributes.version).toBe('2.0')
  return one(root, 'channel')
}

describe('RSS 2.0', () => {
  const items = [
    article({ published: local('08:04, 01/04/2016') }),
    article({ published: local('07:30, 01/04/2016'), image: { url: 'https://baonamdinh.vn/anh/cho-que.JPG' } }),
    article({ published: local('18:00, 31/03/2016'), authors: [], image: undefined }),
  ]
  const xml = renderRss(model(items, 'rss'))

  it('is a well-formed document starting with the XML declaration', () => {
    expect(xml.startsWith(`${XML_DECLARATION}\n<rss `)).toBe(true)
    expect(XMLValidator.validate(xml)).toBe(true)
    parseXml(xml)
  })

  it('declares every namespace it uses on the root', () => {
    const { root } = parseXml(xml)
    expect(root.attributes).toMatchObject({
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
      'xmlns:vnf': 'https://vnfeeds.dev/ns/masthead/1.0',
    })
  })

  it('carries the channel metadata and the masthead', () => {
    const channel = channelOf(xml)
    expect(textOf(channel, 'title')).toBe('Báo Nam Định điện tử')
    expect(textOf(channel, 'link')).toBe('https://baonamdinh.vn/')
    expect(textOf(channel, 'language')).toBe('vi')
    expect(textOf(channel, 'generator')).toBe('vnfeeds')
    expect(textOf(channel, 'docs')).toBe('https://www.rssboard.org/rss-specification')
    expect(textOf(channel, 'ttl')).toBe('15')
    expect(textOf(channel, 'copyright')).toBe('© Báo Nam Định điện tử')
    expect(textOf(channel, 'lastBuildDate')).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(textOf(channel, 'managingEditor')).toBe('toasoanbnd@gmail.com (Phạm Văn Trường)')
    expect(textOf(channel, 'webMaster')).toBe('toasoanbnd@gmail.com (Tòa soạn Báo Nam Định điện tử)')
    const masthead = one(channel, 'vnf:masthead')
    expect(masthead.uri).toBe('https://vnfeeds.dev/ns/masthead/1.0')
    expect(textOf(masthead, 'vnf:name')).toBe('Báo Nam Định điện tử')
    expect(textOf(masthead, 'vnf:editorInChief')).toBe('Phạm Văn Trường')
    expect(textOf(masthead, 'vnf:deputyEditors')).toBe('Trần Vân Anh, Nguyễn Thị Thu Thủy')
    expect(textOf(masthead, 'vnf:address')).toBe('Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định')
    expect(textOf(masthead, 'vnf:phone')).toBe('0228.3849386')
    expect(textOf(masthead, 'vnf:email')).toBe('toasoanbnd@gmail.com')
  })

  it('links itself with atom:link rel=self', () => {
    const links = all(channelOf(xml), 'atom:link')
    expect(links.map((l) => l.attributes)).toEqual([{ rel: 'self', href: `${BASE_URL}/rss.xml`, type: 'application/rss+xml' }])
    expect(links[0]!.uri).toBe('http://www.w3.org/2005/Atom')
  })

  it('adds paging and hub links when the model has them', () => {
    const paged = renderRss(model(items, 'rss', { selfQuery: 'limit=2', nextQuery: 'limit=2&cursor=abc', hub: 'https://hub.example/' }))
    const links = all(channelOf(paged), 'atom:link').map((l) => l.attributes)
    expect(links).toEqual([
      { rel: 'self', href: `${BASE_URL}/rss.xml?limit=2`, type: 'application/rss+xml' },
      { rel: 'hub', href: 'https://hub.example/' },
      { rel: 'first', href: `${BASE_URL}/rss.xml`, type: 'application/rss+xml' },
      { rel: 'next', href: `${BASE_URL}/rss.xml?limit=2&cursor=abc`, type: 'application/rss+xml' },
    ])
    expect(paged).toContain('href="https://feeds.baonamdinh.vn/rss.xml?limit=2&amp;cursor=abc"')
  })

  it("has the paper's icon as image: the service's own 144 px PNG, or ICON_URL", () => {
    const image = one(channelOf(xml), 'image')
    expect(Object.fromEntries(image.children.map((c) => [c.name, c.text]))).toEqual({
      title: 'Báo Nam Định điện tử',
      url: `${BASE_URL}/icon-144.png`,
      link: 'https://baonamdinh.vn/',
      width: '144',
      height: '144',
    })
    const configured = buildFeedModel(
      {
        config: siteConfig({ ICON_URL: 'https://baonamdinh.vn/icon.png?v=1&x=2', LOGO_URL: 'https://baonamdinh.vn/logo.png' }),
        scope: { kind: 'all' },
        baseUrl: BASE_URL,
        items,
      },
      'rss',
    )
    const own = one(channelOf(renderRss(configured)), 'image')
    expect(textOf(own, 'url')).toBe('https://baonamdinh.vn/icon.png?v=1&x=2')
    expect(all(own, 'width')).toHaveLength(0)
  })

  it('writes items with opaque unique guids, dc:creator bylines, the section as category and typed enclosures', () => {
    const rendered = all(channelOf(xml), 'item')
    expect(rendered).toHaveLength(3)
    const guids = rendered.map((i) => one(i, 'guid'))
    expect(guids.every((g) => g.attributes.isPermaLink === 'false')).toBe(true)
    expect(guids.map((g) => g.text)).toEqual(items.map((a) => articleUri(a, config)))
    expect(new Set(guids.map((g) => g.text)).size).toBe(3)

    const [first, second, third] = rendered as [XmlElement, XmlElement, XmlElement]
    expect(textOf(first, 'title')).toBe(items[0]!.title)
    expect(textOf(first, 'link')).toBe(items[0]!.url)
    expect(textOf(first, 'pubDate')).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(htmlToText(textOf(first, 'description'))).toBe(items[0]!.summary)
    expect(textOf(first, 'content:encoded')).toBe(`<figure><img src="${items[0]!.image!.url}" alt=""></figure>\n${items[0]!.content}`)
    // The name only, no attributes: rss-parser turns a category with any attribute into an object.
    expect(all(first, 'category').map((c) => [c.text, c.attributes])).toEqual([['Thời sự', {}]])
    expect(all(first, 'dc:creator').map((c) => c.text)).toEqual(['Đức Toàn'])
    expect(one(first, 'enclosure').attributes).toEqual({ url: items[0]!.image!.url, type: 'image/jpeg', length: '48213' })
    // No declared type: from the extension, image/jpeg (never image/jpg), unknown length 0.
    expect(one(second, 'enclosure').attributes).toMatchObject({ type: 'image/jpeg', length: '0' })
    expect(all(third, 'enclosure')).toHaveLength(0)
    // Unsigned: the paper, never the editor-in-chief (whom some readers would show from managingEditor).
    expect(all(third, 'dc:creator').map((c) => c.text)).toEqual(['Báo Nam Định điện tử'])
  })

  it('never writes <author> (RSS wants an e-mail there; bylines are names), and credits photographers only for the photo', () => {
    const many = article({
      authors: [
        { name: 'Minh Hằng', slug: 'minh-hang', role: 'text' },
        { name: 'Việt Dư', slug: 'viet-du', role: 'photo' },
        { name: 'Minh Hằng', slug: 'minh-hang', role: 'photo' },
      ],
    })
    const out = renderRss(model([many], 'rss'))
    const item = one(channelOf(out), 'item')
    expect(all(item, 'dc:creator').map((c) => c.text)).toEqual(['Minh Hằng'])
    expect(all(one(item, 'media:content'), 'media:credit').map((c) => [c.text, c.attributes.role])).toEqual([
      ['Việt Dư', 'photographer'],
      ['Minh Hằng', 'photographer'],
    ])
    expect(descendants(parseXml(out).root).filter((e) => e.local === 'author')).toHaveLength(0)
  })

  it('gives pubDate as the publication time even when the article was updated', () => {
    const updated = article({ published: local('08:04, 01/04/2016'), updated: local('09:15, 02/04/2016') })
    const channel = channelOf(renderRss(model([updated], 'rss')))
    expect(textOf(one(channel, 'item'), 'pubDate')).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(textOf(channel, 'lastBuildDate')).toBe('Sat, 02 Apr 2016 09:15:00 +0700')
  })

  it('is read by feedsmith as RSS with every field', () => {
    const feed = parseRssFeed(xml)
    expect(feed.managingEditor).toEqual({ email: 'toasoanbnd@gmail.com', name: 'Phạm Văn Trường' })
    expect(feed.items).toHaveLength(3)
    expect(feed.items?.[0]?.dc?.creators).toEqual(['Đức Toàn'])
    expect(feed.items?.[0]?.enclosures?.[0]).toEqual({ url: items[0]!.image!.url, length: 48213, type: 'image/jpeg' })
  })
})
