import { describe, expect, it } from 'vitest'
import { looksLikeByline, parseByline } from '../../src/articles/byline'
import { buildArticle } from '../../src/articles/schema'
import { parseDump } from '../../src/ingest/dump'
import { config } from '../../fixtures/articles'
import { dump } from '../helpers/dumps'

type Row = [byline: string, authors: Array<[name: string, slug: string, role: string]>, source?: string]

/** Every form the newsroom prints, and what it means: authors (name, slug, role) and source. */
const TABLE: Row[] = [
  ['Tin, ảnh: Đức Toàn', [['Đức Toàn', 'duc-toan', 'text+photo']]],
  ['Bài và ảnh: Thanh Thúy', [['Thanh Thúy', 'thanh-thuy', 'text+photo']]],
  ['Bài, ảnh: Ngọc Lan', [['Ngọc Lan', 'ngoc-lan', 'text+photo']]],
  ['Tin và ảnh: Quang Hưng', [['Quang Hưng', 'quang-hung', 'text+photo']]],
  [
    'Tin: Minh Hằng - Ảnh: Viết Dư',
    [
      ['Minh Hằng', 'minh-hang', 'text'],
      ['Viết Dư', 'viet-du', 'photo'],
    ],
  ],
  [
    'Bài: Văn Đông – Ảnh: Trường Giang',
    [
      ['Văn Đông', 'van-dong', 'text'],
      ['Trường Giang', 'truong-giang', 'photo'],
    ],
  ],
  ['Ảnh: Viết Dư', [['Viết Dư', 'viet-du', 'photo']]],
  ['Văn Đông', [['Văn Đông', 'van-dong', 'text']]],
  [
    'Minh Hằng, Viết Dư',
    [
      ['Minh Hằng', 'minh-hang', 'text'],
      ['Viết Dư', 'viet-du', 'text'],
    ],
  ],
  [
    'Minh Hằng và Viết Dư',
    [
      ['Minh Hằng', 'minh-hang', 'text'],
      ['Viết Dư', 'viet-du', 'text'],
    ],
  ],
  [
    'Tin: Minh Hằng, Thu Hà - Ảnh: Viết Dư',
    [
      ['Minh Hằng', 'minh-hang', 'text'],
      ['Thu Hà', 'thu-ha', 'text'],
      ['Viết Dư', 'viet-du', 'photo'],
    ],
  ],
  ['Hoàng Anh (tổng hợp)', [['Hoàng Anh', 'hoang-anh', 'compiled']]],
  ['Tổng hợp: Thu Hà', [['Thu Hà', 'thu-ha', 'compiled']]],
  ['Ban Kinh tế', [['Ban Kinh tế', 'ban-kinh-te', 'text']]],
  ['Ban Thời sự', [['Ban Thời sự', 'ban-thoi-su', 'text']]],
  ['Ban Văn hóa - Xã hội', [['Ban Văn hóa - Xã hội', 'ban-van-hoa-xa-hoi', 'text']]],
  ['Nhóm PV', [['Nhóm PV', 'nhom-pv', 'text']]],
  ['PV', [['PV', 'pv', 'text']]],
  ['CTV', [['CTV', 'ctv', 'text']]],
  [
    'PV, CTV',
    [
      ['PV', 'pv', 'text'],
      ['CTV', 'ctv', 'text'],
    ],
  ],
  [
    'Tin: Ban Kinh tế - Ảnh: Viết Dư',
    [
      ['Ban Kinh tế', 'ban-kinh-te', 'text'],
      ['Viết Dư', 'viet-du', 'photo'],
    ],
  ],
  ['Theo TTXVN', [], 'TTXVN'],
  ['Theo Báo Nhân Dân', [], 'Báo Nhân Dân'],
  ['(Theo Thông tấn xã Việt Nam)', [], 'Thông tấn xã Việt Nam'],
  ['Nguồn: VOV', [], 'VOV'],
  ['Theo vnexpress.net', [], 'vnexpress.net'],
  ['Minh Hằng (theo TTXVN)', [['Minh Hằng', 'minh-hang', 'text']], 'TTXVN'],
  ['Hoàng Anh (tổng hợp theo VOV)', [['Hoàng Anh', 'hoang-anh', 'compiled']], 'VOV'],
  ['PV - Theo VOV', [['PV', 'pv', 'text']], 'VOV'],
  ['Ảnh: Viết Dư - Nguồn: TTXVN', [['Viết Dư', 'viet-du', 'photo']], 'TTXVN'],
]

const expected = (authors: Row[1], source?: string) => ({
  authors: authors.map(([name, slug, role]) => ({ name, slug, role })),
  ...(source !== undefined && { source }),
})

describe('the byline grammar', () => {
  it.each(TABLE)('%s', (byline, authors, source) => {
    expect(parseByline(byline)).toEqual(expected(authors, source))
    // Written any way a keyboard or a CMS may: NFD, doubled spaces, no space after the comma.
    expect(parseByline(byline.normalize('NFD').replace(/ /g, '  ').replace(', ', ','))).toEqual(expected(authors, source))
    expect(looksLikeByline(byline)).toBe(true)
  })

  it.each(TABLE)('glued to the footer marker, through the dump parser and the schema: %s', (byline, authors, source) => {
    const parsed = parseDump(dump({ title: 'Tin', date: '08:00, 01/04/2016', byline }))
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(parsed.input.byline).toBe(byline)
    expect(parsed.input.paragraphs!.join(' ')).not.toContain(byline)
    const built = buildArticle(parsed.input, config)
    expect(built.ok && { authors: built.article.authors, ...(built.article.source && { source: built.article.source }) }).toEqual(
      expected(authors, source),
    )
  })

  it.each(TABLE)('through the admin API input: %s', (byline, authors, source) => {
    const built = buildArticle({ title: 'Tin', published: '08:00, 01/04/2016', paragraphs: ['Nội dung.'], byline }, config)
    expect(built).toMatchObject({ ok: true, article: expected(authors, source) })
    if (source === undefined && built.ok) expect(built.article).not.toHaveProperty('source')
  })

  it.each([
    'Đại hội làm việc đến hết ngày 16-10./.',
    'Hội nghị kết thúc',
    'Năm 2016',
    'Toàn cảnh hội nghị.',
    'Theo kế hoạch, năm nay tỉnh sẽ khởi công 12 công trình.',
    'Theo Bộ Y tế, cả nước có thêm 100 ca mắc mới',
    'Ban tổ chức trao giải cho các đội',
    'Một Hai Ba Bốn Năm Sáu',
    'Nguồn vốn được bố trí kịp thời.',
  ])('a paragraph is no byline: %s', (text) => {
    expect(looksLikeByline(text)).toBe(false)
  })

  it('an empty byline is nobody, and a source given alongside the byline must agree with it', () => {
    expect(parseByline('  ')).toEqual({ authors: [] })
    const base = { title: 'Tin', published: '08:00, 01/04/2016', paragraphs: ['Nội dung.'] }
    expect(buildArticle({ ...base, byline: 'Minh Hằng', source: 'TTXVN' }, config)).toMatchObject({
      ok: true,
      article: { source: 'TTXVN' },
    })
    expect(buildArticle({ ...base, authors: [{ name: 'PV' }], source: 'VOV' }, config)).toMatchObject({
      ok: true,
      article: { authors: [{ name: 'PV', role: 'text' }], source: 'VOV' },
    })
    expect(buildArticle({ ...base, byline: 'Theo TTXVN', source: 'TTXVN' }, config)).toMatchObject({
      ok: true,
      article: { source: 'TTXVN' },
    })
    expect(buildArticle({ ...base, byline: 'Theo TTXVN', source: 'VOV' }, config)).toMatchObject({
      ok: false,
      issues: [{ field: 'source' }],
    })
    expect(buildArticle({ ...base, source: '  ' }, config)).toMatchObject({
      ok: false,
      issues: [{ field: 'source', reason: 'must not be empty' }],
    })
  })
})
