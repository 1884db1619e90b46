import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLEAN_TEXT, cleanText, squashSpace } from '../../src/text/normalize'

/** The definition cleanText implements (its quick pre-check must not change the result). */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu
const reference = (text: string) => text.replace(XML_ILLEGAL, '').normalize('NFC')

describe('cleanText (run on every field at render)', () => {
  it('equals its definition for any UTF-16 text, lone surrogates and controls included', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.constantFrom('e\u0301', '\uD83D\uDE00', '\uD83D', '\uDE00', '\u0000', '\uFFFE'),
    )
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        // As JSON (lone surrogates escaped): a raw one in a failure report breaks the pool's socket (invalid UTF-8).
        expect(JSON.stringify(cleanText(text))).toBe(JSON.stringify(reference(text)))
      }),
      { numRuns: 1000 },
    )
  }, 60_000)

  it('keeps emoji (paired surrogates), drops lone ones', () => {
    expect(cleanText('a😀b\uD83Dc\uDE00d')).toBe('a😀bcd')
  })
})

describe('CLEAN_TEXT: text cleanText returns as it is after one scan', () => {
  const chars = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => CLEAN_TEXT.test(c))

  it('holds Vietnamese text, and only characters that XML allows and NFC keeps (no CR: feeds change it)', () => {
    expect(CLEAN_TEXT.test('Đồng chí Bí thư Tỉnh ủy dự – “Cúp Báo Nam Định” 2.000 đ, 5 €…\tă ơ ư ỹ\n')).toBe(true)
    expect(chars.length).toBeGreaterThan(1000)
    expect(chars.filter((c) => reference(c) !== c || c === '\r')).toEqual([])
  })

  it('holds no character that composes with, or is reordered after, the one before it', () => {
    // The second character of any canonical composition comes after the first place of some code point's
    // canonical decomposition (Hangul's too).
    const laterInDecomposition = new Set<string>()
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      for (const ch of [...String.fromCodePoint(cp).normalize('NFD')].slice(1)) laterInDecomposition.add(ch)
    }
    expect(chars.filter((c) => laterInDecomposition.has(c))).toEqual([])
    const changed: string[] = []
    for (const a of chars) for (const b of chars) if ((a + b).normalize('NFC') !== a + b) changed.push(a + b)
    expect(changed).toEqual([])
  }, 60_000)

  it('sends anything else down the exact path', () => {
    for (const text of ['e\u0301', 'a\r\nb', 'a\u0000', '😀', '\uFFFE', 'Ω\u0342', '\u2000', '\u1DC0'])
      expect(CLEAN_TEXT.test(text)).toBe(false)
  })
})

describe('squashSpace', () => {
  it('equals replacing every whitespace run by one space and trimming, for any text', () => {
    const unit = fc.oneof(
      fc.constantFrom(' ', '\n', '\t', '\r', '\u00A0', '\u2003', '\u3000', '\uFEFF', '\u2028', '\v'),
      fc.string({ maxLength: 2 }),
    )
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(JSON.stringify(squashSpace(text))).toBe(JSON.stringify(text.replace(/\s+/gu, ' ').trim()))
      }),
      { numRuns: 2000 },
    )
  })
})
