import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../fixtures/articles'
import { dueKey, indexKeys } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { realTime, setClock } from '../helpers/clock'
import { faultyKv } from '../helpers/faults'
import { clearKv } from '../helpers/kv'

/** The schedule's keys through writes, moves, deletes and racing promotions. */
const kv = env.ARTICLES
const store = () => articleStore(kv)

async function names(prefix: string): Promise<string[]> {
  return (await kv.list({ prefix })).keys.map((k) => k.name).sort()
}
const nextDue = () => kv.get<number>('sched:next', 'json')

const NOW = '2027-03-01T01:00:00Z'
const at = (hhmm: string) => `${hhmm}, 01/03/2027` // newsroom local time, Hà Nội
const input = { title: 'Bài hẹn giờ', section: 'Kinh tế', byline: 'Văn Đông', id: 'bai-hen-gio' }

describe('scheduled articles in KV', () => {
  beforeEach(async () => {
    await clearKv()
    setClock(NOW) // 08:00 in Hà Nội
  })
  afterEach(realTime)

  it('a scheduled write stores the article and one due key, no index entry, no feed version', async () => {
    const a = article({ ...input, published: at('09:00') })
    expect(await store().put(a)).toMatchObject({ created: true })
    expect(await store().get(a.id)).toMatchObject({ title: input.title })
    expect(await names('due:')).toEqual([dueKey(a)])
    expect(await names('idx:')).toEqual([])
    expect(await names('ver:')).toEqual([])
    expect(await nextDue()).toBe(Date.parse(a.published))
  })

  it('rescheduling leaves only the new due key; sched:next follows the sooner time', async () => {
    const first = article({ ...input, published: at('10:00') })
    await store().put(first)
    const sooner = article({ ...input, published: at('09:00') })
    await store().put(sooner)
    expect(await names('due:')).toEqual([dueKey(sooner)])
    expect(await nextDue()).toBe(Date.parse(sooner.published))
    const later = article({ ...input, published: at('11:00') })
    await store().put(later)
    expect(await names('due:')).toEqual([dueKey(later)])
    // Still 09:00, a hint only: the promotion at 09:00 finds nothing and moves it on.
    setClock('2027-03-01T02:00:01Z')
    expect(await store().promote()).toEqual([])
    expect(await nextDue()).toBe(Date.parse(later.published))
  })

  it('publishing early (time moved into the past) indexes it and leaves no due key', async () => {
    await store().put(article({ ...input, published: at('10:00') }))
    const early = article({ ...input, published: at('07:55') })
    await store().put(early)
    expect(await names('due:')).toEqual([])
    expect(await names('idx:')).toEqual(indexKeys(early).sort())
    expect(await names('ver:')).toEqual(['ver:all', 'ver:aut:van-dong', 'ver:sec:kinh-te'])
  })

  it('moving a published article into the future takes it out of its feeds until then', async () => {
    await store().put(article({ ...input, published: at('07:00') }))
    const later = article({ ...input, published: at('12:00') })
    await store().put(later)
    expect(await names('idx:')).toEqual([])
    expect(await names('due:')).toEqual([dueKey(later)])
    expect((await store().page({ kind: 'all' }, 20)).items).toEqual([])
  })

  it('deleting a scheduled article leaves no due key', async () => {
    const a = article({ ...input, published: at('10:00') })
    await store().put(a)
    expect(await store().delete(a.id)).toMatchObject({ id: a.id })
    expect(await names('due:')).toEqual([])
    expect(await names('art:')).toEqual([])
  })

  it('promotions racing in many isolates at the due time leave exactly one set of index entries', async () => {
    const a = article({ ...input, published: at('09:00') })
    const b = article({ ...input, id: 'bai-hen-gio-hai', title: 'Bài hai', published: at('09:00'), byline: 'Minh Hằng' })
    await store().putMany([a, b])
    setClock('2027-03-01T02:00:00Z') // exactly 09:00
    // Separate stores: each its own locks and promotion gate, as separate isolates have.
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => store().promote()))
    expect(outcomes.flat().length).toBeGreaterThanOrEqual(2)
    expect(await names('idx:')).toEqual([...indexKeys(a), ...indexKeys(b)].sort())
    expect(await names('due:')).toEqual([])
    expect(await nextDue()).toBeNull()
    expect((await store().page({ kind: 'all' }, 20)).items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
  })

  it('a batch of scheduled articles writes sched:next once, with the soonest time', async () => {
    const times = ['11:00', '09:30', '10:00']
    await store().putMany(times.map((t, i) => article({ ...input, id: `bai-${i}`, published: at(t) })))
    expect(await names('due:')).toHaveLength(3)
    expect(await nextDue()).toBe(Date.parse('2027-03-01T02:30:00Z'))
  })

  it('a future article stored before scheduling existed (index entries, no due key) is skipped by pages, never repaired away', async () => {
    const legacy = article({ ...input, published: at('09:00') })
    const now = article({ ...input, id: 'bai-da-dang', title: 'Bài đã đăng', published: at('07:00') })
    await store().put(now)
    await kv.put(`art:${legacy.id}`, JSON.stringify(legacy))
    for (const key of indexKeys(legacy)) await kv.put(key, '', { metadata: { t: 0, s: 1 } })
    const page = await articleStore(kv, { settleMs: 0 }).page({ kind: 'all' }, 20)
    expect(page.items.map((a) => a.id)).toEqual([now.id])
    expect(await names('idx:')).toEqual([...indexKeys(now), ...indexKeys(legacy)].sort())
  })

  it('an article that fails to move stays due, and does not keep the others from their feeds', async () => {
    const failing = article({ ...input, id: 'bai-loi', published: at('09:00') })
    const fine = article({ ...input, id: 'bai-tot', published: at('09:00'), byline: 'Minh Hằng' })
    await store().putMany([failing, fine])
    setClock('2027-03-01T02:00:01Z')
    const faulty = faultyKv(kv, {
      fails: (op, _n, key) => op === 'put' && typeof key === 'string' && key.startsWith('idx:') && key.endsWith(':bai-loi'),
    })
    expect((await articleStore(faulty.kv).promote()).map((a) => a.id)).toEqual([fine.id])
    expect(await names('due:')).toEqual([dueKey(failing)])
    expect(await nextDue()).toBe(Date.parse(failing.published))
    // The next promotion, with KV well again, moves it.
    expect((await store().promote()).map((a) => a.id)).toEqual([failing.id])
    expect(await names('idx:')).toEqual([...indexKeys(failing), ...indexKeys(fine)].sort())
  })
})
