import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { resetLoginFailures } from '../../../src/http/login-limit'
import { call as adminCall } from '../../helpers/admin'
import { call, coldCaches, links, store } from '../../helpers/app'
import { faultyKv } from '../../helpers/faults'
import { clearKv } from '../../helpers/kv'

/** Public error bodies speak Vietnamese throughout: title, detail, and each field's reason. */

interface Problem {
  title: string
  status: number
  detail?: string
  errors?: Array<{ field: string; reason: string }>
}

/** Words that give an English sentence away; Vietnamese text (with code names such as `cursor` kept) has none. */
const ENGLISH =
  /\b(the|is|are|be|must|not|no|try|again|seconds?|storage|allowed|one|this|that|service|send|body|bytes|too|many|from|whole|number|issued|feed's|valid|wrong|token is)\b/i
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i

function expectVietnamese(problem: Problem, what: string, withReasons = true): void {
  const texts = [problem.title, problem.detail ?? '', ...(withReasons ? (problem.errors ?? []).map((e) => e.reason) : [])]
  for (const text of texts) {
    expect(text, `${what}: ${text}`).toMatch(VIETNAMESE)
    expect(text, `${what}: ${text}`).not.toMatch(ENGLISH)
  }
}

async function problem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status)
  expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8')
  return (await response.json()) as Problem
}

let otherFeedsCursor: string

beforeAll(async () => {
  await clearKv()
  for (const [i, section] of ['Thời sự', 'Thời sự', 'Kinh tế', 'Kinh tế'].entries())
    await store().put(article({ title: `Tin số ${i}`, published: `08:0${i}, 01/04/2024`, section, byline: 'Đức Toàn' }))
  coldCaches()
  otherFeedsCursor = new URL(links(await call('/chuyen-muc/kinh-te/feed.json?limit=1')).next as string).searchParams.get('cursor') as string
})

describe('public error bodies are Vietnamese', () => {
  it('400: limit and cursor, naming the parameter', async () => {
    for (const path of ['/feed.json?limit=0', '/rss.xml?limit=101', '/chuyen-muc/thoi-su/atom.xml?limit=abc', '/atom.xml?limit=%']) {
      const body = await problem(await call(path), 400)
      expect(body).toMatchObject({ title: 'Tham số không hợp lệ', detail: 'limit: phải là số nguyên từ 1 đến 100' })
      expect(body.errors).toEqual([{ field: 'limit', reason: 'phải là số nguyên từ 1 đến 100' }])
    }
    for (const cursor of ['gia-mao', '', 'x'.repeat(9_000), otherFeedsCursor]) {
      const body = await problem(await call(`/chuyen-muc/thoi-su/feed.json?limit=1&cursor=${encodeURIComponent(cursor)}`), 400)
      expect(body.detail).toMatch(/^cursor: /)
      expect(body.errors?.map((e) => e.field)).toEqual(['cursor'])
      expectVietnamese(body, `cursor ${cursor.slice(0, 20)}`)
    }
  })

  it('404: unknown feeds and paths', async () => {
    expect(await problem(await call('/chuyen-muc/khong-co/rss.xml'), 404)).toMatchObject({
      title: 'Không tìm thấy',
      detail: 'Không có chuyên mục "khong-co".',
    })
    expect(await problem(await call('/tac-gia/khong-co/feed.json'), 404)).toMatchObject({ detail: 'Không có tác giả "khong-co".' })
    for (const path of [
      '/khong-co',
      '/chuyen-muc/Th%E1%BB%9Di-s%E1%BB%B1/rss.xml',
      '/chuyen-muc/%ZZ/rss.xml',
      '/feed.json/',
      '/embed/khong-co',
    ])
      expectVietnamese(await problem(await call(path), 404), path)
  })

  it('503: storage down', async () => {
    coldCaches()
    const { kv } = faultyKv(env.ARTICLES, { fails: () => true })
    const body = await problem(await call('/rss.xml', {}, { ARTICLES: kv }), 503)
    expectVietnamese(body, '503')
    expect(body.detail).toContain('30 giây')
  })

  it('the admin API’s own answers too (401, 405, 413, 415, 429, 503), field names and JSON aside', async () => {
    resetLoginFailures()
    const cases: Array<[string, string, Parameters<typeof adminCall>[2], number]> = [
      ['GET', '/api/articles/khong-co', { token: null }, 401],
      ['GET', '/api/articles/khong-co', { token: 'sai' }, 401],
      ['PATCH', '/api/articles/khong-co', {}, 405],
      ['PUT', '/api/articles/bai-lon', { body: 'x'.repeat(2 * 1024 * 1024) }, 413],
      ['PUT', '/api/articles/bai-lon', { body: '{}', headers: { 'Content-Type': 'text/plain' } }, 415],
      ['GET', '/api/articles/khong-co', { vars: { ADMIN_TOKEN: '' } }, 503],
    ]
    for (const [method, path, options, status] of cases)
      expectVietnamese(await problem(await adminCall(method, path, options), status), `${method} ${status}`, false)
    for (let i = 0; i < 10; i++)
      await adminCall('GET', '/api/articles/khong-co', { token: `sai-${i}`, headers: { 'CF-Connecting-IP': '192.0.2.77' } })
    const locked = await adminCall('GET', '/api/articles/khong-co', { token: 'sai', headers: { 'CF-Connecting-IP': '192.0.2.77' } })
    expectVietnamese(await problem(locked, 429), '429')
    resetLoginFailures()
  })
})
