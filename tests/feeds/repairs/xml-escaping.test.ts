import { Feed } from 'feed'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markupContent, XML_ITEM_TOKEN, xmlValues } from '../../../src/feeds/repairs/xml-escaping'
import { all, one, parseXml } from '../xml'

/** An RSS document of feed's with one item, as feed writes it. */
function rssWith(item: { title: string; category?: string; imageTitle?: string }, channelTitle = 't'): string {
  const feed = new Feed({ title: channelTitle, link: 'https://baonamdinh.vn/', generator: false, updated: new Date(0) })
  feed.addItem({
    title: item.title,
    link: 'https://baonamdinh.vn/a',
    date: new Date(0),
    ...(item.category !== undefined && { category: [{ name: item.category }] }),
    ...(item.imageTitle !== undefined && { image: { url: 'https://baonamdinh.vn/a.jpg', type: 'image/jpeg', title: item.imageTitle } }),
  })
  return feed.rss2()
}

const item = (xml: string) => one(one(parseXml(xml).root, 'channel'), 'item')

describe('repair: xml-js escapes values wrongly; values are encoded by us and passed as tokens', () => {
  it('text: feed turns a literal `&amp;` into `&`', () => {
    const broken = rssWith({ title: 't' }, 'Mã HTML &amp; nghĩa là "&"')
    expect(one(parseXml(broken).root, 'channel').children[0]!.text).toBe('Mã HTML & nghĩa là "&"')
    const v = xmlValues()
    const fixed = v.fill(rssWith({ title: 't' }, v.text('Mã HTML &amp; nghĩa là "&"')))
    expect(one(parseXml(fixed).root, 'channel').children[0]!.text).toBe('Mã HTML &amp; nghĩa là "&"')
  })

  it('CDATA: feed splits only the first `]]>`, so the second ends the section', () => {
    expect(() => parseXml(rssWith({ title: 'a ]]> b ]]> c' }))).toThrow(/not well-formed/)
    const v = xmlValues()
    const fixed = v.fill(rssWith({ title: v.markup('a ]]> b ]]> c') }))
    expect(item(fixed).children[0]!.text).toBe('a ]]> b ]]> c')
  })

  it('attributes: feed leaves `<` raw (ill-formed) and lets tabs and line breaks become spaces', () => {
    expect(() => parseXml(rssWith({ title: 't', imageTitle: 'Ảnh: <A>' }))).toThrow(/not well-formed/)
    const v = xmlValues()
    const fixed = v.fill(rssWith({ title: 't', imageTitle: v.attr('Ảnh: <A> & "B"\tC\nD') }))
    expect(one(item(fixed), 'enclosure').attributes.title).toBe('Ảnh: <A> & "B"\tC\nD')
  })

  it('plain text uses hexadecimal references, as the RSS Profile asks', () => {
    const v = xmlValues()
    const fixed = v.fill(rssWith({ title: v.text('<10°C & mưa "to">'), category: v.text('A & B') }))
    expect(fixed).toContain('&#x3C;10°C &#x26; mưa "to"&#x3E;')
    expect(item(fixed).children[0]!.text).toBe('<10°C & mưa "to">')
    expect(all(item(fixed), 'category')[0]!.text).toBe('A & B')
  })

  it('an empty value stays empty, so feed still leaves out its element', () => {
    const v = xmlValues()
    expect([v.text(''), v.markup(''), v.attr('')]).toEqual(['', '', ''])
  })

  it('property: any text reads back exactly in every slot', () => {
    const unit = fc.oneof(
      fc.constantFrom(']]>', ']]', '>', '<', '&', '&amp;', '"', "'", '\t', '\n', 'ệ', 'Đ', '😀'),
      fc.string({ maxLength: 3 }),
    )
    const text = fc
      .string({ unit, minLength: 1, maxLength: 25 })
      .map((t) => t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\r]/g, ''))
      .filter(Boolean)
    fc.assert(
      fc.property(text, text, text, (title, category, imageTitle) => {
        const v = xmlValues()
        const read = item(v.fill(rssWith({ title: v.markup(title), category: v.text(category), imageTitle: v.attr(imageTitle) })))
        expect(read.children[0]!.text).toBe(title)
        expect(one(read, 'category').text).toBe(category)
        expect(one(read, 'enclosure').attributes.title).toBe(imageTitle)
      }),
      { numRuns: 300 },
    )
  })
})

describe('url: a URL feed parses, as a token that is itself a URL (item templates)', () => {
  /** An Atom entry and an RSS item of feed's for `url` in each of its URL slots (text and attribute). */
  const written = (url: string, id: string) => {
    const feed = new Feed({ title: 't', id: 'tag:x,2016:f', generator: false, updated: new Date(0) })
    feed.addItem({
      title: 't',
      id,
      link: url,
      date: new Date(0),
      author: [{ name: 'a', link: url }],
      category: [{ term: 't', scheme: url }],
    })
    return feed.atom1() + feed.rss2()
  }
  const fill = (v: ReturnType<typeof xmlValues>, xml: string) =>
    xml.replace(XML_ITEM_TOKEN, (_, a?: string, b?: string) => v.encoded[Number(a ?? b)] ?? '')

  it('puts back exactly what feed prints for the URL itself, in every slot', () => {
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom('https://x.vn/a?b=1&c=2&amp;d="<>\'', 'HTTPS://X.VN/É.jpg#f&g', 'https://x.vn/%02x%02 y', 'http://[::1]:8080/a&b'),
    )
    const tag = fc.constantFrom('tag:baonamdinh.vn,2016-04-01:bai-viet', 'tag:x,2016:a&b<c>"d"', 'tag:x,2016:a&amp;b')
    fc.assert(
      fc.property(url, tag, (u, id) => {
        const v = xmlValues()
        const feed = new Feed({ title: 't', id: 'tag:x,2016:f', generator: false, updated: new Date(0) })
        const link = v.url(u, 'attribute')
        feed.addItem({
          title: 't',
          id: v.url(id, 'text'),
          link,
          date: new Date(0),
          author: [{ name: 'a', link: v.url(u, 'text') }],
          category: [{ term: 't', scheme: v.url(u, 'attribute') }],
        })
        // RSS prints the item's link as text: the same URL, a token for that slot.
        const rss = new Feed({ title: 't', id: 'tag:x,2016:f', generator: false, updated: new Date(0) })
        rss.addItem({
          title: 't',
          id,
          link: v.url(u, 'text'),
          date: new Date(0),
          author: [{ name: 'a', link: u }],
          category: [{ term: 't', scheme: u }],
        })
        expect(fill(v, feed.atom1() + rss.rss2())).toBe(written(u, id))
      }),
      { numRuns: 300 },
    )
  })

  it('throws where feed throws: on what is no URL', () => {
    expect(() => xmlValues().url('not a url', 'text')).toThrow()
  })
})

describe('markupContent: CDATA or escaped text, whichever is shorter', () => {
  it('keeps ordinary HTML readable in CDATA', () => {
    expect(markupContent('<p>Thể thao</p>')).toBe('<![CDATA[<p>Thể thao</p>]]>')
  })

  it('writes text with few markup characters escaped', () => {
    expect(markupContent('Tom & Jerry')).toBe('Tom &amp; Jerry')
  })

  it('costs 2×, not 5×, for a body of `]]>` (issue 11.3)', () => {
    const body = ']]>'.repeat(66_666)
    const cdata = `<![CDATA[${body.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
    expect(cdata.length).toBeGreaterThan(5 * body.length - 100)
    expect(markupContent(body).length).toBe(2 * body.length)
  })

  it('property: never longer than either form, and reads back exactly', () => {
    const text = fc.string({ unit: fc.constantFrom(']]>', ']', '>', '<', '&', 'a', 'ệ', ' '), maxLength: 60 })
    fc.assert(
      fc.property(text, (t) => {
        const out = markupContent(t)
        const escaped = t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        const cdata = `<![CDATA[${t.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
        expect(out.length).toBe(Math.min(escaped.length, cdata.length))
        expect(parseXml(`<x>${out}</x>`).root.text).toBe(t)
      }),
      { numRuns: 500 },
    )
  })
})
