import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildArticle } from '../../src/articles/schema'
import { MAX_ARTICLE_BYTES } from '../../src/articles/size'
import { sanitizeHtml } from '../../src/text/html'
import { call } from '../helpers/admin'
import { store } from '../helpers/app'

describe('article schema', () => {
  const base = { title: 'Giờ địa phương', paragraphs: ['Nội dung.'] }

  it('reads newsroom local times day first in Asia/Ho_Chi_Minh', () => {
    const result = buildArticle(
      { ...base, published: '08:04, 01/04/2016' },
      { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Ho_Chi_Minh' },
    )
    expect(result).toMatchObject({ ok: true, article: { published: '2016-04-01T01:04:00.000Z', id: '2016-04-01-gio-dia-phuong' } })
  })

  it('reads them in the configured zone when the site is configured differently', () => {
    const result = buildArticle(
      { ...base, published: '08:04, 01/04/2016', updated: '2016-04-01 09:00' },
      { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Tokyo' },
    )
    expect(result).toMatchObject({ ok: true, article: { published: '2016-03-31T23:04:00.000Z', updated: '2016-04-01T00:00:00.000Z' } })
  })

  it('keeps an explicit RFC 3339 offset whatever the zone', () => {
    const result = buildArticle(
      { ...base, published: '2016-04-01T08:04:00+07:00' },
      { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Tokyo' },
    )
    expect(result).toMatchObject({ ok: true, article: { published: '2016-04-01T01:04:00.000Z' } })
  })

  it('rejects an updated time before the published one, naming the field', () => {
    const result = buildArticle(
      { ...base, published: '08:04, 01/04/2016', updated: '07:00, 01/04/2016' },
      { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Ho_Chi_Minh' },
    )
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'updated', reason: 'must not be before published' }] })
  })

  it('compares updated with published in the configured zone, where a local time means what it says', () => {
    const tokyo = { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Tokyo' }
    // 08:30 in Tokyo is 23:30 UTC the day before, so midnight UTC is after it; in Hà Nội it would not be.
    const later = buildArticle({ ...base, published: '2016-04-01 08:30', updated: '2016-04-01T00:00:00Z' }, tokyo)
    expect(later).toMatchObject({ ok: true, article: { published: '2016-03-31T23:30:00.000Z', updated: '2016-04-01T00:00:00.000Z' } })
    const earlier = buildArticle({ ...base, published: '2016-04-01T00:00:00Z', updated: '2016-04-01 08:30' }, tokyo)
    expect(earlier).toEqual({ ok: false, issues: [{ field: 'updated', reason: 'must not be before published' }] })
  })

  it('caps the authors a byline names as it caps `authors`: each is a feed, written and announced per article', () => {
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => `Hà ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`).join(
        ', ',
      )
    const twenty = buildArticle({ ...base, published: '08:04, 01/04/2016', byline: names(20) }, context)
    expect(twenty.ok && twenty.article.authors).toHaveLength(20)
    const many = buildArticle({ ...base, published: '08:04, 01/04/2016', byline: names(21) }, context)
    expect(many).toEqual({ ok: false, issues: [{ field: 'byline', reason: 'names 21 people; at most 20 authors are allowed' }] })
    // A 300-character byline of short names: 75 authors before the cap.
    const long = buildArticle(
      {
        ...base,
        published: '08:04, 01/04/2016',
        byline: Array.from({ length: 75 }, (_, i) => `A${i}`)
          .join(',')
          .slice(0, 300),
      },
      context,
    )
    expect(long.ok ? long.article.authors.length : long.issues[0]?.field).toBe('byline')
  })
})

const context = { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Ho_Chi_Minh' }
const at = (input: Record<string, unknown>) =>
  buildArticle({ published: '08:04, 01/05/2016', paragraphs: ['Nội dung.'], ...input }, context)
const idOf = (input: Record<string, unknown>) => {
  const result = at(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.article.id
}

describe('derived ids (input without an id)', () => {
  it('are the local day and the title slug, as before, for ordinary titles', () => {
    expect(idOf({ title: 'Khai mạc hội nghị' })).toBe('2016-05-01-khai-mac-hoi-nghi')
    expect(idOf({ title: 'Khai mạc hội nghị', published: '23:30, 01/05/2016' })).toBe('2016-05-01-khai-mac-hoi-nghi')
  })

  it('are never the bare day: titles without Latin letters get a stable hash of the title, distinct per title', () => {
    const ids = ['中文标题', '😀 🎉', '中文标题二', '!!!'].map((title) => idOf({ title }))
    for (const id of ids) expect(id).toMatch(/^2016-05-01-[0-9a-z]{8}$/)
    expect(new Set(ids).size).toBe(4)
    expect(idOf({ title: '中文标题' })).toBe(ids[0])
    expect(idOf({ title: '中文标题'.normalize('NFD') })).toBe(ids[0])
  })

  it('of long titles that differ only after the cut are distinct, and at most 300 characters', () => {
    const stem = 'Hội nghị tổng kết công tác năm của ngành văn hóa tỉnh Nam Định '.repeat(6)
    const a = idOf({ title: `${stem}lần thứ nhất` })
    const b = idOf({ title: `${stem}lần thứ hai` })
    expect(a).not.toBe(b)
    for (const id of [a, b]) {
      expect(id.length).toBeLessThanOrEqual(300)
      expect(id).toMatch(/^2016-05-01-hoi-nghi-tong-ket-[a-z0-9-]+-[0-9a-z]{8}$/)
    }
  })

  it('a PUT with an explicit id still uses it, and legacyId is only for batches', () => {
    expect(buildArticle({ title: 'Tin', published: '08:04, 01/05/2016', paragraphs: ['x'] }, { ...context, id: 'bai-cu' })).toMatchObject({
      ok: true,
      article: { id: 'bai-cu' },
    })
    expect(
      buildArticle({ title: 'Tin', published: '08:04, 01/05/2016', paragraphs: ['x'], legacyId: 'x' }, { ...context, id: 'bai-cu' }),
    ).toMatchObject({ ok: false, issues: [{ field: 'legacyId' }] })
  })
})

describe('the stored-size limit', () => {
  const big = (n: number) => 'Đây là một đoạn văn rất dài của bài báo. '.repeat(Math.ceil(n / 41)).slice(0, n)

  it('bounds the stored article whatever the input form, naming the field', () => {
    // Five paragraphs of 150 000 characters each used to store 750 039 characters.
    const paragraphs = at({ title: 'Dài', paragraphs: Array.from({ length: 5 }, () => big(150_000)) })
    expect(paragraphs).toMatchObject({
      ok: false,
      issues: [
        { field: 'paragraphs', reason: expect.stringMatching(/^the article would take \d+ bytes stored; at most 245760 \(240 KiB\)/) },
      ],
    })
    const content = at({ title: 'Dài', paragraphs: undefined, content: `<p>${big(199_000)}</p>` })
    expect(content).toMatchObject({ ok: false, issues: [{ field: 'content' }] })
  })

  it('accepts an article just under it, and measures bytes, not characters', () => {
    const under = at({ title: 'Vừa', paragraphs: [big(150_000)] })
    expect(under.ok).toBe(true)
    if (under.ok) expect(new TextEncoder().encode(JSON.stringify(under.article)).length).toBeLessThanOrEqual(MAX_ARTICLE_BYTES)
    // ASCII of the same length fits where Vietnamese (2–3 bytes a letter) does not.
    expect(at({ title: 'A', paragraphs: ['a'.repeat(199_000)] }).ok).toBe(true)
    expect(at({ title: 'V', paragraphs: ['ệ'.repeat(199_000)] }).ok).toBe(false)
  })

  it('counts the rev the store stamps on: the largest article accepted is within it as stored', async () => {
    const id = 'bai-vua-du-gioi-han'
    const sized = (n: number) => at({ id, title: 'Vừa đủ', paragraphs: ['a'.repeat(120_000), 'b'.repeat(n)] })
    const bytes = (text: string) => new TextEncoder().encode(text).length
    const probe = sized(1_000)
    if (!probe.ok) throw new Error(JSON.stringify(probe.issues))
    let n = MAX_ARTICLE_BYTES - (bytes(JSON.stringify(probe.article)) - 1_000)
    expect(sized(n + 1).ok).toBe(false)
    let largest = sized(n)
    while (!largest.ok) largest = sized(--n)
    await store().put(largest.article)
    const stored = await env.ARTICLES.get(`art:${id}`)
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ id, rev: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(bytes(stored ?? '')).toBeLessThanOrEqual(MAX_ARTICLE_BYTES)
    expect(bytes(stored ?? '')).toBeGreaterThan(MAX_ARTICLE_BYTES - 4)
  })
})

describe('article HTML is sanitized once, at ingest', () => {
  const html = (content: string) => {
    const result = at({ title: 'Tin', paragraphs: undefined, content })
    if (!result.ok) throw new Error(JSON.stringify(result.issues))
    return result.article.content
  }

  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<p onclick="alert(1)" style="color:red">x</p>', '<p>x</p>'],
    ['<img src="x.jpg" onerror="alert(1)">', '<img src="https://baonamdinh.vn/x.jpg" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt&colon;alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" java\tscript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['<iframe src="https://evil.example/"></iframe><p>sau</p>', '<p>sau</p>'],
    ['<object data="x.swf"></object><embed src="x.swf"><form action="/"><input name="a"></form>', ''],
    ['<svg><script>alert(1)</script></svg><style>p{}</style>ok', 'ok'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ''],
    ['<p>unclosed <b>bold', '<p>unclosed <b>bold</b></p>'],
    ['<a href="//evil.example/">x</a>', '<a href="https://evil.example/">x</a>'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">', ''],
    ['<img src=x onerror=alert(1)//', ''],
  ])('%s', (input, output) => {
    expect(html(input)).toBe(output)
  })

  it('keeps text structure, links, images, figures and tables, with links and images made absolute', () => {
    const rich = [
      '<h2>Tiêu đề phụ</h2><p>Đoạn <strong>đậm</strong>, <em>nghiêng</em>, <a href="/2016-04-01-khac" title="bài khác">liên kết</a>.</p>',
      '<figure><img src="https://baonamdinh.vn/anh.jpg" alt="Ảnh" width="640" height="480"><figcaption>Chú thích.</figcaption></figure>',
      '<ul><li>một</li><li>hai</li></ul><blockquote><p>Trích dẫn</p></blockquote>',
      '<table><caption>Bảng</caption><thead><tr><th scope="col">Năm</th></tr></thead><tbody><tr><td colspan="2">2016</td></tr></tbody></table>',
    ].join('')
    const out = html(rich)
    expect(out).toContain('<a href="https://baonamdinh.vn/2016-04-01-khac" title="bài khác">liên kết</a>')
    expect(out).toContain(
      '<figure><img src="https://baonamdinh.vn/anh.jpg" alt="Ảnh" width="640" height="480" /><figcaption>Chú thích.</figcaption></figure>',
    )
    expect(out).toContain('<th scope="col">Năm</th>')
    expect(out).toContain('<td colspan="2">2016</td>')
    expect(html(out)).toBe(out)
  })

  it('is idempotent, so an article sent on (the importer to the API) is stored unchanged', () => {
    const pieces = fc.constantFrom(
      '<p>',
      '</p>',
      '<b>',
      '</b>',
      '<a href="/x">',
      '<a href="javascript:x">',
      '</a>',
      '<img src="a.jpg">',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '&amp;',
      '&lt;',
      '&#39;',
      '"',
      "'",
      '<',
      '>',
      '&',
      'Đức',
      ' ',
      '<table><tr><td>',
      '<figure><figcaption>',
      '<br>',
      '<p onclick="x">',
      '<![CDATA[',
      ']]>',
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const once = sanitizeHtml(parts.join(''), 'https://baonamdinh.vn/a')
        expect(sanitizeHtml(once, 'https://baonamdinh.vn/a')).toBe(once)
        expect(once).not.toMatch(/<script|onclick|javascript:/i)
      }),
      { numRuns: 500 },
    )
  })

  it('gives the same stored HTML for paragraphs and for the equivalent content, and a summary of the text', () => {
    const text = 'Đại biểu <b>&</b> "khách" mời dự hội nghị.'
    const viaParagraphs = at({ title: 'Tin', paragraphs: [text] })
    const viaContent = at({
      title: 'Tin',
      paragraphs: undefined,
      content: `<p>${text.replace('&', '&amp;').replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;')}</p>`,
    })
    expect(viaParagraphs.ok && viaContent.ok && viaParagraphs.article.content === viaContent.article.content).toBe(true)
    const summary = at({
      title: 'Tin',
      paragraphs: undefined,
      content: '<p>Mở&nbsp;đầu &#8220;trích&#8221; &amp; <a href="/x">liên kết</a></p><p>Hai</p>',
    })
    expect(summary).toMatchObject({ ok: true, article: { summary: 'Mở đầu “trích” & liên kết Hai' } })
  })

  it('stores and serves only the sanitized HTML, in every feed and the embed', async () => {
    const response = await call('PUT', '/api/articles/2016-05-01-doc-hai', {
      body: {
        title: '<script>alert(1)</script> Tiêu đề',
        published: '08:04, 01/05/2016',
        content:
          '<p onmouseover="alert(1)">An toàn<script>alert(2)</script><iframe src="https://x.example"></iframe><a href="javascript:alert(3)">x</a></p>',
      },
    })
    expect(response.status).toBe(201)
    const stored = await response.json<{ title: string; content: string }>()
    expect(stored.content).toBe('<p>An toàn<a>x</a></p>')
    // The title is plain text: kept as typed, never interpreted (each format escapes it for its slot).
    expect(stored.title).toBe('<script>alert(1)</script> Tiêu đề')
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/embed/headlines']) {
      const body = await (await call('GET', path, { token: null })).text()
      expect(body, path).not.toMatch(/onmouseover|alert\(2\)|<iframe|javascript:/)
    }
  })
})

describe('impossible dates are refused in every syntax', () => {
  it.each([
    '2016-02-30T00:00:00Z',
    '2015-02-29T08:00:00+07:00',
    '2016-04-31T08:00+07:00',
    '2016-04-01T24:00:00Z',
    '2016-04-01T23:60:00+07:00',
    '2016-04-01T08:04:00+24:00',
    '2016-13-01T00:00:00Z',
    '08:04, 30/02/2016',
    '8:04, 31/4/2016',
    '2016-02-30 08:04',
    '2016-02-30T08:04',
    '25:00, 01/04/2016',
  ])('%s', (published) => {
    expect(buildArticle({ title: 'Tin', published, paragraphs: ['x'] }, context)).toMatchObject({
      ok: false,
      issues: [{ field: 'published' }],
    })
  })

  it('while real ones, leap days included, are read', () => {
    expect(at({ title: 'Tin', published: '2016-02-29T08:04:00.5+07:00' })).toMatchObject({
      ok: true,
      article: { published: '2016-02-29T01:04:00.500Z' },
    })
    expect(at({ title: 'Tin', published: '23:59, 29/02/2024' })).toMatchObject({
      ok: true,
      article: { published: '2024-02-29T16:59:00.000Z' },
    })
  })
})
