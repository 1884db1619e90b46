/**
 * Writes sample feeds (every format; plain, paged with a hub and a logo, and one of hostile article
 * text) to a folder, for checking with outside tools: `npx tsx scripts/render-samples.ts OUT_DIR`.
 * Used by scripts/validate-feeds.py.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Article } from '../src/articles/model'
import { siteConfig } from '../src/config/masthead'
import { buildFeedModel, FEED_FORMATS, type FeedFormat, type FeedModelInput } from '../src/feeds/model'
import { renderFeed } from '../src/feeds/render'
import { dumpsToArticles } from '../src/ingest/files'
import { readDumpFiles } from './dump-sources'

const out = process.argv[2]
if (!out) throw new Error('usage: render-samples.ts OUT_DIR')
mkdirSync(out, { recursive: true })

function article(n: number, overrides: Partial<Article> = {}): Article {
  const id = `2016-04-01-bai-viet-${n}`
  return {
    id,
    title: `Khai mạc Hội báo Xuân Bính Thân – bài ${n}`,
    published: new Date(Date.UTC(2016, 3, 1, 1, 4) - n * 3_600_000).toISOString(),
    section: { slug: 'thoi-su', name: 'Thời sự' },
    authors: [
      { name: 'Minh Hằng', slug: 'minh-hang', role: 'text' },
      { name: 'Việt Dư', slug: 'viet-du', role: 'photo' },
    ],
    summary: 'Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy tổ chức khai mạc Hội báo Xuân.',
    content: '<p>Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy tổ chức khai mạc Hội báo Xuân.</p>\n<p>Đồng chí Bí thư Tỉnh ủy dự.</p>',
    url: `https://baonamdinh.vn/${id}`,
    tags: ['Hội báo Xuân'],
    image: { url: `https://baonamdinh.vn/uploads/${id}.jpg`, caption: 'Ảnh: Việt Dư', length: 48_213 },
    ...overrides,
  }
}

const hostile = article(99, {
  title: 'A & B ]]> <img src=x onerror=alert(1)> ]]> "q" Nam Đi\u0323nh\u0001\uD800',
  summary: 'Tóm tắt ]]> & <b>đậm</b> ]]>\r\nhết',
  content: '<p>Nội dung ]]> ]]> ]]></p><p>a &amp; b</p>',
  section: { slug: 'a-b', name: 'A & <B>' },
  authors: [{ name: 'Tom & "Jerry" <x>', slug: 'tom-jerry', role: 'text' }],
  image: { url: 'https://baonamdinh.vn/anh/photo?id=1&size=2', type: 'image/jpg', caption: 'Ảnh "A" & <B>' },
})

/** The demo articles `npm start` serves, newest first, as the site-wide feed's first page shows them. */
async function demoArticles(): Promise<Article[]> {
  const { files } = await readDumpFiles([join(import.meta.dirname, '..', 'demo', 'articles')])
  const { articles, errors } = dumpsToArticles(files, { siteUrl: siteConfig({}).siteUrl, timeZone: siteConfig({}).timeZone })
  if (errors.length) throw new Error(`demo articles do not parse: ${JSON.stringify(errors)}`)
  return articles.sort((a, b) => (a.published < b.published ? 1 : -1))
}

const samples: Record<string, Partial<FeedModelInput> & { items: Article[]; logo?: boolean }> = {
  demo: { items: await demoArticles() },
  plain: { items: [1, 2, 3].map((n) => article(n)) },
  paged: {
    items: [1, 2].map((n) => article(n)),
    selfQuery: 'limit=2',
    nextQuery: 'limit=2&cursor=abc',
    hub: 'https://hub.example/',
    logo: true,
  },
  hostile: {
    items: [hostile, article(4, { authors: [], image: undefined, updated: new Date(Date.UTC(2016, 11, 31, 17, 20)).toISOString() })],
  },
  empty: { items: [], changedAt: new Date(Date.UTC(2016, 11, 31, 17, 20)) },
}

const EXTENSIONS: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'json' }

for (const [name, { logo, ...input }] of Object.entries(samples)) {
  const config = siteConfig(logo ? { LOGO_URL: 'https://baonamdinh.vn/logo.png' } : {})
  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    const model = buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: 'https://feeds.baonamdinh.vn', ...input }, format)
    const file = join(out, `${name}.${EXTENSIONS[format]}`)
    writeFileSync(file, renderFeed(model, format))
    console.log(file)
  }
}
