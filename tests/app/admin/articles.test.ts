import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { ARTICLE_BODY_LIMIT, BATCH_KV_BUDGET } from '../../../src/articles/batch'
import { DEFAULT_BATCH_LIMITS } from '../../../src/config/batch'
import { countingKv } from '../../../fixtures/counting-kv'
import { clearKv } from '../../helpers/kv'
import { call, snapshotKv } from '../../helpers/admin'
import { articleStore } from '../../../src/store/store'

const ID = '2016-04-01-khai-mac-hoi-nghi'

const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Sáng 1-4, hội nghị khai mạc tại Nam Định.', 'Hội nghị kéo dài hai ngày.'],
  section: 'Thời sự',
  byline: 'Tin, ảnh: Đức Toàn',
  ...extra,
})

interface ProblemBody {
  type: string
  title: string
  status: number
  detail?: string
  instance: string
  errors?: Array<{ field: string; reason: string }>
  [extension: string]: unknown
}

async function problemOf(response: Response, status: number): Promise<ProblemBody> {
  expect(response.status).toBe(status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  const json = (await response.json()) as ProblemBody
  expect(json).toMatchObject({ status, type: 'about:blank' })
  expect(json.title).toBeTruthy()
  return json
}

const fields = (p: ProblemBody) => (p.errors ?? []).map((e) => e.field).sort()

describe('admin API: authentication', () => {
  beforeEach(() => clearKv())

  it('answers 401 with a Bearer challenge when no token is sent', async () => {
    const response = await call('PUT', `/api/articles/${ID}`, { body: body(), token: null })
    await problemOf(response, 401)
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="vnfeeds"')
  })

  it('answers 401 invalid_token for a wrong token, a prefix of the right one, or another scheme', async () => {
    for (const token of ['wrong', 'test-admin-toke', 'test-admin-token-and-more', '']) {
      const response = await call('PUT', `/api/articles/${ID}`, { body: body(), token })
      await problemOf(response, 401)
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="vnfeeds"/)
    }
    const basic = await call('GET', `/api/articles/${ID}`, {
      token: null,
      headers: { Authorization: `Basic ${btoa('admin:test-admin-token')}` },
    })
    await problemOf(basic, 401)
    expect(await env.ARTICLES.get(`art:${ID}`)).toBeNull()
  })

  it('accepts the right token, whatever the case of "Bearer"', async () => {
    expect((await call('PUT', `/api/articles/${ID}`, { body: body() })).status).toBe(201)
    const lower = await call('GET', `/api/articles/${ID}`, { token: null, headers: { Authorization: 'bearer test-admin-token' } })
    expect(lower.status).toBe(200)
  })

  it('fails closed with 503 for every method when no ADMIN_TOKEN is configured, even with a token', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: body() })
    const before = await snapshotKv()
    for (const ADMIN_TOKEN of [undefined, '', '   ']) {
      for (const [method, path, payload] of [
        ['PUT', `/api/articles/${ID}`, body({ title: 'Đã sửa' })],
        ['POST', '/api/articles', [body({ title: 'Bài mới' })]],
        ['DELETE', `/api/articles/${ID}`, undefined],
        ['GET', `/api/articles/${ID}`, undefined],
      ] as const) {
        for (const token of [null, '', 'test-admin-token']) {
          const response = await call(method, path, { body: payload, token, vars: { ADMIN_TOKEN } })
          const problem = await problemOf(response, 503)
          expect(problem.detail).toContain('ADMIN_TOKEN')
          expect(response.headers.get('WWW-Authenticate')).toBeNull()
        }
      }
    }
    expect(await snapshotKv()).toEqual(before)
  })
})

describe('admin API: one article', () => {
  beforeEach(() => clearKv())

  it('creates with 201 and Location, replaces with 200, reads back, and never caches', async () => {
    const created = await call('PUT', `/api/articles/${ID}`, { body: body() })
    expect(created.status).toBe(201)
    expect(created.headers.get('Location')).toBe(`/api/articles/${ID}`)
    expect(created.headers.get('Cache-Control')).toBe('no-store')
    const article = (await created.json()) as Record<string, unknown>
    expect(article).toMatchObject({
      id: ID,
      title: 'Khai mạc hội nghị',
      published: '2016-04-01T08:04:00+07:00',
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [{ name: 'Đức Toàn', slug: 'duc-toan', role: 'text+photo' }],
      content: '<p>Sáng 1-4, hội nghị khai mạc tại Nam Định.</p>\n<p>Hội nghị kéo dài hai ngày.</p>',
    })

    const again = await call('PUT', `/api/articles/${ID}`, { body: body() })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(article)

    const read = await call('GET', `/api/articles/${ID}`)
    expect(read.status).toBe(200)
    expect(read.headers.get('Cache-Control')).toBe('no-store')
    expect(await read.json()).toEqual(article)
  })

  it('takes authors, content HTML, an image, url, tags, updated and RFC 3339 times', async () => {
    const response = await call('PUT', '/api/articles/bai-day-du', {
      body: {
        title: 'Bài đầy đủ',
        published: '2016-04-01T08:04:00+07:00',
        updated: '2016-04-01 09:30',
        content: '<p>Nội dung <strong>HTML</strong>.</p>',
        summary: 'Tóm tắt.',
        section: 'kinh-te',
        authors: [{ name: 'Minh Hằng' }, { name: 'Việt Dư', role: 'photo' }],
        image: { url: 'https://baonamdinh.vn/anh/hoi-nghi.jpg', caption: 'Toàn cảnh hội nghị.' },
        url: 'https://baonamdinh.vn/kinh-te/bai-day-du',
        tags: ['đầu tư', 'đầu tư', 'hội nghị'],
      },
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      id: 'bai-day-du',
      published: '2016-04-01T08:04:00+07:00',
      updated: '2016-04-01T09:30:00+07:00',
      section: { slug: 'kinh-te', name: 'Kinh tế' },
      authors: [
        { name: 'Minh Hằng', slug: 'minh-hang', role: 'text' },
        { name: 'Việt Dư', slug: 'viet-du', role: 'photo' },
      ],
      image: { url: 'https://baonamdinh.vn/anh/hoi-nghi.jpg', caption: 'Toàn cảnh hội nghị.', type: 'image/jpeg' },
      tags: ['đầu tư', 'hội nghị'],
    })
  })

  it('answers times in the paper’s zone, stores them as UTC instants, and takes its own answer back unchanged', async () => {
    const scheduled = await call('PUT', '/api/articles/bai-hen-gio', {
      body: { title: 'Bài hẹn giờ', published: '2027-01-05T01:00:00Z', updated: '2027-01-05T11:15:00+09:00', paragraphs: ['Nội dung.'] },
    })
    const answer = (await scheduled.json()) as { published: string; updated: string }
    expect([answer.published, answer.updated]).toEqual(['2027-01-05T08:00:00+07:00', '2027-01-05T09:15:00+07:00'])
    const read = (await (await call('GET', '/api/articles/bai-hen-gio')).json()) as { published: string; updated: string }
    expect([read.published, read.updated]).toEqual([answer.published, answer.updated])
    const kept = await articleStore(env.ARTICLES).get('bai-hen-gio')
    expect([kept?.published, kept?.updated]).toEqual(['2027-01-05T01:00:00.000Z', '2027-01-05T02:15:00.000Z'])
    // The answer's times go back in as they came out: the same instants.
    const again = await call('PUT', '/api/articles/bai-hen-gio', {
      body: { title: 'Bài hẹn giờ', published: read.published, updated: read.updated, paragraphs: ['Nội dung.'] },
    })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ published: '2027-01-05T08:00:00+07:00', updated: '2027-01-05T09:15:00+07:00' })
  })

  it('deletes with 204, then 404', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: body() })
    const deleted = await call('DELETE', `/api/articles/${ID}`)
    expect(deleted.status).toBe(204)
    expect(deleted.headers.get('Cache-Control')).toBe('no-store')
    expect(await env.ARTICLES.get(`art:${ID}`)).toBeNull()
    await problemOf(await call('DELETE', `/api/articles/${ID}`), 404)
    await problemOf(await call('GET', `/api/articles/${ID}`), 404)
  })

  it('answers 405 with Allow for a method the resource does not have', async () => {
    const response = await call('PATCH', `/api/articles/${ID}`, { body: body() })
    await problemOf(response, 405)
    expect(response.headers.get('Allow')).toBe('GET, PUT, DELETE')
    expect((await call('DELETE', '/api/articles')).headers.get('Allow')).toBe('GET, POST')
  })
})

describe('admin API: rejected requests', () => {
  beforeEach(() => clearKv())

  it('rejects an id that is not a slug with 400 naming id, on every method', async () => {
    for (const bad of ['Khai-Mac', 'khai_mac', 'khai--mac', '-khai', 'kh%C3%A1i-m%E1%BA%A1c', 'a'.repeat(301)]) {
      for (const method of ['PUT', 'GET', 'DELETE']) {
        const problem = await problemOf(await call(method, `/api/articles/${bad}`, { body: method === 'PUT' ? body() : undefined }), 400)
        expect(fields(problem)).toEqual(['id'])
      }
    }
  })

  it('names every field at fault, each with its reason', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 42 }, 'title'],
      [{ title: 'x'.repeat(501) }, 'title'],
      [{ published: '31/02/2016 08:00' }, 'published'],
      [{ published: '08:04, 31/02/2016' }, 'published'],
      [{ published: '2016-04-01T08:04:00' }, 'published'],
      [{ published: '01/04/2016' }, 'published'],
      [{ updated: '07:00, 01/04/2016' }, 'updated'],
      [{ updated: 'hôm qua' }, 'updated'],
      [{ content: '<p>x</p>' }, 'content'],
      [{ paragraphs: 'một đoạn' }, 'paragraphs'],
      [{ paragraphs: ['đúng', 7] }, 'paragraphs.1'],
      [{ summary: 5 }, 'summary'],
      [{ section: '' }, 'section'],
      [{ section: '!!!' }, 'section'],
      [{ byline: undefined, authors: [{ name: 'Đức Toàn', role: 'editor' }] }, 'authors.0.role'],
      [{ byline: undefined, authors: [{ name: '' }] }, 'authors.0.name'],
      [{ byline: undefined, authors: [{ name: '...' }] }, 'authors.0.name'],
      [{ byline: undefined, authors: [{ name: 'Đức Toàn', email: 'a@b.c' }] }, 'authors.0.email'],
      [{ authors: [{ name: 'Đức Toàn' }] }, 'authors'],
      [{ byline: 7 }, 'byline'],
      [{ image: {} }, 'image'],
      [{ image: { url: 'ftp://baonamdinh.vn/a.jpg' } }, 'image.url'],
      [{ image: { url: 'https://baonamdinh.vn/a.jpg', type: 'text/html' } }, 'image.type'],
      [{ image: { url: 'https://baonamdinh.vn/a.jpg', length: -1 } }, 'image.length'],
      [{ image: { caption: 'Ảnh', width: 3 } }, 'image.width'],
      [{ url: 'baonamdinh.vn/bai' }, 'url'],
      [{ tags: ['thời sự', ''] }, 'tags.1'],
      [{ tags: Array.from({ length: 31 }, (_, i) => `thẻ ${i}`) }, 'tags'],
      [{ titel: 'Khai mạc' }, 'titel'],
      [{ id: 'Khai Mac' }, 'id'],
      [{ id: 'khai-mac-khac' }, 'id'],
    ]
    for (const [patch, field] of cases) {
      const problem = await problemOf(await call('PUT', `/api/articles/${ID}`, { body: body(patch) }), 400)
      expect(fields(problem), JSON.stringify(patch)).toEqual([field])
      expect(problem.errors?.[0]?.reason, field).toMatch(/\w/)
      expect(problem.detail).toContain(field)
    }
    expect(await snapshotKv()).toEqual({})
  })

  it('lists all faults of one body at once', async () => {
    const problem = await problemOf(
      await call('PUT', `/api/articles/${ID}`, { body: { title: '', published: 'hôm nay', image: {}, tags: [''], extra: 1, other: 2 } }),
      400,
    )
    expect(fields(problem)).toEqual(['content', 'extra', 'image', 'other', 'published', 'tags.0', 'title'])
    expect(problem.errors).toContainEqual({ field: 'extra', reason: 'unknown field' })
    expect(problem.errors).toContainEqual({ field: 'content', reason: 'content (HTML) or paragraphs is required' })
    expect(problem.errors).toContainEqual({ field: 'title', reason: 'must not be empty' })
  })

  it('says what is missing', async () => {
    const problem = await problemOf(await call('PUT', `/api/articles/${ID}`, { body: {} }), 400)
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', reason: 'is required' },
        { field: 'published', reason: 'is required' },
        { field: 'content', reason: 'content (HTML) or paragraphs is required' },
      ]),
    )
    for (const notAnObject of [[], 'bài', 7, null]) {
      const p = await problemOf(await call('PUT', `/api/articles/${ID}`, { body: JSON.stringify(notAnObject) }), 400)
      expect(p.errors).toEqual([{ field: '(body)', reason: 'must be a JSON object of article fields' }])
    }
  })

  it('answers 415 for a body that is not declared as UTF-8 JSON', async () => {
    const json = JSON.stringify(body())
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1', 'application/jsonx']) {
      await problemOf(await call('PUT', `/api/articles/${ID}`, { body: json, headers: { 'Content-Type': type } }), 415)
    }
    const noType = await call('POST', '/api/articles', { body: new Blob([json]).stream(), headers: { 'Content-Type': '' } })
    await problemOf(noType, 415)
    expect(
      (await call('PUT', `/api/articles/${ID}`, { body: json, headers: { 'Content-Type': 'Application/JSON; charset="UTF-8"' } })).status,
    ).toBe(201)
  })

  it('answers 400 for malformed JSON without echoing it', async () => {
    for (const text of ['{"title": "Khai mạc",', ' ', "{'title': 'x'}", '{"title": "Khai mạc"} {}']) {
      const problem = await problemOf(await call('PUT', `/api/articles/${ID}`, { body: text }), 400)
      expect(problem.errors).toEqual([{ field: '(body)', reason: 'is not valid JSON' }])
      expect(JSON.stringify(problem)).not.toContain('Khai mạc')
    }
  })

  it('answers 413 past the size limit, declared or streamed', async () => {
    const big = JSON.stringify(body({ paragraphs: ['ạ'.repeat(ARTICLE_BODY_LIMIT / 2)] }))
    expect(new TextEncoder().encode(big).length).toBeGreaterThan(ARTICLE_BODY_LIMIT)
    await problemOf(
      await call('PUT', `/api/articles/${ID}`, { body: big, headers: { 'Content-Length': String(new TextEncoder().encode(big).length) } }),
      413,
    )
    const streamed = new Blob([big]).stream()
    await problemOf(await call('PUT', `/api/articles/${ID}`, { body: streamed }), 413)
    const batch = JSON.stringify([body({ content: 'x'.repeat(DEFAULT_BATCH_LIMITS.maxBytes), paragraphs: undefined })])
    await problemOf(await call('POST', '/api/articles', { body: batch }), 413)
  })

  it('leaves KV byte for byte as it was after any rejected request', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: body() })
    await call('PUT', '/api/articles/bai-thu-hai', { body: body({ title: 'Bài thứ hai', section: 'Kinh tế', byline: 'Minh Hằng' }) })
    const before = await snapshotKv()
    expect(Object.keys(before).length).toBeGreaterThan(6)
    const rejected: Array<[string, string, Parameters<typeof call>[2], number]> = [
      ['PUT', `/api/articles/${ID}`, { body: body({ title: 'Sửa' }), token: null }, 401],
      ['DELETE', `/api/articles/${ID}`, { token: 'wrong' }, 401],
      ['POST', '/api/articles', { body: [body()], token: 'wrong' }, 401],
      ['PUT', `/api/articles/${ID}`, { body: body({ title: 'Sửa' }), vars: { ADMIN_TOKEN: undefined } }, 503],
      ['DELETE', `/api/articles/${ID}`, { vars: { ADMIN_TOKEN: '' } }, 503],
      ['PUT', `/api/articles/${ID}`, { body: JSON.stringify(body({ title: 'Sửa' })), headers: { 'Content-Type': 'text/plain' } }, 415],
      ['PUT', `/api/articles/${ID}`, { body: JSON.stringify(body({ paragraphs: ['x'.repeat(ARTICLE_BODY_LIMIT)] })) }, 413],
      ['PUT', `/api/articles/${ID}`, { body: '{"title": "Sửa"' }, 400],
      ['PUT', `/api/articles/${ID}`, { body: body({ title: 'Sửa', published: 'không rõ' }) }, 400],
      ['PUT', `/api/articles/${ID}`, { body: body({ title: 'Sửa', section: 'Xã hội', unknown: true }) }, 400],
      ['PUT', `/api/articles/${ID}`, { body: body({ id: 'bai-thu-hai' }) }, 400],
      ['PUT', '/api/articles/Bai_Thu_Hai', { body: body() }, 400],
      ['DELETE', '/api/articles/khong-co-bai-nay', {}, 404],
      ['POST', '/api/articles', { body: [body({ title: '' }), { title: 'Thiếu ngày' }] }, 400],
      ['POST', '/api/articles', { body: [] }, 400],
      ['POST', '/api/articles', { body: body() }, 400],
    ]
    for (const [method, path, options, status] of rejected) {
      const response = await call(method, path, options)
      expect(response.status, `${method} ${path} ${JSON.stringify(options).slice(0, 80)}`).toBe(status)
    }
    expect(await snapshotKv()).toEqual(before)
  })
})

describe('admin API: batch', () => {
  beforeEach(() => clearKv())

  it('stores the good elements, rejects the bad ones without writing them, and reports each in order', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: body() })
    const response = await call('POST', '/api/articles', {
      body: [
        body({ title: 'Giải bóng đá thiếu niên', published: '15:00, 03/04/2016', section: 'Thể thao', byline: 'Văn Đông' }),
        { title: 'Thiếu ngày đăng', paragraphs: ['x'] },
        body({ title: 'Khai mạc hội nghị', paragraphs: ['Bản đã sửa.'] }),
        body({ title: 'Giải bóng đá thiếu niên', published: '16:00, 03/04/2016', section: 'Thể thao' }),
        'không phải bài',
        body({ title: 'Lỗi hai chỗ', published: 'x', tags: [''] }),
      ],
      // Six elements: one more than the default limit.
      vars: { BATCH_MAX_ARTICLES: '6' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const json = (await response.json()) as {
      summary: unknown
      results: Array<{ index: number; id?: string; status: number; errors?: Array<{ field: string }> }>
    }
    expect(json.summary).toEqual({ created: 1, replaced: 1, rejected: 4 })
    expect(json.results.map((r) => [r.index, r.status, r.id])).toEqual([
      [0, 201, '2016-04-03-giai-bong-da-thieu-nien'],
      [1, 400, undefined],
      [2, 200, ID],
      [3, 400, '2016-04-03-giai-bong-da-thieu-nien'],
      [4, 400, undefined],
      [5, 400, undefined],
    ])
    expect(json.results[1]?.errors?.map((e) => e.field)).toEqual(['published'])
    expect(json.results[3]?.errors?.map((e) => e.field)).toEqual(['id'])
    expect(json.results[4]?.errors?.map((e) => e.field)).toEqual(['(body)'])
    expect(json.results[5]?.errors?.map((e) => e.field).sort()).toEqual(['published', 'tags.0'])

    const football = (await (await call('GET', '/api/articles/2016-04-03-giai-bong-da-thieu-nien')).json()) as { published: string }
    expect(football.published).toBe('2016-04-03T15:00:00+07:00')
    expect(((await (await call('GET', `/api/articles/${ID}`)).json()) as { content: string }).content).toBe('<p>Bản đã sửa.</p>')
    const keys = Object.keys(await snapshotKv()).filter((k) => k.startsWith('art:'))
    expect(keys.sort()).toEqual([`art:${ID}`, 'art:2016-04-03-giai-bong-da-thieu-nien'])
  })

  it('answers 400 problem+json with every element fault when nothing was valid', async () => {
    const problem = await problemOf(
      await call('POST', '/api/articles', { body: [{ title: 'Thiếu ngày', paragraphs: ['x'] }, body({ tags: [''] })] }),
      400,
    )
    expect(fields(problem)).toEqual(['0.published', '1.tags.0'])
    expect(problem.summary).toEqual({ created: 0, replaced: 0, rejected: 2 })
    expect(problem.results).toHaveLength(2)
    expect(await snapshotKv()).toEqual({})
  })

  it('wants a non-empty JSON array of articles', async () => {
    for (const payload of [[], body()]) {
      const problem = await problemOf(await call('POST', '/api/articles', { body: payload }), 400)
      expect(fields(problem)).toEqual(['(body)'])
    }
  })

  it('answers 413 naming both limits, writing nothing, past the articles or the bytes one batch may hold', async () => {
    const { maxArticles, maxBytes } = DEFAULT_BATCH_LIMITS
    const many = (n: number) => Array.from({ length: n }, (_, i) => body({ title: `Bài ${i}` }))
    const long = [body({ paragraphs: ['Hội nghị kéo dài hai ngày. '.repeat(Math.ceil(maxBytes / 20))] })]
    expect(new TextEncoder().encode(JSON.stringify(long)).length).toBeGreaterThan(maxBytes)
    for (const payload of [many(maxArticles + 1), long]) {
      const problem = await problemOf(await call('POST', '/api/articles', { body: payload }), 413)
      expect(problem).toMatchObject({ maxArticles, maxBytes, title: 'Nội dung quá lớn' })
      expect(fields(problem)).toEqual(['(body)'])
      expect(problem.errors?.[0]?.reason).toContain(`tối đa ${maxArticles} bài và ${maxBytes} byte (BATCH_MAX_ARTICLES, BATCH_MAX_BYTES)`)
      expect(problem.detail).toContain(`${maxArticles} bài và ${maxBytes} byte`)
    }
    expect(await snapshotKv()).toEqual({})
    const full = await call('POST', '/api/articles', { body: many(maxArticles) })
    expect(((await full.json()) as { summary: unknown }).summary).toEqual({ created: maxArticles, replaced: 0, rejected: 0 })
  })

  it('takes the limits a deployment sets (BATCH_MAX_ARTICLES, BATCH_MAX_BYTES)', async () => {
    const vars = { BATCH_MAX_ARTICLES: '3', BATCH_MAX_BYTES: '900000' }
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => body({ title: `Bài lớn ${i}`, paragraphs: ['Đoạn văn. '.repeat(3_000)] }))
    const refused = await problemOf(await call('POST', '/api/articles', { body: many(4), vars }), 413)
    expect(refused).toMatchObject({ maxArticles: 3, maxBytes: 900_000 })
    // Three articles of ~30 KB each: over the default byte limit, within the one set here.
    expect(new TextEncoder().encode(JSON.stringify(many(3))).length).toBeGreaterThan(DEFAULT_BATCH_LIMITS.maxBytes)
    const response = await call('POST', '/api/articles', { body: many(3), vars })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { summary: unknown }).summary).toEqual({ created: 3, replaced: 0, rejected: 0 })
  })

  it('answers 413 naming (body), writing nothing, when the batch could cost more KV operations than one request may make', async () => {
    // Twenty authors each: 22 feeds an article, so 25 of them could cost far over KV's 1 000 operations.
    const crowded = (n: number, round: string) =>
      Array.from({ length: n }, (_, i) =>
        body({
          id: `bai-dong-tac-gia-${i}`,
          title: `Bài ${i}`,
          byline: undefined,
          authors: Array.from({ length: 20 }, (_, a) => ({ name: `Tác giả ${round} ${i} ${a}` })),
        }),
      )
    // 25 articles, the limit a paid-plan deployment might set, so that what refuses them is the KV budget.
    const vars = { BATCH_MAX_ARTICLES: '25', BATCH_MAX_BYTES: String(1024 * 1024) }
    const problem = await problemOf(await call('POST', '/api/articles', { body: crowded(25, 'A'), vars }), 413)
    expect(fields(problem)).toEqual(['(body)'])
    expect(problem.errors?.[0]?.reason).toMatch(/at most 900 per request/)
    expect(await snapshotKv()).toEqual({})
    // What the importer does with a 413, halving until it fits: 6 such articles are within the budget, and
    // what they really cost, first written and then replaced with other authors (every entry stale), is too.
    const counted = countingKv(env.ARTICLES)
    for (const round of ['A', 'B']) {
      counted.reset()
      const response = await call('POST', '/api/articles', { body: crowded(6, round), vars: { ...vars, ARTICLES: counted.kv } })
      expect(response.status).toBe(200)
      const operations = Object.values(counted.calls).reduce((a, b) => a + b, 0)
      expect(operations).toBeGreaterThan(6 * 22)
      expect(operations).toBeLessThanOrEqual(BATCH_KV_BUDGET)
    }
    expect((await problemOf(await call('POST', '/api/articles', { body: crowded(7, 'C'), vars }), 413)).errors?.[0]?.field).toBe('(body)')
  })
})
