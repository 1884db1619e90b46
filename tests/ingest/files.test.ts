import { describe, expect, it } from 'vitest'
import { DEFAULT_MASTHEAD, siteConfig } from '../../src/config/masthead'
import { KNOWN_SECTIONS } from '../../src/config/sections'
import { dumpsToArticles, dumpToArticle, formatProblem, parseDumpFile, sectionFromPath, type DumpFile } from '../../src/ingest/files'

const config = siteConfig({})
const context = { siteUrl: config.siteUrl, timeZone: config.timeZone, masthead: config.masthead }

const ROOT = '../../demo/articles'
const demo = import.meta.glob('../../demo/articles/**/*.txt', { query: '?raw', import: 'default', eager: true })
const files: DumpFile[] = Object.entries(demo)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, text]) => ({ path, text, section: sectionFromPath(path, ROOT)! }))

const TEXT = 'Tiêu đề bài\n\n08:04, 01/04/2016\n\nSáng 1-4, hội nghị khai mạc./.\n\nVăn ĐôngBÁO NAM ĐỊNH ĐIỆN TỬ\n'

describe('demo articles', () => {
  const result = dumpsToArticles(files, context)

  it('all parse and build without error', () => {
    expect(files.length).toBeGreaterThanOrEqual(20)
    expect(result.errors.map(formatProblem)).toEqual([])
    expect(result.articles).toHaveLength(files.length)
  })

  it('take their section from their folder, across at least six known sections', () => {
    result.articles.forEach((article, i) => expect(files[i]!.path).toContain(`/${article.section.slug}/`))
    const sections = new Set(result.articles.map((a) => a.section.slug))
    expect(sections.size).toBeGreaterThanOrEqual(6)
    for (const s of sections) expect(KNOWN_SECTIONS.map((k) => k.slug)).toContain(s)
  })

  it('have unique ids, and authors who wrote several of them', () => {
    expect(new Set(result.articles.map((a) => a.id)).size).toBe(result.articles.length)
    const count = new Map<string, number>()
    for (const a of result.articles) for (const au of a.authors) count.set(au.slug, (count.get(au.slug) ?? 0) + 1)
    expect([...count.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(3)
  })

  it('warn only about the files made without footer or byline', () => {
    expect(result.warnings.map((w) => `${w.path.split('/').pop()}: ${w.reason}`).sort()).toEqual([
      '2020-04-03-bao-dam-an-sinh-xa-hoi-mua-dich.txt: no byline found',
      '2020-04-03-bao-dam-an-sinh-xa-hoi-mua-dich.txt: no footer: no line ends with BÁO NAM ĐỊNH ĐIỆN TỬ',
      '2022-09-05-hoc-sinh-buoc-vao-nam-hoc-moi.txt: no footer: no line ends with BÁO NAM ĐỊNH ĐIỆN TỬ',
      '2025-04-18-tiep-xuc-cu-tri-truoc-ky-hop-thu-chin.txt: no footer: no line ends with BÁO NAM ĐỊNH ĐIỆN TỬ',
    ])
  })

  it('include the edge dates: 00:05 on New Year and 29 February 2024', () => {
    const published = result.articles.map((a) => a.published)
    expect(published).toContain('2016-12-31T17:05:00.000Z')
    expect(published.some((p) => p.startsWith('2024-02-29T'))).toBe(true)
  })
})

describe('dump files', () => {
  it('parse errors come back as path:line: reason', () => {
    const result = parseDumpFile('Tiêu đề\n\n08:04, 31/02/2016\n', { path: 'x/y.txt' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(formatProblem(result)).toBe(
      'x/y.txt:3: unreadable date "08:04, 31/02/2016": expected a real day and time as "HH:mm, dd/MM/yyyy"',
    )
  })

  it('schema errors point at the line of the field', () => {
    const longTitle = dumpToArticle({ path: 'a.txt', text: TEXT.replace('Tiêu đề bài', 'T'.repeat(501)) }, context)
    expect(longTitle).toMatchObject({ ok: false, line: 1 })
    const ancient = dumpToArticle({ path: 'a.txt', text: TEXT.replace('2016', '1850') }, context)
    expect(ancient).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringMatching(/^published: must be between the years 1910 and 9999/),
    })
  })

  it('a footer that differs from the masthead is a warning on the footer line', () => {
    const text = `${TEXT}\nTổng biên tập: Nguyễn Văn Mới\n`
    const result = dumpToArticle({ path: 'a.txt', text }, { ...context, masthead: DEFAULT_MASTHEAD })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.warnings[0]).toEqual({
      path: 'a.txt',
      line: 7,
      reason: expect.stringMatching(
        /^footer differs from the masthead: editorInChief "Nguyễn Văn Mới" \(masthead: "Phạm Văn Trường"\); deputyEditors missing/,
      ),
    })
  })

  it('two files with one id are an error, not a silent overwrite; one title twice is a warning', () => {
    const result = dumpsToArticles(
      [
        { path: 'x/a.txt', text: TEXT },
        { path: 'y/a.txt', text: TEXT, section: 'thoi-su' },
        { path: 'b.txt', text: TEXT },
      ],
      context,
    )
    expect(result.articles.map((a) => a.id)).toEqual(['a', 'b'])
    expect(result.pending.map((p) => p.legacyId)).toEqual(['2016-04-01-tieu-de-bai', '2016-04-01-tieu-de-bai'])
    expect(result.errors).toEqual([
      { path: 'y/a.txt', line: 1, reason: 'same id a as x/a.txt: one would overwrite the other; rename one file' },
    ])
    expect(result.warnings).toContainEqual({ path: 'b.txt', line: 1, reason: 'same title and day as x/a.txt; imported as two articles' })
  })

  it.each([
    ['demo/articles/the-thao/x.txt', 'demo/articles', 'the-thao'],
    ['demo\\articles\\van-hoa\\x.txt', 'demo/articles/', 'van-hoa'],
    ['demo/articles/x.txt', 'demo/articles', undefined],
    ['other/the-thao/x.txt', 'demo/articles', undefined],
  ])('sectionFromPath(%j, %j) is %j', (path, root, section) => {
    expect(sectionFromPath(path, root)).toBe(section)
  })
})
