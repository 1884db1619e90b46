import { Feed } from 'feed'
import { describe, expect, it } from 'vitest'
import { plainTextTitle } from '../../../src/feeds/repairs/atom-text'
import { xmlValues } from '../../../src/feeds/repairs/xml-escaping'
import { one, parseXml } from '../xml'

const TITLE = 'Khai mạc giải bóng đá "Cúp Báo Nam Định" & <10°C'

function entryOf(title: string): string {
  const feed = new Feed({ title: 't', id: 'tag:baonamdinh.vn,2016:feed', generator: false, updated: new Date(0) })
  feed.addItem({ title, id: 'tag:baonamdinh.vn,2016:a', link: 'https://baonamdinh.vn/a', date: new Date(0) })
  return feed.atom1()
}

describe('repair: feed types every Atom entry title as HTML', () => {
  it('so a plain title has to be HTML-escaped, and readers that take the text as is show the entities', () => {
    const v = xmlValues()
    const title = one(one(parseXml(v.fill(entryOf(v.markup('Khai mạc &quot;Cúp&quot;')))).root, 'entry'), 'title')
    expect(title.attributes.type).toBe('html')
    // What sfeed, gofeed, rss-parser and feedsmith print for it:
    expect(title.text).toBe('Khai mạc &quot;Cúp&quot;')
  })

  it('plainTextTitle retypes it text, so the title reads back exactly', () => {
    const v = xmlValues()
    const title = one(one(parseXml(v.fill(plainTextTitle(entryOf(v.text(TITLE))))).root, 'entry'), 'title')
    expect([title.attributes.type, title.text]).toEqual(['text', TITLE])
  })
})
