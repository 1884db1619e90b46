import { Feed } from 'feed'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markupContent, xmlValues } from '../../../src/feeds/repairs/xml-escaping'
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
