import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { keepLegacyIds } from '../../src/articles/ids'
import type { Article } from '../../src/articles/model'
import { buildArticle } from '../../src/articles/schema'
import { articleStore } from '../../src/store/store'
import { dumpToArticle } from '../../src/ingest/files'
import { articleToInput, batches, formatSummary, readBatchAnswer, recordingKv, sectionFor } from '../../src/ingest/importer'
import { config } from '../../fixtures/articles'
import { clearKv } from '../helpers/kv'
import { call, snapshotKv, withoutWriteTimes } from '../helpers/admin'
import { BYLINES, crlfBom, dump } from '../helpers/dumps'
import { adminView } from '../../src/routes/admin-view'

const context = { siteUrl: config.siteUrl, timeZone: config.timeZone, masthead: config.masthead }

/** What the CLI does with one file's text before writing it. */
function importFile(path: string, text: string, root?: string): Article {
  const section = sectionFor(path, root)
  const result = dumpToArticle({ path, text, ...(section !== undefined && { section }) }, context)
  if (!result.ok) throw new Error(`${result.path}:${result.line}: ${result.reason}`)
  return result.article
}

describe('importer: dumps to stored articles', () => {
  beforeEach(() => clearKv())

  it('reads every byline form, glued to the footer or not, into authors with roles and the source', () => {
    for (const { byline, authors, source } of BYLINES) {
      for (const footer of ['glued', 'own-line', 'none'] as const) {
        const article = importFile('dumps/x.txt', dump({ title: 'Tin có tác giả', date: '08:04, 01/04/2016', byline, footer }))
        expect(
          article.authors.map((a) => [a.name, a.role]),
          `${byline} (${footer})`,
        ).toEqual(authors)
        expect(article.source, `${byline} (${footer})`).toBe(source)
        expect(article.content, `${byline} (${footer})`).not.toContain('BÁO NAM ĐỊNH')
        expect(article.content).not.toContain(byline)
      }
    }
  })

  it('stores NFD, CRLF and BOM dumps exactly as the clean file', () => {
    const text = dump({
      title: 'Náo nức du khách về chợ Viềng',
      date: '8:04, 1/4/2016',
      byline: 'Tin, ảnh: Đức Toàn',
      caption: 'Du khách mua bán tại chợ Viềng.',
    })
    const clean = importFile('dumps/van-hoa/a.txt', text, 'dumps')
    expect(clean).toMatchObject({ id: 'a', published: '2016-04-01T01:04:00.000Z', section: { slug: 'van-hoa' } })
    expect(clean.image?.caption).toBe('Du khách mua bán tại chợ Viềng.')
    for (const variant of [text.normalize('NFD'), crlfBom(text), crlfBom(text.normalize('NFD')), text.replace(/\n/g, '\r')]) {
      const article = importFile('dumps/van-hoa/a.txt', variant, 'dumps')
      expect(article).toEqual(clean)
      expect(JSON.stringify(article)).not.toMatch(/[\uFEFF\r\u0300-\u036f]/)
    }
  })

  it('takes the id from the file name, so a corrected title keeps it; the legacy id is day + title', () => {
    const path = 'dumps/the-thao/000_5943433bb8521991.txt'
    const first = dumpToArticle({ path, text: dump({ title: 'Giải bóng đá thiếu niên - nhi đồng', date: '23:30, 02/04/2016' }) }, context)
    const fixed = dumpToArticle({ path, text: dump({ title: 'Giải bóng đá thiếu nhi', date: '23:30, 02/04/2016' }) }, context)
    expect(first).toMatchObject({
      ok: true,
      article: { id: '000-5943433bb8521991' },
      legacyId: '2016-04-02-giai-bong-da-thieu-nien-nhi-dong',
    })
    // 23:30 local on 2 April is 16:30 UTC: the legacy id's day is the newsroom's, as it always was.
    expect(fixed).toMatchObject({
      ok: true,
      article: { id: '000-5943433bb8521991', title: 'Giải bóng đá thiếu nhi' },
      legacyId: '2016-04-02-giai-bong-da-thieu-nhi',
    })
    // The demo files' names are their ids; a name with no letters or digits falls back to day + title.
    expect(
      importFile(
        'demo/articles/thoi-su/2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt.txt',
        dump({ title: 'Bài', date: '08:00, 01/04/2016' }),
      ).id,
    ).toBe('2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt')
    expect(importFile('dumps/!!!.txt', dump({ title: 'Thời tiết hôm nay', date: '08:00, 01/04/2016' })).id).toBe(
      '2016-04-01-thoi-tiet-hom-nay',
    )
  })

  it('a corrected title re-imported replaces the article, never duplicates it', async () => {
    const store = articleStore(env.ARTICLES)
    const path = 'dumps/the-thao/000_5943433bb8521991.txt'
    await store.putMany([importFile(path, dump({ title: 'Giải bóng đá thiếu niên - nhi đồng', date: '07:45, 03/04/2016' }))])
    const second = await store.putMany([importFile(path, dump({ title: 'Giải bóng đá thiếu nhi', date: '07:45, 03/04/2016' }))])
    expect(second).toMatchObject([{ created: false, previous: { title: 'Giải bóng đá thiếu niên - nhi đồng' } }])
    const feed = await (await call('GET', '/feed.json', { token: null })).json<{ items: Array<{ title: string }> }>()
    expect(feed.items.map((i) => i.title)).toEqual(['Giải bóng đá thiếu nhi'])
  })

  it('an article an earlier version stored under day + title is replaced there, through the store and the API', async () => {
    const store = articleStore(env.ARTICLES)
    const text = dump({ title: 'Khai mạc hội nghị xúc tiến đầu tư', date: '14:30, 02/04/2016', byline: 'Bài và ảnh: Thanh Thúy' })
    // What every earlier version stored: the id derived from the day and the title.
    const old = buildArticle(
      { title: 'Khai mạc hội nghị xúc tiến đầu tư', published: '14:30, 02/04/2016', paragraphs: ['Bản cũ.'] },
      context,
    )
    if (!old.ok) throw new Error('unexpected')
    expect(old.article.id).toBe('2016-04-02-khai-mac-hoi-nghi-xuc-tien-dau-tu')
    await store.put(old.article)
    const result = dumpToArticle({ path: 'dumps/kinh-te/000_aa11.txt', text }, context)
    if (!result.ok) throw new Error(result.reason)
    expect(result.legacyId).toBe(old.article.id)
    const exists = async (id: string) => (await store.get(id)) !== null
    const [kept] = await keepLegacyIds([result], exists, config.siteUrl)
    expect(kept!.article).toMatchObject({ id: old.article.id, url: old.article.url, authors: [{ name: 'Thanh Thúy' }] })
    expect(await store.putMany([kept!.article])).toMatchObject([{ created: false }])
    // Through the admin API, as --url sends it: the legacy id travels along and the server keeps it.
    const again = await call('POST', '/api/articles', {
      body: [{ ...articleToInput(result.article, config.siteUrl), legacyId: result.legacyId }],
    })
    expect(await again.json()).toMatchObject({
      summary: { created: 0, replaced: 1 },
      results: [{ index: 0, id: old.article.id, status: 200 }],
    })
    const feed = await (await call('GET', '/feed.json', { token: null })).json<{ items: Array<{ id: string }> }>()
    expect(feed.items).toHaveLength(1)
    // Once it lives under its new id, the legacy one is left alone (nothing is stored there to replace).
    await call('DELETE', `/api/articles/${old.article.id}`)
    const fresh = await call('POST', '/api/articles', {
      body: [{ ...articleToInput(result.article, config.siteUrl), legacyId: result.legacyId }],
    })
    expect(await fresh.json()).toMatchObject({ results: [{ id: '000-aa11', status: 201 }] })
  })

  it('never turns two files into one id, even through legacy ids', async () => {
    const store = articleStore(env.ARTICLES)
    const a = dumpToArticle({ path: 'a/1.txt', text: dump({ title: 'Cùng tên', date: '08:00, 01/04/2016' }) }, context)
    const b = dumpToArticle({ path: 'b/2.txt', text: dump({ title: 'Cùng tên', date: '09:00, 01/04/2016' }) }, context)
    if (!a.ok || !b.ok) throw new Error('unexpected')
    await store.put({ ...a.article, id: a.legacyId! })
    const kept = await keepLegacyIds([a, b], async (id) => (await store.get(id)) !== null, config.siteUrl)
    expect(kept.map((k) => k.article.id)).toEqual(['2016-04-01-cung-ten', '2'])
  })

  it('replaces, never duplicates, when the same file is imported twice', async () => {
    const store = articleStore(env.ARTICLES)
    const text = dump({ title: 'Khai mạc hội nghị', date: '08:04, 01/04/2016', byline: 'Tin: Minh Hằng - Ảnh: Viết Dư' })
    const first = await store.putMany([importFile('dumps/thoi-su/a.txt', text, 'dumps')])
    const after = withoutWriteTimes(await snapshotKv())
    const second = await store.putMany([importFile('dumps/thoi-su/a.txt', crlfBom(text), 'dumps')])
    expect(first).toMatchObject([{ created: true }])
    expect(second).toMatchObject([{ created: false }])
    const again = withoutWriteTimes(await snapshotKv())
    expect(Object.keys(again).sort()).toEqual(Object.keys(after).sort())
    for (const key of Object.keys(after).filter((k) => !k.startsWith('ver:'))) expect(again[key], key).toEqual(after[key])
    const feed = await (await call('GET', '/feed.json', { token: null })).json<{ items: unknown[] }>()
    expect(feed.items).toHaveLength(1)
  })

  it('rejects a dump without a date line, with its line', () => {
    const result = dumpToArticle({ path: 'dumps/x.txt', text: 'Tiêu đề\n\nSáng nay, hội nghị khai mạc./.\n' }, context)
    expect(result).toMatchObject({ ok: false, path: 'dumps/x.txt', line: 3 })
  })
})

describe('importer: sending built articles through the admin API', () => {
  beforeEach(() => clearKv())

  const bylines = fc.constantFrom(...BYLINES.map((b) => b.byline))
  const words = fc.array(
    fc.constantFrom('Khai', 'mạc', 'Hội', 'nghị', 'Đường', 'phố', 'Nam', 'Định', 'năm', '2016', 'chợ', 'Viềng', '"trích"', '&', '<b>'),
    { minLength: 1, maxLength: 8 },
  )
  const sections = fc.constantFrom(undefined, 'the-thao', 'Kinh tế', 'khoa-hoc', 'Khoa học & Công nghệ')
  const dumps = fc.record({
    title: words.map((w) => w.join(' ')),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    // Up to this year: a date more than a year ahead is refused as a typo (src/articles/horizon.ts).
    year: fc.integer({ min: 2000, max: 2026 }),
    hour: fc.integer({ min: 0, max: 23 }),
    byline: bylines,
    caption: fc.option(
      words.map((w) => `${w.join(' ')}.`),
      { nil: undefined },
    ),
    section: sections,
  })

  it('round-trips: the server builds from articleToInput exactly the article the importer built', () => {
    fc.assert(
      fc.property(dumps, (d) => {
        const text = dump({
          title: d.title,
          date: `${d.hour}:05, ${d.day}/${d.month}/${d.year}`,
          byline: d.byline,
          ...(d.caption && { caption: d.caption }),
        })
        const result = dumpToArticle({ path: 'x.txt', text, ...(d.section && { section: d.section }) }, context)
        if (!result.ok) throw new Error(result.reason)
        const rebuilt = buildArticle(JSON.parse(JSON.stringify(articleToInput(result.article, config.siteUrl))), {
          siteUrl: config.siteUrl,
          timeZone: config.timeZone,
        })
        expect(rebuilt).toEqual({ ok: true, article: result.article })
      }),
      { numRuns: 300 },
    )
  })

  it('stores through POST /api/articles what --local would store', async () => {
    const articles = BYLINES.map(({ byline }, i) =>
      importFile(
        `dumps/the-thao/${i}.txt`,
        dump({ title: `Bài số ${i}`, date: `${String(i).padStart(2, '0')}:00, ${String(i + 1).padStart(2, '0')}/05/2021`, byline }),
        'dumps',
      ),
    )
    const body = articles.map((a) => articleToInput(a, config.siteUrl))
    // One batch of all of them: more than the default limit of articles.
    const response = await call('POST', '/api/articles', { body, vars: { BATCH_MAX_ARTICLES: String(articles.length) } })
    expect(((await response.json()) as { summary: unknown }).summary).toEqual({ created: articles.length, replaced: 0, rejected: 0 })
    // The API answers in the paper's zone; KV keeps UTC (src/routes/admin-view.ts).
    for (const a of articles)
      expect(await (await call('GET', `/api/articles/${a.id}`)).json()).toEqual({
        ...adminView(a, config.timeZone),
        rev: expect.stringMatching(/^[0-9a-f]{16}$/),
      })
  })
})

describe('importer: --remote plan', () => {
  beforeEach(() => clearKv())

  it('records exactly the writes the store makes, so a bulk upload leaves KV as the store would', async () => {
    const base = (title: string, extra: object = {}) =>
      importFile('x.txt', dump({ title, date: '08:00, 01/06/2022', byline: 'Tin: Minh Hằng - Ảnh: Viết Dư', ...extra }))
    const existing = [base('Bài cũ một'), base('Bài cũ hai')]
    // Both old articles move: their section and authors are left empty and leave the registry.
    const moved = {
      section: { slug: 'kinh-te', name: 'Kinh tế' },
      authors: [{ name: 'Văn Đông', slug: 'van-dong', role: 'text' as const }],
    }
    const incoming = [{ ...base('Bài cũ một'), ...moved }, { ...base('Bài cũ hai'), ...moved }, base('Bài mới', { byline: 'Thanh Thúy' })]
    // Directly: what a Worker (or --local) leaves in KV.
    const store = articleStore(env.ARTICLES)
    await store.putMany(existing)
    const results = await store.putMany(incoming)
    const direct = withoutWriteTimes(await snapshotKv())
    await clearKv()

    // Through the recorder: preload the current values, record, then apply as wrangler would.
    await store.putMany(existing)
    const recorder = recordingKv(async (prefix) => (await env.ARTICLES.list({ prefix })).keys)
    recorder.preload(
      new Map(
        await Promise.all(incoming.map(async (a) => [`art:${a.id}`, await env.ARTICLES.get(`art:${a.id}`)] as [string, string | null])),
      ),
    )
    expect(await articleStore(recorder.kv).putMany(incoming)).toEqual(results)
    const plan = recorder.plan()
    expect(plan.delete).toEqual(expect.arrayContaining(['ver:aut:minh-hang', 'ver:aut:viet-du']))
    await Promise.all(plan.put.map((e) => env.ARTICLES.put(e.key, e.value, e.metadata ? { metadata: e.metadata } : {})))
    await Promise.all(plan.delete.map((k) => env.ARTICLES.delete(k)))
    const viaPlan = withoutWriteTimes(await snapshotKv())

    expect(Object.keys(viaPlan).sort()).toEqual(Object.keys(direct).sort())
    for (const [key, entry] of Object.entries(direct)) {
      // Version tokens are fresh random values by design; their presence and names must match.
      if (key.startsWith('ver:')) expect(viaPlan[key]?.metadata, key).toEqual(entry.metadata)
      else expect(viaPlan[key], key).toEqual(entry)
    }
  })

  it('refuses to guess a value it was not given', async () => {
    const recorder = recordingKv(async () => [])
    await expect(articleStore(recorder.kv).put(importFile('x.txt', dump({ title: 'Bài', date: '08:00, 01/06/2022' })))).rejects.toThrow(
      /not fetched/,
    )
  })
})

describe('importer: helpers', () => {
  it('takes the section from the first folder below the root, else a known section folder', () => {
    expect(sectionFor('dumps/the-thao/2016/a.txt', 'dumps')).toBe('the-thao')
    expect(sectionFor('dumps/khoa-hoc/a.txt', 'dumps')).toBe('khoa-hoc')
    expect(sectionFor('dumps/a.txt', 'dumps')).toBeUndefined()
    expect(sectionFor('archive/the-thao/a.txt', 'archive/the-thao')).toBe('the-thao')
    expect(sectionFor('archive/2016/a.txt', 'archive/2016')).toBeUndefined()
    expect(sectionFor('kinh-te/a.txt')).toBe('kinh-te')
    expect(sectionFor('C:\\dumps\\xa-hoi\\a.txt')).toBe('xa-hoi')
    expect(sectionFor('a.txt')).toBeUndefined()
  })

  it('splits batches by count and by size, never leaving an item out', () => {
    const items = [5, 5, 5, 20, 1, 1, 1, 1]
    expect(batches(items, 3, 12, (n) => n)).toEqual([[5, 5], [5], [20], [1, 1, 1], [1]])
    expect(batches([], 3, 10, () => 1)).toEqual([])
  })

  it('summarises a run', () => {
    expect(formatSummary({ files: 12, imported: 9, replaced: 2, rejected: 1 }, 3.25, false)).toBe(
      'imported 9, replaced 2, rejected 1 (12 files in 3.3 s)',
    )
    expect(formatSummary({ files: 1, imported: 1, replaced: 0, rejected: 0 }, 0.04, true)).toBe(
      'dry run: 1 parsed, 0 rejected (1 file in 0.0 s); nothing written',
    )
  })

  it('checks that a batch answer accounts for every article sent, once, under the id sent or its legacy id', () => {
    const sent = [{ id: 'a' }, { id: 'b', legacyId: '2016-04-01-bai-b' }, { id: 'c' }]
    const fine = readBatchAnswer(
      {
        results: [
          { index: 0, id: 'a', status: 201 },
          { index: 1, id: '2016-04-01-bai-b', status: 200 },
          { index: 2, status: 400, errors: [{ field: 'published', reason: 'is required' }] },
        ],
      },
      sent,
    )
    expect(fine).toEqual({
      ok: true,
      fates: [
        { status: 'imported', id: 'a' },
        { status: 'replaced', id: '2016-04-01-bai-b' },
        { status: 'rejected', code: 400, reason: 'published: is required' },
      ],
    })
    const bad: Array<[unknown, string]> = [
      [{ results: [] }, '0 results for 3 articles sent'],
      [{}, 'no results list'],
      [null, 'no results list'],
      [
        {
          results: [
            { index: 0, id: 'a', status: 201 },
            { index: 0, id: 'a', status: 201 },
            { index: 2, id: 'c', status: 201 },
          ],
        },
        'two results for index 0',
      ],
      [
        {
          results: [
            { index: 0, id: 'x', status: 201 },
            { index: 1, id: 'b', status: 201 },
            { index: 2, id: 'c', status: 201 },
          ],
        },
        'index 0 stored as "x", but a was sent',
      ],
      [
        {
          results: [
            { index: 0, id: 'a', status: 201 },
            { index: 1, id: 'b', status: 201 },
            { index: 3, id: 'c', status: 201 },
          ],
        },
        'a result for index 3, which was not sent',
      ],
      [
        {
          results: [
            { index: 0, id: 'a', status: 201 },
            { index: 1, id: 'b', status: 201 },
            { index: '2', id: 'c', status: 201 },
          ],
        },
        'a result for index "2", which was not sent',
      ],
      [
        {
          results: [
            { index: 0, id: 'a', status: 204 },
            { index: 1, id: 'b', status: 201 },
            { index: 2, id: 'c', status: 201 },
          ],
        },
        'index 0 has status 204',
      ],
    ]
    for (const [body, problem] of bad)
      expect(readBatchAnswer(body, sent), JSON.stringify(body)).toMatchObject({ ok: false, problems: expect.arrayContaining([problem]) })
  })
})
