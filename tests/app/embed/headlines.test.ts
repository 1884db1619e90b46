import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EMBED_LIMIT } from '../../../src/embed/options'
import { FRAME_CSS } from '../../../src/embed/style'
import { call, coldCaches, store } from '../../helpers/app'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'

const XSS = '<img src=x onerror=alert(1)>'

interface Headline {
  href: string | null
  target: string | null
  rel: string | null
  title: string
  datetime: string | null
  time: string
  thumb: string | null
}

interface Parsed {
  theme: string | null
  paper: { href: string | null; text: string }
  scope: string | null
  items: Headline[]
  empty: boolean
  /** Raw (still escaped) text of every title, to check escaping. */
  rawTitles: string[]
  style: string
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** Reads the widget document with workerd's own HTML parser. */
async function parse(body: string): Promise<Parsed> {
  const out: Parsed = { theme: null, paper: { href: null, text: '' }, scope: null, items: [], empty: false, rawTitles: [], style: '' }
  let current: Headline | undefined
  let rawTitle = ''
  await new HTMLRewriter()
    .on('html', { element: (e) => void (out.theme = e.getAttribute('data-theme')) })
    .on('style', { text: (t) => void (out.style += t.text) })
    .on('a.paper', { element: (e) => void (out.paper.href = e.getAttribute('href')), text: (t) => void (out.paper.text += t.text) })
    .on('.scope', { text: (t) => void (out.scope = (out.scope ?? '') + t.text) })
    .on('.empty', { element: () => void (out.empty = true) })
    .on('li.item', {
      element: (e) => {
        current = { href: null, target: null, rel: null, title: '', datetime: null, time: '', thumb: null }
        out.items.push(current)
        rawTitle = ''
        e.onEndTag(() => void out.rawTitles.push(rawTitle))
      },
    })
    .on('a.link', {
      element: (e) =>
        void Object.assign(current!, { href: e.getAttribute('href'), target: e.getAttribute('target'), rel: e.getAttribute('rel') }),
    })
    .on('img.thumb', { element: (e) => void (current!.thumb = e.getAttribute('src')) })
    .on('.title', { text: (t) => void (rawTitle += t.text) })
    .on('time', { element: (e) => void (current!.datetime = e.getAttribute('datetime')), text: (t) => void (current!.time += t.text) })
    .transform(new Response(body))
    .text()
  out.paper.text = decode(out.paper.text)
  out.scope = out.scope === null ? null : decode(out.scope)
  out.rawTitles.forEach((raw, i) => (out.items[i]!.title = decode(raw)))
  // HTMLRewriter hands attribute values over as written.
  for (const item of out.items)
    for (const key of ['href', 'thumb', 'datetime'] as const) item[key] = item[key] === null ? null : decode(item[key])
  return out
}

async function widget(query = ''): Promise<{ res: Response; page: Parsed; body: string }> {
  const res = await call(`/embed/headlines${query}`)
  const body = await res.text()
  return { res, page: await parse(body), body }
}

interface JsonItem {
  url: string
  title: string
  date_published: string
  image?: string
}
async function jsonFeed(path: string): Promise<JsonItem[]> {
  const res = await call(path)
  expect(res.status, path).toBe(200)
  return ((await res.json()) as { items: JsonItem[] }).items
}

beforeAll(async () => {
  await clearKv()
  const sections = ['Thời sự', 'Kinh tế', 'Văn hóa']
  for (let i = 1; i <= 24; i++) {
    await store().put(
      article({
        title: `Tin số ${i}: Nam Định đẩy mạnh chuyển đổi số`,
        published: `${String(6 + (i % 12)).padStart(2, '0')}:0${i % 10}, ${String(i).padStart(2, '0')}/03/2024`,
        section: sections[i % 3],
        byline: i % 2 ? 'Tin, ảnh: Đức Toàn' : 'Minh Hằng',
        ...(i % 4 === 0 && { image: { url: `https://baonamdinh.vn/uploads/anh-${i}.jpg` } }),
        ...(i % 4 === 2 && { image: { url: `http://baonamdinh.vn/uploads/anh-${i}.jpg` } }),
      }),
    )
  }
  await store().put(article({ title: XSS, published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Đức Toàn' }))
  await store().put(
    article({
      title: 'Khai mạc "Tuần Văn hóa" & lễ hội',
      published: '08:04, 01/04/2016',
      section: 'Thời sự',
      byline: 'Đức Toàn',
      image: { url: 'https://baonamdinh.vn/a.jpg?x=1&y=2' },
    }),
  )
})

describe('GET /embed/headlines: the iframe document', () => {
  beforeEach(coldCaches)

  it('is a standalone HTML document under a strict CSP, embeddable from any origin, cookie-free', async () => {
    const { res, body, page } = await widget()
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(page.style))
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)))
    expect(page.style).toBe(FRAME_CSS)
    expect(res.headers.get('Content-Security-Policy')).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src https://baonamdinh.vn https://www.baonamdinh.vn 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'`,
    )
    expect(res.headers.get('X-Frame-Options')).toBeNull()
    expect(res.headers.get('Set-Cookie')).toBeNull()
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(body).toMatch(/^<!doctype html>\n<html lang="vi" class="vnf">\n<head>\n<meta charset="utf-8">/)
    // Nothing that loads or runs: no scripts, no stylesheets or fonts, no inline style attributes; the one
    // kind of <link> is the paper's icon (its URLs are followed in tests/app/feeds/icons.test.ts).
    const links = [...body.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => /\srel="([^"]*)"/.exec(tag)?.[1])
    expect(links).toEqual(['icon', 'apple-touch-icon'])
    expect(body).not.toMatch(/<script|<iframe|<object|<embed|\sstyle=|\son[a-z]+=|@import|url\(/i)
    // The only resources are the articles' https thumbnails.
    for (const [, src] of body.matchAll(/\ssrc="([^"]*)"/g)) expect(src).toMatch(/^https:\/\/baonamdinh\.vn\/uploads\//)
  })

  it('shows exactly the items of the matching JSON Feed, in its order, with its links, titles and times', async () => {
    for (const [query, feed] of [
      ['', '/feed.json?limit=5'],
      ['?limit=12', '/feed.json?limit=12'],
      ['?section=thoi-su&limit=20', '/chuyen-muc/thoi-su/feed.json?limit=20'],
      ['?author=duc-toan&limit=7', '/tac-gia/duc-toan/feed.json?limit=7'],
      ['?section=kinh-te', '/chuyen-muc/kinh-te/feed.json?limit=5'],
    ] as const) {
      const { page } = await widget(query)
      const items = await jsonFeed(feed)
      expect(items.length, feed).toBeGreaterThan(0)
      expect(
        page.items.map((i) => i.href),
        query,
      ).toEqual(items.map((i) => i.url))
      expect(
        page.items.map((i) => i.title),
        query,
      ).toEqual(items.map((i) => i.title))
      expect(
        page.items.map((i) => i.datetime),
        query,
      ).toEqual(items.map((i) => i.date_published))
      // Wall clock of the JSON Feed's +07:00 timestamp, printed the Vietnamese way.
      expect(
        page.items.map((i) => i.time),
        query,
      ).toEqual(items.map((i) => i.date_published.replace(/^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):\d\d\+07:00$/, '$4:$5, $3/$2/$1')))
      expect(
        page.items.map((i) => i.thumb),
        query,
      ).toEqual(items.map((i) => (i.image?.startsWith('https:') ? i.image : null)))
    }
  })

  it('prints local time the newsroom way and names the paper, linking home', async () => {
    const { page } = await widget('?section=thoi-su&limit=20')
    const old = page.items.find((i) => i.title === XSS)
    expect(old?.time).toBe('08:04, 01/04/2016')
    expect(old?.datetime).toBe('2016-04-01T08:04:00+07:00')
    expect(page.paper).toEqual({ href: 'https://baonamdinh.vn', text: 'Báo Nam Định điện tử' })
    expect(page.scope).toBe('Chuyên mục Thời sự')
    expect((await widget('?author=duc-toan')).page.scope).toBe('Tác giả Đức Toàn')
    expect((await widget()).page.scope).toBeNull()
  })

  it('escapes every title and URL: markup in a title is text', async () => {
    const { body, page } = await widget('?section=thoi-su&limit=20')
    expect(page.rawTitles).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(page.rawTitles).toContain('Khai mạc &quot;Tuần Văn hóa&quot; &amp; lễ hội')
    expect(body).not.toContain('<img src=x')
    expect(body).toContain('src="https://baonamdinh.vn/a.jpg?x=1&amp;y=2"')
  })

  it('opens links in the top window by default, or in a new tab with rel=noopener', async () => {
    const top = (await widget()).page
    expect(top.items.every((i) => i.target === '_top' && i.rel === null)).toBe(true)
    const blank = (await widget('?target=_blank')).page
    expect(blank.items.every((i) => i.target === '_blank' && i.rel === 'noopener')).toBe(true)
    for (const bad of ['_self', '_parent', 'javascript:alert(1)', ''])
      expect((await widget(`?target=${encodeURIComponent(bad)}`)).page.items[0]?.target).toBe('_top')
  })

  it('falls back to defaults on bad options instead of answering with an error page', async () => {
    for (const bad of ['abc', '-1', '0', '', '5.5', '1e3', '%20', '9999999999']) {
      const { res, page } = await widget(`?limit=${bad}`)
      expect(res.status, bad).toBe(200)
      expect(page.items, bad).toHaveLength(EMBED_LIMIT.default)
    }
    expect((await widget('?limit=500')).page.items).toHaveLength(EMBED_LIMIT.max)
    expect((await widget('?limit=3')).page.items).toHaveLength(3)
    expect((await widget('?theme=dark')).page.theme).toBe('dark')
    expect((await widget('?theme=light')).page.theme).toBe('light')
    for (const theme of ['', 'DARK', 'blue', '"><script>'])
      expect((await widget(`?theme=${encodeURIComponent(theme)}`)).page.theme).toBeNull()
  })

  it('shows an empty list, not an error page, for a section or author without a feed', async () => {
    for (const query of ['?section=khong-co', '?section=..%2Fapi', '?section=Th%E1%BB%9Di%20s%E1%BB%B1', '?author=%3Cb%3E']) {
      const { res, page, body } = await widget(query)
      expect(res.status, query).toBe(200)
      expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      expect(page.items, query).toEqual([])
      expect(page.empty, query).toBe(true)
      expect(page.paper.href).toBe('https://baonamdinh.vn')
      expect(body).not.toContain('<b>')
    }
  })

  it('takes the section when both section and author are given', async () => {
    const both = (await widget('?section=kinh-te&author=duc-toan')).page
    expect(both.items.map((i) => i.href)).toEqual((await jsonFeed('/chuyen-muc/kinh-te/feed.json?limit=5')).map((i) => i.url))
  })

  it('revalidates with its ETag and changes it when the feed changes', async () => {
    const first = await widget('?section=van-hoa')
    const etag = first.res.headers.get('ETag') as string
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(first.res.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    expect(new Date(first.res.headers.get('Last-Modified') ?? '').getTime()).not.toBeNaN()
    const again = await call('/embed/headlines?section=van-hoa', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    // Another theme is another document.
    expect((await widget('?section=van-hoa&theme=dark')).res.headers.get('ETag')).not.toBe(etag)
    await store().put(article({ title: 'Tin văn hóa mới nhất', published: '10:00, 01/06/2024', section: 'Văn hóa' }))
    const changed = await widget('?section=van-hoa')
    expect(changed.res.headers.get('ETag')).not.toBe(etag)
    expect(changed.page.items[0]?.title).toBe('Tin văn hóa mới nhất')
  })
})
