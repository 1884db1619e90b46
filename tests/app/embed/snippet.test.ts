import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MASTHEAD } from '../../../src/config/masthead'
import { embedSnippets } from '../../../src/embed/snippet'
import { call, coldCaches, ORIGIN, store } from '../../helpers/app'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

describe('the / page offers the embed snippets', () => {
  beforeAll(async () => {
    await clearKv()
    await store().put(article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Đức Toàn' }))
  })
  beforeEach(coldCaches)

  it('shows both snippets, with this service’s address, as text to copy (nothing embedded in / itself)', async () => {
    const body = await (await call('/')).text()
    const blocks = [...body.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decode(m[1] as string))
    const { iframe, script } = embedSnippets(ORIGIN, DEFAULT_MASTHEAD.name)
    expect(blocks).toEqual([iframe, script])
    expect(iframe).toContain(`src="${ORIGIN}/embed/headlines?limit=5"`)
    expect(script).toBe(`<script src="${ORIGIN}/embed.js" data-limit="5" async></script>`)
    expect(body).not.toMatch(/<iframe|<script/)
  })

  it('follows FEED_BASE_URL, like the feeds’ own links', async () => {
    const body = await (await call('/', {}, { FEED_BASE_URL: 'https://rss.baonamdinh.vn' })).text()
    expect(body).toContain('src=&quot;https://rss.baonamdinh.vn/embed.js&quot;')
  })
})
