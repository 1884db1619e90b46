import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlToText } from '../../src/text/html'

describe('htmlToText', () => {
  it('reads the text of a fragment, entities decoded, a space where a block ends', () => {
    expect(htmlToText('<p>Tin <b>nóng</b> &amp; mới</p><p>Hai</p>\n<ul><li>a</li><li>b</li></ul>')).toBe('Tin nóng & mới Hai a b')
  })

  it('with a length, stops early with the start of the whole text, longer than that length (or all of it)', () => {
    const block = fc.tuple(
      fc.constantFrom('p', 'li', 'em', 'figcaption'),
      fc.string({ unit: fc.constantFrom('a', 'ư', ' ', '\n', '&amp;', '&#273;', 'x y'), maxLength: 60 }),
    )
    fc.assert(
      fc.property(fc.array(block, { maxLength: 80 }), fc.integer({ min: 0, max: 400 }), (blocks, atLeast) => {
        const html = blocks.map(([tag, text]) => `<${tag}>${text}</${tag}>`).join('\n')
        const whole = htmlToText(html)
        const start = htmlToText(html, atLeast)
        expect(whole.startsWith(start)).toBe(true)
        if (start !== whole) expect(start.length).toBeGreaterThan(atLeast)
      }),
      { numRuns: 300 },
    )
  })

  it('stops early on a long body: the text it returns is far shorter than the body', () => {
    const html = Array.from({ length: 500 }, (_, i) => `<p>Đoạn văn số ${i} của bài.</p>`).join('\n')
    const start = htmlToText(html, 300)
    expect(start.length).toBeGreaterThan(300)
    expect(start.length).toBeLessThan(2_000)
    expect(htmlToText(html).startsWith(start)).toBe(true)
  })
})
