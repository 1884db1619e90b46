import { afterEach, describe, expect, it } from 'vitest'
import { call } from '../../helpers/admin'
import { realTime, setClock } from '../../helpers/clock'

/** The admin API refuses a publication time more than a year ahead (src/articles/horizon.ts). */
const NOW = '2026-12-01T01:00:00Z'
const body = (published: string) => ({ title: 'Bài hẹn quá xa', published, paragraphs: ['Nội dung.'] })

describe('admin API: a typo year', () => {
  afterEach(realTime)

  it('PUT and each batch element answer 400 problem+json naming published; nothing is stored', async () => {
    setClock(NOW)
    const put = await call('PUT', '/api/articles/bai-hen-qua-xa', { body: body('08:00, 01/04/2106') })
    expect(put.status).toBe(400)
    expect(put.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    const problem = (await put.json()) as { errors: Array<{ field: string; reason: string }> }
    expect(problem.errors).toEqual([{ field: 'published', reason: expect.stringContaining('gõ nhầm') }])
    expect((await call('GET', '/api/articles/bai-hen-qua-xa')).status).toBe(404)

    const batch = await call('POST', '/api/articles', {
      body: [body('08:00, 01/04/2106'), { ...body('08:00, 05/01/2027'), title: 'Bài hẹn tháng Giêng' }],
    })
    expect(batch.status).toBe(200)
    const { results } = (await batch.json()) as { results: Array<{ status: number; errors?: Array<{ field: string }> }> }
    expect(results.map((r) => r.status)).toEqual([400, 201])
    expect(results[0]?.errors?.map((e) => e.field)).toEqual(['published'])
  })
})
