import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../src/env'
import worker from '../src/index'
import { article } from '../fixtures/articles'
import { ORIGIN, store } from './helpers/app'
import { realTime, setClock } from './helpers/clock'
import { HUB, received, topicsIn } from './helpers/hub'
import { clearKv } from './helpers/kv'

/** The Cron Trigger against the fake hub: a real HTTP server the Worker pings over the network. */
const topicsOf = (requests: Parameters<typeof topicsIn>[0]) => [...new Set(topicsIn(requests))].sort()

async function cron(vars: Partial<Env>): Promise<void> {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), { ...env, ...vars }, ctx)
  await waitOnExecutionContext(ctx)
}

async function keys(prefix: string): Promise<string[]> {
  return (await env.ARTICLES.list({ prefix })).keys.map((k) => k.name)
}

const scheduled = article({ title: 'Lễ hội hoa xuân', published: '2027-01-20T08:00:00+07:00', section: 'Văn hóa', byline: 'Thu Trang' })

describe('the Cron Trigger', () => {
  beforeEach(async () => {
    await clearKv()
    setClock('2027-01-20T00:30:00Z') // 07:30 in Hà Nội
    await store().put(scheduled)
  })
  afterEach(realTime)

  it('promotes nothing and pings nothing before the due time', async () => {
    await cron({ WEBSUB_HUB: `${HUB}/cron-early`, FEED_BASE_URL: ORIGIN })
    expect(await received('cron-early')).toEqual([])
    expect(await keys('idx:')).toEqual([])
    expect(await keys('due:')).toHaveLength(1)
  })

  it('at the due time moves the article into its feeds and pings the hub for each of them, in every format', async () => {
    setClock('2027-01-20T01:00:30Z')
    await cron({ WEBSUB_HUB: `${HUB}/cron-due`, FEED_BASE_URL: ORIGIN })
    const feeds = ['/', '/chuyen-muc/van-hoa/', '/tac-gia/thu-trang/'].flatMap((p) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${ORIGIN}${p}${f}`),
    )
    expect(topicsOf(await received('cron-due'))).toEqual(feeds.sort())
    expect(await keys('due:')).toEqual([])
    expect((await keys('idx:')).sort()).toHaveLength(3)
    expect(await env.ARTICLES.get('sched:next')).toBeNull()
    expect((await keys('ver:')).sort()).toEqual(['ver:all', 'ver:aut:thu-trang', 'ver:sec:van-hoa'])
    // A second run finds nothing left: no second ping.
    await cron({ WEBSUB_HUB: `${HUB}/cron-again`, FEED_BASE_URL: ORIGIN })
    expect(await received('cron-again')).toEqual([])
  })

  it('leaves promotion to the first read when it cannot name the feeds to the hub (no FEED_BASE_URL)', async () => {
    setClock('2027-01-20T01:00:30Z')
    await cron({ WEBSUB_HUB: `${HUB}/cron-nobase` })
    expect(await keys('due:')).toHaveLength(1)
    expect(await received('cron-nobase')).toEqual([])
  })
})
