/**
 * Benchmark-only Worker, never deployed: computes a feed page as an uncached request does besides KV
 * (model, render, UTF-8 bytes, ETag), `reps` times, for the caller to time from outside (workerd's clock
 * only advances on I/O). run.ts bundles it from this tree and, copied beside an older commit's src/, from
 * that commit's, so renders are compared before and after inside workerd too.
 *
 * GET /?items=50&format=rss&reps=40&mode=write — write: the newest article is new each time (the first
 * render after a write); stored: nothing rendered before, the items read as stored with their articles (a fresh
 * isolate; a tree that stores none renders them); cold: the same with nothing stored; cached: every
 * item seen before.
 *
 * GET /?items=4&mode=outputs&reps=10 — what a write renders besides validation: each of `items` articles'
 * feed items in every format (a new version each time), as the store asks when it writes them.
 *
 * GET /?batch=html&part=build&reps=5&articles=4&bytes=24576 — the admin batch path's CPU instead
 * (./admin-worker.ts).
 */
import type { Article } from '../src/articles/model'
import type { StoredOutput } from '../src/articles/output'
import { buildArticle } from '../src/articles/schema'
import { siteConfig } from '../src/config/masthead'
import { itemCache } from '../src/feeds/items'
import { feedOutputs, keepStoredItems } from '../src/feeds/outputs'
import { itemContext } from '../src/feeds/view'
import { outputKey } from '../src/store/keys'
import { outputWrites, storedOutput } from '../src/store/outputs'
import { forgetTemplates } from '../src/feeds/templates'
import { buildFeedModel, type FeedFormat, type FeedModel } from '../src/feeds/model'
import * as render from '../src/feeds/render'
import { rendered } from '../src/cache/document'
import type { Env } from '../src/env'
import { batchResponse } from './admin-worker'
import { articleInput, FULL_BYTES, withRev } from './corpus'

/**
 * This tree's render as its route hands it to `rendered` (the whole document since per-item ETags, its body
 * before them), or an older tree's (pieces of text, before renderFeedDocument).
 */
const document: (model: FeedModel, format: FeedFormat) => unknown =
  'renderFeedDocument' in render
    ? (m, f) => {
        const doc = render.renderFeedDocument(m, f)
        return 'items' in doc ? doc : (doc as { body: Uint8Array }).body
      }
    : (render as unknown as { renderFeedParts: (m: FeedModel, f: FeedFormat) => unknown }).renderFeedParts
const encode = rendered as (document: unknown, lastModified: null) => Promise<{ body: Uint8Array }>

const pages = new Map<number, Article[]>()
/** Each article's stored output values by format and id, as the store writes them (made once, outside the timing). */
const stored = new Map<string, Map<string, string>>()
let writes = 0

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const format = (url.searchParams.get('format') ?? 'rss') as FeedFormat
    const mode = url.searchParams.get('mode') ?? 'write'
    const count = Number(url.searchParams.get('items') ?? 50)
    const config = siteConfig(env)
    if (url.searchParams.has('batch')) return batchResponse(url, env)
    let items = pages.get(count)
    if (!items) {
      items = Array.from({ length: count }, (_, i) => {
        const result = buildArticle(articleInput(i, FULL_BYTES), { siteUrl: config.siteUrl, timeZone: config.timeZone })
        if (!result.ok) throw new Error(`corpus article ${i} invalid`)
        return withRev(result.article)
      })
      pages.set(count, items)
    }
    const context = itemContext(config)
    const outputs = stored.get(`${format}|${count}`) ?? new Map<string, string>()
    if (mode === 'stored' && !stored.has(`${format}|${count}`)) {
      for (const article of items) {
        const write = outputWrites(article, article.rev as string, await feedOutputs(context).render(article)).find(
          (w) => w.key === outputKey(format, article.id),
        )
        outputs.set(article.id, write?.value ?? '')
      }
      stored.set(`${format}|${count}`, outputs)
    }
    let bytes = 0
    if (mode === 'outputs') {
      const renderer = feedOutputs(context)
      for (let r = 0; r < Number(url.searchParams.get('reps') ?? 1); r++)
        for (const article of items) bytes = (await renderer.render({ ...article, rev: `write-${++writes}` })).length
      return Response.json({ bytes })
    }
    for (let r = 0; r < Number(url.searchParams.get('reps') ?? 1); r++) {
      if (mode === 'cold' || mode === 'stored') {
        itemCache.clear()
        forgetTemplates()
      }
      if (mode === 'stored')
        // Parsed and decoded from the values as the store reads them (its bulk read is KV's, not timed).
        await keepStoredItems(
          format,
          context,
          items,
          async (ids) => new Map(ids.map((id) => [id, storedOutput(format, outputs.get(id) ?? '') as StoredOutput])),
        )
      const page = mode === 'write' ? [{ ...(items[0] as Article), rev: `write-${++writes}` }, ...items.slice(1)] : items
      const model = buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: 'https://feeds.baonamdinh.vn', items: page }, format)
      bytes = (await encode(document(model, format), null)).body.byteLength
    }
    return Response.json({ bytes })
  },
}
