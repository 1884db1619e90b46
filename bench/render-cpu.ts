/**
 * CPU time of one render, measured in Node on the real renderer with many iterations: the part of
 * an uncached request that grows with the feed's size. (workerd runs the same V8; the bench also
 * times renders inside workerd, from outside, as a cross-check.)
 */
import type { Article } from '../src/articles/model'
import { buildArticle } from '../src/articles/schema'
import { siteConfig } from '../src/config/masthead'
import { buildFeedModel, FEED_FORMATS, type FeedFormat } from '../src/feeds/model'
import { renderFeed, renderFeedParts } from '../src/feeds/render'
import { rendered } from '../src/http/rendered'
import { articleInput } from './corpus'

export interface RenderCpu {
  items: number
  format: FeedFormat
  bytes: number
  /** Median over batches of CPU ms per render (user + system). */
  renderMs: number
  /** Of which system time. */
  renderSysMs: number
  /** The same for everything an uncached request computes besides KV: model, render, UTF-8 bytes and ETag. */
  uncachedMs: number
  uncachedSysMs: number
}

const config = siteConfig({})

function articles(n: number): Article[] {
  return Array.from({ length: n }, (_, i) => {
    const result = buildArticle(articleInput(i), { siteUrl: config.siteUrl, timeZone: config.timeZone })
    if (!result.ok) throw new Error(`corpus article ${i} invalid`)
    return result.article
  })
}

interface Cpu {
  user: number
  system: number
}

function cpu(): Cpu {
  const { user, system } = process.cpuUsage()
  return { user: user / 1000, system: system / 1000 }
}

const total = (c: Cpu) => c.user + c.system

/**
 * CPU ms per call of `work`, from the median (by total) of `batches` batches of about `batchMs` each,
 * split into user and system time: where fresh memory pages are expensive (sandboxes), allocating
 * strings past V8's large-object threshold (128 KB) shows up as system time.
 */
async function measure(work: () => unknown, batchMs = 60, batches = 5): Promise<Cpu> {
  // Warm up (JIT, caches) for a couple of batches' worth of CPU before anything counts.
  const start = total(cpu())
  let calls = 0
  while (total(cpu()) - start < batchMs || calls < 3) {
    await work()
    calls++
  }
  const reps = Math.max(1, Math.ceil(batchMs / ((total(cpu()) - start) / calls)))
  const perCall: Cpu[] = []
  for (let b = 0; b < batches; b++) {
    const before = cpu()
    for (let r = 0; r < reps; r++) await work()
    const after = cpu()
    perCall.push({ user: (after.user - before.user) / reps, system: (after.system - before.system) / reps })
  }
  return perCall.sort((a, b) => total(a) - total(b))[Math.floor(batches / 2)] as Cpu
}

export async function renderCpu(sizes: number[]): Promise<RenderCpu[]> {
  const all = articles(Math.max(...sizes))
  const out: RenderCpu[] = []
  for (const items of sizes) {
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      const input = { config, scope: { kind: 'all' as const }, baseUrl: 'https://feeds.baonamdinh.vn', items: all.slice(0, items) }
      const model = buildFeedModel(input, format)
      const bytes = new TextEncoder().encode(renderFeed(model, format)).length
      const render = await measure(() => renderFeedParts(model, format))
      const uncached = await measure(() => rendered(renderFeedParts(buildFeedModel(input, format), format), null))
      out.push({ items, format, bytes, renderMs: total(render), renderSysMs: render.system, uncachedMs: total(uncached), uncachedSysMs: uncached.system })
    }
  }
  return out
}
