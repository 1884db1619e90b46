import { describe, expect, it } from 'vitest'
import { buildArticle, type ArticleInput } from '../../src/articles/schema'
import { DEFAULT_MASTHEAD, siteConfig } from '../../src/config/masthead'
import { looksLikeByline } from '../../src/articles/byline'
import { parseDump, type DumpResult } from '../../src/ingest/dump'
import { compareFooter } from '../../src/ingest/footer'
import seed from '../../demo/articles/thoi-su/2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt.txt?raw'
import crlfBom from '../../demo/articles/xa-hoi/2026-02-03-trao-qua-tet-cho-ho-ngheo.txt?raw'
import nfdFile from '../../demo/articles/van-hoa/2019-02-12-nao-nuc-du-khach-ve-cho-vieng.txt?raw'
import captioned from '../../demo/articles/kinh-te/2016-04-02-hoi-nghi-xuc-tien-dau-tu.txt?raw'

const config = siteConfig({})
const context = { siteUrl: config.siteUrl, timeZone: config.timeZone }

const FOOTER = [
  'Tổng biên tập: Phạm Văn Trường',
  'Phó Tổng biên tập: Trần Vân Anh, Nguyễn Thị Thu Thủy',
  'Tòa soạn: Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
  'Điện thoại: 0228.3849386; Email: toasoanbnd@gmail.com',
]
const P1 = 'Sáng 5-9, hơn 400 nghìn học sinh các cấp học trong tỉnh đã tưng bừng dự lễ khai giảng năm học mới.'
const P2 = 'Năm học này, ngành Giáo dục tiếp tục triển khai Chương trình giáo dục phổ thông 2018./.'

/** A dump as the CMS writes it; `footer: false` leaves the byline on its own last line. */
function dump(o: { title?: string; date?: string; body?: string[]; byline?: string; footer?: string[] | false } = {}): string {
  const lines = [o.title ?? 'Khai giảng năm học mới', '', o.date ?? '08:30, 05/09/2022', '']
  for (const p of o.body ?? [P1, P2]) lines.push(p, '')
  if (o.footer === false) {
    if (o.byline !== undefined) lines.push(o.byline)
    return lines.join('\n')
  }
  lines.push(`${o.byline ?? ''}BÁO NAM ĐỊNH ĐIỆN TỬ`)
  for (const f of o.footer ?? FOOTER) lines.push('', f)
  return lines.join('\n')
}

function ok(result: DumpResult) {
  if (!result.ok) throw new Error(`expected ok, got line ${result.line}: ${result.reason}`)
  return result
}

function build(input: ArticleInput) {
  const built = buildArticle(input, context)
  if (!built.ok) throw new Error(JSON.stringify(built.issues))
  return built.article
}

describe('the real newsroom dump (seed: no trailing newline, footer glued to the byline)', () => {
  const result = ok(parseDump(seed))

  it('reads title, raw date, byline and footer', () => {
    expect(seed.endsWith('\n')).toBe(false)
    expect(result.input.title).toBe('Đồng chí Chủ tịch UBND tỉnh làm việc với Sở Thông tin và Truyền thông')
    expect(result.input.published).toBe('08:04, 01/04/2016')
    expect(result.input.byline).toBe('Tin, ảnh: Đức Toàn')
    expect(result.footer).toEqual({
      name: 'BÁO NAM ĐỊNH ĐIỆN TỬ',
      editorInChief: 'Phạm Văn Trường',
      deputyEditors: ['Trần Vân Anh', 'Nguyễn Thị Thu Thủy'],
      address: 'Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
      phone: '0228.3849386',
      email: 'toasoanbnd@gmail.com',
    })
    expect(result.lines).toMatchObject({ title: 1, published: 3, body: 5 })
    expect(result.lines.byline).toBe(result.lines.footer)
    expect(result.warnings).toEqual([])
  })

  it('keeps no footer text in the article and builds it at the right instant', () => {
    const article = build(result.input)
    expect(article.published).toBe('2016-04-01T01:04:00.000Z')
    expect(article.id).toBe('2016-04-01-dong-chi-chu-tich-ubnd-tinh-lam-viec-voi-so-thong-tin-va-truyen-thong')
    expect(article.authors).toEqual([{ name: 'Đức Toàn', slug: 'duc-toan', role: 'text+photo' }])
    expect(article.content).not.toMatch(/BÁO NAM ĐỊNH|Tổng biên tập|Tin, ảnh/)
    expect(article.content.endsWith('trong năm 2016./.</p>')).toBe(true)
    expect(article.summary.startsWith('Ngày 30-3-2016, đồng chí Phạm Đình Nghị')).toBe(true)
  })

  it('footer matches the configured masthead', () => {
    expect(compareFooter(result.footer!, DEFAULT_MASTHEAD)).toEqual([])
  })
})

describe('bylines', () => {
  const forms: Array<[string, Array<[string, string]>]> = [
    ['Tin, ảnh: Đức Toàn', [['Đức Toàn', 'text+photo']]],
    ['Bài và ảnh: Thanh Thúy', [['Thanh Thúy', 'text+photo']]],
    ['Bài, ảnh: Ngọc Lan', [['Ngọc Lan', 'text+photo']]],
    [
      'Tin: Minh Hằng - Ảnh: Việt Dư',
      [
        ['Minh Hằng', 'text'],
        ['Việt Dư', 'photo'],
      ],
    ],
    ['Tin: Văn Đông', [['Văn Đông', 'text']]],
    ['Ảnh: Viết Dư', [['Viết Dư', 'photo']]],
    ['Hoàng Anh (tổng hợp)', [['Hoàng Anh', 'compiled']]],
    ['Văn Đông', [['Văn Đông', 'text']]],
  ]

  it.each(forms)('glued to the footer marker: %s', (byline, expected) => {
    const result = ok(parseDump(dump({ byline })))
    expect(result.input.byline).toBe(byline)
    expect(result.warnings).toEqual([])
    expect(build(result.input).authors.map((a) => [a.name, a.role])).toEqual(expected)
  })

  it.each(forms)('last line of a file without footer: %s', (byline, expected) => {
    const result = ok(parseDump(dump({ byline, footer: false })))
    expect(result.footer).toBeUndefined()
    expect(result.input.byline).toBe(byline)
    expect(result.input.paragraphs).toEqual([P1, P2])
    expect(result.lines.byline).toBe(9)
    expect(build(result.input).authors.map((a) => [a.name, a.role])).toEqual(expected)
  })

  it('on its own line before a bare footer marker', () => {
    const text = dump({ byline: '' }).replace('BÁO NAM ĐỊNH ĐIỆN TỬ', 'Tin, ảnh: Đức Toàn\nBÁO NAM ĐỊNH ĐIỆN TỬ')
    const result = ok(parseDump(text))
    expect(result.input.byline).toBe('Tin, ảnh: Đức Toàn')
    expect(result.input.paragraphs).toEqual([P1, P2])
  })

  it('without footer, a last sentence is a paragraph, not a byline', () => {
    const result = ok(parseDump(dump({ footer: false })))
    expect(result.input.byline).toBeUndefined()
    expect(result.input.paragraphs).toEqual([P1, P2])
    expect(result.warnings).toEqual(['no footer: no line ends with BÁO NAM ĐỊNH ĐIỆN TỬ', 'no byline found'])
    expect(build(result.input).authors).toEqual([])
  })

  it('text glued to the marker that is no byline stays in the article', () => {
    const result = ok(parseDump(dump({ body: [P1], byline: P2 })))
    expect(result.input.byline).toBeUndefined()
    expect(result.input.paragraphs).toEqual([P1, P2])
    expect(result.warnings[0]).toMatch(/^line 7: text before BÁO NAM ĐỊNH ĐIỆN TỬ is not a byline/)
  })

  it('the only paragraph is never taken for a byline', () => {
    const result = ok(parseDump(dump({ body: ['Văn Đông'], footer: false })))
    expect(result.input.paragraphs).toEqual(['Văn Đông'])
    expect(result.input.byline).toBeUndefined()
  })

  it.each([
    ['Tin, ảnh: Đức Toàn', true],
    ['Bài và ảnh: Thanh Thúy', true],
    ['Tin: Minh Hằng - Ảnh: Việt Dư', true],
    ['Minh Hằng, Việt Dư', true],
    ['Nguyễn Thị Thu Thủy', true],
    ['Quang Minh (tổng hợp)', true],
    ['Đại hội làm việc đến hết ngày 16-10./.', false],
    ['Hội nghị kết thúc', false],
    ['Năm 2016', false],
    ['Toàn cảnh hội nghị.', false],
    ['Một Hai Ba Bốn Năm Sáu', false],
    ['Các Đại Biểu Dự Hội Nghị Tổng Kết Công Tác Năm Của Ngành Văn Hóa Tỉnh', false],
    [`Tin: ${'Đức Toàn '.repeat(14)}`, false],
  ])('looksLikeByline(%j) is %s', (text, expected) => {
    expect(looksLikeByline(text)).toBe(expected)
  })
})

describe('footer against the masthead', () => {
  it('reports what differs, ignoring phone punctuation and email case', () => {
    const footer = ok(
      parseDump(
        dump({
          byline: 'Văn Đông',
          footer: [
            'Tổng biên tập: Nguyễn Văn Mới',
            'Phó Tổng biên tập: Trần Vân Anh',
            'Toà soạn: Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
            'Điện thoại: 0228 3849 386; Email: ToaSoanBND@gmail.com',
          ],
        }),
      ),
    ).footer!
    expect(compareFooter(footer, DEFAULT_MASTHEAD)).toEqual([
      { field: 'editorInChief', footer: 'Nguyễn Văn Mới', masthead: 'Phạm Văn Trường' },
      { field: 'deputyEditors', footer: 'Trần Vân Anh', masthead: 'Trần Vân Anh, Nguyễn Thị Thu Thủy' },
    ])
  })

  it('reports lines the footer lacks, and lines it cannot read as warnings', () => {
    const result = ok(parseDump(dump({ byline: 'Văn Đông', footer: ['Tổng biên tập: Phạm Văn Trường', 'Fax: 0228.000'] })))
    expect(result.warnings).toEqual(['line 13: footer line not understood: "Fax: 0228.000"'])
    expect(compareFooter(result.footer!, DEFAULT_MASTHEAD).map((d) => [d.field, d.footer])).toEqual([
      ['deputyEditors', null],
      ['address', null],
      ['phone', null],
      ['email', null],
    ])
  })
})

describe('encodings', () => {
  it('NFD text comes out NFC and equal to the NFC file', () => {
    const nfc = ok(parseDump(dump({ byline: 'Bài, ảnh: Ngọc Lan' })))
    const nfd = ok(parseDump(dump({ byline: 'Bài, ảnh: Ngọc Lan' }).normalize('NFD')))
    expect(nfd.input).toEqual(nfc.input)
    expect(nfd.footer).toEqual(nfc.footer)
  })

  it('the NFD demo file parses to NFC text', () => {
    expect(nfdFile).not.toBe(nfdFile.normalize('NFC'))
    const result = ok(parseDump(nfdFile))
    expect(result.input.title).toBe('Nô nức du khách về chợ Viềng Xuân Kỷ Hợi')
    expect(result.input.byline).toBe('Bài, ảnh: Ngọc Lan')
    for (const p of result.input.paragraphs!) expect(p).toBe(p.normalize('NFC'))
    expect(compareFooter(result.footer!, DEFAULT_MASTHEAD)).toEqual([])
  })

  it('CRLF with a BOM reads like LF without', () => {
    expect(crlfBom.startsWith('\uFEFF')).toBe(true)
    expect(crlfBom).toContain('\r\n')
    const crlf = ok(parseDump(crlfBom))
    const lf = ok(parseDump(crlfBom.slice(1).replace(/\r\n/g, '\n')))
    expect(crlf).toEqual(lf)
    expect(crlf.input.title).toBe('Trao hơn 2.000 suất quà Tết cho hộ nghèo, gia đình chính sách')
    expect(crlf.input.byline).toBe('Minh Hằng')
    expect(build(crlf.input).published).toBe('2026-02-03T02:00:00.000Z')
  })

  it('old Mac CR line ends work too', () => {
    expect(ok(parseDump(dump({ byline: 'Văn Đông' }).replace(/\n/g, '\r'))).input.byline).toBe('Văn Đông')
  })

  it('removes XML-illegal characters and trailing whitespace, with a warning', () => {
    const result = ok(
      parseDump(dump({ title: 'Khai giảng\u0000 năm\u000B học mới  \t', body: [`${P1}\u001F   `, P2], byline: 'Văn Đông   ' })),
    )
    expect(result.input.title).toBe('Khai giảng năm học mới')
    expect(result.input.paragraphs).toEqual([P1, P2])
    expect(result.input.byline).toBe('Văn Đông')
    expect(result.warnings).toEqual(['removed characters that XML 1.0 forbids'])
  })
})

describe('unusable files name the line at fault', () => {
  it.each([
    ['empty file', '', 1, /^empty file/],
    ['only blank lines and a BOM', '\uFEFF\n  \n\t\n', 1, /^empty file/],
    ['no date line', 'Khai giảng năm học mới\n\nSáng 5-9, học sinh dự lễ khai giảng.\n', 3, /^missing date line/],
    ['no date line after leading blanks', '\n\nKhai giảng năm học mới\nSáng 5-9, học sinh dự lễ khai giảng.\n', 4, /^missing date line/],
    ['title only', 'Khai giảng năm học mới\n', 2, /^missing date line: the file ends after the title/],
    ['no title', '08:30, 05/09/2022\n\nSáng 5-9, học sinh dự lễ khai giảng.\n', 1, /^missing title/],
    ['31/02/2016', dump({ date: '08:04, 31/02/2016' }), 3, /^unreadable date "08:04, 31\/02\/2016"/],
    ['29/02/2023', dump({ date: '10:00, 29/02/2023' }), 3, /^unreadable date/],
    ['25:00', dump({ date: '25:00, 01/04/2016' }), 3, /^unreadable date/],
    ['date without time', dump({ date: '01/04/2016' }), 3, /^unreadable date/],
    ['empty body before the footer', dump({ body: [], byline: 'Văn Đông' }), 5, /^empty body/],
    ['empty body, no footer', 'Khai giảng năm học mới\n\n08:30, 05/09/2022\n\n', 3, /^empty body/],
  ])('%s', (_name, text, line, reason) => {
    const result = parseDump(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.line).toBe(line)
    expect(result.reason).toMatch(reason)
  })
})

describe('captions', () => {
  const CAP = 'Toàn cảnh hội nghị.'

  it('a line repeated on two consecutive lines is one caption, in place', () => {
    const result = ok(parseDump(captioned))
    expect(result.input.paragraphs).toBeUndefined()
    expect(result.input.image).toEqual({ caption: CAP })
    const html = result.input.content!
    expect(html.match(/<figure>/g)).toHaveLength(1)
    expect(html.split('\n')[1]).toBe(`<figure><figcaption>${CAP}</figcaption></figure>`)
    expect(html.split('\n')).toHaveLength(4)
    expect(html).not.toContain(`<p>${CAP}</p>`)
    const article = build(result.input)
    expect(article.image).toEqual({ caption: CAP })
    expect(article.content).toBe(html)
  })

  it('is summarised and escaped exactly as buildArticle does for plain paragraphs', () => {
    const long = `${'Đại biểu <b>&</b> "khách" mời '.repeat(20)}dự hội nghị.`
    const withCaption = build(ok(parseDump(dump({ body: [long, `${CAP}\n${CAP}`, P2], byline: 'Văn Đông' }))).input)
    const without = build(ok(parseDump(dump({ body: [long, P2], byline: 'Văn Đông' }))).input)
    expect(withCaption.summary).toBe(without.summary)
    expect(withCaption.content.replace(/\n<figure>.*<\/figure>/, '')).toBe(without.content)
    expect(withCaption.content).toContain('&lt;b&gt;&amp;&lt;/b&gt; "khách"')
  })

  it('several captions: all kept in place, the first is the image', () => {
    const result = ok(parseDump(dump({ body: [P1, 'Ảnh một.\nẢnh một.', 'Ảnh hai.\nẢnh hai.'], byline: 'Ảnh: Viết Dư' })))
    expect(result.input.image).toEqual({ caption: 'Ảnh một.' })
    expect(result.input.content!.split('\n')).toEqual([
      `<p>${P1}</p>`,
      '<figure><figcaption>Ảnh một.</figcaption></figure>',
      '<figure><figcaption>Ảnh hai.</figcaption></figure>',
    ])
    expect(build(result.input).authors).toEqual([{ name: 'Viết Dư', slug: 'viet-du', role: 'photo' }])
  })

  it('three times in a row is still one caption, with a warning', () => {
    const result = ok(parseDump(dump({ body: [P1, `${CAP}\n${CAP}\n${CAP}`, P2], byline: 'Văn Đông' })))
    expect(result.input.content!.match(/<figure>/g)).toHaveLength(1)
    expect(result.warnings).toEqual(['line 7: caption repeated 3 times; kept once'])
  })

  it('the same caption twice with a blank line between is one caption, kept once', () => {
    const adjacent = ok(parseDump(dump({ body: [P1, `${CAP}\n${CAP}`, P2], byline: 'Văn Đông' })))
    const apart = ok(parseDump(dump({ body: [P1, CAP, CAP, P2], byline: 'Văn Đông' })))
    expect(apart.input.content).toBe(adjacent.input.content)
    expect(apart.input.content!.match(/<figcaption>/g)).toHaveLength(1)
    expect(apart.input.image).toEqual({ caption: CAP })
    expect(apart.warnings).toEqual([])
    // Three copies, apart or not: still one, with a warning.
    const three = ok(parseDump(dump({ body: [P1, CAP, `${CAP}\n${CAP}`, P2], byline: 'Văn Đông' })))
    expect(three.input.content).toBe(adjacent.input.content)
    expect(three.warnings).toEqual(['line 7: caption repeated 3 times; kept once'])
  })

  it('a long paragraph pasted twice after a blank line is kept once, as a paragraph, with a warning', () => {
    const long = `${P1} ${P1} ${P1} ${P1}`
    const result = ok(parseDump(dump({ body: [long, long, P2], byline: 'Văn Đông' })))
    expect(result.input.paragraphs).toEqual([long, P2])
    expect(result.warnings).toEqual(['line 5: paragraph repeated 2 times; kept once'])
  })

  it('a caption repeated after a blank line at the end is not taken for a byline', () => {
    const result = ok(parseDump(dump({ body: [P1, 'Văn Đông', 'Văn Đông'], footer: false })))
    expect(result.input.image).toEqual({ caption: 'Văn Đông' })
    expect(result.input.byline).toBeUndefined()
  })

  it('a caption as the last block is not taken for a byline', () => {
    const result = ok(parseDump(dump({ body: [P1, 'Văn Đông\nVăn Đông'], footer: false })))
    expect(result.input.image).toEqual({ caption: 'Văn Đông' })
    expect(result.input.byline).toBeUndefined()
  })
})

describe('instants and ids', () => {
  const at = (date: string, title?: string) => build(ok(parseDump(dump({ date, byline: 'Văn Đông', ...(title && { title }) }))).input)

  it.each([
    ['08:04, 01/04/2016', '2016-04-01T01:04:00.000Z', '2016-04-01'],
    ['8:04, 1/4/2016', '2016-04-01T01:04:00.000Z', '2016-04-01'],
    ['00:05, 01/01/2017', '2016-12-31T17:05:00.000Z', '2017-01-01'],
    ['16:45, 29/02/2024', '2024-02-29T09:45:00.000Z', '2024-02-29'],
    ['23:59, 29/02/2024', '2024-02-29T16:59:00.000Z', '2024-02-29'],
    ['08:04 ,01/04/2016', '2016-04-01T01:04:00.000Z', '2016-04-01'],
  ])('%s is %s, local day %s', (date, instant, day) => {
    const article = at(date)
    expect(article.published).toBe(instant)
    expect(article.id.startsWith(`${day}-`)).toBe(true)
  })

  it('same title on different days gives different ids', () => {
    const a = at('23:50, 31/12/2016', 'Chào đón năm mới')
    const b = at('00:05, 01/01/2017', 'Chào đón năm mới')
    expect(a.id).toBe('2016-12-31-chao-don-nam-moi')
    expect(b.id).toBe('2017-01-01-chao-don-nam-moi')
  })

  it('the same file parsed twice gives the same article', () => {
    const first = build(ok(parseDump(seed)).input)
    const second = build(ok(parseDump(seed)).input)
    expect(second).toEqual(first)
    expect(second.id).toBe(first.id)
  })

  it('section is passed through and resolved by buildArticle', () => {
    const result = ok(parseDump(dump({ byline: 'Văn Đông' }), { section: 'giao-duc' }))
    expect(result.input.section).toBe('giao-duc')
    expect(build(result.input).section).toEqual({ slug: 'giao-duc', name: 'Giáo dục' })
  })
})
