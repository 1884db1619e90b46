import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeDump, vietnameseEvidence } from '../../src/ingest/decode'
import { isVietnameseWord } from '../../src/ingest/syllable'
import { restoreVn3Capitals } from '../../src/ingest/vn3-capitals'
import seed from '../../demo/articles/thoi-su/2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt.txt?raw'
import captioned from '../../demo/articles/kinh-te/2016-04-02-hoi-nghi-xuc-tien-dau-tu.txt?raw'
import { tcvnTypography, toTcvn, toWindows1258 } from '../helpers/legacy-encodings'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('legacy encodings are recognised and read as NFC Unicode', () => {
  it.each([seed, captioned])('Windows-1258 (combining tone marks composed)', (text) => {
    const bytes = toWindows1258(text)
    expect(bytes.some((b) => [0xcc, 0xec, 0xde, 0xd2, 0xf2].includes(b))).toBe(true)
    const decoded = decodeDump(bytes)
    expect(decoded).toEqual({ ok: true, text, encoding: 'Windows-1258' })
    if (decoded.ok) expect(decoded.text).toBe(decoded.text.normalize('NFC'))
  })

  it.each([seed, captioned])('TCVN3 (VN3): capitals the ABC fonts lacked come back in all-caps words', (text) => {
    const bytes = toTcvn(text, 'VN3')
    // Only the VN3 subset: no capitals in 0x80–0x9F, none in C0 positions.
    expect(bytes.some((b) => (b >= 0x80 && b < 0xa0) || b < 0x09)).toBe(false)
    expect(decodeDump(bytes)).toEqual({ ok: true, text: tcvnTypography(text), encoding: 'TCVN3 (VN3)' })
  })

  it.each([seed, captioned])('TCVN 5712:1993 VN1, the full set with every capital', (text) => {
    const bytes = toTcvn(text, 'VN1')
    expect(bytes.some((b) => b >= 0x80 && b < 0xa0)).toBe(true)
    expect(decodeDump(bytes)).toEqual({ ok: true, text: tcvnTypography(text), encoding: 'TCVN 5712:1993 (VN1)' })
  })

  it('UTF-8 and UTF-16 with a BOM are read as before, and valid UTF-8 is never second-guessed', () => {
    expect(decodeDump(utf8(seed))).toEqual({ ok: true, text: seed, encoding: 'UTF-8' })
    expect(
      decodeDump(new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'Tiêu đề'].map((c) => c.charCodeAt(0))).buffer)])),
    ).toMatchObject({ ok: true, encoding: 'UTF-16LE' })
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeDump(utf8(text))).toEqual({ ok: true, text, encoding: 'UTF-8' })
      }),
      { numRuns: 300 },
    )
  })
})

describe('anything else is refused, at the line of the first byte that is not UTF-8', () => {
  it.each([
    ['Latin-1 German', Buffer.from('Titel\n\n08:00, 01/04/2016\n\nGröße und Fähigkeit für Bücher, Straße.\n', 'latin1'), 5],
    ['too little to tell (two words)', Buffer.from('Ti\xeau \xf0\xe8\n\n08:00, 01/04/2016\n', 'latin1'), 1],
    [
      'UTF-8 with one stray Latin-1 byte',
      Buffer.concat([Buffer.from(`${seed.slice(0, 200)}\n`), Buffer.from([0xe9]), Buffer.from(seed.slice(200))]),
      6,
    ],
    ['UTF-16 without a BOM', Buffer.from(seed, 'utf16le'), 1],
    ['Windows-1252 French', Buffer.from('Déjà vu\n\nÀ côté de la fenêtre, les élèves étudient.\n', 'latin1'), 1],
  ])('%s', (_name, bytes, line) => {
    expect(decodeDump(new Uint8Array(bytes))).toEqual({
      ok: false,
      line,
      reason: 'not valid UTF-8, nor Vietnamese text in Windows-1258 or TCVN3: save the dump as UTF-8',
    })
  })

  it('random binary, whatever its length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 4096 }), (bytes) => {
        const decoded = decodeDump(bytes)
        // Random bytes that happen to be UTF-8 are read as such (and cleaned later); never as legacy text.
        // Bytes that open with a UTF-16 byte order mark are UTF-16 by that mark (decodeDump's first rule).
        const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'UTF-16LE' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'UTF-16BE' : 'UTF-8'
        if (decoded.ok) expect(decoded.encoding).toBe(bom)
      }),
      { numRuns: 500 },
    )
  })
})

describe('the pieces', () => {
  it.each([
    ['Việt', true],
    ['ĐỒNG', true],
    ['Nguyễn', true],
    ['nghiêng', true],
    ['khuyết', true],
    ['ưu', true],
    ['Viờũt', false],
    ['ViÖt', false],
    ['BáO', false],
    ['café', false],
    ['Größe', false],
    ['àá', false],
  ])('isVietnameseWord(%j) is %s', (word, expected) => {
    expect(isVietnameseWord(word)).toBe(expected)
  })

  it('counts evidence on words and stray symbols', () => {
    expect(vietnameseEvidence('Đồng chí Chủ tịch UBND tỉnh')).toEqual({ good: 5, bad: 0 })
    expect(vietnameseEvidence('§ång chÝ Chñ tÞch')).toMatchObject({ good: expect.any(Number), bad: expect.any(Number) })
    expect(vietnameseEvidence('§ång chÝ Chñ tÞch').bad).toBeGreaterThan(0)
  })

  it.each([
    ['Tin, ảnh: Đức ToànBáO NAM ĐịNH ĐIệN Tử', 'Tin, ảnh: Đức ToànBÁO NAM ĐỊNH ĐIỆN TỬ'],
    ['TP Hà NộI', 'TP HÀ NỘI'],
    ['Sở TT và TT đề nghị', 'Sở TT và TT đề nghị'],
    ['UBND Hà Nội', 'UBND Hà Nội'],
    ['Tổng biên tập', 'Tổng biên tập'],
  ])('restoreVn3Capitals(%j)', (text, expected) => {
    expect(restoreVn3Capitals(text)).toBe(expected)
  })
})
