import { XMLParser } from 'fast-xml-parser'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MASTHEAD } from '../../../src/config/masthead'
import { article } from '../../../fixtures/articles'
import { clearKv } from '../../helpers/kv'
import { call, coldCaches, local, ORIGIN, store } from '../../helpers/app'

/** What the discovery page is made of, read with the runtime's own HTML parser. */
interface Parsed {
  alternates: Array<{ type: string; href: string; title: string; inHead: boolean }>
  anchors: string[]
  /** The paper's icons (`rel` icon or apple-touch-icon), checked in icons.test.ts. */
  icons: string[]
  /** Other elements that would load something: anything with src, stylesheets, scripts, frames, objects. */
  loaders: string[]
  style: string
  footer: string
  lang: string | null
  viewport: string | null
}

async function parse(body: string): Promise<Parsed> {
  const out: Parsed = { alternates: [], anchors: [], icons: [], loaders: [], style: '', footer: '', lang: null, viewport: null }
  let inHead = false
  await new HTMLRewriter()
    .on('html', { element: (e) => void (out.lang = e.getAttribute('lang')) })
    .on('head', {
      element: (e) => {
        inHead = true
        e.onEndTag(() => void (inHead = false))
      },
    })
    .on('meta[name="viewport"]', { element: (e) => void (out.viewport = e.getAttribute('content')) })
    .on('link', {
      element: (e) => {
        const rel = e.getAttribute('rel')
        if (rel === 'alternate')
          out.alternates.push({
            type: e.getAttribute('type') ?? '',
            href: e.getAttribute('href') ?? '',
            title: e.getAttribute('title') ?? '',
            inHead,
          })
        else if ((rel === 'icon' || rel === 'apple-touch-icon') && inHead) out.icons.push(rel)
        else out.loaders.push(`link rel=${rel}`)
      },
    })
    .on('a[href]', { element: (e) => void out.anchors.push(e.getAttribute('href') as string) })
    .on('[src], script, iframe, object, embed, img', { element: (e) => void out.loaders.push(e.tagName) })
    .on('style', { text: (t) => void (out.style += t.text) })
    .on('footer', { text: (t) => void (out.footer += t.text) })
    .transform(new Response(body))
    .text()
  return out
}

const FORMAT_FILES = ['rss.xml', 'atom.xml', 'feed.json']
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })

describe('discovery: GET /, /feeds.opml and reader aliases', () => {
  beforeAll(async () => {
    await clearKv()
    await store().put(
      article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Tin, ảnh: Đức Toàn' }),
    )
    await store().put(
      article({ title: 'Phiên chợ quê', published: '08:00, 05/05/2021', section: 'Đời sống', byline: 'Tin: Minh Hằng - Ảnh: Việt Dư' }),
    )
    // A name that must be escaped everywhere it is printed.
    await store().put(
      article({ title: 'Thư bạn đọc', published: '08:00, 06/05/2021', section: 'Xã hội', authors: [{ name: 'Lê & <Trần>' }] }),
    )
  })
  beforeEach(() => coldCaches())

  const sections = ['thoi-su', 'doi-song', 'xa-hoi']
  const authors = ['duc-toan', 'minh-hang', 'viet-du', 'le-tran']
  const feedBases = ['', ...sections.map((s) => `/chuyen-muc/${s}`), ...authors.map((a) => `/tac-gia/${a}`)]

  it('serves a Vietnamese, phone-readable, self-contained HTML page with a strict CSP', async () => {
    const res = await call('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const body = await res.text()
    const page = await parse(body)
    expect(page.lang).toBe('vi')
    expect(page.viewport).toContain('width=device-width')
    // Nothing loads but the paper's icons (whose URLs icons.test.ts follows), which only `img-src 'self'` allows.
    expect(page.loaders).toEqual([])
    expect(page.icons).toEqual(['icon', 'apple-touch-icon'])
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/)
    expect(csp).toMatch(/(^|; )img-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-inline|https?:|\*/)
    // The one inline stylesheet is allowed by its hash, and nothing else is.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(page.style))
    expect(csp).toContain(`style-src 'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
    expect(res.headers.get('ETag')).toMatch(/^"[0-9a-f]{32}"$/)
  })

  it('has autodiscovery tags in <head> for the site-wide feeds in all three formats', async () => {
    const { alternates } = await parse(await (await call('/')).text())
    expect(alternates.every((a) => a.inHead)).toBe(true)
    expect(alternates.map(({ type, href }) => ({ type, href }))).toEqual([
      { type: 'application/rss+xml', href: `${ORIGIN}/rss.xml` },
      { type: 'application/atom+xml', href: `${ORIGIN}/atom.xml` },
      { type: 'application/feed+json', href: `${ORIGIN}/feed.json` },
    ])
    for (const a of alternates) expect(a.title).toContain(DEFAULT_MASTHEAD.name)
  })

  it('lists every feed that exists in every format, each of which answers 200', async () => {
    const { anchors } = await parse(await (await call('/')).text())
    const feedLinks = anchors.filter((h) => h.startsWith(ORIGIN) && /\.(xml|json)$/.test(h))
    const expected = feedBases.flatMap((b) => FORMAT_FILES.map((f) => `${ORIGIN}${b}/${f}`))
    expect(new Set(feedLinks)).toEqual(new Set(expected))
    for (const href of feedLinks) expect((await call(local(href))).status, href).toBe(200)
    expect(anchors).toContain(`${ORIGIN}/feeds.opml`)
  })

  it('escapes names and shows the masthead in the footer', async () => {
    const body = await (await call('/')).text()
    expect(body).not.toContain('<Trần>')
    expect(body).toContain('Lê &amp; &lt;Trần&gt;')
    expect(body).toContain('Đời sống')
    const { footer } = await parse(body)
    for (const part of [
      DEFAULT_MASTHEAD.name,
      DEFAULT_MASTHEAD.editorInChief,
      ...DEFAULT_MASTHEAD.deputyEditors,
      DEFAULT_MASTHEAD.address,
      DEFAULT_MASTHEAD.phone,
      DEFAULT_MASTHEAD.email,
    ])
      expect(footer).toContain(part)
  })

  it('serves OPML 2.0 listing exactly the feeds that exist, grouped, XML-escaped', async () => {
    const res = await call('/feeds.opml')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/x-opml; charset=utf-8')
    const text = await res.text()
    const opml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'outline' }).parse(text).opml
    expect(opml.version).toBe('2.0')
    expect(opml.head.title).toContain(DEFAULT_MASTHEAD.name)
    type Outline = { text: string; type?: string; xmlUrl?: string; htmlUrl?: string; outline?: Outline[] }
    const top = opml.body.outline as Outline[]
    const feeds = (list: Outline[]): Outline[] => list.flatMap((o) => (o.xmlUrl ? [o] : feeds(o.outline ?? [])))
    const all = feeds(top)
    expect(new Set(all.map((o) => o.xmlUrl))).toEqual(new Set(feedBases.map((b) => `${ORIGIN}${b}/rss.xml`)))
    expect(all).toHaveLength(feedBases.length)
    for (const o of all) {
      expect(o.type).toBe('rss')
      expect(o.text).toBeTruthy()
      expect(o.htmlUrl).toMatch(/^https:\/\/baonamdinh\.vn/)
      expect((await call(local(o.xmlUrl as string))).status, o.xmlUrl).toBe(200)
    }
    expect(top.map((o) => o.text)).toEqual([DEFAULT_MASTHEAD.name, 'Chuyên mục', 'Tác giả'])
    expect(all.find((o) => o.xmlUrl?.endsWith('/tac-gia/le-tran/rss.xml'))?.text).toContain('Lê & <Trần>')
    expect(xml.parse(text)).toBeTruthy()
  })

  it('gives the page and the OPML list ETags that answer 304, and change when a feed appears', async () => {
    const page = await call('/')
    const opml = await call('/feeds.opml')
    for (const [path, res] of [
      ['/', page],
      ['/feeds.opml', opml],
    ] as const) {
      expect((await call(path, { headers: { 'If-None-Match': res.headers.get('ETag') as string } })).status).toBe(304)
      expect((await call(path, { headers: { 'If-Modified-Since': res.headers.get('Last-Modified') as string } })).status).toBe(304)
    }
    await store().put(article({ title: 'Tin giáo dục', published: '08:00, 07/05/2021', section: 'Giáo dục', byline: 'Thanh Thúy' }))
    const after = await call('/')
    expect(after.headers.get('ETag')).not.toBe(page.headers.get('ETag'))
    expect(await after.text()).toContain(`${ORIGIN}/chuyen-muc/giao-duc/rss.xml`)
    expect((await call('/feeds.opml', { headers: { 'If-None-Match': opml.headers.get('ETag') as string } })).status).toBe(200)
  })

  it.each([
    ['/feed', '/rss.xml'],
    ['/feed/', '/rss.xml'],
    ['/feed.xml', '/rss.xml'],
    ['/rss', '/rss.xml'],
    ['/atom', '/atom.xml'],
    ['/json', '/feed.json'],
    ['/rss?limit=5', '/rss.xml?limit=5'],
  ])('redirects %s permanently to %s', async (from, to) => {
    const res = await call(from, { redirect: 'manual' })
    expect(res.status).toBe(301)
    expect(res.headers.get('Location')).toBe(`${ORIGIN}${to}`)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})
