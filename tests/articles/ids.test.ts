import { describe, expect, it } from 'vitest'
import { derivedId, idFromFileName, legacyId, sameArticle } from '../../src/articles/ids'

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

  it('never makes an id of an empty slug: a title without Latin letters gets the day and its hash', () => {
    for (const title of ['中文标题', '😀 🎉', '—', '   ']) {
      const id = derivedId(title, day, zone)
      expect(id, title).toMatch(/^2016-04-01-[0-9a-z]{8}$/)
    }
    expect(derivedId('中文标题', day, zone)).not.toBe(derivedId('😀 🎉', day, zone))
  })

  it('gives titles that differ only after character 300 distinct ids, each within the id limit', () => {
    const long = 'Hội nghị tổng kết công tác năm '.repeat(12)
    const [one, two] = [`${long}lần thứ nhất`, `${long}lần thứ hai`].map((t) => derivedId(t, day, zone)) as [string, string]
    expect(one).not.toBe(two)
    expect(one.slice(0, 280)).toBe(two.slice(0, 280))
    for (const id of [one, two]) expect(id.length).toBeLessThanOrEqual(300)
  })

  it('calls two versions the same article when their NFC titles and instants agree, and only then', () => {
    const stored = { title: 'Khai mạc hội nghị', published: '2016-04-01T01:04:00.000Z' }
    expect(sameArticle(stored, { title: stored.title.normalize('NFD'), published: '2016-04-01T08:04:00+07:00' })).toBe(true)
    expect(sameArticle(stored, { title: 'Khai mac hoi nghi', published: stored.published })).toBe(false)
    expect(sameArticle(stored, { title: stored.title, published: '2016-04-01T01:05:00.000Z' })).toBe(false)
  })
})
