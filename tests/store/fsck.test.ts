import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articleFacts, checkStore, type ArticleFacts, type ListedKey } from '../../src/store/fsck'
import { repairPlan } from '../../src/store/fsck-plan'
import { siteConfig } from '../../src/config/masthead'
import { feedOutputs } from '../../src/feeds/outputs'
import { itemContext } from '../../src/feeds/view'
import { dueKey, indexKeys, outputKey, sortKey } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { article } from '../../fixtures/articles'
import { realTime, setClock } from '../helpers/clock'
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

  const outputs = feedOutputs(itemContext(siteConfig({})))

  it('finds nothing in what the store writes, moves and deletes', async () => {
    const store = articleStore(env.ARTICLES, { outputs })
    const a = article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    const b = article({ title: 'Bài hai', published: '09:00, 01/05/2021', section: 'Xã hội', byline: 'Tin, ảnh: Đức Toàn' })
    await store.put(a)
    await store.put(b)
    await store.put({ ...a, section: { slug: 'xa-hoi', name: 'Xã hội' }, published: '2021-05-02T01:00:00.000Z' })
    await store.delete(b.id)
    const { keys, facts } = await look()
    // The store itself took Đức Toàn and Kinh tế out of the registry with their last articles.
    expect(checkStore(keys, facts, Date.now(), 60_000)).toEqual({
      articles: 1,
      entries: 3,
      dead: [],
      missing: [],
      unsized: [],
      emptyScopes: [],
      overdue: [],
      unregistered: [],
      unrendered: [],
    })
  })

  it('finds stored outputs of no article (left by a delete without the renderer), and plans their removal', async () => {
    const a = article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    await articleStore(env.ARTICLES, { outputs }).put(a)
    await articleStore(env.ARTICLES).delete(a.id)
    const { keys, facts } = await look()
    const found = checkStore(keys, facts, Date.now(), 60_000)
    const orphans = ['atom', 'json', 'rss'].map((name) => outputKey(name, a.id))
    expect(found.dead).toEqual(orphans.map((key) => ({ key, why: `output of no article ${a.id}`, young: false })))
    expect(repairPlan(found).delete).toEqual(orphans)
  })

  it('finds articles whose stored outputs are missing, of another version or of another renderer', async () => {
    const a = article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    const b = article({ title: 'Bài hai', published: '09:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    const c = article({ title: 'Bài ba', published: '10:00, 01/05/2021', section: 'Kinh tế', byline: 'Văn Đông' })
    await articleStore(env.ARTICLES, { outputs }).putMany([a, b])
    await articleStore(env.ARTICLES).put(c) // no outputs
    await articleStore(env.ARTICLES).put({ ...b, title: 'Bài hai, đã sửa' }) // outputs of the version before
    const { keys, facts } = await look()
    expect(checkStore(keys, facts, Date.now(), 60_000, outputs).unrendered.sort()).toEqual([b.id, c.id].sort())
    const elsewhere = feedOutputs(itemContext(siteConfig({ SITE_URL: 'https://baonamdinh.example' })))
    expect(checkStore(keys, facts, Date.now(), 60_000, elsewhere).unrendered).toHaveLength(3)
    expect(repairPlan(checkStore(keys, facts, Date.now(), 60_000, outputs)).render.sort()).toEqual([b.id, c.id].sort())
  })

  it('finds registry keys without articles and feeds with articles but no registry key, and plans both repairs', async () => {
    const store = articleStore(env.ARTICLES)
    await store.put(article({ title: 'Bài một', published: '08:00, 01/05/2021', section: 'Kinh tế', authors: [{ name: 'Thử Tác Giả' }] }))
    // Left by a write that failed half-way, or by code before the registry rule.
    await env.ARTICLES.put('ver:sec:giao-duc', JSON.stringify({ token: 't', at: '2021-01-01T00:00:00.000Z' }), {
      metadata: { name: 'Gi%C3%A1o%20d%E1%BB%A5c' },
    })
    await env.ARTICLES.delete('ver:aut:thu-tac-gia')
    await env.ARTICLES.delete('ver:sec:kinh-te')
    const check = async () => {
      const { keys, facts } = await look()
      return checkStore(keys, facts, Date.now(), 60_000)
    }
    const found = await check()
    expect(found.emptyScopes).toEqual(['ver:sec:giao-duc'])
    expect(found.unregistered).toEqual([
      { key: 'ver:sec:kinh-te', name: 'Kinh tế' },
      { key: 'ver:aut:thu-tac-gia', name: 'Thử Tác Giả' },
    ])
    const plan = repairPlan(found, Date.parse('2021-06-01T00:00:00Z'))
    expect(plan.unregister).toEqual(['ver:sec:giao-duc'])
    for (const p of plan.register) await env.ARTICLES.put(p.key, p.value, { metadata: p.metadata })
    for (const key of plan.unregister) await env.ARTICLES.delete(key)
    // Put back as the store would have written them: the feeds read them again.
    expect(await store.version({ kind: 'author', slug: 'thu-tac-gia', name: '' })).toMatchObject({
      at: '2021-06-01T00:00:00.000Z',
      name: 'Thử Tác Giả',
    })
    expect(await store.registry('section')).toEqual([{ slug: 'kinh-te', name: 'Kinh tế' }])
    const again = await check()
    expect([again.emptyScopes, again.unregistered]).toEqual([[], []])
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
    expect(plan.put.map((p) => [p.key, p.metadata.s]).sort()).toEqual(
      [
        [all, s],
        [section, s],
      ].sort(),
    )
  })

  describe('with scheduled articles', () => {
    beforeEach(() => void setClock('2027-05-01T00:00:00Z'))
    afterEach(realTime)
    const scheduled = article({ title: 'Bài hẹn giờ', published: '08:00, 02/05/2027', section: 'Kinh tế', byline: 'Văn Đông' })

    it('knows due keys: a scheduled article and its due key are consistent, with no feed of its own', async () => {
      await articleStore(env.ARTICLES).put(scheduled)
      const { keys, facts } = await look()
      expect(checkStore(keys, facts, Date.now(), 60_000)).toEqual({
        articles: 1,
        entries: 0,
        dead: [],
        missing: [],
        unsized: [],
        emptyScopes: [],
        overdue: [],
        unregistered: [],
        unrendered: [],
      })
    })

    it('removes a due key whose article is gone or moved, adds a missing one, and turns index entries of a future article into its due key', async () => {
      const store = articleStore(env.ARTICLES)
      const gone = article({ title: 'Bài đã xóa', published: '09:00, 02/05/2027' })
      const stale = dueKey(gone)
      await env.ARTICLES.put(stale, '', { metadata: { t: 0, s: 1 } })
      // Stored before scheduling existed: a future article with index entries and no due key.
      await store.put({ ...scheduled, published: '2021-01-01T00:00:00.000Z' })
      const legacy = { ...scheduled }
      await env.ARTICLES.put(`art:${legacy.id}`, JSON.stringify(legacy))
      for (const key of indexKeys(legacy)) await env.ARTICLES.put(key, '', { metadata: { t: 0, s: 1 } })
      const { keys, facts } = await look()
      const findings = checkStore(keys, facts, Date.now(), 60_000)
      expect(findings.dead.map((d) => d.key).sort()).toEqual(
        [...indexKeys(legacy), ...indexKeys({ ...scheduled, published: '2021-01-01T00:00:00.000Z' }), stale].sort(),
      )
      expect(findings.dead.find((d) => d.key === stale)?.why).toBe(`no article ${gone.id}`)
      expect(findings.dead.find((d) => d.key === indexKeys(legacy)[0])?.why).toMatch(/is scheduled/)
      expect(findings.missing.map((m) => m.key)).toEqual([dueKey(legacy)])
    })

    it('reports a due article not yet promoted as overdue, not as missing entries', async () => {
      await articleStore(env.ARTICLES).put(scheduled)
      setClock('2027-05-02T01:00:01Z')
      const { keys, facts } = await look()
      const findings = checkStore(keys, facts, Date.now(), 60_000)
      expect(findings).toMatchObject({ dead: [], missing: [], overdue: [dueKey(scheduled)] })
    })
  })
})
