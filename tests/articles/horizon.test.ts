import { afterEach, describe, expect, it } from 'vitest'
import { config } from '../../fixtures/articles'
import { tooFarAhead } from '../../src/articles/horizon'
import { buildArticle } from '../../src/articles/schema'
import { dumpToArticle, formatProblem } from '../../src/ingest/files'
import { realTime, setClock } from '../helpers/clock'

/** A publication time more than a year ahead is a typo: refused everywhere input comes in, naming `published`. */
const NOW = '2026-12-01T01:00:00Z' // 08:00, 01/12/2026 in Hà Nội
const context = { siteUrl: config.siteUrl, timeZone: config.timeZone }
const body = (published: string) => ({ title: 'Bài hẹn quá xa', published, paragraphs: ['Nội dung.'] })

describe('how far ahead an article may be scheduled', () => {
  afterEach(realTime)

  it('up to one calendar year from now, to the millisecond', () => {
    const now = new Date(NOW)
    expect(tooFarAhead(new Date('2027-12-01T01:00:00Z'), now)).toBeUndefined()
    expect(tooFarAhead(new Date('2027-12-01T01:00:00.001Z'), now)).toMatch(/hơn một năm.*2027-12-01T08:00:00\+07:00/)
    // A year from 29 February is 28 February (date-fns), not 365 days.
    expect(tooFarAhead(new Date('2029-03-01T00:00:00Z'), new Date('2028-02-29T00:00:00Z'))).toBeDefined()
    expect(tooFarAhead(new Date('2029-02-28T00:00:00Z'), new Date('2028-02-29T00:00:00Z'))).toBeUndefined()
  })

  it('the schema refuses the typo year, naming published, and keeps the next months', () => {
    setClock(NOW)
    const typo = buildArticle(body('08:00, 01/04/2106'), context)
    expect(typo.ok).toBe(false)
    expect(!typo.ok && typo.issues.map((i) => i.field)).toEqual(['published'])
    expect(buildArticle(body('08:00, 05/01/2027'), context).ok).toBe(true)
  })

  it('the importer points at the date line of the dump (file:line)', () => {
    setClock(NOW)
    const text = 'Tiêu đề bài\n\n08:04, 01/04/2106\n\nSáng 1-4, hội nghị khai mạc./.\n\nVăn ĐôngBÁO NAM ĐỊNH ĐIỆN TỬ\n'
    const result = dumpToArticle({ path: 'thoi-su/bai.txt', text }, { ...context, masthead: config.masthead })
    expect(result.ok).toBe(false)
    expect(!result.ok && formatProblem(result)).toMatch(/^thoi-su\/bai\.txt:3: published: hơn một năm/)
  })
})
