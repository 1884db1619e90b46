import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { articleFacts, checkStore, repairPlan, type ArticleFacts, type ListedKey } from '../../src/store/fsck'
import { indexKeys, sortKey } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { article } from '../../fixtures/articles'
import { clearKv } from '../helpers/kv'

/** The namespace as fsck sees it: every key with metadata, and the facts of every article. */
async function look(): Promise<{ keys: ListedKey[]; facts: Map<string, ArticleFacts> }> {
  const keys = (await env.ARTICLES.list()).keys.map((k) => ({ name: k.name, metadata: k.metadata }))
  const facts = new Map<string, ArticleFacts>()
  for (const { name } of keys.filter((k) => k.name.startsWith('art:'))) {
    const fact = articleFacts(name, (await env.ARTICLES.get(name)) as string)
    if ('id' in fact) facts.set(fact.id, fact)
  }
  return { keys, facts }
}

describe('store check (fsck)', () => {
  beforeEach(() => clearKv())

  it('finds nothing in what the store writes, moves and deletes', async () => {
    const store = articleStore(env.ARTICLES)
    const a = article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    const b = article({ title: 'Bài hai', published: '09:00, 01/05/2021', section: 'Xã hội', byline: 'Tin, ảnh: Đức Toàn' })
    await store.put(a)
    await store.put(b)
    await store.put({ ...a, section: { slug: 'xa-hoi', name: 'Xã hội' }, published: '2021-05-02T01:00:00.000Z' })
    await store.delete(b.id)
    const { keys, facts } = await look()
    // Deleting b leaves the feed of Đức Toàn without articles: reported, not repaired.
    expect(checkStore(keys, facts, Date.now(), 60_000)).toEqual({ articles: 1, entries: 3, dead: [], missing: [], unsized: [], emptyScopes: ['ver:aut:duc-toan', 'ver:sec:kinh-te'], overdue: [] })
  })

  it('plans deletes of old dead entries, puts of missing and unsized ones, and leaves young dead ones', async () => {
    const a = article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    await articleStore(env.ARTICLES).put(a)
    const [all, section] = indexKeys(a) as [string, string]
    await env.ARTICLES.delete(all)
    await env.ARTICLES.put(section, '')
    const dead = `idx:all:${sortKey({ id: 'mat', published: '2021-01-01T00:00:00.000Z' })}`
    const young = `idx:all:${sortKey({ id: 'moi', published: '2021-01-01T00:00:00.000Z' })}`
    await env.ARTICLES.put(dead, '', { metadata: { t: 0, s: 1 } })
    await env.ARTICLES.put(young, '', { metadata: { t: Date.now(), s: 1 } })
    const { keys, facts } = await look()
    const s = new TextEncoder().encode((await env.ARTICLES.get(`art:${a.id}`)) as string).length
    const plan = repairPlan(checkStore(keys, facts, Date.now(), 60_000))
    expect(plan.delete).toEqual([dead])
    expect(plan.put.map((p) => [p.key, p.metadata.s]).sort()).toEqual([[all, s], [section, s]].sort())
  })
})
