import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { ICONS, type IconPath } from '../../../src/icons/assets'
import { call, coldCaches, ORIGIN, store } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  return [view.getUint32(16), view.getUint32(20)]
}

describe("the paper's icons and logo", () => {
  beforeAll(async () => {
    await clearKv()
    await store().put(article({ title: 'Khai mạc hội nghị', published: '08:04, 01/04/2016', section: 'Thời sự', byline: 'Đức Toàn' }))
  })

  it('serves each image, with its type, size, validator and a long cache life', async () => {
    for (const path of Object.keys(ICONS) as IconPath[]) {
      const res = await call(path)
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect(res.status, path).toBe(200)
      expect(res.headers.get('Content-Type'), path).toBe(ICONS[path].type)
      expect(res.headers.get('Content-Length'), path).toBe(String(bytes.byteLength))
      expect(res.headers.get('ETag'), path).toBe(ICONS[path].etag)
      expect(res.headers.get('Cache-Control'), path).toBe('public, max-age=604800')
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*')
      if (ICONS[path].type === 'image/png') {
        expect([...bytes.subarray(0, 8)], path).toEqual(PNG_SIGNATURE)
        expect(pngSize(bytes), path).toEqual([ICONS[path].width, ICONS[path].height])
      }
    }
  })

  it('/favicon.ico is an ICO of 16, 32 and 48 px PNGs', async () => {
    const bytes = new Uint8Array(await (await call('/favicon.ico')).arrayBuffer())
    const view = new DataView(bytes.buffer)
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 3])
    const sizes = [0, 1, 2].map((i) => {
      const offset = view.getUint32(6 + 16 * i + 12, true)
      const image = bytes.subarray(offset)
      expect([...image.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
      return [bytes[6 + 16 * i], pngSize(image)[0]]
    })
    expect(sizes).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ])
  })

  it("answers HEAD with GET's headers and a conditional GET with 304", async () => {
    const head = await call('/icon-144.png', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('Content-Length')).toBe(String(atob(ICONS['/icon-144.png'].base64).length))
    expect(await head.text()).toBe('')
    const again = await call('/icon-144.png', { headers: { 'If-None-Match': ICONS['/icon-144.png'].etag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('ETag')).toBe(ICONS['/icon-144.png'].etag)
  })

  it('is what every feed links, and the links resolve', async () => {
    const rss = await (await call('/rss.xml')).text()
    const atom = await (await call('/atom.xml')).text()
    const json = (await (await call('/feed.json')).json()) as { icon: string; favicon: string }
    const linked = [
      /<image>[\s\S]*<url>([^<]+)<\/url>/.exec(rss)?.[1],
      /<icon>([^<]+)<\/icon>/.exec(atom)?.[1],
      /<logo>([^<]+)<\/logo>/.exec(atom)?.[1],
      json.icon,
      json.favicon,
    ]
    expect(linked).toEqual([
      `${ORIGIN}/icon-144.png`,
      `${ORIGIN}/icon-64.png`,
      `${ORIGIN}/logo.png`,
      `${ORIGIN}/icon-512.png`,
      `${ORIGIN}/icon-64.png`,
    ])
    for (const url of linked) expect((await call(new URL(url as string).pathname)).status, url).toBe(200)
  })
})

/** The icon links in a page's <head>, read with workerd's own HTML parser. */
async function headIcons(body: string): Promise<Array<{ rel: string; href: string; type: string | null }>> {
  const icons: Array<{ rel: string; href: string; type: string | null }> = []
  let inHead = false
  await new HTMLRewriter()
    .on('head', {
      element: (e) => {
        inHead = true
        e.onEndTag(() => void (inHead = false))
      },
    })
    .on('link[rel="icon"], link[rel="apple-touch-icon"]', {
      element: (e) =>
        void (inHead && icons.push({ rel: e.getAttribute('rel')!, href: e.getAttribute('href')!, type: e.getAttribute('type') })),
    })
    .transform(new Response(body))
    .text()
  return icons
}

/** Each page, with its CSP's img-src for the service's own icon and for ICON_URL (the embed also shows thumbnails from the paper's hosts). */
const PAGES = [
  { name: 'the discovery page', path: '/', imgSrc: ["'self'", 'https://cdn.baonamdinh.vn'] },
  {
    name: 'the embed iframe',
    path: '/embed/headlines',
    imgSrc: [
      "https://baonamdinh.vn https://www.baonamdinh.vn 'self'",
      'https://baonamdinh.vn https://www.baonamdinh.vn https://cdn.baonamdinh.vn',
    ],
  },
]
const imgSrcOf = (res: Response) => /(?:^|; )img-src ([^;]*)/.exec(res.headers.get('Content-Security-Policy') ?? '')?.[1]

describe("the paper's icon on the service's own pages", () => {
  beforeEach(coldCaches)

  for (const { name, path, imgSrc } of PAGES) {
    it(`${name}: <link rel="icon"> and a touch icon in <head>, each answering 200 with an image, which the CSP lets load`, async () => {
      const res = await call(path)
      const icons = await headIcons(await res.text())
      expect(icons).toEqual([
        { rel: 'icon', href: '/icon-64.png', type: 'image/png' },
        { rel: 'apple-touch-icon', href: '/icon-512.png', type: null },
      ])
      for (const { href } of icons) {
        const image = await call(new URL(href, ORIGIN).pathname)
        expect(image.status, href).toBe(200)
        expect(image.headers.get('Content-Type'), href).toMatch(/^image\//)
      }
      // Same-origin paths: whichever host served the page serves them, and 'self' allows them.
      expect(imgSrcOf(res)).toBe(imgSrc[0])
    })

    it(`${name}: ICON_URL when configured, its origin allowed by the CSP`, async () => {
      const res = await call(path, {}, { ICON_URL: 'https://cdn.baonamdinh.vn/icon.png' })
      expect((await headIcons(await res.text())).map((i) => [i.rel, i.href])).toEqual([
        ['icon', 'https://cdn.baonamdinh.vn/icon.png'],
        ['apple-touch-icon', 'https://cdn.baonamdinh.vn/icon.png'],
      ])
      expect(imgSrcOf(res)).toBe(imgSrc[1])
    })
  }
})
