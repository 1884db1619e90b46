import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleInput } from '../../src/articles/schema'
import { EMBED_LIMIT } from '../../src/embed/options'
import { embedSnippets, IFRAME_SANDBOX } from '../../src/embed/snippet'
import { formatNewsroom } from '../../src/time/zone'
import { measure, widgetSize } from '../../scripts/embed-size'
import { servePartner, type PartnerSite } from './helpers/partner'
import { startWorker, type RunningWorker } from './helpers/worker'

/**
 * Both embeds in Debian's Chromium, on partner pages served from another origin. The Worker is the
 * deployable bundle under Miniflare; articles go in through the real schema and store. The articles'
 * image host (https://baonamdinh.vn) is answered by the browser context itself: the thumbnails are the
 * only requests allowed to leave the two local origins, and nothing reaches a network.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Playwright passes --headless and a fresh --user-data-dir itself.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const IMAGE_HOST = 'https://baonamdinh.vn'
const ZONE = 'Asia/Ho_Chi_Minh'
const XSS = '<img src=x onerror=alert(1)>'
const DOCS = resolve(import.meta.dirname, '../../docs')
/** `npm run docs:screenshots` refreshes the README's pictures; a plain test run writes to a temp folder. */
const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1'

const image = (name: string) => ({ url: `${IMAGE_HOST}/uploads/2024/04/${name}.jpg` })

/** Newest first; the XSS title is 6th, so the default limit (5) keeps it out of the screenshots. */
const ARTICLES: ArticleInput[] = [
  {
    title: 'Nam Định khởi công tuyến đường bộ ven biển qua Giao Thủy, Hải Hậu, Nghĩa Hưng',
    published: '07:30, 12/04/2024',
    section: 'Thời sự',
    byline: 'Tin, ảnh: Đức Toàn',
    image: image('duong-ven-bien'),
  },
  {
    title: 'Lễ hội Phủ Dầy năm 2024 đón hàng vạn du khách thập phương',
    published: '09:15, 11/04/2024',
    section: 'Văn hóa',
    byline: 'Thanh Thúy',
    image: image('phu-day'),
  },
  {
    title: 'Thép Xanh Nam Định thắng thuyết phục trên sân Thiên Trường',
    published: '21:05, 10/04/2024',
    section: 'Thể thao',
    byline: 'Minh Hằng',
    image: image('thien-truong'),
  },
  {
    title: 'Nông dân Hải Hậu phấn khởi vào vụ thu hoạch lúa xuân sớm',
    published: '16:40, 10/04/2024',
    section: 'Kinh tế',
    byline: 'Văn Đông',
    image: image('lua-xuan'),
  },
  {
    title: 'Học sinh Nam Định đoạt 52 giải học sinh giỏi quốc gia',
    published: '10:00, 09/04/2024',
    section: 'Giáo dục',
    byline: 'Tin, ảnh: Đức Toàn',
  },
  { title: XSS, published: '08:04, 01/04/2024', section: 'Thời sự', byline: 'Đức Toàn' },
  {
    title: 'Hội nghị triển khai nhiệm vụ chuyển đổi số năm 2024',
    published: '14:20, 28/03/2024',
    section: 'Thời sự',
    byline: 'Tin: Đức Toàn - Ảnh: Việt Dư',
    image: image('chuyen-doi-so'),
  },
  // 00:30 local is 17:30 UTC the day before: only a widget that formats in the newsroom's zone shows 01/01.
  {
    title: 'Thành phố rực rỡ pháo hoa chào năm mới',
    published: '00:30, 01/01/2024',
    section: 'Thời sự',
    byline: 'Việt Dư',
    image: image('phao-hoa'),
  },
]

const SEED = ARTICLES.map((a) => ({ paragraphs: [`${a.title}.`], ...a }))

/** The address docs/embed.md writes the snippets with. */
const PUBLIC_BASE = 'https://feeds.baonamdinh.vn'

/** What a partner's heavy-handed stylesheet does to everything it can reach. */
const AGGRESSIVE_CSS = `
* { font-family: "Courier New", monospace !important; color: red !important; line-height: 3 !important; letter-spacing: 2px !important;
    text-transform: uppercase !important; --fg: red !important; --bg: yellow !important; --accent: lime !important; }
a { color: red !important; font-size: 40px !important; text-decoration: line-through !important; }
li, ol, ul { display: inline !important; list-style: square inside !important; }
span, time { display: none !important; }
img { display: none !important; }
header { background: yellow !important; }
div { border: 5px solid lime; padding: 20px; }
body { background: #eef; font-size: 30px; }
iframe { border: 3px dashed blue; }`

function page(title: string, body: string, css = '', head = ''): string {
  return `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">${head}<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${css}</style></head>\n<body>\n${body}\n</body></html>`
}

function pages(worker: string): Record<string, string> {
  const partnerContent = `<h1 id="partner-title">Cổng thông tin xã Giao Thủy</h1>
<p id="partner-text">Nội dung của trang đối tác, với <a id="partner-link" href="/lien-he">một liên kết</a>.</p>
<ul id="partner-list"><li>Mục một</li><li>Mục hai</li></ul>`
  const script = (attrs: string) => `<script src="${worker}/embed.js" ${attrs} async></script>`
  const iframe = (query: string, width: number, height: number, id = 'frame') =>
    `<iframe id="${id}" src="${worker}/embed/headlines${query}" title="Tin mới – Báo Nam Định điện tử" width="${width}" height="${height}" sandbox="${IFRAME_SANDBOX}"></iframe>`
  const showcaseCss = `body{margin:0;background:#e9ecf1;font:14px/1.4 system-ui,sans-serif;color:#3a3f47}
main{display:flex;gap:28px;padding:24px 28px 28px;align-items:flex-start;width:max-content}
figure{margin:0;width:360px}figcaption{margin:0 0 8px 2px;font-size:13px;color:#5b626c}
.card{border-radius:10px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.12),0 6px 18px rgba(0,0,0,.08);background:#fff}
iframe{display:block;border:0;width:100%}`
  const showcase = (embed: (theme: 'light' | 'dark') => string) =>
    page(
      'Showcase',
      `<main>${(['light', 'dark'] as const).map((t) => `<figure><figcaption>theme=${t}</figcaption><div class="card">${embed(t)}</div></figure>`).join('')}</main>`,
      showcaseCss,
    )
  return {
    '/bare': page('Đối tác', partnerContent, AGGRESSIVE_CSS),
    '/partner': page(
      'Đối tác',
      `${partnerContent}
${iframe('?limit=8', 360, 760)}
<aside id="aside">${script('data-limit="8"')}</aside>
<div id="slot">Đang tải tin…</div>
${script('data-section="thoi-su" data-target="#slot" data-theme="dark" data-link-target="_blank" data-limit="abc"')}`,
      AGGRESSIVE_CSS,
    ),
    '/showcase-iframe': showcase((t) => iframe(`?theme=${t}`, 360, 452, `frame-${t}`)),
    '/showcase-script': showcase((t) => `<div id="slot-${t}"></div>${script(`data-theme="${t}" data-target="#slot-${t}"`)}`),
    '/auto': page('Auto', `${iframe('', 360, 452)}<div id="slot"></div>${script('data-target="#slot"')}`),
    '/narrow': page(
      'Hẹp',
      `${iframe('?limit=8', 240, 900)}<div id="slot" style="width:240px"></div>${script('data-target="#slot" data-limit="8"')}`,
    ),
    '/many': page('Nhiều', `<div id="slot"></div>${script('data-target="#slot" data-limit="500"')}`),
    '/down': page(
      'Mất kết nối',
      `${partnerContent}<div id="slot">Tin của báo</div>${script('data-section="thoi-su" data-target="#slot"')}`,
    ),
    '/missing-section': page('Sai chuyên mục', `${partnerContent}${script('data-section="khong-co"')}`),
    '/bad-section': page('Sai chuyên mục', `${partnerContent}${script('data-section="Thời sự"')}`),
    '/missing-target': page('Sai chỗ', `${partnerContent}${script('data-target="#khong-co"')}`),
    '/broken-target': page('Sai chỗ', `${partnerContent}${script('data-target="##"')}`),
    '/snippets': (() => {
      const { iframe, script } = embedSnippets(worker, 'Báo Nam Định điện tử')
      return page('Đối tác', `${iframe}\n<div>${script}</div>`, AGGRESSIVE_CSS)
    })(),
    // A partner with a strict CSP of its own: no inline styles, scripts and fetches from the service only.
    '/strict-csp': page(
      'CSP',
      `${iframe('', 360, 520)}<div id="slot"></div>${script('data-target="#slot"')}`,
      '',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src ${worker}; connect-src ${worker}; frame-src ${worker}; img-src https:; style-src 'self'">`,
    ),
    '/hostile': page('Dữ liệu độc', `<div id="slot"></div>${script('data-author="ke-xau" data-target="#slot"')}`),
    '/foreign': page(
      'Máy chủ lạ',
      `<div id="slot"></div>${script('data-author="noi-khac" data-target="#slot" data-link-target="_blank"')}`,
    ),
  }
}

/** A small landscape per image name, so screenshots show real-looking thumbnails without any network. */
function thumbnail(url: string): string {
  const hue = [...url].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="144" height="96" viewBox="0 0 144 96">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},65%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},70%,90%)"/></linearGradient></defs>
<rect width="144" height="96" fill="url(#s)"/><circle cx="106" cy="30" r="13" fill="hsl(44,95%,72%)"/>
<path d="M0 70 L38 44 L70 62 L102 38 L144 64 V96 H0Z" fill="hsl(${(hue + 150) % 360},32%,44%)"/>
<path d="M0 84 L48 66 L92 80 L144 70 V96 H0Z" fill="hsl(${(hue + 160) % 360},38%,30%)"/></svg>`
}

interface Session {
  context: BrowserContext
  page: Page
  requests: string[]
  warnings: string[]
  dialogs: string[]
}

let worker: RunningWorker
let partner: PartnerSite
let browser: Browser
let shots: string
const sessions: BrowserContext[] = []

interface FeedItem {
  url: string
  title: string
  date_published: string
  image?: string
}

async function feedItems(path: string): Promise<FeedItem[]> {
  const res = await fetch(`${worker.origin}${path}`)
  expect(res.status, path).toBe(200)
  return ((await res.json()) as { items: FeedItem[] }).items
}

/** A fresh browser context (no cookies, no cache) in a reader's zone far from Vietnam's. */
async function open(
  path: string,
  options: { colorScheme?: 'light' | 'dark'; before?: (context: BrowserContext) => Promise<unknown> } = {},
): Promise<Session> {
  const context = await browser.newContext({
    timezoneId: 'America/New_York',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  })
  sessions.push(context)
  const session: Session = { context, page: undefined as unknown as Page, requests: [], warnings: [], dialogs: [] }
  context.on('request', (request) => void session.requests.push(request.url()))
  await context.route(`${IMAGE_HOST}/**`, (route) => {
    const url = route.request().url()
    return url.startsWith(`${IMAGE_HOST}/uploads/`)
      ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: thumbnail(url) })
      : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page('Bài báo', `<h1>Bài báo</h1>`) })
  })
  await options.before?.(context)
  session.page = await context.newPage()
  session.page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'warning') session.warnings.push(message.text())
  })
  session.page.on('dialog', (dialog) => {
    session.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await session.page.goto(`${partner.origin}${path}`)
  return session
}

/** Resolves when `count` script widgets are in the page and every image in it and its frames has loaded. */
async function settled(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('vnfeeds-headlines').length === n, count)
  for (const frame of page.frames()) {
    await frame.waitForLoadState('load')
    await frame.waitForFunction(() => {
      const roots: ParentNode[] = [
        document,
        ...[...document.querySelectorAll('vnfeeds-headlines')].flatMap((h) => (h.shadowRoot ? [h.shadowRoot] : [])),
      ]
      return roots.every((root) => [...root.querySelectorAll('img')].every((img) => img.complete))
    })
  }
}

interface Shown {
  title: string | null
  href: string | null
  target: string | null
  rel: string | null
  time: string | null
  datetime: string | null
  thumb: string | null
}

function shown(items: Locator): Promise<Shown[]> {
  return items.evaluateAll((lis) =>
    lis.map((li) => {
      const a = li.querySelector('a')
      const time = li.querySelector('time')
      return {
        title: li.querySelector('.title')?.textContent ?? null,
        href: a?.getAttribute('href') ?? null,
        target: a?.getAttribute('target') ?? null,
        rel: a?.getAttribute('rel') ?? null,
        time: time?.textContent ?? null,
        datetime: time?.getAttribute('datetime') ?? null,
        thumb: li.querySelector('img')?.getAttribute('src') ?? null,
      }
    }),
  )
}

function expected(items: FeedItem[], target: '_top' | '_blank'): Shown[] {
  return items.map((i) => ({
    title: i.title,
    href: i.url,
    target,
    rel: target === '_blank' ? 'noopener' : null,
    time: formatNewsroom(new Date(i.date_published), ZONE),
    datetime: i.date_published,
    thumb: i.image ?? null,
  }))
}

/** Has the browser answer an author's JSON Feed with `feed`: data the service itself would never send. */
function fakeFeed(context: BrowserContext, author: string, feed: { title: string; items: object[] }) {
  const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', ...feed })
  return context.route(`${worker.origin}/tac-gia/${author}/feed.json*`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/feed+json', headers: { 'Access-Control-Allow-Origin': '*' }, body }),
  )
}

/**
 * Follows a link as a keyboard user does (focus, Enter): a trusted activation like a click. Mouse clicks
 * from CDP were seen to get lost in a second browser context on a loaded two-core machine.
 */
async function follow(page: Page, link: Locator): Promise<void> {
  await link.focus()
  await page.keyboard.press('Enter')
}

const STYLE_PROPS = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-decoration-line',
  'display',
  'visibility',
  'list-style-type',
  'border-bottom-color',
  'padding-top',
]
const WIDGET_PARTS = ['.vnf', '.head', '.paper', '.list', '.item', '.link', '.thumb', '.text', '.title', '.time']

/** Computed style of the first element of each widget part, inside a widget's shadow root. */
function widgetStyles(host: Locator): Promise<Record<string, Record<string, string>>> {
  return host.evaluate(
    (el, [parts, props]) => {
      const root = el.shadowRoot as ShadowRoot
      return Object.fromEntries(
        parts.map((part) => {
          const found = root.querySelector(part)
          const cs = found ? getComputedStyle(found) : null
          return [part, Object.fromEntries(props.map((p) => [p, cs?.getPropertyValue(p) ?? 'missing']))]
        }),
      )
    },
    [WIDGET_PARTS, STYLE_PROPS] as [string[], string[]],
  )
}

/** Colours of a widget: in a script widget's shadow root (given its host), or in the iframe's document. */
function colorsIn(host?: Element) {
  const root: ParentNode = host?.shadowRoot ?? document
  const color = (sel: string, prop = 'color') => getComputedStyle(root.querySelector(sel) as Element).getPropertyValue(prop)
  return { bg: color('.vnf', 'background-color'), title: color('.title'), time: color('.time'), paper: color('.paper') }
}

const PARTNER_PROBES = ['body', '#partner-title', '#partner-text', '#partner-link', '#partner-list', '#partner-list li']
const PARTNER_PROPS = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'line-height',
  'letter-spacing',
  'text-transform',
  'display',
  'list-style-type',
  'text-decoration-line',
  'border-top-width',
  'padding-top',
]

function partnerState(page: Page) {
  return page.evaluate(
    ([probes, props]) => ({
      styles: probes.map((s) => {
        const cs = getComputedStyle(document.querySelector(s) as Element)
        return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))
      }),
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      // Own properties of window, minus the indexed access to child frames.
      globals: Object.getOwnPropertyNames(window)
        .filter((name) => !/^\d+$/.test(name))
        .sort(),
    }),
    [PARTNER_PROBES, PARTNER_PROPS] as [string[], string[]],
  )
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

async function screenshot(page: Page, name: string): Promise<void> {
  // A partner gives the iframe a fixed height; the picture shows it fitted to its content.
  for (const frame of page.frames().slice(1)) {
    const height = await frame.evaluate(() => document.documentElement.scrollHeight)
    await (await frame.frameElement()).evaluate((el, h) => (el as Element).setAttribute('height', String(h)), height)
  }
  const file = join(shots, name)
  await page.locator('main').screenshot({ path: file, animations: 'disabled' })
  expect((await stat(file)).size).toBeGreaterThan(10_000)
  if (UPDATE_DOCS) await copyFile(file, join(DOCS, name))
}

beforeAll(async () => {
  ;[worker, browser, shots] = await Promise.all([
    startWorker(),
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }),
    mkdtemp(join(tmpdir(), 'vnfeeds-shots-')),
  ])
  await worker.seed(SEED)
  partner = await servePartner(() => pages(worker.origin))
})

// Pages left open keep polling and painting; on two cores that slows every later test.
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((c) => c.close().catch(() => undefined)))
})

afterAll(async () => {
  await browser?.close()
  await partner?.close()
  await worker?.dispose()
  if (shots) await rm(shots, { recursive: true, force: true })
})

describe('headlines embeds in Chromium, on a partner page of another origin', () => {
  it('show exactly the feed’s headlines: titles, links, Vietnamese local times, thumbnails', async () => {
    const { page } = await open('/partner')
    await settled(page, 2)
    const all = await feedItems('/feed.json?limit=8')
    expect(all.map((i) => i.title)).toEqual(ARTICLES.map((a) => a.title))

    const frameItems = page.frameLocator('#frame').locator('li.item')
    expect(await shown(frameItems)).toEqual(expected(all, '_top'))
    const inline = page.locator('#aside > vnfeeds-headlines')
    expect(await shown(inline.locator('li.item'))).toEqual(expected(all, '_top'))
    // In place: just before its own <script> tag.
    expect(await inline.evaluate((host) => host.nextElementSibling?.tagName)).toBe('SCRIPT')

    // Into data-target, replacing its placeholder; bad data-limit="abc" fell back to the default.
    const slot = page.locator('#slot > vnfeeds-headlines')
    const section = await feedItems(`/chuyen-muc/thoi-su/feed.json?limit=${EMBED_LIMIT.default}`)
    expect(await shown(slot.locator('li.item'))).toEqual(expected(section, '_blank'))
    expect(await page.locator('#slot').evaluate((el) => el.childNodes.length)).toBe(1)

    const newYear = (await shown(frameItems)).find((i) => i.title === 'Thành phố rực rỡ pháo hoa chào năm mới')
    expect(newYear?.time).toBe('00:30, 01/01/2024')
    for (const root of [page.frameLocator('#frame').locator('html'), inline, slot]) {
      expect(await root.locator('a.paper').getAttribute('href')).toBe('https://baonamdinh.vn')
      expect(await root.locator('a.paper').textContent()).toBe('Báo Nam Định điện tử')
      expect(await root.locator('li.item .title').first().isVisible()).toBe(true)
      expect(await root.locator('li.item .thumb').first().isVisible()).toBe(true)
    }
    expect(await slot.locator('.scope').textContent()).toBe('Chuyên mục Thời sự')
  })

  it('shows a title made of markup as text, and runs nothing', async () => {
    const { page, dialogs, requests } = await open('/partner')
    await settled(page, 2)
    for (const items of [
      page.frameLocator('#frame').locator('li.item'),
      page.locator('#aside vnfeeds-headlines li.item'),
      page.locator('#slot vnfeeds-headlines li.item'),
    ])
      expect((await shown(items)).map((i) => i.title)).toContain(XSS)
    const images = async (root: Locator) =>
      root.evaluate((el) => [...(el.shadowRoot ?? el.ownerDocument).querySelectorAll('img')].map((img) => img.getAttribute('src')))
    for (const src of [
      ...(await images(page.frameLocator('#frame').locator('html'))),
      ...(await images(page.locator('#aside vnfeeds-headlines'))),
      ...(await images(page.locator('#slot vnfeeds-headlines'))),
    ])
      expect(src).toMatch(/^https:\/\/baonamdinh\.vn\/uploads\//)
    expect(requests.filter((url) => new URL(url).pathname.endsWith('/x'))).toEqual([])
    expect(dialogs).toEqual([])
  })

  it('leaves the partner page as it was: its styles, stylesheets and globals; sets no cookie; asks no third host', async () => {
    const bare = await open('/bare')
    const before = await partnerState(bare.page)
    const { page, context, requests } = await open('/partner')
    await settled(page, 2)
    expect(await partnerState(page)).toEqual(before)
    expect(await context.cookies()).toEqual([])

    const thumbnails = new Set((await feedItems('/feed.json?limit=8')).flatMap((i) => (i.image ? [i.image] : [])))
    const local = new Set([partner.origin, worker.origin])
    const elsewhere = requests.filter((url) => !local.has(new URL(url).origin))
    expect(elsewhere.length).toBeGreaterThan(0)
    for (const url of elsewhere) expect(thumbnails, url).toContain(url)
    // The script reads the JSON Feed from the origin it was loaded from.
    expect(requests).toContain(`${worker.origin}/feed.json?limit=8`)
    expect(requests).toContain(`${worker.origin}/chuyen-muc/thoi-su/feed.json?limit=${EMBED_LIMIT.default}`)
  })

  it('keeps its own look under the partner’s aggressive CSS', async () => {
    const showcase = await open('/showcase-script')
    await settled(showcase.page, 2)
    const light = await widgetStyles(showcase.page.locator('#slot-light > vnfeeds-headlines'))
    const dark = await widgetStyles(showcase.page.locator('#slot-dark > vnfeeds-headlines'))
    const { page } = await open('/partner')
    await settled(page, 2)
    expect(await widgetStyles(page.locator('#aside > vnfeeds-headlines'))).toEqual(light)
    expect(await widgetStyles(page.locator('#slot > vnfeeds-headlines'))).toEqual(dark)
    expect(light['.title']).toMatchObject({ 'font-size': '15px', 'text-transform': 'none', 'font-weight': '600' })
    expect(light['.title']?.['font-family']).not.toContain('Courier')
    expect(light['.title']?.color).not.toBe('rgb(255, 0, 0)')
    expect(light['.thumb']?.display).toBe('block')
    const thumbBox = await page.locator('#aside > vnfeeds-headlines .thumb').first().boundingBox()
    expect([thumbBox?.width, thumbBox?.height]).toEqual([72, 48])

    // The iframe is a document of its own: the same look as in a plain page.
    const frames = await open('/showcase-iframe')
    await settled(frames.page, 0)
    const frameLight = await frames.page
      .frame({ url: /theme=light/ })!
      .evaluate(() => getComputedStyle(document.querySelector('.title')!).color)
    const partnerFrame = await page.frame({ url: /limit=8/ })!.evaluate(() => getComputedStyle(document.querySelector('.title')!).color)
    expect(partnerFrame).toBe(frameLight)
  })

  it('opens headlines in the partner’s top window, or in a new tab without an opener', async () => {
    const { page, context } = await open('/partner')
    await settled(page, 2)
    const [popup] = await Promise.all([context.waitForEvent('page'), follow(page, page.locator('#slot vnfeeds-headlines a.link').first())])
    await popup.waitForLoadState()
    const section = await feedItems('/chuyen-muc/thoi-su/feed.json?limit=1')
    expect(popup.url()).toBe(section[0]?.url)
    expect(await popup.evaluate(() => window.opener)).toBeNull()

    // From the sandboxed iframe, target=_top navigates the partner's page itself.
    const first = (await feedItems('/feed.json?limit=1'))[0] as FeedItem
    await Promise.all([page.waitForURL(first.url), follow(page, page.frameLocator('#frame').locator('a.link').first())])
    expect(page.url()).toBe(first.url)
  })

  it('fits a 240 px column without overflowing', async () => {
    const { page } = await open('/narrow')
    await settled(page, 1)
    const frame = page.frame({ url: /embed\/headlines/ })!
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(240)
    const box = page.locator('#slot > vnfeeds-headlines')
    expect(await box.evaluate((host) => host.getBoundingClientRect().width)).toBe(240)
    const overflow = await box.evaluate((host) => {
      const root = host.shadowRoot as ShadowRoot
      const limit = host.getBoundingClientRect().right
      return [...root.querySelectorAll('.title, .time, .paper, .thumb')].filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .length
    })
    expect(overflow).toBe(0)
    expect(await box.locator('.thumb').first().isVisible()).toBe(true)
  })

  it('is readable in both themes, follows prefers-color-scheme when no theme is given, and looks right', async () => {
    const check = (colors: ReturnType<typeof colorsIn>, dark: boolean) => {
      expect(luminance(colors.bg) < 0.1, JSON.stringify(colors)).toBe(dark)
      expect(contrast(colors.title, colors.bg)).toBeGreaterThanOrEqual(7)
      for (const part of [colors.time, colors.paper]) expect(contrast(part, colors.bg), JSON.stringify(colors)).toBeGreaterThanOrEqual(4.5)
    }

    const frames = await open('/showcase-iframe')
    await settled(frames.page, 0)
    check(await frames.page.frame({ url: /theme=light/ })!.evaluate(colorsIn, undefined), false)
    check(await frames.page.frame({ url: /theme=dark/ })!.evaluate(colorsIn, undefined), true)
    await screenshot(frames.page, 'screenshot-iframe.png')

    const scripts = await open('/showcase-script')
    await settled(scripts.page, 2)
    for (const theme of ['light', 'dark'] as const) {
      const colors = await scripts.page.locator(`#slot-${theme} > vnfeeds-headlines`).evaluate(colorsIn)
      check(colors, theme === 'dark')
    }
    await screenshot(scripts.page, 'screenshot-script.png')

    // No theme given: the reader's preference decides, in both forms.
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await open('/auto', { colorScheme: scheme })
      await settled(page, 1)
      const frameBg = await page
        .frame({ url: /embed\/headlines/ })!
        .evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
      const scriptBg = await page
        .locator('#slot > vnfeeds-headlines')
        .evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.vnf')!).backgroundColor)
      expect(luminance(frameBg) < 0.1, scheme).toBe(scheme === 'dark')
      expect(scriptBg).toBe(frameBg)
    }
  })

  it('falls back to the default for a bad data-limit and caps a large one', async () => {
    const { page, requests } = await open('/many')
    await settled(page, 1)
    expect(requests).toContain(`${worker.origin}/feed.json?limit=${EMBED_LIMIT.max}`)
    expect(await page.locator('#slot li.item').count()).toBe(ARTICLES.length)
  })

  it('leaves the page unchanged and warns once when the service is unreachable, errs or is misconfigured', async () => {
    const cases: Array<{ path: string; reason: RegExp; before?: (context: BrowserContext) => Promise<unknown> }> = [
      {
        path: '/down',
        reason: /could not be reached/,
        before: (context) => context.route(`${worker.origin}/chuyen-muc/**`, (route) => route.abort('connectionrefused')),
      },
      { path: '/missing-section', reason: /HTTP 404/ },
      { path: '/bad-section', reason: /data-section="Thời sự" is not a slug/ },
      { path: '/missing-target', reason: /data-target="#khong-co" matches no element/ },
      { path: '/broken-target', reason: /data-target="##" matches no element/ },
    ]
    for (const { path, reason, before } of cases) {
      const { page, warnings, dialogs } = await open(path, before ? { before } : {})
      await expect.poll(() => warnings.length, { timeout: 10_000 }).toBeGreaterThan(0)
      // Time for a second warning, were there to be one.
      await page.waitForTimeout(500)
      expect(warnings, path).toHaveLength(1)
      expect(warnings[0], path).toMatch(reason)
      expect(warnings[0], path).toMatch(/^\[Báo Nam Định điện tử\] /)
      // The live DOM is exactly what the partner's HTML says.
      const unchanged = await page.evaluate(async () => {
        const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html')
        return served.body.innerHTML === document.body.innerHTML && document.querySelectorAll('vnfeeds-headlines').length === 0
      })
      expect(unchanged, path).toBe(true)
      expect(dialogs).toEqual([])
    }
  })

  it('never turns hostile feed data into markup, script links or insecure images', async () => {
    const hostile = {
      title: 'Báo Nam Định điện tử – <b onmouseover=alert(1)>Tác giả</b>',
      items: [
        {
          id: '1',
          url: 'javascript:alert(1)',
          title: '<script>alert(1)</script>',
          image: 'javascript:alert(2)',
          date_published: 'hôm qua',
        },
        {
          id: '2',
          url: 'data:text/html,<script>alert(1)</script>',
          title: XSS,
          image: 'http://insecure.test/a.jpg',
          date_published: '2024-04-01T08:04:00+07:00',
        },
        { id: '3', url: ' https://baonamdinh.vn/tin-hop-le ', title: 42, date_published: '2024-04-02T01:00:00Z' },
      ],
    }
    const { page, dialogs, requests } = await open('/hostile', { before: (context) => fakeFeed(context, 'ke-xau', hostile) })
    await settled(page, 1)
    const host = page.locator('#slot > vnfeeds-headlines')
    expect(await shown(host.locator('li.item'))).toEqual([
      { title: '<script>alert(1)</script>', href: null, target: null, rel: null, time: null, datetime: null, thumb: null },
      { title: XSS, href: null, target: null, rel: null, time: '08:04, 01/04/2024', datetime: '2024-04-01T08:04:00+07:00', thumb: null },
      {
        title: '42',
        href: 'https://baonamdinh.vn/tin-hop-le',
        target: '_top',
        rel: null,
        time: '08:00, 02/04/2024',
        datetime: '2024-04-02T01:00:00Z',
        thumb: null,
      },
    ])
    expect(await host.locator('.scope').textContent()).toBe('<b onmouseover=alert(1)>Tác giả</b>')
    expect(await host.evaluate((el) => el.shadowRoot!.querySelectorAll('script, b, img').length)).toBe(0)
    expect(requests.filter((url) => url.includes('insecure.test'))).toEqual([])
    expect(dialogs).toEqual([])
  })

  it('links and loads thumbnails only on the paper’s own hosts: a link elsewhere leads home, an image elsewhere is left out', async () => {
    const elsewhere = {
      title: 'Báo Nam Định điện tử – Tác giả Nơi khác',
      items: [
        {
          id: '1',
          url: 'https://tracker.example/bai',
          title: 'Bài dẫn ra ngoài',
          image: 'https://tracker.example/pixel.jpg',
          date_published: '2024-04-02T01:00:00Z',
        },
        {
          id: '2',
          url: 'https://www.baonamdinh.vn/bai-2',
          title: 'Bài trên www',
          image: 'https://www.baonamdinh.vn/uploads/b.jpg',
          date_published: '2024-04-01T01:00:00Z',
        },
        {
          id: '3',
          url: 'https://baonamdinh.vn.tracker.example/x',
          title: 'Tên miền giả',
          image: 'https://tracker.example/baonamdinh.vn/c.jpg',
          date_published: '2024-03-31T01:00:00Z',
        },
      ],
    }
    const { page, requests } = await open('/foreign', {
      before: async (context) => {
        await fakeFeed(context, 'noi-khac', elsewhere)
        // Answered here, like the paper's own image host: no request may reach a network.
        await context.route('https://www.baonamdinh.vn/**', (route) =>
          route.fulfill({ status: 200, contentType: 'image/svg+xml', body: thumbnail(route.request().url()) }),
        )
      },
    })
    await settled(page, 1)
    const items = await shown(page.locator('#slot > vnfeeds-headlines li.item'))
    expect(items.map(({ title, href, thumb }) => ({ title, href, thumb }))).toEqual([
      { title: 'Bài dẫn ra ngoài', href: 'https://baonamdinh.vn', thumb: null },
      { title: 'Bài trên www', href: 'https://www.baonamdinh.vn/bai-2', thumb: 'https://www.baonamdinh.vn/uploads/b.jpg' },
      { title: 'Tên miền giả', href: 'https://baonamdinh.vn', thumb: null },
    ])
    expect(requests).toContain('https://www.baonamdinh.vn/uploads/b.jpg')
    expect(requests.filter((url) => new URL(url).hostname.includes('tracker'))).toEqual([])
  })

  it('is small, and the size docs/embed.md states is measured on the text the Worker serves', async () => {
    const served = await measure(await (await fetch(`${worker.origin}/embed.js`)).text())
    expect(served.minified.gzip).toBeLessThan(3_500)
    // What `npm run embed:size` reports is the served script's size, give or take a renamed local.
    const reported = await widgetSize()
    expect(Math.abs(reported.minified.gzip - served.minified.gzip)).toBeLessThanOrEqual(16)
    expect(Math.abs(reported.served.bytes - served.served.bytes) / served.served.bytes).toBeLessThan(0.01)
  })

  it('works with the snippets exactly as the / page and docs/embed.md give them', async () => {
    const { page, dialogs } = await open('/snippets')
    await settled(page, 1)
    const items = await feedItems('/feed.json?limit=5')
    expect(await shown(page.frameLocator('iframe').locator('li.item'))).toEqual(expected(items, '_top'))
    expect(await shown(page.locator('vnfeeds-headlines li.item'))).toEqual(expected(items, '_top'))
    expect(dialogs).toEqual([])
  })

  it('works on a partner page whose own CSP forbids inline styles', async () => {
    const { page } = await open('/strict-csp')
    await settled(page, 1)
    const items = await feedItems('/feed.json?limit=5')
    expect(await shown(page.frameLocator('#frame').locator('li.item'))).toEqual(expected(items, '_top'))
    const host = page.locator('#slot > vnfeeds-headlines')
    expect(await shown(host.locator('li.item'))).toEqual(expected(items, '_top'))
    expect((await widgetStyles(host))['.title']).toMatchObject({ 'font-weight': '600', 'font-size': '15px' })
    expect((await host.locator('.thumb').first().boundingBox())?.width).toBe(72)
  })

  it('offers the snippets on the service’s own / page, with its public address', async () => {
    // As deployed behind FEED_BASE_URL: the page (and its picture) shows the address partners will use.
    const deployed = await startWorker({ vars: { FEED_BASE_URL: PUBLIC_BASE } })
    try {
      await deployed.seed(SEED)
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } })
      sessions.push(context)
      const home = await context.newPage()
      await home.goto(`${deployed.origin}/`)
      const { iframe, script } = embedSnippets(PUBLIC_BASE, 'Báo Nam Định điện tử')
      expect(await home.locator('pre code').allTextContents()).toEqual([iframe, script])
      const file = join(shots, 'screenshot-home.png')
      await home.screenshot({ path: file, fullPage: true })
      expect((await stat(file)).size).toBeGreaterThan(10_000)
      if (UPDATE_DOCS) await copyFile(file, join(DOCS, 'screenshot-home.png'))
    } finally {
      await deployed.dispose()
    }
  })
})
