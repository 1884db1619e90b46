import { Feed } from 'feed'
import { describe, expect, it } from 'vitest'
import { appendChildren } from '../../../src/feeds/repairs/atom-extensions'
import { all, one, parseXml } from '../xml'

function atomWithEntry(): Feed {
  const feed = new Feed({ title: 't', id: 'tag:baonamdinh.vn,2016:feed', generator: false, updated: new Date(0) })
  feed.addItem({ title: 't', id: 'tag:baonamdinh.vn,2016:a', link: 'https://baonamdinh.vn/a', date: new Date(0) })
  return feed
}

describe("repair: feed's Atom writer has no extension hook", () => {
  it('drops extensions handed to it, at the feed and at the entry', () => {
    const feed = atomWithEntry()
    feed.addExtension({ name: 'vnf:masthead', objects: { 'vnf:name': { _text: 'Báo Nam Định điện tử' } } })
    feed.items[0]!.extensions = [{ name: 'media:credit', objects: { _text: 'Việt Dư' } }]
    const xml = feed.atom1()
    expect(xml).not.toContain('vnf:masthead')
    expect(xml).not.toContain('media:credit')
  })

  it('appendChildren puts our elements in the entry, indented as feed indents its own', () => {
    const xml = appendChildren(
      atomWithEntry().atom1(),
      '</entry>',
      { link: { _attributes: { rel: 'enclosure', href: 'https://baonamdinh.vn/a.jpg' } } },
      2,
    )
    expect(xml).toContain('\n        <link rel="enclosure" href="https://baonamdinh.vn/a.jpg"/>\n    </entry>')
    const entry = one(parseXml(xml).root, 'entry')
    expect(all(entry, 'link').map((l) => l.attributes.rel)).toEqual([undefined, 'enclosure'])
  })

  it('and in the feed, after its own elements', () => {
    const xml = appendChildren(
      new Feed({ title: 't', id: 'tag:x,2016:f', generator: false, updated: new Date(0) }).atom1(),
      '</feed>',
      { icon: { _text: 'https://baonamdinh.vn/icon.png' } },
      1,
    )
    expect(xml.endsWith('\n    <icon>https://baonamdinh.vn/icon.png</icon>\n</feed>')).toBe(true)
  })
})
