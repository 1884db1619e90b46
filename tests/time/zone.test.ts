import { formatInTimeZone } from 'date-fns-tz'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatLocalDay, formatNewsroom, formatRfc3339, formatRfc822, ZonedDate } from '../../src/time/zone'

/** Zones with DST, half- and quarter-hour offsets, a skipped day (Apia 2011) and the newsroom's. */
const ZONES = [
  'Asia/Ho_Chi_Minh',
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Europe/Moscow',
  'UTC',
]

const reference = {
  rfc822: (d: Date, tz: string) => formatInTimeZone(d, tz, 'EEE, dd MMM yyyy HH:mm:ss xx'),
  rfc3339: (d: Date, tz: string) => formatInTimeZone(d, tz, "yyyy-MM-dd'T'HH:mm:ssxxx"),
  day: (d: Date, tz: string) => formatInTimeZone(d, tz, 'yyyy-MM-dd'),
  newsroom: (d: Date, tz: string) => formatInTimeZone(d, tz, 'HH:mm, dd/MM/yyyy'),
}

describe('zoned date formatting (the fast path feeds use)', () => {
  it('prints the newsroom examples', () => {
    const d = new Date('2016-04-01T01:04:00Z')
    expect(formatRfc822(d)).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(formatRfc3339(d)).toBe('2016-04-01T08:04:00+07:00')
    expect(formatNewsroom(d)).toBe('08:04, 01/04/2016')
    const newYear = new Date('2016-12-31T17:20:00Z')
    expect(formatRfc822(newYear)).toBe('Sun, 01 Jan 2017 00:20:00 +0700')
    expect(formatLocalDay(newYear)).toBe('2017-01-01')
    expect(formatRfc822(new Date('2024-02-29T16:59:59Z'))).toBe('Thu, 29 Feb 2024 23:59:59 +0700')
    expect(formatRfc822(new Date('2024-02-29T17:00:00Z'))).toBe('Fri, 01 Mar 2024 00:00:00 +0700')
  })

  it('equals date-fns-tz formatInTimeZone for any instant 1970–2100 in zones with DST and odd offsets', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES), (ms, tz) => {
        const d = new Date(ms)
        expect(formatRfc822(d, tz)).toBe(reference.rfc822(d, tz))
        expect(formatRfc3339(d, tz)).toBe(reference.rfc3339(d, tz))
        expect(formatLocalDay(d, tz)).toBe(reference.day(d, tz))
        expect(formatNewsroom(d, tz)).toBe(reference.newsroom(d, tz))
      }),
      { numRuns: 3000 },
    )
  }, 60_000)

  it('is exact on both sides of DST transitions (every minute around them)', () => {
    const transitions = [
      ['Europe/London', '2016-03-27T01:00:00Z'],
      ['Europe/London', '2016-10-30T01:00:00Z'],
      ['America/New_York', '2024-03-10T07:00:00Z'],
      ['Australia/Lord_Howe', '2016-10-01T15:30:00Z'],
      ['Pacific/Apia', '2011-12-30T10:00:00Z'],
    ] as const
    for (const [tz, at] of transitions) {
      const t = Date.parse(at)
      for (let m = -90; m <= 90; m++) {
        const d = new Date(t + m * 60_000 + 59_999)
        expect(formatRfc3339(d, tz), `${tz} ${d.toJSON()}`).toBe(reference.rfc3339(d, tz))
      }
    }
  }, 30_000)

  it("follows the zone's history rather than a fixed +07:00 (South Vietnam kept +08:00 until 1975)", () => {
    const d = new Date('1970-06-01T00:00:00Z')
    expect(formatRfc3339(d, 'Asia/Ho_Chi_Minh')).toBe('1970-06-01T08:00:00+08:00')
    expect(formatRfc822(d, 'Asia/Ho_Chi_Minh')).toBe('Mon, 01 Jun 1970 08:00:00 +0800')
  })

  it('ZonedDate prints both forms, memoised, and follows setTime()', () => {
    const d = new ZonedDate('2016-04-01T01:04:00Z', 'Asia/Ho_Chi_Minh')
    expect(d.toUTCString()).toBe('Fri, 01 Apr 2016 08:04:00 +0700')
    expect(d.toISOString()).toBe('2016-04-01T08:04:00+07:00')
    d.setTime(Date.parse('2016-12-31T17:20:00Z'))
    expect(d.toUTCString()).toBe('Sun, 01 Jan 2017 00:20:00 +0700')
    expect(() => new ZonedDate(Number.NaN).toISOString()).toThrow(RangeError)
  })
})
