import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanText } from '../../src/text/normalize'

/** XML 1.0's Char production, code point by code point: the oracle cleanText's regexes must agree with. */
function xmlChars(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2)
      i++
      continue
    }
    const legal = unit === 0x9 || unit === 0xa || unit === 0xd || (unit >= 0x20 && unit <= 0xd7ff) || (unit >= 0xe000 && unit <= 0xfffd)
    if (legal) out += text[i]
  }
  return out
}

const awkward = fc.constantFrom('\uD800', '\uDC00', '\uD83D', '\uDE00', '\u0000', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', 'a', 'ệ', 'e\u0302\u0301', 'Đ', '\t', '\n', '\r', '😀')

describe('cleanText', () => {
  it('keeps exactly the XML characters, in NFC, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: awkward }), fc.string({ unit: 'grapheme' })), (text) => {
        // Compared as JSON (lone surrogates escaped), so a failure report stays valid UTF-8.
        expect(JSON.stringify(cleanText(text))).toBe(JSON.stringify(xmlChars(text).normalize('NFC')))
      }),
      { numRuns: 2000 },
    )
  })

  it('leaves clean Vietnamese text as it is', () => {
    const text = 'Nông dân Hải Hậu khẩn trương gieo cấy lúa vụ xuân 😀\n'
    expect(cleanText(text)).toBe(text)
  })
})
