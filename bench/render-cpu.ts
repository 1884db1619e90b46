/**
 * CPU time of one render, measured in Node on the real renderer with many iterations: the part of
 * an uncached request that grows with the feed's size. (workerd runs the same V8; the bench also
 * times renders inside workerd, from outside, as a cross-check.)
 */
import type { Article } from '../src/articles/model'
import { buildArticle } from '../src/articles/schema'
import { siteConfig } from '../src/config/masthead'
import { buildFeedModel, FEED_FORMATS, type FeedFormat } from '../src/feeds/model'
import { renderFeed } from '../src/feeds/render'
import { rendered } from '../src/http/rendered'
import { articleInput } from './corpus'

export interface RenderCpu {
  items: number
  format: FeedFormat
  bytes: number
  /** Median over batches of CPU ms per render. */
  renderMs: number
  /** The same for everything an uncached request computes besides KV: model, render, UTF-8 bytes and ETag. */
  uncachedMs: number
}

const config = siteConfig({})

function articles(n: number): Article[] {
  return Array.from({ length: n }, (_, i) => {
    const result = buildArticle(articleInput(i), { siteUrl: config.siteUrl, timeZone: config.timeZone })
    if (!result.ok) throw new Error(`corpus article ${i} invalid`)
    return result.article
  })
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Median CPU ms per call of `work` over `batches` batches of about `batchMs` each. */
async function measure(work: () => unknown, batchMs = 80, batches = 7): Promise<number> {
  // Warm up (JIT, caches) for a couple of batches' worth of CPU before anything counts.
  let t = cpuMs()
  let calls = 0
  while (cpuMs() - t < 2 * batchMs || calls < 3) {
    await work()
    calls++
  }
  const reps = Math.max(1, Math.ceil(batchMs / ((cpuMs() - t) / calls)))
  const perCall: number[] = []
  for (let b = 0; b < batches; b++) {
    t = cpuMs()
    for (let r = 0; r < reps; r++) await work()
    perCall.push((cpuMs() - t) / reps)
  }
  return perCall.sort((a, b) => a - b)[Math.floor(batches / 2)] as number
}

export async function renderCpu(sizes: number[]): Promise<RenderCpu[]> {
  const all = articles(Math.max(...sizes))
  const out: RenderCpu[] = []
  for (const items of sizes) {
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      const input = { config, scope: { kind: 'all' as const }, baseUrl: 'https://feeds.baonamdinh.vn', items: all.slice(0, items) }
      const model = buildFeedModel(input, format)
      const bytes = new TextEncoder().encode(renderFeed(model, format)).length
      const renderMs = await measure(() => renderFeed(model, format))
      const uncachedMs = await measure(() => rendered(renderFeed(buildFeedModel(input, format), format), null))
      out.push({ items, format, bytes, renderMs, uncachedMs })
    }
  }
  return out
}
