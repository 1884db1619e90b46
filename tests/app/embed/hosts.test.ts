import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { call, coldCaches, store } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

/**
 * The iframe shows links and thumbnails only on hosts the paper configured: SITE_URL's host and its
 * www./bare variant, plus EMBED_HOSTS. Anything else links home and shows no picture.
 */

const HOME = 'https://baonamdinh.vn'

/** Each headline's link and thumbnail, in order, read with workerd's own HTML parser. */
async function headlines(
  path: string,
  vars = {},
): Promise<{ res: Response; items: Array<{ title: string; href: string | null; thumb: string | null }> }> {
  const res = await call(path, {}, vars)
  const items: Array<{ title: string; href: string | null; thumb: string | null }> = []
  await new HTMLRewriter()
    .on('li.item', { element: () => void items.push({ title: '', href: null, thumb: null }) })
    .on('a.link', { element: (e) => void (items.at(-1)!.href = e.getAttribute('href')) })
    .on('img.thumb', { element: (e) => void (items.at(-1)!.thumb = e.getAttribute('src')) })
    .on('.title', { text: (t) => void (items.at(-1)!.title += t.text) })
    .transform(res.clone())
    .text()
  return { res, items }
}

beforeAll(async () => {
  await clearKv()
  const put = (title: string, minute: number, extra: object) =>
    store().put(article({ title, published: `08:${String(minute).padStart(2, '0')}, 01/04/2024`, section: 'Thời sự', ...extra }))
  await put('Ảnh và bài của báo', 9, { image: { url: `${HOME}/uploads/a.jpg` } })
  await put('Ảnh trên www', 8, { image: { url: 'https://www.baonamdinh.vn/uploads/b.jpg' }, url: 'https://www.baonamdinh.vn/bai-b' })
  await put('Ảnh từ máy chủ lạ', 7, { image: { url: 'https://tracker.example/pixel.jpg' } })
  await put('Liên kết tới trang lạ', 6, { url: 'https://tracker.example/bai', image: { url: 'https://cdn.example.vn/c.jpg' } })
  await put('Ảnh trên tên miền con', 5, { image: { url: 'https://img1.anh.example.vn/d.jpg' } })
  await put('Tên giống mà khác miền', 4, {
    image: { url: 'https://baonamdinh.vn.tracker.example/e.jpg' },
    url: 'https://evilbaonamdinh.vn/e',
  })
})

describe('GET /embed/headlines: only the paper’s hosts', () => {
  beforeEach(coldCaches)

  it('by default shows links and https thumbnails on SITE_URL’s host and its www. variant only', async () => {
    const { res, items } = await headlines('/embed/headlines?limit=10')
    expect(items).toEqual([
      {
        title: 'Ảnh và bài của báo',
        href: expect.stringMatching(/^https:\/\/baonamdinh\.vn\/2024-04-01-/),
        thumb: `${HOME}/uploads/a.jpg`,
      },
      { title: 'Ảnh trên www', href: 'https://www.baonamdinh.vn/bai-b', thumb: 'https://www.baonamdinh.vn/uploads/b.jpg' },
      { title: 'Ảnh từ máy chủ lạ', href: expect.stringMatching(/^https:\/\/baonamdinh\.vn\/2024-04-01-/), thumb: null },
      { title: 'Liên kết tới trang lạ', href: HOME, thumb: null },
      { title: 'Ảnh trên tên miền con', href: expect.stringMatching(/^https:\/\/baonamdinh\.vn\//), thumb: null },
      { title: 'Tên giống mà khác miền', href: HOME, thumb: null },
    ])
    // The browser enforces the same list: images from nowhere else, whatever the document said.
    expect(res.headers.get('Content-Security-Policy')).toMatch(/; img-src https:\/\/baonamdinh\.vn https:\/\/www\.baonamdinh\.vn 'self'; /)
  })

  it('adds the hosts EMBED_HOSTS names, `*.` meaning any subdomain', async () => {
    const vars = { EMBED_HOSTS: 'cdn.example.vn, *.anh.example.vn' }
    const { res, items } = await headlines('/embed/headlines?limit=10', vars)
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]))
    expect(byTitle['Liên kết tới trang lạ']).toEqual({ title: 'Liên kết tới trang lạ', href: HOME, thumb: 'https://cdn.example.vn/c.jpg' })
    expect(byTitle['Ảnh trên tên miền con']?.thumb).toBe('https://img1.anh.example.vn/d.jpg')
    expect(byTitle['Ảnh từ máy chủ lạ']?.thumb).toBeNull()
    expect(res.headers.get('Content-Security-Policy')).toMatch(
      /; img-src https:\/\/baonamdinh\.vn https:\/\/www\.baonamdinh\.vn https:\/\/cdn\.example\.vn https:\/\/\*\.anh\.example\.vn 'self'; /,
    )
  })

  it('bakes the same hosts into embed.js', async () => {
    const source = await (await call('/embed.js', {}, { EMBED_HOSTS: 'cdn.example.vn' })).text()
    const settings = JSON.parse(/\(document\.currentScript,(\{.*\})\);\n$/.exec(source)![1]!) as { hosts: string[] }
    expect(settings.hosts).toEqual(['baonamdinh.vn', 'www.baonamdinh.vn', 'cdn.example.vn'])
  })
})
