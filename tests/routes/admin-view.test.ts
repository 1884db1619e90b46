import { describe, expect, it } from 'vitest'
import { article } from '../../fixtures/articles'
import { adminView } from '../../src/routes/admin-view'
import { parseNewsroomTime } from '../../src/time/zone'

describe('adminView', () => {
  const stored = article({ title: 'Bài hẹn giờ', published: '2027-01-05T01:00:00Z', updated: '2027-01-05T17:30:00.250Z' })

  it('writes published and updated as RFC 3339 with the zone’s offset, to the millisecond when there is one', () => {
    expect(stored).toMatchObject({ published: '2027-01-05T01:00:00.000Z', updated: '2027-01-05T17:30:00.250Z' })
    const view = adminView(stored, 'Asia/Ho_Chi_Minh', Date.parse('2026-12-01T00:00:00Z'))
    const time = { published: '2027-01-05T08:00:00+07:00', updated: '2027-01-06T00:30:00.250+07:00' }
    expect(view).toEqual({ ...stored, ...time, status: 'scheduled' })
    // Read back, each is the instant stored.
    for (const field of ['published', 'updated'] as const)
      expect(parseNewsroomTime(view[field] as string)?.toISOString()).toBe(stored[field])
  })

  it('takes the offset from the zone’s rules for that instant, not a fixed number of hours', () => {
    const summer = article({ title: 'Mùa hè', published: '2024-07-01T10:00:00Z' })
    const winter = article({ title: 'Mùa đông', published: '2024-01-01T10:00:00Z' })
    expect(adminView(summer, 'Europe/Berlin').published).toBe('2024-07-01T12:00:00+02:00')
    expect(adminView(winter, 'Europe/Berlin').published).toBe('2024-01-01T11:00:00+01:00')
  })

  it('says scheduled until the publication instant, published from it on', () => {
    const at = Date.parse(stored.published)
    expect(adminView(stored, 'Asia/Ho_Chi_Minh', at - 1).status).toBe('scheduled')
    expect(adminView(stored, 'Asia/Ho_Chi_Minh', at).status).toBe('published')
  })

  it('adds no updated when there is none, and leaves the stored article as it was', () => {
    const plain = article({ title: 'Không sửa', published: '08:04, 01/04/2016' })
    const copy = structuredClone(plain)
    expect(adminView(plain, 'Asia/Ho_Chi_Minh')).not.toHaveProperty('updated')
    expect(plain).toEqual(copy)
  })
})
