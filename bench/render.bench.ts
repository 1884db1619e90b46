/**
 * Render time of feed pages per format inside workerd: `npx vitest bench --run bench/render.bench.ts`.
 * "kept items" renders a page whose items were all rendered before (only the channel is new); "fresh
 * isolate" forgets every item first. (`bench/render.ts` measures the same under Node.)
 */
import { bench, describe } from 'vitest'
import { itemCache } from '../src/feeds/items'
import type { FeedFormat } from '../src/feeds/model'
import { renderFeedDocument } from '../src/feeds/render'
import { article, local, model } from '../fixtures/feed'

const paragraph =
  'Sáng 1-4, tại Quảng trường 3-2, Tỉnh ủy, HĐND, UBND tỉnh tổ chức khai mạc Hội báo Xuân Bính Thân 2016 & trao giải báo chí. '

/** `count` articles over two weeks, each with `bodyKb` KB of Vietnamese HTML, two bylines, a photo and a rev. */
function pageOf(count: number, bodyKb: number) {
  const body = Array.from({ length: Math.max(1, Math.round((bodyKb * 1024) / (paragraph.length + 7))) }, () => `<p>${paragraph}</p>`).join(
    '\n',
  )
  return Array.from({ length: count }, (_, i) =>
    article({
      published: local(
        `${String(6 + (i % 14)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}, ${String(1 + (i % 14)).padStart(2, '0')}/04/2016`,
      ),
      content: body,
      authors: [
        { name: 'Minh Hằng', slug: 'minh-hang', role: 'text' },
        { name: 'Việt Dư', slug: 'viet-du', role: 'photo' },
      ],
      rev: `r${count}-${bodyKb}-${i}`,
    }),
  )
}

for (const [count, kb] of [
  [20, 2],
  [50, 5],
  [100, 5],
] as const) {
  describe(`${count} items × ${kb} KB body`, () => {
    const items = pageOf(count, kb)
    for (const format of ['rss', 'atom', 'json'] as FeedFormat[]) {
      const m = model(items, format)
      bench(`${format}, kept items`, () => void renderFeedDocument(m, format), { iterations: 200, warmupIterations: 20 })
      bench(
        `${format}, fresh isolate`,
        () => {
          itemCache.clear()
          renderFeedDocument(m, format)
        },
        { iterations: 50, warmupIterations: 5 },
      )
    }
  })
}
