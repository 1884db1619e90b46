import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { beforeEach, describe, expect, it } from 'vitest'
import { siteConfig } from '../../src/config/masthead'
import { itemCache } from '../../src/feeds/items'
import { buildFeedModel, type FeedFormat } from '../../src/feeds/model'
import { renderFeed, renderFeedDocument } from '../../src/feeds/render'
import { article, BASE_URL, local, model, renderAll } from '../../fixtures/feed'
import { hardCases } from './hard-cases'
import { jsonFeed } from './jsonfeed'
import { all, descendants, one, parseXml, textOf, type XmlElement } from './xml'

/** Issue 9: what readers are given for the articles they got wrong, read back from the parsed output. */
const PAPER = 'Báo Nam Định điện tử'
const cases = hardCases()
const [rain, cup, rice, unsigned, market] = cases as [
  (typeof cases)[number],
  (typeof cases)[number],
  (typeof cases)[number],
  (typeof cases)[number],
  (typeof cases)[number],
]
const feeds = renderAll(cases)
const channel = one(parseXml(feeds.rss).root, 'channel')
const rssItems = all(channel, 'item')
const atomFeed = parseXml(feeds.atom).root
const entries = all(atomFeed, 'entry')
const json = jsonFeed(feeds.json)
const index = (a: typeof rain) => cases.indexOf(a)
const rssItem = (a: typeof rain) => rssItems[index(a)] as XmlElement
const entry = (a: typeof rain) => entries[index(a)] as XmlElement
const jsonItem = (a: typeof rain) => json.items[index(a)] as Record<string, unknown>

beforeEach(() => itemCache.clear())

describe('titles: plain text, escaped once for their slot, exact in every format', () => {
  it('reads back exactly', () => {
    for (const a of cases) {
      expect(textOf(rssItem(a), 'title')).toBe(a.title)
      expect(one(entry(a), 'title').attributes.type).toBe('text')
      expect(textOf(entry(a), 'title')).toBe(a.title)
      expect(jsonItem(a).title).toBe(a.title)
    }
  })

  it('is what feedsmith gives readers, with no entity left', () => {
    expect(parseRssFeed(feeds.rss).items?.map((i) => i.title)).toEqual(cases.map((a) => a.title))
    expect(parseAtomFeed(feeds.atom).entries?.map((e) => e.title?.value)).toEqual(cases.map((a) => a.title))
    expect(parseJsonFeed(JSON.parse(feeds.json)).items?.map((i) => i.title)).toEqual(cases.map((a) => a.title))
  })

  it('writes RSS markup characters as hexadecimal references (RSS Profile; no W3C CharacterData warning)', () => {
    expect(feeds.rss).toContain('<title>&#x3C;10°C &#x26; mưa "to"</title>')
  })
})

describe('bylines by role', () => {
  const authorsOf = (a: typeof rain) => ({
    rss: all(rssItem(a), 'dc:creator').map((c) => c.text),
    atom: all(entry(a), 'author').map((x) => textOf(x, 'name')),
    json: (jsonItem(a).authors as Array<{ name: string }>).map((x) => x.name),
  })

  it('writers are the authors; a photographer never is', () => {
    expect(authorsOf(rain)).toEqual({ rss: ['Minh Hằng'], atom: ['Minh Hằng'], json: ['Minh Hằng'] })
    expect(authorsOf(rice)).toEqual({ rss: ['Ban Kinh tế'], atom: ['Ban Kinh tế'], json: ['Ban Kinh tế'] })
    // Named once in each document: as the photographer.
    for (const feed of [feeds.rss, feeds.atom, feeds.json]) expect(feed.match(/Viết Dư/g)).toHaveLength(1)
  })

  it('two writers are one byline in RSS and Atom (readers show the first or the last of several), two authors in JSON', () => {
    expect(authorsOf(cup)).toEqual({
      rss: ['Thanh Thúy, Quốc Khánh'],
      atom: ['Thanh Thúy, Quốc Khánh'],
      json: ['Thanh Thúy', 'Quốc Khánh'],
    })
  })

  it('photographers are credited for the photo: Media RSS in RSS and Atom, `_media` in JSON', () => {
    for (const item of [rssItem(rain), entry(rain)]) {
      const credit = one(one(item, 'media:content'), 'media:credit')
      expect([credit.text, credit.attributes]).toEqual(['Viết Dư', { role: 'photographer', scheme: 'urn:ebu' }])
    }
    expect(jsonItem(rain)._media).toMatchObject({ credit: [{ role: 'photographer', name: 'Viết Dư' }] })
    // Tin, ảnh: the writer is also credited for the photos, which have no URL here: the credit stands alone.
    expect(all(rssItem(market), 'media:credit').map((c) => c.text)).toEqual(['Đức Toàn'])
    expect(all(entry(market), 'media:credit').map((c) => c.text)).toEqual(['Đức Toàn'])
  })

  it('an unsigned story credits the paper, never the editor-in-chief; managingEditor keeps its RSS meaning', () => {
    expect(authorsOf(unsigned)).toEqual({ rss: [PAPER], atom: [PAPER], json: [PAPER] })
    expect(textOf(channel, 'managingEditor')).toBe('toasoanbnd@gmail.com (Phạm Văn Trường)')
    for (const item of [...rssItems, ...entries])
      expect(
        descendants(item)
          .map((e) => e.text)
          .join(' '),
      ).not.toContain('Phạm Văn Trường')
    expect(JSON.stringify(json.items)).not.toContain('Phạm Văn Trường')
  })

  it('the source is shown as a source, never as an author', () => {
    expect(textOf(rssItem(unsigned), 'dc:source')).toBe('TTXVN')
    const source = one(entry(unsigned), 'source')
    expect(textOf(source, 'title')).toBe('TTXVN')
    expect(textOf(source, 'id')).toBe('tag:baonamdinh.vn,2016:nguon:ttxvn')
    expect(textOf(source, 'updated')).toBe('2016-12-29T00:00:00+07:00')
    expect(jsonItem(unsigned)._source).toEqual({ about: 'http://purl.org/dc/terms/source', title: 'TTXVN' })
    expect(all(rssItem(rain), 'dc:source')).toHaveLength(0)
  })
})

describe('the channel', () => {
  it('puts every RSS channel element before the first item', () => {
    const names = channel.children.map((c) => c.name)
    const firstItem = names.indexOf('item')
    expect(names.slice(firstItem).every((n) => n === 'item')).toBe(true)
    expect(names.slice(0, firstItem)).toEqual(expect.arrayContaining(['managingEditor', 'webMaster', 'vnf:masthead', 'image', 'atom:link']))
  })

  it('has one copyright line per paper, whatever year its newest article is from', () => {
    const later = renderAll([article({ published: local('08:00, 02/01/2019') })])
    expect(textOf(one(parseXml(later.rss).root, 'channel'), 'copyright')).toBe(`© ${PAPER}`)
    expect(textOf(channel, 'copyright')).toBe(`© ${PAPER}`)
    expect(textOf(atomFeed, 'rights')).toBe(`© ${PAPER}`)
  })

  it("has the paper's icons in every format, served by the service", () => {
    const image = one(channel, 'image')
    expect([textOf(image, 'url'), textOf(image, 'width'), textOf(image, 'height')]).toEqual([`${BASE_URL}/icon-144.png`, '144', '144'])
    expect(textOf(image, 'link')).toBe(textOf(channel, 'link'))
    expect([textOf(atomFeed, 'icon'), textOf(atomFeed, 'logo')]).toEqual([`${BASE_URL}/icon-64.png`, `${BASE_URL}/logo.png`])
    expect([json.icon, json.favicon]).toEqual([`${BASE_URL}/icon-512.png`, `${BASE_URL}/icon-64.png`])
  })

  it('takes ICON_URL for every icon', () => {
    const config = siteConfig({ ICON_URL: 'https://cdn.baonamdinh.vn/icon.png' })
    const render = (format: FeedFormat) =>
      renderFeed(buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: BASE_URL, items: [rain] }, format), format)
    expect(textOf(one(one(parseXml(render('rss')).root, 'channel'), 'image'), 'url')).toBe('https://cdn.baonamdinh.vn/icon.png')
    expect(textOf(parseXml(render('atom')).root, 'icon')).toBe('https://cdn.baonamdinh.vn/icon.png')
    expect(jsonFeed(render('json'))).toMatchObject({
      icon: 'https://cdn.baonamdinh.vn/icon.png',
      favicon: 'https://cdn.baonamdinh.vn/icon.png',
    })
  })
})

describe('photos everywhere a reader looks', () => {
  it('Media RSS in RSS and Atom: the photo with type, size, caption, and a thumbnail', () => {
    for (const item of [rssItem(rain), entry(rain)]) {
      const content = one(item, 'media:content')
      expect(content.attributes).toEqual({ url: rain.image!.url, type: 'image/jpeg', medium: 'image', fileSize: '48213' })
      expect(textOf(content, 'media:description')).toBe(rain.image!.caption)
      expect(one(item, 'media:thumbnail').attributes).toEqual({ url: rain.image!.url })
    }
    // Unknown size: no fileSize; a query string kept exact.
    expect(one(rssItem(cup), 'media:content').attributes).toEqual({ url: cup.image!.url, type: 'image/png', medium: 'image' })
  })

  it('JSON Feed `image`, and the photo with its caption first in the HTML of every format', () => {
    expect(jsonItem(rain).image).toBe(rain.image!.url)
    const figure = `<figure><img src="${rain.image!.url}" alt="${rain.image!.caption}"><br><figcaption>${rain.image!.caption}</figcaption></figure>\n`
    expect(textOf(rssItem(rain), 'content:encoded').startsWith(figure)).toBe(true)
    expect(textOf(entry(rain), 'content').startsWith(figure)).toBe(true)
    expect((jsonItem(rain).content_html as string).startsWith(figure)).toBe(true)
    // The caption's markup characters are escaped in the HTML.
    expect(textOf(rssItem(cup), 'content:encoded')).toContain('alt="Lễ khai mạc &quot;Cúp Báo Nam Định&quot;."')
    expect(textOf(rssItem(cup), 'content:encoded')).toContain('src="https://baonamdinh.vn/file/2016/cup.png?w=800&amp;h=600"')
  })

  it('a caption without a photo is a caption line of its own, never an empty <figure>', () => {
    for (const html of [
      textOf(rssItem(market), 'content:encoded'),
      textOf(entry(market), 'content'),
      jsonItem(market).content_html as string,
    ]) {
      expect(html).not.toContain('<figure')
      expect(html).toBe(
        '<p>Từ sáng sớm, du khách đã đổ về chợ Viềng.</p>\n<p><em>Du khách mua cây cảnh.</em></p>\n<p><em>Đặc sản bánh gai.</em></p>\n<p>Ban tổ chức bảo đảm an ninh.</p>',
      )
    }
  })

  it('does not show a photo twice: not when the body has it, nor its caption again as a caption line', () => {
    const url = 'https://baonamdinh.vn/a.jpg'
    const inBody = article({
      image: { url, caption: 'C' },
      content: `<p>x</p><figure><img src="${url}" alt="C"><figcaption>C</figcaption></figure>`,
    })
    expect(textOf(one(one(parseXml(renderAll([inBody]).rss).root, 'channel'), 'item'), 'content:encoded')).toBe(inBody.content)
    const captioned = article({ image: { url, caption: 'C & D' }, content: '<p>x</p><figure><figcaption>C &amp; D</figcaption></figure>' })
    expect(jsonFeed(renderAll([captioned]).json).items[0]!.content_html).toBe(
      `<figure><img src="${url}" alt="C &amp; D"><br><figcaption>C &amp; D</figcaption></figure>\n<p>x</p>`,
    )
    // As the ingest sanitizer stores it: quotes in text unescaped.
    const quoted = article({
      image: { url, caption: 'Lễ "Cúp" của tỉnh' },
      content: '<p>x</p><figure><figcaption>Lễ "Cúp" của tỉnh</figcaption></figure>',
    })
    expect(jsonFeed(renderAll([quoted]).json).items[0]!.content_html).not.toContain('<em>')
  })
})

describe('sections readable', () => {
  it("the Vietnamese name is the Atom term (in the paper's scheme), the RSS category and the first JSON tag", () => {
    for (const a of cases) {
      expect(one(entry(a), 'category').attributes).toEqual({ term: a.section.name, scheme: 'https://baonamdinh.vn/chuyen-muc/' })
      expect(textOf(rssItem(a), 'category')).toBe(a.section.name)
      expect((jsonItem(a).tags as string[])[0]).toBe(a.section.name)
    }
  })
})

describe('times near midnight', () => {
  it('prints the newsroom day: 00:20 on 1 January 2017 and 23:59 on 31 December 2016', () => {
    expect(textOf(rssItem(rain), 'pubDate')).toBe('Sun, 01 Jan 2017 00:20:00 +0700')
    expect(textOf(entry(rain), 'published')).toBe('2017-01-01T00:20:00+07:00')
    expect(jsonItem(cup).date_published).toBe('2016-12-31T23:59:00+07:00')
    expect(textOf(rssItem(cup), 'pubDate')).toBe('Sat, 31 Dec 2016 23:59:00 +0700')
  })
})

describe('size', () => {
  it('`]]>` costs bytes in proportion to its count, not 5× (issue 11.3)', () => {
    const body = ']]>'.repeat(20_000)
    const heavy = article({ summary: body, content: body, image: undefined, rev: 'cdata' })
    const plain = article({ summary: 'x'.repeat(body.length), content: 'x'.repeat(body.length), image: undefined, rev: 'plain' })
    for (const format of ['rss', 'atom'] as const) {
      const [heavyBytes, plainBytes] = [heavy, plain].map((a) => renderFeedDocument(model([a], format), format).body.byteLength) as [
        number,
        number,
      ]
      // Each ]]> costs 3 more bytes (]]&gt;) in the summary and in the body.
      expect(heavyBytes - plainBytes).toBeLessThanOrEqual(2 * 20_000 * 3 + 100)
    }
  })
})
