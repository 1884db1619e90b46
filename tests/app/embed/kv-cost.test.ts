import { env } from 'cloudflare:test'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, coldCaches, store } from '../../helpers/app'
import { article } from '../../../fixtures/articles'
import { countingKv, reads } from '../../../fixtures/counting-kv'
import { clearKv } from '../../helpers/kv'

/** The iframe is loaded by every visitor of every partner page: it must cost what a feed costs, not more. */
const counted = countingKv(env.ARTICLES)

async function cost(path: string, overrides: Record<string, string> = {}) {
  counted.reset()
  const res = await call(path, {}, { ARTICLES: counted.kv, ...overrides })
  await res.arrayBuffer()
  expect(counted.calls.put + counted.calls.delete).toBe(0)
  return { status: res.status, reads: reads(counted.calls) }
}

const HOT = { FEED_RECHECK_MS: '600000' }
const STALE = { FEED_RECHECK_MS: '0' }

describe('KV reads of /embed/headlines', () => {
  beforeAll(async () => {
    await clearKv()
    for (let i = 0; i < 40; i++)
      await store().put(
        article({
          title: `Tin số ${i}`,
          published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
          section: 'Thời sự',
          byline: 'Đức Toàn',
        }),
      )
  })
  beforeEach(coldCaches)

  it('uncached: 3 (version, list, bulk get); cached: 0 within the recheck interval, 1 after it', async () => {
    for (const query of ['', '?section=thoi-su&limit=20', '?author=duc-toan&theme=dark']) {
      expect(await cost(`/embed/headlines${query}`, HOT), query).toEqual({ status: 200, reads: 3 })
      expect(await cost(`/embed/headlines${query}`, HOT), query).toEqual({ status: 200, reads: 0 })
      expect(await cost(`/embed/headlines${query}`, STALE), query).toEqual({ status: 200, reads: 1 })
    }
  })

  it('an unknown section costs its one version read; a malformed one costs none', async () => {
    expect(await cost('/embed/headlines?section=khong-co', HOT)).toEqual({ status: 200, reads: 1 })
    expect(await cost('/embed/headlines?section=khong-co', HOT)).toEqual({ status: 200, reads: 0 })
    expect(await cost('/embed/headlines?section=..%2F..', HOT)).toEqual({ status: 200, reads: 0 })
  })

  it('/embed.js reads nothing', async () => {
    expect(await cost('/embed.js')).toEqual({ status: 200, reads: 0 })
  })
})
