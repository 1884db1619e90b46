import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { articleStore } from '../../src/store/store'
import { sortKey } from '../../src/store/keys'
import { article } from '../../fixtures/articles'
import { countingKv, reads } from '../../fixtures/counting-kv'
import { clearKv } from '../helpers/kv'

const store = () => articleStore(env.ARTICLES)

async function allIds(scope: Parameters<ReturnType<typeof store>['page']>[0], limit = 3): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = await store().page(scope, limit, cursor)
    ids.push(...page.items.map((a) => a.id))
    cursor = page.next
  } while (cursor)
  return ids
}

describe('article store', () => {
  beforeEach(() => clearKv())

  it('sorts newest first by publication instant, across the epoch bound', () => {
    const older = sortKey({ id: 'a', published: '1960-01-01T00:00:00.000Z' })
    const newer = sortKey({ id: 'a', published: '2016-04-01T01:04:00.000Z' })
    expect(newer < older).toBe(true)
    expect(newer).toMatch(/^\d{16}:a$/)
  })

  it('stores, reads back and reports create versus replace', async () => {
    const a = article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Tin, ảnh: Đức Toàn' })
    expect(await store().put(a)).toMatchObject({ created: true, previous: null })
    expect(await store().get(a.id)).toEqual(a)
    expect((await store().put({ ...a, title: 'Khai mạc hội nghị (cập nhật)' })).created).toBe(false)
    expect((await store().get(a.id))?.title).toBe('Khai mạc hội nghị (cập nhật)')
  })

  it('pages every article exactly once, newest first, in every scope', async () => {
    const written = []
    for (let day = 1; day <= 10; day++) {
      const a = article({
        title: `Tin số ${day}`,
        published: `08:00, ${day}/03/2020`,
        section: day % 2 ? 'Thể thao' : 'Kinh tế',
        byline: day % 3 ? 'Minh Hằng' : 'Tin: Minh Hằng - Ảnh: Việt Dư',
      })
      await store().put(a)
      written.push(a)
    }
    const newestFirst = written.map((a) => a.id).reverse()
    expect(await allIds({ kind: 'all' })).toEqual(newestFirst)
    expect(await allIds({ kind: 'section', slug: 'the-thao', name: 'Thể thao' })).toEqual(newestFirst.filter((_, i) => i % 2 === 1))
    expect(await allIds({ kind: 'author', slug: 'viet-du', name: 'Việt Dư' })).toEqual(
      written
        .filter((_, i) => (i + 1) % 3 === 0)
        .map((a) => a.id)
        .reverse(),
    )
  })

  it('moves an article between feeds when its section, authors or date change, leaving no stale entry', async () => {
    const a = article({ title: 'Đổi chuyên mục', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    await store().put(a)
    const moved = article({ title: 'Đổi chuyên mục', published: '09:00, 02/05/2021', section: 'Xã hội', byline: 'Thanh Thúy', id: a.id })
    await store().put(moved)
    expect(await allIds({ kind: 'section', slug: 'kinh-te', name: '' })).toEqual([])
    expect(await allIds({ kind: 'section', slug: 'xa-hoi', name: '' })).toEqual([a.id])
    expect(await allIds({ kind: 'author', slug: 'van-dong', name: '' })).toEqual([])
    expect(await allIds({ kind: 'all' })).toEqual([a.id])
    const keys = (await env.ARTICLES.list({ prefix: 'idx:' })).keys.map((k) => k.name)
    expect(keys).toHaveLength(3)
  })

  it('deletes an article from every feed', async () => {
    const a = article({ title: 'Sẽ bị gỡ', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    await store().put(a)
    expect((await store().delete(a.id))?.id).toBe(a.id)
    expect(await store().get(a.id)).toBeNull()
    expect(await allIds({ kind: 'all' })).toEqual([])
    expect((await env.ARTICLES.list({ prefix: 'idx:' })).keys).toEqual([])
    expect(await store().delete(a.id)).toBeNull()
  })

  it('keeps every one of many concurrent writes (no shared index to lose them in)', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      article({
        title: `Bài đồng thời ${i}`,
        published: `2022-06-01 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        section: 'Thời sự',
        byline: 'Đức Toàn',
      }),
    )
    await Promise.all(many.map((a) => store().put(a)))
    const ids = await allIds({ kind: 'all' }, 100)
    expect(new Set(ids)).toEqual(new Set(many.map((a) => a.id)))
    expect(ids).toHaveLength(60)
  })

  it('skips index entries whose article is gone or has moved (an interrupted write never breaks a page)', async () => {
    const a = article({ title: 'Bài còn', published: '08:00, 01/05/2021' })
    const b = article({ title: 'Bài mất', published: '09:00, 01/05/2021' })
    await store().put(a)
    await env.ARTICLES.put(`idx:all:${sortKey(b)}`, '')
    await env.ARTICLES.put(`idx:all:${sortKey({ ...a, published: '2021-05-01T03:00:00.000Z' })}`, '')
    expect(await allIds({ kind: 'all' })).toEqual([a.id])
  })

  it('skips a leftover entry in a feed the article no longer belongs to', async () => {
    const a = article({ title: 'Bài chuyển mục', published: '08:00, 01/05/2021', section: 'Xã hội' })
    await store().put(a)
    await env.ARTICLES.put(`idx:sec:kinh-te:${sortKey(a)}`, '')
    expect(await allIds({ kind: 'section', slug: 'kinh-te', name: '' })).toEqual([])
    expect(await allIds({ kind: 'section', slug: 'xa-hoi', name: '' })).toEqual([a.id])
  })

  it('costs the same KV reads for a page whatever the archive size', async () => {
    const counted = countingKv(env.ARTICLES)
    const s = articleStore(counted.kv)
    for (let i = 0; i < 30; i++) await store().put(article({ title: `Bài ${i}`, published: `2023-01-01 08:${String(i).padStart(2, '0')}` }))
    counted.reset()
    await s.page({ kind: 'all' }, 10)
    const small = reads(counted.calls)
    for (let i = 30; i < 130; i++)
      await store().put(
        article({
          title: `Bài ${i}`,
          published: `2023-01-02 ${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        }),
      )
    counted.reset()
    await s.page({ kind: 'all' }, 10)
    expect(reads(counted.calls)).toBe(small)
    expect(small).toBe(2) // one list, one bulk get
  })

  it('stamps every write with a revision of its content, the same for the same content', async () => {
    const a = article({ title: 'Bản tin có phiên bản', published: '08:00, 01/05/2021', section: 'Thời sự', byline: 'Văn Đông' })
    await store().put(a)
    expect(a.rev).toMatch(/^[0-9a-f]{16}$/)
    const stored = await store().get(a.id)
    expect(stored?.rev).toBe(a.rev)
    expect((await store().page({ kind: 'all' }, 10)).items[0]?.rev).toBe(a.rev)
    const again = structuredClone(a)
    await store().put(again)
    expect(again.rev).toBe(a.rev)
    const edited = { ...a, title: 'Bản tin có phiên bản (sửa)' }
    await store().put(edited)
    expect(edited.rev).toMatch(/^[0-9a-f]{16}$/)
    expect(edited.rev).not.toBe(a.rev)
  })

  it('derives the revision of an article stored without one (older code) from its stored JSON', async () => {
    const a = article({ title: 'Bài lưu từ trước', published: '08:00, 01/05/2021', section: 'Thời sự', byline: 'Văn Đông' })
    await store().put(structuredClone(a))
    const rewritten = (await store().get(a.id))?.rev
    // As the code before revisions wrote it: the article's JSON, no rev.
    await env.ARTICLES.put(`art:${a.id}`, JSON.stringify(a))
    expect(a.rev).toBeUndefined()
    expect((await store().get(a.id))?.rev).toBe(rewritten)
    expect((await store().page({ kind: 'section', slug: 'thoi-su', name: '' }, 10)).items.map((i) => i.rev)).toEqual([rewritten])
  })

  it('rejects a cursor it did not issue', async () => {
    await expect(store().page({ kind: 'all' }, 10, 'bm90LWEtY3Vyc29y')).rejects.toThrow(/cursor/)
  })

  it('registers sections and authors with their Vietnamese names', async () => {
    await store().put(article({ title: 'Đời sống mới', published: '08:00, 01/05/2021', section: 'Đời sống', byline: 'Tin, ảnh: Đức Toàn' }))
    expect(await store().registry('section')).toEqual([{ slug: 'doi-song', name: 'Đời sống' }])
    expect(await store().registry('author')).toEqual([{ slug: 'duc-toan', name: 'Đức Toàn' }])
    expect(await store().version({ kind: 'section', slug: 'doi-song', name: '' })).toMatchObject({ name: 'Đời sống' })
  })
})
