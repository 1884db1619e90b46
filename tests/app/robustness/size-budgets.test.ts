/**
 * Issue 11, findings 2 and 3: big but valid articles made every format of their section a permanent
 * 503 (the page's bulk read went over KV's 25 MiB), and `]]>` made documents of 100 MB. Pages now keep
 * their reads within READ_BUDGET and their documents within MAX_FEED_BYTES, ending early with `next`,
 * so every article is still reached exactly once, in every format and the embed.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_ARTICLE_BYTES } from '../../../src/articles/size'
import { MAX_FEED_BYTES } from '../../../src/feeds/document'
import { call as adminCall } from '../../helpers/admin'
import { call, coldCaches, links, local } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

const FEEDS = [
  '/feed.json?limit=100',
  '/rss.xml?limit=100',
  '/atom.xml?limit=100',
  '/chuyen-muc/kinh-te/feed.json?limit=100',
  '/chuyen-muc/kinh-te/rss.xml',
]

/** The article ids a document lists, in order, whatever its format. */
function idsOf(body: string): string[] {
  const specific = (uri: string) => uri.slice(uri.lastIndexOf(':') + 1)
  if (body.startsWith('{')) return (JSON.parse(body) as { items: Array<{ id: string }> }).items.map((i) => specific(i.id))
  const pattern = body.includes('<rss') ? /<guid[^>]*>([^<]*)<\/guid>/g : /<entry>[\s\S]*?<id>([^<]*)<\/id>/g
  return [...body.matchAll(pattern)].map((m) => specific(m[1] as string))
}

/** Follows `next` from `path`: every page 200, within the document budget, and non-empty while it links on. */
async function walk(path: string): Promise<string[]> {
  coldCaches()
  const ids: string[] = []
  let next: string | undefined = path
  for (let pages = 0; next; pages++) {
    expect(pages, path).toBeLessThan(40)
    const response = await call(next)
    expect(response.status, next).toBe(200)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(bytes.byteLength, next).toBeLessThanOrEqual(MAX_FEED_BYTES)
    const page = idsOf(new TextDecoder().decode(bytes))
    const after = links(response).next
    if (after) expect(page.length, next).toBeGreaterThan(0)
    ids.push(...page)
    next = after && local(after)
  }
  return ids
}

/** Paragraphs of plain Vietnamese making an article whose stored JSON is just under the size limit. */
function nearLimit(n: number): string[] {
  const sentence = `Bài số ${n}: đây là một đoạn văn dài của bài báo về kinh tế tỉnh Nam Định trong năm nay. `
  const paragraph = sentence.repeat(Math.floor(2_000 / sentence.length))
  const bytes = new TextEncoder().encode(`<p>${paragraph}</p>\n`).length
  return Array.from({ length: Math.floor((MAX_ARTICLE_BYTES - 6_000) / bytes) }, () => paragraph)
}

async function put(id: string, input: Record<string, unknown>): Promise<void> {
  const response = await adminCall('PUT', `/api/articles/${id}`, { body: { section: 'Kinh tế', byline: 'Văn Đông', ...input } })
  expect(
    response.status,
    await response
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  ).toBe(201)
}

describe('size budgets end to end', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
  })

  it('30 articles of the largest size in one section: every format pages through all of them, no 503, every document within budget', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `bai-lon-${String(i).padStart(2, '0')}`)
    for (const [i, id] of ids.entries())
      await put(id, { title: `Bài lớn ${i}`, published: `08:${String(10 + i)}, 01/04/2016`, paragraphs: nearLimit(i) })
    const stored = await env.ARTICLES.get(`art:${ids[0]}`, 'text')
    expect(new TextEncoder().encode(stored ?? '').length).toBeGreaterThan(MAX_ARTICLE_BYTES - 10_000)
    const newestFirst = [...ids].reverse()
    for (const path of FEEDS) expect(await walk(path), path).toEqual(newestFirst)
    coldCaches()
    const embed = await call('/embed/headlines?section=kinh-te&limit=20')
    expect(embed.status).toBe(200)
    expect((await embed.text()).match(/class="item"/g)).toHaveLength(20)
  })

  it('articles stored before the size limit (12 of 2.3 MB, over KV’s bulk-read limit together) still page in every format', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `bai-cu-${String(i).padStart(2, '0')}`)
    for (const [i, id] of ids.entries()) {
      await put(id, { title: `Bài cũ ${i}`, published: `08:${String(10 + i)}, 01/04/2016`, paragraphs: ['Ngắn.'] })
      // As an earlier version stored it: no size limit, and index entries without metadata. Unaccented
      // text, so that local KV (which counts characters, where KV counts bytes) refuses the bulk read too.
      const article = JSON.parse((await env.ARTICLES.get(`art:${id}`, 'text')) as string) as { content: string; rev?: string }
      article.content = `<p>${'Tin cu rat dai. '.repeat(150_000)}</p>`
      delete article.rev
      await env.ARTICLES.put(`art:${id}`, JSON.stringify(article))
      for (const key of (await env.ARTICLES.list({ prefix: 'idx:' })).keys)
        if (key.name.endsWith(`:${id}`)) await env.ARTICLES.put(key.name, '')
    }
    const newestFirst = [...ids].reverse()
    expect(new TextEncoder().encode((await env.ARTICLES.get(`art:${ids[0]}`, 'text')) ?? '').length).toBeGreaterThan(2_300_000)
    for (const path of ['/feed.json?limit=100', '/chuyen-muc/kinh-te/atom.xml']) expect(await walk(path), path).toEqual(newestFirst)
    coldCaches()
    // Fewer headlines than asked (each of these articles is a tenth of the read budget), never an error page.
    const embed = await call('/embed/headlines?section=kinh-te')
    expect(embed.status).toBe(200)
    expect((await embed.text()).match(/class="item"/g)?.length).toBeGreaterThanOrEqual(1)
  }, 120_000)

  it('`]]>` written 40 000 times in each of 30 articles (as many as the size limit lets in): documents stay within budget, every article reached once', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `bai-cdata-${String(i).padStart(2, '0')}`)
    for (const [i, id] of ids.entries())
      await put(id, { title: `Bài ]]> số ${i}`, published: `09:${String(10 + i)}, 01/04/2016`, content: ']]>'.repeat(40_000) })
    const newestFirst = [...ids].reverse()
    for (const path of ['/rss.xml?limit=100', '/atom.xml?limit=100', '/feed.json?limit=100'])
      expect(await walk(path), path).toEqual(newestFirst)
  }, 120_000)
})
