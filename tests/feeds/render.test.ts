import { XMLValidator } from 'fast-xml-parser'
import fc from 'fast-check'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Article } from '../../src/articles/model'
import { siteConfig } from '../../src/config/masthead'
import { buildFeedModel, FEED_FORMATS, type FeedFormat } from '../../src/feeds/model'
import { renderFeed } from '../../src/feeds/render'
import { cleanText, escapeHtml } from '../../src/text/normalize'
import { article as newsroomArticle } from '../../fixtures/articles'
import { article, BASE_URL, local, model, renderAll, XML_DECLARATION, type Rendered } from '../../fixtures/feed'
import { jsonFeed } from './jsonfeed'
import { all, htmlToText, one, parseXml, textOf } from './xml'

/** Title, summary and content of the first item, as a reader of each format gets them. */
interface ReadBack {
  title: string
  summary: string
  content: string
}

function wellFormed(xml: string): ReturnType<typeof parseXml> {
  expect(xml.startsWith(`${XML_DECLARATION}\n`)).toBe(true)
  expect(XMLValidator.validate(xml)).toBe(true)
  return parseXml(xml)
}

const optionalText = (e: ReturnType<typeof parseXml>['root'], name: string) => all(e, name)[0]?.text ?? ''

function readBack(rendered: Rendered): Record<FeedFormat, ReadBack> {
  const rssItem = one(one(wellFormed(rendered.rss).root, 'channel'), 'item')
  const entry = one(wellFormed(rendered.atom).root, 'entry')
  const jsonItem = jsonFeed(rendered.json).items[0]!
  return {
    rss: {
      title: optionalText(rssItem, 'title'),
      summary: htmlToText(optionalText(rssItem, 'description')),
      content: optionalText(rssItem, 'content:encoded'),
    },
    atom: {
      title: optionalText(entry, 'title'),
      summary: htmlToText(optionalText(entry, 'summary')),
      content: optionalText(entry, 'content'),
    },
    json: {
      title: (jsonItem.title as string | undefined) ?? '',
      summary: (jsonItem.summary as string | undefined) ?? '',
      content: (jsonItem.content_html as string | undefined) ?? '',
    },
  }
}

/** What the renderer promises to carry: cleaned text, line ends as XML reads them. */
const carried = (text: string) => cleanText(text).replace(/\r\n?/g, '\n')

function expectCarried(a: Article, rendered: Rendered): void {
  const summary = carried(a.summary)
  const content = carried(a.content) || (summary ? `<p>${escapeHtml(summary)}</p>` : '')
  const expected = { title: carried(a.title), summary, content }
  expect(readBack(rendered)).toEqual({ rss: expected, atom: expected, json: expected })
}

describe('all formats', () => {
  afterEach(() => void vi.useRealTimers())

  it('renderFeed writes each format with its own writer', () => {
    const items = [article()]
    expect(renderFeed(model(items, 'rss'), 'rss')).toMatch(/^<\?xml [^\n]*\n<rss /)
    expect(renderFeed(model(items, 'atom'), 'atom')).toMatch(/^<\?xml [^\n]*\n<feed /)
    expect(renderFeed(model(items, 'json'), 'json')).toMatch(/^\{"version":"https:\/\/jsonfeed.org\/version\/1.1"/)
  })

  it('prints times in Asia/Ho_Chi_Minh: 08:04, 01/04/2016', () => {
    const a = article({ published: local('08:04, 01/04/2016') })
    expect(a.published).toBe('2016-04-01T01:04:00.000Z')
    const r = renderAll([a])
    const rss = one(wellFormed(r.rss).root, 'channel')
    expect(textOf(one(rss, 'item'), 'pubDate')).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(textOf(rss, 'lastBuildDate')).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    const entry = one(wellFormed(r.atom).root, 'entry')
    expect([textOf(entry, 'published'), textOf(entry, 'updated')]).toEqual(['2016-04-01T08:04:00+07:00', '2016-04-01T08:04:00+07:00'])
    expect(jsonFeed(r.json).items[0]).toMatchObject({
      date_published: '2016-04-01T08:04:00+07:00',
      date_modified: '2016-04-01T08:04:00+07:00',
    })
  })

  it('puts a time just after local midnight on 1 January in the new year (day, year, guid date)', () => {
    const a = article({ id: '2017-01-01-giao-thua', published: local('00:20, 01/01/2017') })
    expect(a.published).toBe('2016-12-31T17:20:00.000Z')
    const r = renderAll([a])
    const channel = one(wellFormed(r.rss).root, 'channel')
    const item = one(channel, 'item')
    expect(textOf(item, 'pubDate')).toBe('Sun, 01 Jan 2017 00:20:00 +0700')
    expect(textOf(item, 'guid')).toBe('tag:baonamdinh.vn,2017-01-01:2017-01-01-giao-thua')
    expect(textOf(channel, 'copyright')).toBe('© Báo Nam Định điện tử')
    expect(textOf(one(wellFormed(r.atom).root, 'entry'), 'published')).toBe('2017-01-01T00:20:00+07:00')
    expect(jsonFeed(r.json).items[0]!.date_published).toBe('2017-01-01T00:20:00+07:00')
  })

  it('handles 29 February 2024', () => {
    const a = article({ published: local('23:59, 29/02/2024'), updated: local('00:01, 01/03/2024') })
    const r = renderAll([a])
    expect(textOf(one(one(wellFormed(r.rss).root, 'channel'), 'item'), 'pubDate')).toBe('Thu, 29 Feb 2024 23:59:00 +0700')
    const entry = one(wellFormed(r.atom).root, 'entry')
    expect([textOf(entry, 'published'), textOf(entry, 'updated')]).toEqual(['2024-02-29T23:59:00+07:00', '2024-03-01T00:01:00+07:00'])
    expect(jsonFeed(r.json).items[0]).toMatchObject({
      date_published: '2024-02-29T23:59:00+07:00',
      date_modified: '2024-03-01T00:01:00+07:00',
    })
  })

  it('carries a configured masthead exactly in every format, markup characters included', () => {
    const config = siteConfig({
      PAPER_NAME: 'Báo A & B <Nam Định>',
      EDITOR_IN_CHIEF: 'Phạm Văn "Trường"',
      DEPUTY_EDITORS: 'Trần Vân Anh, Nguyễn Thị Thu Thủy, Lê ]]> Ba',
      NEWSROOM_ADDRESS: 'Số 68 Trần Phú & 1 Hà Huy Tập',
      NEWSROOM_PHONE: '0228.3849386',
      NEWSROOM_EMAIL: 'toasoan@baonamdinh.vn',
    })
    const input = { config, scope: { kind: 'all' as const }, baseUrl: BASE_URL, items: [article()] }
    const masthead = {
      name: 'Báo A & B <Nam Định>',
      editorInChief: 'Phạm Văn "Trường"',
      deputyEditor: ['Trần Vân Anh', 'Nguyễn Thị Thu Thủy', 'Lê ]]> Ba'],
      address: 'Số 68 Trần Phú & 1 Hà Huy Tập',
      phone: '0228.3849386',
      email: 'toasoan@baonamdinh.vn',
      language: 'vi',
    }
    for (const format of ['rss', 'atom'] as const) {
      const { root } = wellFormed(renderFeed(buildFeedModel(input, format), format))
      const element = one(format === 'rss' ? one(root, 'channel') : root, 'vnf:masthead')
      // The deputies in one element, as configured: Python feedparser keeps only the last of repeated ones.
      const { deputyEditor, ...rest } = masthead
      expect(Object.fromEntries(element.children.map((c) => [c.local, c.text]))).toEqual({
        ...rest,
        deputyEditors: deputyEditor.join(', '),
      })
    }
    const channel = one(wellFormed(renderFeed(buildFeedModel(input, 'rss'), 'rss')).root, 'channel')
    expect(textOf(channel, 'managingEditor')).toBe('toasoan@baonamdinh.vn (Phạm Văn "Trường")')
    expect(textOf(channel, 'title')).toBe('Báo A & B <Nam Định>')
    const feed = wellFormed(renderFeed(buildFeedModel(input, 'atom'), 'atom')).root
    expect(textOf(one(feed, 'author'), 'name')).toBe('Phạm Văn "Trường"')
    expect(all(feed, 'contributor').map((c) => textOf(c, 'name'))).toEqual(masthead.deputyEditor)
    const json = jsonFeed(renderFeed(buildFeedModel(input, 'json'), 'json'))
    expect(json._masthead).toMatchObject({
      name: masthead.name,
      editor_in_chief: masthead.editorInChief,
      deputy_editors: masthead.deputyEditor,
    })
  })

  describe('hostile article text stays well-formed and reads back exactly', () => {
    const cases: Record<string, Partial<Article>> = {
      '`]]>` twice': { title: 'Một ]]> hai ]]> ba', summary: 'a]]>b]]>c', content: '<p>x]]>y</p><p>]]></p>' },
      '`]]>` three times and brackets around it': { title: ']]>]]>]]>', summary: ']]]>>]]>]', content: '<![CDATA[ inner ]]> ]]> ]]>' },
      'script-like title': { title: '<img src=x onerror=alert(1)>', summary: '<script>alert(1)</script>', content: '<p>ok</p>' },
      'ampersands, literal entities and quotes': {
        title: 'A & B &amp; C &lt;D&gt; "E" \'F\'',
        summary: 'Tom & Jerry &#39;',
        content: '<p>A &amp; B</p>',
      },
      'NFD input': { title: 'Nam Đi\u0323nh', summary: 'Vie\u0302\u0323t Nam', content: '<p>Thu\u031b\u0300 tu\u031b</p>' },
      'control characters and lone surrogates': {
        title: 'a\u0000b\u0001c\u000Bd\u001Fe\uD800f\uDFFFg\uFFFE\uFFFF',
        summary: 'x\u0008y\uDC00',
        content: '<p>\u0007ok\uD83D</p>',
      },
      'line ends': { title: 'dòng 1\r\ndòng 2\rdòng 3', summary: 'a\r\nb', content: '<p>a</p>\r\n<p>b</p>' },
      'no body': { content: '' },
    }
    for (const [name, overrides] of Object.entries(cases)) {
      it(name, () => {
        // No photo: with one, the content starts with it (see the photo tests).
        const a = article({ image: undefined, ...overrides })
        expectCarried(a, renderAll([a]))
      })
    }

    it('NFD comes out NFC, illegal code points are gone', () => {
      const a = article({ title: 'Nam Đi\u0323nh\u0001', summary: 'e\u0301\uD800' })
      const { rss, atom, json } = readBack(renderAll([a]))
      for (const r of [rss, atom, json]) {
        expect(r.title).toBe('Nam Định')
        expect(r.summary).toBe('é')
      }
    })

    it('is read by feedsmith in every format', () => {
      const a = article({ title: 'A & B ]]> <img src=x onerror=alert(1)> ]]>', content: '<p>]]>]]></p>' })
      const r = renderAll([a])
      expect(parseRssFeed(r.rss).items?.[0]?.title).toBe(a.title)
      expect(parseAtomFeed(r.atom).entries?.[0]?.title?.value).toBe(a.title)
      expect(parseJsonFeed(JSON.parse(r.json)).items?.[0]?.title).toBe(a.title)
    })
  })

  it('renders the same bytes for the same model, whatever the clock says', () => {
    const items = [article(), article({ updated: local('10:00, 02/04/2016') })]
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'))
    const first = renderAll(items)
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'))
    const again = renderAll(items)
    expect(again).toEqual(first)
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      const m = model(items, format)
      expect(renderFeed(m, format)).toBe(renderFeed(m, format))
    }
  })

  it('gives unique guids/ids to distinct articles', () => {
    const items = Array.from({ length: 30 }, (_, i) => article({ published: local(`08:${String(i).padStart(2, '0')}, 01/04/2016`) }))
    const r = renderAll(items)
    const guids = all(one(wellFormed(r.rss).root, 'channel'), 'item').map((i) => textOf(i, 'guid'))
    const ids = all(wellFormed(r.atom).root, 'entry').map((e) => textOf(e, 'id'))
    const jsonIds = jsonFeed(r.json).items.map((i) => i.id)
    expect(new Set(guids).size).toBe(30)
    expect(ids).toEqual(guids)
    expect(jsonIds).toEqual(guids)
  })

  it('links the next page in every format when the model has one, and not otherwise', () => {
    const items = [article(), article()]
    const paged = renderAll(items, { nextQuery: 'limit=2&cursor=c2' })
    const rssNext = all(one(wellFormed(paged.rss).root, 'channel'), 'atom:link').find((l) => l.attributes.rel === 'next')
    expect(rssNext?.attributes.href).toBe(`${BASE_URL}/rss.xml?limit=2&cursor=c2`)
    const atomNext = all(wellFormed(paged.atom).root, 'link').find((l) => l.attributes.rel === 'next')
    expect(atomNext?.attributes.href).toBe(`${BASE_URL}/atom.xml?limit=2&cursor=c2`)
    expect(jsonFeed(paged.json).next_url).toBe(`${BASE_URL}/feed.json?limit=2&cursor=c2`)

    const single = renderAll(items)
    expect(all(one(wellFormed(single.rss).root, 'channel'), 'atom:link').map((l) => l.attributes.rel)).toEqual(['self'])
    expect(all(wellFormed(single.atom).root, 'link').map((l) => l.attributes.rel)).toEqual(['alternate', 'self'])
    expect(jsonFeed(single.json)).not.toHaveProperty('next_url')
  })

  it('renders an empty feed dated by its last change', () => {
    const r = renderAll([], { changedAt: new Date('2016-12-31T17:20:00Z') })
    const channel = one(wellFormed(r.rss).root, 'channel')
    expect(all(channel, 'item')).toHaveLength(0)
    expect(textOf(channel, 'lastBuildDate')).toBe('Sun, 01 Jan 2017 00:20:00 +0700')
    expect(textOf(wellFormed(r.atom).root, 'updated')).toBe('2017-01-01T00:20:00+07:00')
    expect(jsonFeed(r.json).items).toEqual([])
  })

  it('property: any text in title, summary and content gives parseable feeds that carry the cleaned text', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        ']]>',
        ']]',
        ']',
        '>',
        '<',
        '&',
        '&amp;',
        '&lt;',
        '"',
        "'",
        '\r\n',
        '\r',
        '\t',
        '\u0000',
        '\u0001',
        '\u000B',
        '\u001F',
        '\uFFFE',
        '\uFFFF',
        'e\u0301',
        'ệ',
        'Đ',
        '😀',
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    )
    const text = fc.string({ unit, maxLength: 30 })
    fc.assert(
      fc.property(text, text, text, (title, summary, content) => {
        const a = article({ title, summary, content, image: undefined })
        const rendered = renderAll([a])
        expectCarried(a, rendered)
        expect(() => parseRssFeed(rendered.rss)).not.toThrow()
        expect(() => parseAtomFeed(rendered.atom)).not.toThrow()
      }),
      { numRuns: 250 },
    )
  }, 60_000)
})

describe('damaged stored data', () => {
  it('renders a valid feed when an article URL or image is not a usable URL', () => {
    const bad = article({ id: '2016-04-01-hong', url: 'javascript:alert(1)', image: { url: 'not a url', length: -3 } })
    const worse = article({ url: 'http://[::1', image: { url: 'https://baonamdinh.vn/a.jpg', length: Number.NaN } })
    const r = renderAll([bad, worse])
    const items = all(one(wellFormed(r.rss).root, 'channel'), 'item')
    expect(textOf(items[0]!, 'link')).toBe('https://baonamdinh.vn/2016-04-01-hong')
    expect(all(items[0]!, 'enclosure')).toHaveLength(0)
    expect(one(items[1]!, 'enclosure').attributes.length).toBe('0')
    expect(all(wellFormed(r.atom).root, 'entry')).toHaveLength(2)
    expect(jsonFeed(r.json).items[0]!.url).toBe('https://baonamdinh.vn/2016-04-01-hong')
  })

  it('an image named like an Object.prototype key gets no type from it, and a stored non-string type renders', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty']
    const built = names.map((ext, i) =>
      newsroomArticle({
        id: `2016-04-0${i + 1}-anh`,
        title: `Ảnh ${ext}`,
        published: `08:04, 0${i + 1}/04/2016`,
        image: { url: `https://baonamdinh.vn/anh/a.${ext}` },
      }),
    )
    for (const a of built) expect(a.image).toEqual({ url: a.image?.url })
    const damaged = article({
      published: local('08:04, 09/04/2016'),
      image: { url: 'https://baonamdinh.vn/anh/b.png', type: {} as unknown as string },
    })
    const r = renderAll([damaged, ...built])
    const types = all(one(wellFormed(r.rss).root, 'channel'), 'item').map((item) => one(item, 'enclosure').attributes.type)
    expect(types).toEqual(['image/png', ...names.map(() => 'application/octet-stream').reverse()])
    const atomTypes = all(wellFormed(r.atom).root, 'entry').map(
      (e) => all(e, 'link').find((l) => l.attributes.rel === 'enclosure')?.attributes.type,
    )
    expect(atomTypes).toEqual(types)
    expect(jsonFeed(r.json).items).toHaveLength(5)
  })
})
