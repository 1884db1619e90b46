import { describe, expect, it } from 'vitest'
import { article } from '../../fixtures/articles'
import { feedTopics, publishToHub } from '../../src/websub/publish'
import { HUB, received, topicsIn } from '../helpers/hub'

const BASE = 'http://vnfeeds.test'

const input = {
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Nội dung.'],
  section: 'Thời sự',
  byline: 'Tin: Minh Hằng - Ảnh: Việt Dư',
}

describe('publishToHub', () => {
  it('gives up after the bounded number of attempts on a hub that stays down or cannot be reached', async () => {
    const topics = feedTopics([article(input)], BASE)
    const policy = { attempts: 3, firstDelayMs: 5, timeoutMs: 2_000, requests: 4, minTopicsPerRequest: 5 }
    const down = await publishToHub(`${HUB}/down/down`, topics, policy)
    expect(down.delivered).toEqual([])
    expect(down.failed.map((f) => f.reason)).toEqual(topics.map(() => 'HTTP 503'))
    // 12 topics in requests of 5, 5 and 2, each tried three times.
    const requests = await received('down')
    expect(requests).toHaveLength(3 * 3)
    expect(topicsIn(requests).sort()).toEqual([...topics, ...topics, ...topics].sort())

    const unreachable = await publishToHub('http://127.0.0.1:9/hub', topics.slice(0, 2), policy)
    expect(unreachable.failed.map((f) => f.topic)).toEqual(topics.slice(0, 2))
  })

  it('shares many topics out among at most `requests` requests a round, each repeating hub.url', async () => {
    const topics = Array.from({ length: 1_000 }, (_, i) => `${BASE}/tac-gia/tac-gia-${i}/rss.xml`)
    const report = await publishToHub(`${HUB}/many`, topics, {
      attempts: 4,
      firstDelayMs: 5,
      timeoutMs: 5_000,
      requests: 4,
      minTopicsPerRequest: 50,
    })
    expect(report).toEqual({ delivered: topics, failed: [] })
    const requests = await received('many')
    expect(requests).toHaveLength(4)
    for (const r of requests) expect(r.form[0]).toEqual(['hub.mode', 'publish'])
    expect(topicsIn(requests)).toEqual(topics)
  })
})
