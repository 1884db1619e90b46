import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../helpers/admin'
import { realTime, setClock } from '../../helpers/clock'
import { clearKv } from '../../helpers/kv'

/** GET /api/articles?status=…: the newsroom's listing, paged, each article with its status. */
interface Listing {
  status: string
  items: Array<{ id: string; status: string; published: string; content?: unknown }>
  next?: string
}

async function list(query: string): Promise<Listing> {
  const response = await call('GET', `/api/articles${query}`)
  expect(response.status, query).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  return (await response.json()) as Listing
}

async function all(query: string): Promise<Listing['items']> {
  const items: Listing['items'] = []
  for (let next: string | undefined = `/api/articles${query}`; next;) {
    const page = await list(next.slice('/api/articles'.length))
    items.push(...page.items)
    next = page.next
  }
  return items
}

describe('admin API: listing by status', () => {
  beforeAll(async () => {
    await clearKv()
    setClock('2026-12-01T01:00:00Z') // 08:00, 01/12/2026 in Hà Nội
    const times = [
      '07:10, 01/12/2026',
      '10:00, 02/12/2026',
      '06:00, 01/12/2026',
      '09:00, 01/12/2026',
      '07:30, 01/12/2026',
      '08:30, 01/12/2026',
    ]
    for (const [i, published] of times.entries())
      expect(
        (await call('PUT', `/api/articles/bai-${i}`, { body: { title: `Bài ${i}`, published, paragraphs: ['Nội dung.'] } })).status,
      ).toBe(201)
  })
  afterAll(realTime)

  it('scheduled: soonest first, in the paper zone, without the body, paged by a cursor', async () => {
    const items = await all('?status=scheduled&limit=2')
    expect(items.map((i) => [i.id, i.published, i.status])).toEqual([
      ['bai-5', '2026-12-01T08:30:00+07:00', 'scheduled'],
      ['bai-3', '2026-12-01T09:00:00+07:00', 'scheduled'],
      ['bai-1', '2026-12-02T10:00:00+07:00', 'scheduled'],
    ])
    expect(items[0]).not.toHaveProperty('content')
  })

  it('published: newest first (the default status), paged', async () => {
    expect((await all('?limit=1')).map((i) => [i.id, i.status])).toEqual([
      ['bai-4', 'published'],
      ['bai-0', 'published'],
      ['bai-2', 'published'],
    ])
  })

  it('bad parameters are 400 problem+json naming the parameter', async () => {
    const scheduledCursor = (await list('?status=scheduled&limit=1')).next?.split('cursor=')[1] as string
    for (const [query, field] of [
      ['?status=draft', 'status'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?cursor=abc', 'cursor'],
      // A scheduled listing's cursor is no cursor of the published one.
      [`?status=published&cursor=${scheduledCursor}`, 'cursor'],
    ]) {
      const response = await call('GET', `/api/articles${query}`)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('Content-Type'), query).toMatch(/^application\/problem\+json/)
      expect(
        ((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
        query,
      ).toEqual([field])
    }
  })

  it('needs the admin token like the rest of the API', async () => {
    expect((await call('GET', '/api/articles?status=scheduled', { token: null })).status).toBe(401)
  })
})
