import { env } from 'cloudflare:test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { countingKv, reads } from '../../../fixtures/counting-kv'
import { indexKeys } from '../../../src/store/keys'
import { call, coldCaches, ORIGIN, store } from '../../helpers/app'
import { realTime, setClock } from '../../helpers/clock'
import { HUB, received, topicsIn } from '../../helpers/hub'
import { clearKv } from '../../helpers/kv'

/**
 * The due time as feed readers meet it: what a feed request costs in KV before, at and after it, and
 * many requests arriving together at the boundary (one promotion, one set of entries, one ping each).
 */
const counted = countingKv(env.ARTICLES)
/** Every request revalidates: the cost of the version check itself. */
const STALE = { FEED_RECHECK_MS: '0', ARTICLES: counted.kv }

async function cost(path: string, vars: Record<string, unknown> = STALE) {
  counted.reset()
  const response = await call(path, {}, vars)
  return { status: response.status, body: await response.text(), reads: reads(counted.calls), calls: { ...counted.calls } }
}

const published = Array.from({ length: 40 }, (_, i) =>
  article({
    title: `Bài cũ ${i}`,
    published: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
    section: 'Xã hội',
    byline: 'Minh Hằng',
  }),
)
const later = article({ title: 'Tin giờ hẹn thứ hai', published: '2027-02-01T09:30:00+07:00', section: 'Xã hội', byline: 'Thu Trang' })
const due = article({ title: 'Tin giờ hẹn', published: '2027-02-01T09:00:00+07:00', section: 'Xã hội', byline: 'Thu Trang' })

describe('at the due time', () => {
  beforeAll(async () => {
    await clearKv()
    setClock('2027-02-01T01:00:00Z') // 08:00 in Hà Nội
    await store().putMany(published)
    await store().putMany([due, later])
    coldCaches()
  })
  afterAll(realTime)

  it('before: a feed revalidation is still one KV read (the version and sched:next in one bulk get)', async () => {
    expect((await cost('/rss.xml')).reads).toBe(3) // cold: version+next, list, bulk get
    const warm = await cost('/rss.xml')
    expect(warm).toMatchObject({ status: 200, reads: 1, calls: { getWithMetadata: 1, get: 0, list: 0 } })
    expect(warm.body).not.toContain(due.title)
  })

  it('many requests at once at the boundary: one promotion, one set of index entries, the hub pinged once per feed', async () => {
    setClock('2027-02-01T02:00:00Z')
    const vars = { FEED_RECHECK_MS: '0', WEBSUB_HUB: `${HUB}/boundary` }
    const paths = ['/rss.xml', '/atom.xml', '/feed.json', '/chuyen-muc/xa-hoi/rss.xml', '/', '/feeds.opml', '/embed/headlines']
    const responses = await Promise.all(Array.from({ length: 28 }, (_, i) => call(paths[i % paths.length] as string, {}, vars)))
    expect(responses.map((r) => r.status)).toEqual(Array(28).fill(200))
    const idx = (await env.ARTICLES.list({ prefix: 'idx:' })).keys.map((k) => k.name).filter((k) => k.endsWith(`:${due.id}`))
    expect(idx.sort()).toEqual(indexKeys(due).sort())
    expect((await env.ARTICLES.list({ prefix: 'due:' })).keys.map((k) => k.name).filter((k) => k.endsWith(`:${due.id}`))).toEqual([])
    const topics = topicsIn(await received('boundary'))
    expect(new Set(topics).size).toBe(topics.length)
    expect(topics).toContain(`${ORIGIN}/tac-gia/thu-trang/feed.json`)
  })

  it('after: the same feed costs one read again, and shows the article', async () => {
    const first = await cost('/rss.xml')
    expect(first.body).toContain(due.title)
    expect(await cost('/rss.xml')).toMatchObject({ reads: 1 })
  })

  it('the one request that promotes pays for it once: 1 + list + 2 reads per article + list + 1, then its render', async () => {
    setClock('2027-02-01T02:30:00Z')
    const promoting = await cost('/rss.xml')
    expect(promoting.body).toContain(later.title)
    // getWithMetadata: version+next twice (before and after promoting) and the registry's display names of
    // the promoted article's feeds (one bulk read); get: the article twice (under its lock, and as the
    // write's previous version) and the page's bulk get; list: due keys, sched:next's recomputation and
    // the page's index.
    expect(promoting.calls).toMatchObject({ getWithMetadata: 3, get: 3, list: 3 })
    expect(await cost('/rss.xml')).toMatchObject({ reads: 1 })
  })
})
