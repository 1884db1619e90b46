import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { articleStore } from '../../src/store/store'
import { indexKeys } from '../../src/store/keys'
import { article } from '../../fixtures/articles'
import { countingKv } from '../../fixtures/counting-kv'
import { clearKv } from '../helpers/kv'

const store = (kv: KVNamespace = env.ARTICLES) => articleStore(kv)

/** The registry keys in KV, with their display names: what `/`, OPML and the feeds read. */
async function registryKeys(): Promise<Record<string, string>> {
  const listed = await env.ARTICLES.list<{ name?: string }>({ prefix: 'ver:' })
  return Object.fromEntries(
    listed.keys.filter((k) => k.name !== 'ver:all').map((k) => [k.name, decodeURIComponent(k.metadata?.name ?? '')]),
  )
}

const a = article({ title: 'Phiên chợ quê', published: '08:00, 05/05/2021', section: 'Đời sống', byline: 'Tin, ảnh: Đức Toàn' })
const b = article({ title: 'Giải bóng đá', published: '09:00, 06/05/2021', section: 'Thể thao', byline: 'Minh Hằng' })

describe('registry of sections and authors', () => {
  beforeEach(() => clearKv())

  it('drops a section and an author with the delete of their last article, and keeps them while one is left', async () => {
    const second = article({ title: 'Chợ hoa ngày Tết', published: '08:00, 07/05/2021', section: 'Đời sống', byline: 'Minh Hằng' })
    for (const x of [a, b, second]) await store().put(x)
    expect(await registryKeys()).toEqual({
      'ver:sec:doi-song': 'Đời sống',
      'ver:sec:the-thao': 'Thể thao',
      'ver:aut:duc-toan': 'Đức Toàn',
      'ver:aut:minh-hang': 'Minh Hằng',
    })
    await store().delete(a.id)
    // Đời sống still has `second`; Đức Toàn had only `a`.
    expect(await registryKeys()).toEqual({
      'ver:sec:doi-song': 'Đời sống',
      'ver:sec:the-thao': 'Thể thao',
      'ver:aut:minh-hang': 'Minh Hằng',
    })
    expect(await store().registry('author')).toEqual([{ slug: 'minh-hang', name: 'Minh Hằng' }])
    await store().delete(second.id)
    expect(await registryKeys()).toEqual({ 'ver:sec:the-thao': 'Thể thao', 'ver:aut:minh-hang': 'Minh Hằng' })
    expect(await store().version({ kind: 'section', slug: 'doi-song', name: '' })).toBeNull()
    expect(await env.ARTICLES.get('ver:all')).not.toBeNull()
  })

  it('drops the section and author an article moves away from (PUT of the same id), and brings them back with the next article', async () => {
    await store().put(a)
    await store().put({
      ...a,
      section: { slug: 'kinh-te', name: 'Kinh tế' },
      authors: [{ name: 'Văn Đông', slug: 'van-dong', role: 'text' }],
    })
    expect(await registryKeys()).toEqual({ 'ver:sec:kinh-te': 'Kinh tế', 'ver:aut:van-dong': 'Văn Đông' })
    await store().put(b)
    await store().putMany([article({ title: 'Trở lại', published: '08:00, 08/05/2021', section: 'Đời sống', byline: 'Đức Toàn' })])
    expect(Object.keys(await registryKeys()).sort()).toEqual([
      'ver:aut:duc-toan',
      'ver:aut:minh-hang',
      'ver:aut:van-dong',
      'ver:sec:doi-song',
      'ver:sec:kinh-te',
      'ver:sec:the-thao',
    ])
  })

  it('keeps an author’s first spelling and a configured section’s own name, whatever later articles write', async () => {
    await store().put(
      article({ title: 'Bài đầu', published: '08:00, 01/05/2021', section: 'Đời sống', authors: [{ name: 'Thử Tác Giả' }] }),
    )
    await store().put(
      article({ title: 'Bài sau', published: '09:00, 02/05/2021', section: 'Đời sống', authors: [{ name: 'THU  TAC   GIA' }] }),
    )
    // A stored article may carry any spelling of a configured section (an old import, a hand edit).
    const odd = article({ title: 'Bài lạ', published: '10:00, 03/05/2021', section: 'Đời sống' })
    await store().put({ ...odd, section: { slug: 'doi-song', name: 'ĐỜI SỐNG (cũ)' } })
    await store().put(article({ title: 'Mục mới', published: '10:00, 03/05/2021', section: 'Ẩm thực Thành Nam' }))
    await store().put(article({ title: 'Mục mới lần hai', published: '11:00, 03/05/2021', section: 'ẨM THỰC THÀNH NAM' }))
    expect(await registryKeys()).toMatchObject({
      'ver:aut:thu-tac-gia': 'Thử Tác Giả',
      'ver:sec:doi-song': 'Đời sống',
      'ver:sec:am-thuc-thanh-nam': 'Ẩm thực Thành Nam',
    })
    expect((await store().version({ kind: 'author', slug: 'thu-tac-gia', name: '' }))?.name).toBe('Thử Tác Giả')
  })

  it('costs one extra read per store call for the names, and one list only for a scope a write took entries out of', async () => {
    const counted = countingKv(env.ARTICLES)
    await store(counted.kv).put(a)
    // The article's previous version (1 get) and the names of its section and author (1 bulk read).
    expect(counted.calls).toMatchObject({ get: 1, getWithMetadata: 1, list: 0 })
    counted.reset()
    await store(counted.kv).put({ ...a, title: 'Phiên chợ quê (sửa)' })
    expect(counted.calls).toMatchObject({ get: 1, getWithMetadata: 1, list: 0 })
    counted.reset()
    await store(counted.kv).put({ ...a, authors: [{ name: 'Minh Hằng', slug: 'minh-hang', role: 'text' }] })
    // Đức Toàn lost its entry: listed once, found empty, deleted, listed again against a racing write
    // (the second get is the move's own re-check of its entries, write.ts).
    expect(counted.calls).toMatchObject({ get: 2, getWithMetadata: 1, list: 2 })
  })

  it('puts the key back when a write elsewhere adds an article between its check and its delete', async () => {
    await store().put(a)
    const other = article({ title: 'Bài từ nơi khác', published: '10:00, 09/05/2021', section: 'Đời sống', byline: 'Đức Toàn' })
    // Another location's write lands in that window: its entries, then its registry key, just before the delete.
    let raced = false
    const racing = new Proxy(env.ARTICLES, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown
        if (prop !== 'delete') return typeof value === 'function' ? value.bind(target) : value
        return async (key: string) => {
          if (key === 'ver:sec:doi-song' && !raced) {
            raced = true
            await env.ARTICLES.put(`art:${other.id}`, JSON.stringify(other))
            await Promise.all(indexKeys(other).map((k) => env.ARTICLES.put(k, '', { metadata: { t: Date.now(), s: 1 } })))
            await env.ARTICLES.put('ver:sec:doi-song', JSON.stringify({ token: 'khac', at: new Date().toISOString() }), {
              metadata: { name: 'Đời sống' },
            })
          }
          return target.delete(key)
        }
      },
    })
    await store(racing).delete(a.id)
    expect(raced).toBe(true)
    expect(await registryKeys()).toMatchObject({ 'ver:sec:doi-song': 'Đời sống' })
    expect((await store().page({ kind: 'section', slug: 'doi-song', name: '' }, 10)).items.map((x) => x.id)).toEqual([other.id])
  })
})
