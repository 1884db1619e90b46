import { Feed } from 'feed'
import { describe, expect, it } from 'vitest'
import { addRootAttributes } from '../../../src/feeds/repairs/root-attributes'
import { parseXml } from '../xml'

const DC = 'http://purl.org/dc/elements/1.1/'

describe('repair: feed declares only the namespaces of its own elements, and only when it wrote one', () => {
  it('a channel rendered without items has no dc (or content) declaration, so items using dc:creator would not parse', () => {
    const feed = new Feed({ title: 't', link: 'https://baonamdinh.vn/', generator: false, updated: new Date(0) })
    const channel = feed.rss2()
    expect(channel).not.toContain('xmlns:dc')
    const withItem = channel.replace('</channel>', '<item><dc:creator>Minh Hằng</dc:creator></item></channel>')
    expect(() => parseXml(withItem)).toThrow(/not well-formed/)

    const fixed = addRootAttributes(channel, 'rss', { 'xmlns:dc': DC }).replace(
      '</channel>',
      '<item><dc:creator>Minh Hằng</dc:creator></item></channel>',
    )
    expect(parseXml(fixed).root.children[0]!.children.at(-1)!.children[0]!.uri).toBe(DC)
  })

  it("adds Atom's xml:lang, and never a second copy of an attribute feed wrote", () => {
    const feed = new Feed({ title: 't', id: 'tag:baonamdinh.vn,2016:feed', generator: false, updated: new Date(0) })
    const atom = feed.atom1()
    const fixed = addRootAttributes(atom, 'feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'vi' })
    expect(parseXml(fixed).root.attributes).toEqual({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'vi' })
  })
})
