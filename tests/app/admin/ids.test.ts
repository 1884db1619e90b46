import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { articleStore } from '../../../src/store/store'
import { clearKv } from '../../helpers/kv'
import { call } from '../../helpers/admin'

const ID = '2016-04-01-khai-mac-hoi-nghi'
const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Sáng 1-4, hội nghị khai mạc tại Nam Định.'],
  section: 'Thời sự',
  byline: 'Đức Toàn',
  ...extra,
})

interface Result {
  index: number
  id?: string
  status: number
  errors?: Array<{ field: string; reason: string }>
  conflict?: { id: string; stored: { title: string; published: string }; sent: { title: string; published: string } }
}

async function post(elements: unknown[]): Promise<{ status: number; results: Result[]; json: Record<string, unknown> }> {
  const res = await call('POST', '/api/articles', { body: elements })
  const json = (await res.json()) as { results: Result[] }
  return { status: res.status, results: json.results, json }
}

/** Every article stored, by id, and the ids in the site-wide index: what a reader could ever see. */
async function stored(): Promise<{ titles: Record<string, string>; indexed: string[] }> {
  const titles: Record<string, string> = {}
  for (const { name } of (await env.ARTICLES.list({ prefix: 'art:' })).keys)
    titles[name.slice(4)] = ((await env.ARTICLES.get(name, 'json')) as { title: string }).title
  const indexed = (await env.ARTICLES.list({ prefix: 'idx:all:' })).keys.map((k) => k.name.slice(k.name.lastIndexOf(':') + 1))
  return { titles, indexed }
}

describe('derived ids never replace a different article', () => {
  beforeEach(() => clearKv())

  it('answers 409 for the colliding element, naming both, and still writes the others', async () => {
    expect((await post([body()])).results[0]).toMatchObject({ id: ID, status: 201 })
    // Same day, same slug, different title: the derived id is taken by another article.
    const { status, results } = await post([
      body({ title: 'Khai mac hoi nghi', published: '15:30, 01/04/2016' }),
      body({ title: 'Bế mạc hội nghị' }),
    ])
    expect(status).toBe(200)
    expect(results[1]).toMatchObject({ status: 201, id: '2016-04-01-be-mac-hoi-nghi' })
    expect(results[0]).toMatchObject({
      index: 0,
      id: ID,
      status: 409,
      conflict: {
        id: ID,
        stored: { title: 'Khai mạc hội nghị', published: '2016-04-01T08:04:00+07:00' },
        sent: { title: 'Khai mac hoi nghi', published: '2016-04-01T15:30:00+07:00' },
      },
    })
    const reason = results[0]?.errors?.[0]
    expect(reason?.field).toBe('id')
    expect(reason?.reason).toContain('"Khai mạc hội nghị" (đăng 2016-04-01T08:04:00+07:00)')
    expect(reason?.reason).toContain('"Khai mac hoi nghi" (đăng 2016-04-01T15:30:00+07:00)')
    expect(await stored()).toEqual({
      titles: { [ID]: 'Khai mạc hội nghị', '2016-04-01-be-mac-hoi-nghi': 'Bế mạc hội nghị' },
      indexed: expect.arrayContaining([ID, '2016-04-01-be-mac-hoi-nghi']),
    })
  })

  it('a batch of only collisions is a 409 problem, and nothing changes', async () => {
    await post([body()])
    const before = await stored()
    const res = await call('POST', '/api/articles', { body: [body({ published: '09:00, 01/04/2016' })] })
    expect(res.status).toBe(409)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as { title: string; errors: Array<{ field: string }>; results: Result[] }
    expect(problem.title).toBe('Không lưu được bài nào')
    expect(problem.errors.map((e) => e.field)).toEqual(['0.id'])
    expect(problem.results[0]?.conflict?.stored.published).toBe('2016-04-01T08:04:00+07:00')
    expect(await stored()).toEqual(before)
  })

  it('replaces the same article sent again (same title in any normal form, same instant)', async () => {
    await post([body()])
    const again = await post([
      body({ title: 'Khai mạc hội nghị'.normalize('NFD'), published: '2016-04-01T01:04:00Z', paragraphs: ['Bản sửa.'] }),
    ])
    expect(again.results[0]).toMatchObject({ id: ID, status: 200 })
    expect((await articleStore(env.ARTICLES).get(ID))?.content).toContain('Bản sửa.')
  })

  it('never guards an explicit id: PUT and batch elements with an id replace on purpose', async () => {
    await post([body()])
    expect(
      (await call('PUT', `/api/articles/${ID}`, { body: body({ title: 'Tiêu đề khác hẳn', published: '10:00, 02/04/2016' }) })).status,
    ).toBe(200)
    expect((await post([body({ id: ID, title: 'Lại khác', published: '11:00, 03/04/2016' })])).results[0]).toMatchObject({
      id: ID,
      status: 200,
    })
    expect((await stored()).titles).toEqual({ [ID]: 'Lại khác' })
  })

  it('loses no article when many requests collide on one derived id at once', async () => {
    const sends = Array.from({ length: 12 }, (_, i) => body({ published: `08:${String(10 + i)}, 01/04/2016`, paragraphs: [`Bản ${i}`] }))
    const answers = await Promise.all(sends.map((b) => post([b])))
    const won = answers.flatMap((a, i) => (a.results[0]?.status === 201 ? [i] : []))
    expect(won).toHaveLength(1)
    const winner = sends[won[0] as number] as ReturnType<typeof body>
    for (const a of answers.filter((_, i) => i !== won[0])) {
      expect(a.status).toBe(409)
      expect(a.results[0]?.conflict?.stored.published).toBe(`2016-04-01T${(winner.published as string).slice(0, 5)}:00+07:00`)
    }
    const stock = await stored()
    expect(stock).toEqual({ titles: { [ID]: 'Khai mạc hội nghị' }, indexed: [ID] })
    expect((await articleStore(env.ARTICLES).get(ID))?.content).toContain(winner.paragraphs[0] as string)
  })

  it('gives titles without Latin letters, and long titles that differ only after 300 characters, ids of their own', async () => {
    const long = 'Hội nghị tổng kết công tác năm '.repeat(12)
    const titles = ['中文标题', '😀 🎉', `${long}lần thứ nhất`, `${long}lần thứ hai`]
    const { results } = await post(titles.map((title) => body({ title })))
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201])
    const ids = results.map((r) => r.id as string)
    expect(new Set(ids).size).toBe(4)
    for (const id of ids) expect(id).toMatch(/^2016-04-01-[a-z0-9]/)
    expect(ids).not.toContain('2016-04-01')
    expect(Object.keys((await stored()).titles).sort()).toEqual([...ids].sort())
  })
})
