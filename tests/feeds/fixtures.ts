import type { Article } from '../../src/articles/model'
import { siteConfig, type SiteConfig } from '../../src/config/masthead'
import { buildFeedModel, type FeedFormat, type FeedModel, type FeedModelInput } from '../../src/feeds/model'
import { renderFeed } from '../../src/feeds/render'
import { parseNewsroomTime } from '../../src/time/zone'

export const config: SiteConfig = siteConfig({})
export const BASE_URL = 'https://feeds.baonamdinh.vn'

/** Newsroom local time (`08:04, 01/04/2016`, Asia/Ho_Chi_Minh) as the stored ISO instant. */
export function local(text: string): string {
  const date = parseNewsroomTime(text)
  if (!date) throw new Error(`bad newsroom time ${text}`)
  return date.toISOString()
}

let serial = 0

/** A stored article as the KV holds it; every field can be overridden. */
export function article(overrides: Partial<Article> = {}): Article {
  const n = ++serial
  const id = overrides.id ?? `2016-04-01-bai-viet-so-${n}`
  return {
    id,
    title: `Khai mạc Hội báo Xuân Bính Thân số ${n}`,
    published: local('08:04, 01/04/2016'),
    section: { slug: 'thoi-su', name: 'Thời sự' },
    authors: [{ name: 'Đức Toàn', slug: 'duc-toan', role: 'text+photo' }],
    summary: 'Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy tổ chức khai mạc Hội báo Xuân.',
    content: '<p>Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy tổ chức khai mạc Hội báo Xuân.</p>\n<p>Đồng chí Bí thư Tỉnh ủy dự.</p>',
    url: `https://baonamdinh.vn/${id}`,
    tags: ['Hội báo Xuân', 'Nam Định'],
    image: { url: `https://baonamdinh.vn/uploads/2016/04/${id}.jpg`, type: 'image/jpeg', length: 48_213 },
    ...overrides,
  }
}

export function model(items: Article[], format: FeedFormat, input: Partial<FeedModelInput> = {}): FeedModel {
  return buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: BASE_URL, items, ...input }, format)
}

export interface Rendered {
  rss: string
  atom: string
  json: string
}

/** The three documents of one feed page, each from the model built for its format. */
export function renderAll(items: Article[], input: Partial<FeedModelInput> = {}): Rendered {
  return {
    rss: renderFeed(model(items, 'rss', input), 'rss'),
    atom: renderFeed(model(items, 'atom', input), 'atom'),
    json: renderFeed(model(items, 'json', input), 'json'),
  }
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
