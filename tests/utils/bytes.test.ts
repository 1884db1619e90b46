import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { concatBytes, fromBase64, toBase64, utf8Bytes, utf8Each, utf8Length } from '../../src/utils/bytes'

describe('bytes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('a')).toBe(1)
    expect(utf8Length('Đ')).toBe(2)
    expect(utf8Length('ệ')).toBe(3)
    expect(utf8Length('😀')).toBe(4)
  })

  it('writes and reads standard base64, every byte value included', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(toBase64(Uint8Array.of(0xfb, 0xff, 0x00))).toBe('+/8A')
    expect([...fromBase64(toBase64(all))]).toEqual([...all])
  })

  it('joins chunks in order', () => {
    expect([...concatBytes([Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3)])]).toEqual([1, 2, 3])
  })

  it('encodes many texts at once exactly as one at a time, each its own view', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 12 }), (texts) => {
        const each = utf8Each(texts)
        expect(each.map((b) => [...b])).toEqual(texts.map((t) => [...utf8Bytes(t)]))
      }),
    )
    const [a, b] = utf8Each(['Đền Trần', 'x'.repeat(200_000)]) // past the first scratch buffer
    expect([a?.byteLength, b?.byteLength]).toEqual([utf8Length('Đền Trần'), 200_000])
  })
})
