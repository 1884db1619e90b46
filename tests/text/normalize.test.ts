import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanText } from '../../src/text/normalize'

/** The definition cleanText implements (its quick pre-check must not change the result). */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu
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
