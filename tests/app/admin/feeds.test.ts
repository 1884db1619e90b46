import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { beforeEach, describe, expect, it } from 'vitest'
import { clearKv } from '../../helpers/kv'
import { call } from '../../helpers/admin'

interface Entry {
  id: string
  title: string
  published: string
  authors: string[]
}

/** One feed read the way a reader reads it: fetched over the app and parsed by feedsmith. */
async function read(path: string): Promise<Entry[]> {
  const response = await call('GET', path, { token: null })
  expect(response.status, path).toBe(200)
  const text = await response.text()
  if (path.endsWith('rss.xml'))
    return (parseRssFeed(text).items ?? []).map((i) => ({
      id: i.guid?.value ?? '',
      title: i.title ?? '',
      published: i.pubDate ?? '',
      authors: [...(i.dc?.creators ?? []), ...(i.authors ?? [])].map(String),
    }))
  if (path.endsWith('atom.xml'))
    return (parseAtomFeed(text).entries ?? []).map((e) => ({
      id: e.id ?? '',
      title: typeof e.title === 'string' ? e.title : (e.title?.value ?? ''),
      published: e.published ?? '',
      authors: (e.authors ?? []).map((a) => a.name ?? ''),
    }))
  return (parseJsonFeed(JSON.parse(text)).items ?? []).map((i) => ({
    id: i.id ?? '',
    title: i.title ?? '',
    published: i.date_published ?? '',
    authors: (i.authors ?? []).map((a) => a.name ?? ''),
  }))
}

const FORMATS = ['rss.xml', 'atom.xml', 'feed.json']
const titles = async (path: string) => (await read(path)).map((e) => e.title)

const ID = '2016-04-01-khai-mac-hoi-nghi'
const input = {
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Nội dung.'],
  section: 'Thời sự',
  byline: 'Tin, ảnh: Đức Toàn',
}

describe('writes through the admin API, as the feeds show them', () => {
  beforeEach(() => clearKv())

  it('shows a new article at once in all three formats of its feeds, with +07:00 times', async () => {
    // Read first, so a render cache holds the empty feeds: the write must invalidate it.
    for (const f of FORMATS) expect(await titles(`/${f}`)).toEqual([])
    expect((await call('PUT', `/api/articles/${ID}`, { body: input })).status).toBe(201)
    for (const path of FORMATS.flatMap((f) => [`/${f}`, `/chuyen-muc/thoi-su/${f}`, `/tac-gia/duc-toan/${f}`])) {
      const [entry, ...rest] = await read(path)
      expect(rest, path).toEqual([])
      expect(entry?.title, path).toBe('Khai mạc hội nghị')
      expect(entry?.published, path).toMatch(
        path.endsWith('rss.xml') ? /^Fri, 01 Apr 2016 08:04:00 \+0700$/ : /^2016-04-01T08:04:00\+07:00$/,
      )
    }
    for (const f of FORMATS) expect((await read(`/${f}`))[0]?.authors, f).toEqual(['Đức Toàn'])
  })

  it('shows a replacement in all three formats, moving it between section and author feeds', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: input })
    for (const f of FORMATS) await read(`/${f}`)
    const ids = Object.fromEntries(await Promise.all(FORMATS.map(async (f) => [f, (await read(`/${f}`))[0]?.id] as const)))

    const replaced = await call('PUT', `/api/articles/${ID}`, {
      body: { ...input, title: 'Khai mạc hội nghị (cập nhật)', section: 'Kinh tế', byline: 'Văn Đông' },
    })
    expect(replaced.status).toBe(200)
    for (const f of FORMATS) {
      const [entry, ...rest] = await read(`/${f}`)
      expect(rest, f).toEqual([])
      expect(entry?.title, f).toBe('Khai mạc hội nghị (cập nhật)')
      expect(entry?.id, `${f}: the id must not change on replace`).toBe(ids[f])
      expect(await titles(`/chuyen-muc/kinh-te/${f}`)).toEqual(['Khai mạc hội nghị (cập nhật)'])
      expect(await titles(`/tac-gia/van-dong/${f}`)).toEqual(['Khai mạc hội nghị (cập nhật)'])
      // Their only article moved away: the section and the author are gone, not empty feeds.
      for (const path of [`/chuyen-muc/thoi-su/${f}`, `/tac-gia/duc-toan/${f}`]) {
        const gone = await call('GET', path, { token: null })
        expect(gone.status, path).toBe(404)
        expect(gone.headers.get('Content-Type'), path).toMatch(/^application\/problem\+json/)
      }
    }
  })

  it('drops a deleted article from every feed in all three formats', async () => {
    await call('PUT', `/api/articles/${ID}`, { body: input })
    await call('PUT', '/api/articles/bai-o-lai', { body: { ...input, title: 'Bài ở lại', published: '09:00, 01/04/2016' } })
    for (const f of FORMATS) expect(await titles(`/${f}`)).toEqual(['Bài ở lại', 'Khai mạc hội nghị'])
    expect((await call('DELETE', `/api/articles/${ID}`)).status).toBe(204)
    for (const f of FORMATS) {
      expect(await titles(`/${f}`)).toEqual(['Bài ở lại'])
      expect(await titles(`/chuyen-muc/thoi-su/${f}`)).toEqual(['Bài ở lại'])
      expect(await titles(`/tac-gia/duc-toan/${f}`)).toEqual(['Bài ở lại'])
    }
  })

  it('shows a batch at once', async () => {
    for (const f of FORMATS) await read(`/${f}`)
    await call('POST', '/api/articles', { body: [input, { ...input, title: 'Bài thứ hai', published: '10:00, 02/04/2016' }] })
    for (const f of FORMATS) expect(await titles(`/${f}`)).toEqual(['Bài thứ hai', 'Khai mạc hội nghị'])
  })
})
