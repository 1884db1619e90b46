import { describe, expect, inject, it } from 'vitest'
import { article } from '../../fixtures/articles'
import { feedTopics, publishToHub } from '../../src/websub/publish'
import type { HubRequest } from '../helpers/fake-hub'

const HUB = inject('fakeHub')
const BASE = 'http://vnfeeds.test'

/** What the fake hub received under `/<name>` (and its sub-paths). */
async function received(name: string): Promise<HubRequest[]> {
  return (await (await fetch(`${HUB}/__log/${name}`)).json()) as HubRequest[]
}

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
    const policy = { attempts: 3, firstDelayMs: 5, timeoutMs: 2_000, concurrency: 6 }
    const down = await publishToHub(`${HUB}/down/down`, topics, policy)
    expect(down.delivered).toEqual([])
    expect(down.failed.map((f) => f.reason)).toEqual(topics.map(() => 'HTTP 503'))
    expect(await received('down')).toHaveLength(topics.length * 3)

    const unreachable = await publishToHub('http://127.0.0.1:9/hub', topics.slice(0, 2), policy)
    expect(unreachable.failed.map((f) => f.topic)).toEqual(topics.slice(0, 2))
  })
})
