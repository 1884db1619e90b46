import { describe, expect, it } from 'vitest'
import { buildArticle } from '../../src/articles/schema'

describe('article schema', () => {
  const base = { title: 'Giờ địa phương', paragraphs: ['Nội dung.'] }

  it('reads newsroom local times day first in Asia/Ho_Chi_Minh', () => {
    const result = buildArticle({ ...base, published: '08:04, 01/04/2016' }, { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Ho_Chi_Minh' })
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
    const result = buildArticle({ ...base, published: '2016-04-01T08:04:00+07:00' }, { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Tokyo' })
    expect(result).toMatchObject({ ok: true, article: { published: '2016-04-01T01:04:00.000Z' } })
  })

  it('rejects an updated time before the published one, naming the field', () => {
    const result = buildArticle({ ...base, published: '08:04, 01/04/2016', updated: '07:00, 01/04/2016' }, { siteUrl: 'https://baonamdinh.vn', timeZone: 'Asia/Ho_Chi_Minh' })
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'updated', reason: 'must not be before published' }] })
  })
})
