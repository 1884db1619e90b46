import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { concatBytes, fromBase64, toBase64, utf8Bytes, utf8Length } from '../../src/utils/bytes'

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

  it('base64 through the runtime codec is what btoa and atob give, at any size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64(bytes)
        expect(text).toBe(btoa(String.fromCharCode(...bytes)))
        expect([...fromBase64(text)]).toEqual([...bytes])
      }),
    )
    const big = utf8Bytes('Đền Trần, Nam Định. '.repeat(30_000))
    expect(fromBase64(toBase64(big))).toEqual(big)
  })
})
