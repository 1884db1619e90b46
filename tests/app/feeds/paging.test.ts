import { XMLParser } from 'fast-xml-parser'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/articles/model'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, links, local, ORIGIN, store } from '../../helpers/app'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })

type Link = { rel?: string; href: string }
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const rel = (list: Link[], name: string) => list.find((l) => l.rel === name)?.href

async function seed(count: number, section = 'Kinh tế'): Promise<Article[]> {
  const written: Article[] = []
  for (let i = 0; i < count; i++) {
    const a = article({
      title: `Tin kinh tế số ${i + 1}`,
      published: `2020-03-${String(i + 1).padStart(2, '0')} 08:00`,
      section,
      byline: 'Văn Đông',
    })
    await store().put(a)
    written.push(a)
  }
  return written.reverse() // newest first
}

/** Follows `next` from `start`, inserting articles before each further page request. */
async function walk(start: string, nextOf: (res: Response, body: string) => string | undefined, between: (page: number) => Promise<void>) {
  const titles: string[] = []
  let path: string | undefined = start
  for (let page = 0; path; page++) {
    if (page > 0) await between(page)
    const res = await call(path)
    expect(res.status, path).toBe(200)
    const body = await res.text()
    titles.push(...(JSON.parse(body) as { items: Array<{ title: string }> }).items.map((i) => i.title))
    const next = nextOf(res, body)
    path = next && local(next)
    expect(page).toBeLessThan(50)
  }
  return titles
}

describe('paging (RFC 5005, JSON Feed next_url)', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
  })

  it.each([
    [
      'site feed by JSON next_url',
      '/feed.json?limit=4',
      (_: Response, body: string) => (JSON.parse(body) as { next_url?: string }).next_url,
    ],
    ['section feed by Link rel=next', '/chuyen-muc/kinh-te/feed.json?limit=3', (res: Response) => links(res).next],
  ] as const)(
    'visits every article exactly once, newest to oldest, while new articles are published between pages (%s)',
    async (_, start, nextOf) => {
      const existing = await seed(13)
      let n = 0
      const publish = async () => {
        // Newer than everything, and one back-dated into the part not yet visited: neither may disturb the walk.
        await store().put(
          article({ title: `Tin nóng ${++n}`, published: `2024-01-01 0${n % 10}:00`, section: 'Kinh tế', byline: 'Văn Đông' }),
        )
        await store().put(
          article({
            title: `Tin đăng muộn ${n}`,
            published: `2019-12-${String(n).padStart(2, '0')} 08:00`,
            section: 'Kinh tế',
            byline: 'Văn Đông',
          }),
        )
      }
      const expected = existing.map((a) => a.title)
      const titles = await walk(start, nextOf, publish)
      expect(titles.filter((t) => expected.includes(t))).toEqual(expected)
      expect(new Set(titles).size).toBe(titles.length)
      // Articles newer than the first page were published after it was served: a cursor never goes back.
      expect(titles.some((t) => t.startsWith('Tin nóng'))).toBe(false)
      expect(n).toBeGreaterThan(2)
    },
  )

  it('links first, previous and next in the Link header, Atom and RSS, keeping the page size', async () => {
    await seed(7)
    const first = await call('/atom.xml?limit=3')
    const l1 = links(first)
    expect(l1.self).toBe(`${ORIGIN}/atom.xml?limit=3`)
    expect(l1.first).toBe(`${ORIGIN}/atom.xml?limit=3`)
    expect(l1.previous).toBeUndefined()
    expect(l1.next).toMatch(new RegExp(`^${ORIGIN}/atom\\.xml\\?limit=3&cursor=[\\w-]+$`))
    const atomLinks = asList<Link>(xml.parse(await first.text()).feed.link)
    expect(rel(atomLinks, 'next')).toBe(l1.next)
    expect(rel(atomLinks, 'first')).toBe(l1.first)

    const second = await call(local(l1.next as string))
    const l2 = links(second)
    expect(l2.previous).toBe(`${ORIGIN}/atom.xml?limit=3`)
    expect(l2.first).toBe(`${ORIGIN}/atom.xml?limit=3`)
    const secondIds = asList<{ id: string }>(xml.parse(await second.text()).feed.entry).map((e) => e.id)
    expect(secondIds).toHaveLength(3)
    const third = await call(local(l2.next as string))
    const l3 = links(third)
    expect(l3.next).toBeUndefined()
    expect(asList(xml.parse(await third.text()).feed.entry)).toHaveLength(1)
    // `previous` leads back to the second page's articles, and from there forward to the same last page.
    const back = await call(local(l3.previous as string))
    expect(asList<{ id: string }>(xml.parse(await back.text()).feed.entry).map((e) => e.id)).toEqual(secondIds)
    expect(links(back).next).toBe(l2.next)

    const rss = await call('/rss.xml?limit=3')
    const rssLinks = asList<Link>(xml.parse(await rss.text()).rss.channel['atom:link'])
    expect(rel(rssLinks, 'self')).toBe(`${ORIGIN}/rss.xml?limit=3`)
    expect(rel(rssLinks, 'next')).toMatch(new RegExp(`^${ORIGIN}/rss\\.xml\\?limit=3&cursor=`))
    expect(rel(rssLinks, 'next')).toBe(links(rss).next)
    const rss2 = await call(local(rel(rssLinks, 'next') as string))
    expect(rel(asList<Link>(xml.parse(await rss2.text()).rss.channel['atom:link']), 'previous')).toBe(`${ORIGIN}/rss.xml?limit=3`)
  })

  it('does not page a feed that fits on one page', async () => {
    await seed(2)
    const res = await call('/feed.json')
    expect(links(res)).toEqual({ self: `${ORIGIN}/feed.json` })
    expect(JSON.parse(await res.text())).not.toHaveProperty('next_url')
  })

  it.each(['0', '101', 'abc', '', '-1', '1.5', '1e2'])('refuses limit=%j with a problem naming limit', async (limit) => {
    const res = await call(`/rss.xml?limit=${limit}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8')
    const problem = (await res.json()) as { status: number; errors: Array<{ field: string }> }
    expect(problem.status).toBe(400)
    expect(problem.errors.map((e) => e.field)).toEqual(['limit'])
  })

  it('accepts limit 1 and 100', async () => {
    await seed(2)
    expect((await call('/feed.json?limit=1')).status).toBe(200)
    expect((await call('/feed.json?limit=100')).status).toBe(200)
  })

  it('refuses a cursor it did not issue, or one from another feed, naming cursor', async () => {
    await seed(5)
    const next = links(await call('/feed.json?limit=2')).next as string
    const cursor = new URL(next).searchParams.get('cursor') as string
    for (const path of [
      '/feed.json?cursor=',
      '/feed.json?cursor=%%%',
      '/feed.json?cursor=bm90LWEtY3Vyc29y',
      `/chuyen-muc/kinh-te/feed.json?cursor=${cursor}`,
    ]) {
      const res = await call(path)
      expect(res.status, path).toBe(400)
      expect(((await res.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('cursor')
    }
  })
})
