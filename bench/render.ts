/**
 * Render time of a 50-item feed page per format: `[ITEMS=50] [FRESH=1] npx tsx bench/render.ts [bodyKb...]`.
 * Prints the fastest and the median of 40 batches (the minimum is the least disturbed by other load)
 * and the process's user/system CPU per render. Items are kept between renders as in a warm isolate;
 * FRESH=1 forgets them before each render, as a fresh isolate has none.
 */
import type { Article } from '../src/articles/model'
import { siteConfig } from '../src/config/masthead'
import { buildFeedModel, type FeedFormat } from '../src/feeds/model'
import { itemCache } from '../src/feeds/items'
import { renderFeedDocument } from '../src/feeds/render'

const config = siteConfig({})
/** Items per page (ITEMS=20 keeps a 2 KB-body page under V8's large-object threshold, for comparison). */
const ITEMS = Number(process.env.ITEMS ?? 50)
const FRESH = process.env.FRESH === '1'
const paragraph =
  'Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy, HĐND, UBND tỉnh tổ chức khai mạc Hội báo Xuân Bính Thân 2016 & trao giải báo chí. '

function items(bodyKb: number): Article[] {
  const body = Array.from({ length: Math.max(1, Math.round((bodyKb * 1024) / (paragraph.length + 7))) }, () => `<p>${paragraph}</p>`).join(
    '\n',
  )
  return Array.from({ length: ITEMS }, (_, i) => {
    const id = `2016-04-${String(1 + (i % 14)).padStart(2, '0')}-bai-viet-${i}`
    return {
      id,
      title: `Khai mạc Hội báo Xuân Bính Thân 2016 – bài ${i}`,
      published: new Date(Date.UTC(2016, 3, 1 + (i % 14), i % 24, (i * 7) % 60)).toISOString(),
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [
        { name: 'Minh Hằng', slug: 'minh-hang', role: 'text' },
        { name: 'Việt Dư', slug: 'viet-du', role: 'photo' },
      ],
      summary: paragraph,
      content: body,
      url: `https://baonamdinh.vn/${id}`,
      tags: ['Hội báo Xuân'],
      image: { url: `https://baonamdinh.vn/uploads/${id}.jpg`, type: 'image/jpeg', length: 48_213 },
      rev: `${bodyKb}-${i}`,
    }
  })
}

/** Batches of 10 renders; the fastest batch is the least disturbed by other load on the machine. */
const batches = 40
const perBatch = 10
const args = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
for (const kb of args.length ? args : [0.5, 2, 5]) {
  const list = items(kb)
  for (const format of ['rss', 'atom', 'json'] as FeedFormat[]) {
    const model = buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: 'https://feeds.example', items: list }, format)
    const render = () => {
      if (FRESH) itemCache.clear()
      return renderFeedDocument(model, format).body.byteLength
    }
    for (let i = 0; i < 30; i++) render()
    const times: number[] = []
    let bytes = 0
    const cpu0 = process.cpuUsage()
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now()
      for (let i = 0; i < perBatch; i++) bytes = render()
      times.push((performance.now() - t0) / perBatch)
    }
    const cpu = process.cpuUsage(cpu0)
    times.sort((a, b) => a - b)
    const n = batches * perBatch
    console.log(
      `${format.padEnd(4)} ${ITEMS} items × ${String(kb).padStart(3)} KB body, ${String(Math.round(bytes / 1024)).padStart(4)} KB: ` +
        `min ${times[0]!.toFixed(2)} ms, median ${times[batches >> 1]!.toFixed(2)} ms; ` +
        `CPU ${(cpu.user / 1000 / n).toFixed(2)} ms user + ${(cpu.system / 1000 / n).toFixed(2)} ms sys`,
    )
  }
}
