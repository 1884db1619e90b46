import { beforeAll, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { ICONS, type IconPath } from '../../../src/icons/assets'
import { call, ORIGIN, store } from '../../helpers/app'
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
