/**
 * Issue 11, finding 5: KV refuses keys over 512 bytes, and that refusal came back as a 503 "try again"
 * forever. Ids and slugs are capped so that every key fits (src/articles/limits.ts, checked by
 * src/store/keys.ts); overlong input is a 400 naming the field, an overlong path segment a 404 without
 * any KV call; and a refusal of KV over its own limits is never a 503.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_ID_LENGTH, MAX_SLUG_LENGTH } from '../../../src/articles/limits'
import { LONGEST_KEY } from '../../../src/store/keys'
import { countingKv, reads } from '../../../fixtures/counting-kv'
import { call as adminCall, snapshotKv } from '../../helpers/admin'
import { call } from '../../helpers/app'
import { faultyKv } from '../../helpers/faults'
import { clearKv } from '../../helpers/kv'

const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Bài có tên dài',
  published: '08:04, 01/04/2016',
  paragraphs: ['Nội dung.'],
  section: 'Thời sự',
  byline: 'Đức Toàn',
  ...extra,
})

/** `n` characters of a Vietnamese name whose slug is `n` characters too (one letter a syllable, hyphens between). */
const longName = (n: number) =>
  Array.from({ length: Math.ceil(n / 2) }, () => 'Đ')
    .join(' ')
    .slice(0, n)
const slugOf = (n: number) =>
  Array.from({ length: Math.ceil(n / 2) }, () => 'd')
    .join('-')
    .slice(0, n)

async function refused(response: Response): Promise<string[]> {
  expect(response.status).toBe(400)
  return ((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)
}

describe('every KV key bounded', () => {
  beforeEach(() => clearKv())

  it('derives the caps from the layout: the longest key fits KV’s 512 bytes with room', () => {
    expect(LONGEST_KEY).toBeLessThanOrEqual(512 - 32)
    expect(LONGEST_KEY).toBe('idx:aut:'.length + MAX_SLUG_LENGTH + 1 + 16 + 1 + MAX_ID_LENGTH)
  })

  it('refuses overlong ids, names and sections with a 400 naming the field, storing nothing', async () => {
    const id300 = `a${'-b'.repeat(149)}c`.slice(0, 300)
    const before = await snapshotKv()
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      [id300, body({ byline: undefined, authors: [{ name: longName(300) }] }), ['authors.0.name']],
      [id300, body({ byline: undefined, authors: [{ name: 'Đức Toàn' }, { name: longName(MAX_SLUG_LENGTH + 1) }] }), ['authors.1.name']],
      [id300, body({ section: longName(300) }), ['section']],
      [id300, body({ byline: `Tin, ảnh: ${longName(200)}` }), ['byline']],
    ]
    for (const [id, input, fields] of cases)
      expect(await refused(await adminCall('PUT', `/api/articles/${id}`, { body: input })), fields.join()).toEqual(fields)
    for (const length of [301, 505])
      expect(await refused(await adminCall('PUT', `/api/articles/${'a'.repeat(length)}`, { body: body() }))).toEqual(['id'])
    const batch = await adminCall('POST', '/api/articles', { body: [body({ id: 'a'.repeat(505) }), body({ section: longName(505) })] })
    expect(batch.status).toBe(400)
    expect(new Set(((await batch.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field))).toEqual(
      new Set(['0.id', '1.section']),
    )
    expect(await snapshotKv()).toEqual(before)
  })

  it('stores and serves an article at every cap: a 300-character id, section and author slugs of the longest length', async () => {
    const id = `x${'-y'.repeat(149)}z`.slice(0, MAX_ID_LENGTH)
    const name = longName(MAX_SLUG_LENGTH)
    const response = await adminCall('PUT', `/api/articles/${id}`, {
      body: body({ section: name, byline: undefined, authors: [{ name }] }),
    })
    expect(response.status).toBe(201)
    for (const path of [`/chuyen-muc/${slugOf(MAX_SLUG_LENGTH)}/rss.xml`, `/tac-gia/${slugOf(MAX_SLUG_LENGTH)}/feed.json`]) {
      const feed = await call(path)
      expect(feed.status, path).toBe(200)
      expect(await feed.text()).toContain(id)
    }
  })

  it('answers 404 for an overlong section or author path without asking KV, and the embed shows its empty list', async () => {
    const counted = countingKv(env.ARTICLES)
    for (const length of [MAX_SLUG_LENGTH + 1, 300, 504, 505]) {
      for (const path of [
        `/chuyen-muc/${slugOf(length)}/rss.xml`,
        `/tac-gia/${slugOf(length)}/atom.xml`,
        `/chuyen-muc/${slugOf(length)}/feed.json`,
      ]) {
        counted.reset()
        const response = await call(path, {}, { ARTICLES: counted.kv })
        expect(response.status, `${length}: ${path}`).toBe(404)
        expect(response.headers.get('Retry-After')).toBeNull()
        expect(reads(counted.calls), path).toBe(0)
      }
      counted.reset()
      const embed = await call(`/embed/headlines?section=${slugOf(length)}`, {}, { ARTICLES: counted.kv })
      expect(embed.status).toBe(200)
      expect(await embed.text()).toContain('Chưa có tin bài.')
      expect(reads(counted.calls)).toBe(0)
    }
  })
})

describe('KV refusing a call over its own limits', () => {
  beforeEach(() => clearKv())

  const refusal = (op: string) => new Error(`KV ${op} failed: 414 UTF-8 encoded length of 600 exceeds key length limit of 512.`)

  it('is a 500 problem without Retry-After (repeating cannot help), never a 503, and the log keeps KV’s words', async () => {
    const logged: string[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    try {
      const { kv: failing } = faultyKv(env.ARTICLES, {
        fails: (op) => op === 'put' || op === 'list',
        error: (op) => refusal(op === 'put' ? 'PUT' : 'GET'),
      })
      for (const response of [
        await adminCall('PUT', '/api/articles/bai-moi', { body: body(), vars: { ARTICLES: failing } }),
        await call('/rss.xml', {}, { ARTICLES: failing }),
      ]) {
        expect(response.status).toBe(500)
        expect(response.headers.get('Retry-After')).toBeNull()
        expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
        expect(JSON.stringify(await response.json())).not.toMatch(/414|512/)
      }
      const batch = await adminCall('POST', '/api/articles', { body: [body()], vars: { ARTICLES: failing } })
      expect(batch.status).toBe(500)
      expect(batch.headers.get('Retry-After')).toBeNull()
      expect(((await batch.json()) as { results: Array<{ status: number }> }).results.map((r) => r.status)).toEqual([500])
      expect(logged.join('\n')).toContain('exceeds key length limit of 512')
    } finally {
      console.error = original
    }
  })
})
