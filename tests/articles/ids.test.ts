import { describe, expect, it } from 'vitest'
import { derivedId, idFromFileName, legacyId } from '../../src/articles/ids'

const day = new Date('2016-04-01T01:04:00Z')
const zone = 'Asia/Ho_Chi_Minh'

describe('article ids', () => {
  it.each([
    ['000_5943433bb8521991.txt', '000-5943433bb8521991'],
    ['dumps/the-thao/000_5943433bb8521991.TXT', '000-5943433bb8521991'],
    ['C:\\dumps\\2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt.txt', '2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt'],
    ['Bài viết số 1.txt', 'bai-viet-so-1'],
    ['!!!.txt', undefined],
    [`${'a'.repeat(301)}.txt`, undefined],
  ])('idFromFileName(%j) is %j', (path, id) => {
    expect(idFromFileName(path)).toBe(id)
  })

  it('hash: 8 base-36 characters, stable across runs and runtimes, of the NFC text', () => {
    // Seen through derivedId, which hashes a title without Latin letters.
    expect(derivedId('中文标题', day, zone)).toMatch(/^2016-04-01-[0-9a-z]{8}$/)
    expect(derivedId('한국어', day, zone)).toBe(derivedId('한국어'.normalize('NFD'), day, zone))
    expect(derivedId('中', day, zone)).not.toBe(derivedId('文', day, zone))
    // Pinned: a changed hash would change every derived id already handed out.
    expect(derivedId('中文标题', day, zone)).toBe('2016-04-01-gafpb52d')
  })

  it('the legacy rule is the old one: day + slug cut at 300 characters, none for an empty slug', () => {
    expect(legacyId('Khai mạc hội nghị', day, zone)).toBe('2016-04-01-khai-mac-hoi-nghi')
    expect(legacyId('中文标题', day, zone)).toBeUndefined()
    const long = 'Hội nghị tổng kết '.repeat(30)
    expect(legacyId(long, day, zone)).toBe(`2016-04-01-${'hoi-nghi-tong-ket-'.repeat(30)}`.slice(0, 300).replace(/-+$/, ''))
    expect(derivedId(long, day, zone)).not.toBe(legacyId(long, day, zone))
    expect(derivedId('Khai mạc hội nghị', day, zone)).toBe(legacyId('Khai mạc hội nghị', day, zone))
  })
})
