import { XMLValidator } from 'fast-xml-parser'
import { parseAtomFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { siteConfig } from '../../src/config/masthead'
import type { FeedModel } from '../../src/feeds/model'
import { renderFeed } from '../../src/feeds/render'
import { articleUri, buildFeedModel } from '../../src/feeds/model'
import { article, BASE_URL, config, local, model, XML_DECLARATION } from '../../fixtures/feed'
import { all, htmlToText, one, parseXml, textOf, type XmlElement } from './xml'

const renderAtom = (m: FeedModel) => renderFeed(m, 'atom')

const ATOM = 'http://www.w3.org/2005/Atom'

function feedOf(xml: string): XmlElement {
  const { root } = parseXml(xml)
  expect(root.local).toBe('feed')
  expect(root.uri).toBe(ATOM)
  return root
}

describe('Atom 1.0', () => {
  const items = [
    article({ published: local('08:04, 01/04/2016'), updated: local('10:00, 01/04/2016') }),
    article({ published: local('07:30, 01/04/2016'), image: { url: 'https://baonamdinh.vn/anh/photo', type: 'image/jpg', length: 10 } }),
    article({ published: local('18:00, 31/03/2016'), authors: [], image: undefined }),
  ]
  const xml = renderAtom(model(items, 'atom'))

  it('is well-formed, starts with the XML declaration and has xml:lang and our namespace on <feed>', () => {
    expect(xml.startsWith(`${XML_DECLARATION}\n<feed `)).toBe(true)
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(feedOf(xml).attributes).toMatchObject({ xmlns: ATOM, 'xml:lang': 'vi', 'xmlns:vnf': 'https://vnfeeds.dev/ns/masthead/1.0' })
  })

  it('carries id, title, subtitle, rights, updated, generator, the editor-in-chief as author and deputies as contributors', () => {
    const feed = feedOf(xml)
    expect(textOf(feed, 'id')).toBe('tag:baonamdinh.vn,2016:feed')
    expect(textOf(feed, 'title')).toBe('Báo Nam Định điện tử')
    expect(textOf(feed, 'subtitle')).toBe('Tin bài mới nhất của Báo Nam Định điện tử')
    expect(textOf(feed, 'rights')).toBe('© Báo Nam Định điện tử')
    expect(textOf(feed, 'updated')).toBe('2016-04-01T10:00:00+07:00')
    expect(textOf(feed, 'generator')).toBe('vnfeeds')
    const author = one(feed, 'author')
    expect([textOf(author, 'name'), textOf(author, 'email')]).toEqual(['Phạm Văn Trường', 'toasoanbnd@gmail.com'])
    expect(all(feed, 'contributor').map((c) => textOf(c, 'name'))).toEqual(['Trần Vân Anh', 'Nguyễn Thị Thu Thủy'])
    expect(textOf(feed, 'icon')).toBe(`${BASE_URL}/icon-64.png`)
    expect(textOf(feed, 'logo')).toBe(`${BASE_URL}/logo.png`)
  })

  it('carries the complete masthead in vnf:masthead', () => {
    const masthead = one(feedOf(xml), 'vnf:masthead')
    expect(masthead.uri).toBe('https://vnfeeds.dev/ns/masthead/1.0')
    expect(Object.fromEntries(masthead.children.map((c) => [c.local, c.text]))).toEqual({
      name: 'Báo Nam Định điện tử',
      editorInChief: 'Phạm Văn Trường',
      deputyEditors: 'Trần Vân Anh, Nguyễn Thị Thu Thủy',
      address: 'Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
      phone: '0228.3849386',
      email: 'toasoanbnd@gmail.com',
      language: 'vi',
    })
  })

  it('has typed alternate and self links, and paging and hub links when the model has them', () => {
    expect(all(feedOf(xml), 'link').map((l) => l.attributes)).toEqual([
      { rel: 'alternate', type: 'text/html', href: 'https://baonamdinh.vn' },
      { rel: 'self', href: `${BASE_URL}/atom.xml`, type: 'application/atom+xml' },
    ])
    const paged = renderAtom(model(items, 'atom', { selfQuery: 'limit=2', nextQuery: 'limit=2&cursor=abc', hub: 'https://hub.example/' }))
    expect(all(feedOf(paged), 'link').map((l) => [l.attributes.rel, l.attributes.href])).toEqual([
      ['alternate', 'https://baonamdinh.vn'],
      ['self', `${BASE_URL}/atom.xml?limit=2`],
      ['hub', 'https://hub.example/'],
      ['first', `${BASE_URL}/atom.xml`],
      ['next', `${BASE_URL}/atom.xml?limit=2&cursor=abc`],
    ])
  })

  it('has the configured icon and logo when the paper has its own', () => {
    const own = buildFeedModel(
      {
        config: siteConfig({ LOGO_URL: 'https://baonamdinh.vn/logo.png', ICON_URL: 'https://baonamdinh.vn/icon.png' }),
        scope: { kind: 'all' },
        baseUrl: BASE_URL,
        items,
      },
      'atom',
    )
    const feed = feedOf(renderAtom(own))
    expect([textOf(feed, 'icon'), textOf(feed, 'logo')]).toEqual(['https://baonamdinh.vn/icon.png', 'https://baonamdinh.vn/logo.png'])
  })

  it('writes entries: tag: id, link, plain-text title, html summary, content, author, category, enclosure, dates', () => {
    const entries = all(feedOf(xml), 'entry')
    expect(entries.map((e) => textOf(e, 'id'))).toEqual(items.map((a) => articleUri(a, config)))
    const [first, second, third] = entries as [XmlElement, XmlElement, XmlElement]
    const title = one(first, 'title')
    expect(title.attributes.type).toBe('text')
    expect(title.text).toBe(items[0]!.title)
    expect(htmlToText(textOf(first, 'summary'))).toBe(items[0]!.summary)
    expect(one(first, 'content').attributes.type).toBe('html')
    expect(textOf(first, 'content')).toBe(`<figure><img src="${items[0]!.image!.url}" alt=""></figure>\n${items[0]!.content}`)
    expect(textOf(first, 'published')).toBe('2016-04-01T08:04:00+07:00')
    expect(textOf(first, 'updated')).toBe('2016-04-01T10:00:00+07:00')
    expect(all(first, 'author').map((a) => textOf(a, 'name'))).toEqual(['Đức Toàn'])
    expect(one(first, 'category').attributes).toEqual({ term: 'Thời sự', scheme: 'https://baonamdinh.vn/chuyen-muc/' })
    const links = all(first, 'link').map((l) => l.attributes)
    expect(links).toEqual([{ href: items[0]!.url }, { rel: 'enclosure', href: items[0]!.image!.url, type: 'image/jpeg', length: '48213' }])
    // Declared image/jpg is corrected; an extension-less URL does not confuse the type.
    expect(all(second, 'link')[1]!.attributes).toMatchObject({
      rel: 'enclosure',
      href: 'https://baonamdinh.vn/anh/photo',
      type: 'image/jpeg',
      length: '10',
    })
    expect(textOf(second, 'updated')).toBe(textOf(second, 'published'))
    expect(all(third, 'link')).toHaveLength(1)
    // Unsigned: the paper, so no reader falls back to the feed's author (the editor-in-chief).
    expect(all(third, 'author').map((a) => [textOf(a, 'name'), textOf(a, 'uri')])).toEqual([
      ['Báo Nam Định điện tử', 'https://baonamdinh.vn/'],
    ])
  })

  it('titles an enclosure with its caption, markup characters kept exact, and types it from the article', () => {
    const captioned = article({
      image: { url: 'https://baonamdinh.vn/anh/a.png?x=1&y=2', caption: 'Ảnh: "A" & <B>\tC', type: 'image/png', length: 5 },
    })
    const entry = one(feedOf(renderAtom(model([captioned], 'atom'))), 'entry')
    expect(all(entry, 'link')[1]!.attributes).toEqual({
      rel: 'enclosure',
      href: 'https://baonamdinh.vn/anh/a.png?x=1&y=2',
      title: 'Ảnh: "A" & <B>\tC',
      type: 'image/png',
      length: '5',
    })
  })

  it('keeps a section name with markup characters in the category term exact', () => {
    const odd = article({ section: { slug: 'a-b', name: 'A & <B> "C"' } })
    const entry = one(feedOf(renderAtom(model([odd], 'atom'))), 'entry')
    expect(one(entry, 'category').attributes.term).toBe('A & <B> "C"')
  })

  it('is read by feedsmith as Atom', () => {
    const feed = parseAtomFeed(xml)
    expect(feed.id).toBe('tag:baonamdinh.vn,2016:feed')
    expect(feed.entries).toHaveLength(3)
    expect(feed.entries?.[0]?.authors?.[0]?.name).toBe('Đức Toàn')
    expect(feed.contributors?.map((c) => c.name)).toEqual(['Trần Vân Anh', 'Nguyễn Thị Thu Thủy'])
  })
})
