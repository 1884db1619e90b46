/**
 * CPU time of one render, measured in Node on the real renderer with many iterations: the part of
 * an uncached request that grows with the feed's size. (workerd runs the same V8; the bench also
 * times renders inside workerd, from outside, as a cross-check.)
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Article } from '../src/articles/model'
import { FEED_FORMATS, type FeedFormat, type FeedModel } from '../src/feeds/model'
import { articleInput } from './corpus'

export interface RenderCpu {
  items: number
  format: FeedFormat
  bytes: number
  /** Median over batches of CPU ms per render (user + system). */
  renderMs: number
  /** Fastest batch. */
  renderMinMs: number
  /** Of which system time. */
  renderSysMs: number
  /** Of a render's document, only its UTF-8 bytes and their SHA-256 ETag: the floor for any renderer. */
  bytesMs: number
  /** Everything an uncached request computes besides KV: model, render, UTF-8 bytes and ETag. */
  uncachedMs: number
  uncachedMinMs: number
  uncachedSysMs: number
}

/**
 * The modules a render goes through, from a source tree: this one (`src`) or an older commit's,
 * extracted by the bench, so the same run can measure before and after a change.
 */
export interface Tree {
  articles(n: number): Article[]
  model(items: Article[], format: FeedFormat): FeedModel
  /** The document as a route hands it to `rendered`: pieces where the tree has them, else one string. */
  render(model: FeedModel, format: FeedFormat): string | string[]
  text(model: FeedModel, format: FeedFormat): string
  rendered(document: string | string[]): Promise<unknown>
}

export async function loadTree(srcDir: string): Promise<Tree> {
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(resolve(srcDir, path)).href) as Promise<T>
  const [schema, masthead, model, render, http] = await Promise.all([
    load<typeof import('../src/articles/schema')>('articles/schema.ts'),
    load<typeof import('../src/config/masthead')>('config/masthead.ts'),
    load<typeof import('../src/feeds/model')>('feeds/model.ts'),
    load<Partial<typeof import('../src/feeds/render')> & Pick<typeof import('../src/feeds/render'), 'renderFeed'>>('feeds/render.ts'),
    // `rendered` lived in http/rendered.ts before caching had a folder of its own.
    load<typeof import('../src/cache/document')>('cache/document.ts').catch(() => load<typeof import('../src/cache/document')>('http/rendered.ts')),
  ])
  const config = masthead.siteConfig({})
  const parts = render.renderFeedParts ?? render.renderFeed
  return {
    articles: (n) =>
      Array.from({ length: n }, (_, i) => {
        const result = schema.buildArticle(articleInput(i), { siteUrl: config.siteUrl, timeZone: config.timeZone })
        if (!result.ok) throw new Error(`corpus article ${i} invalid`)
        return result.article
      }),
    model: (items, format) => model.buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: 'https://feeds.baonamdinh.vn', items }, format),
    render: (m, format) => parts(m, format),
    text: (m, format) => render.renderFeed(m, format),
    rendered: (document) => http.rendered(document, null),
  }
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
 * CPU ms per call of `work` over `batches` batches of about `batchMs` each: the median batch (by
 * total, split into user and system time: where fresh memory pages are expensive, allocating strings
 * past V8's large-object threshold of 128 KB shows up as system time) and the fastest batch's total,
 * the least disturbed by other load on a shared machine.
 */
async function measure(work: () => unknown, batchMs = 40, batches = 9): Promise<Cpu & { min: number }> {
  // Warm up (JIT, caches) for a batch's worth of CPU before anything counts.
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
  perCall.sort((a, b) => total(a) - total(b))
  return { ...(perCall[Math.floor(batches / 2)] as Cpu), min: total(perCall[0] as Cpu) }
}

export async function renderCpu(tree: Tree, sizes: number[]): Promise<RenderCpu[]> {
  const all = tree.articles(Math.max(...sizes))
  const out: RenderCpu[] = []
  for (const items of sizes) {
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      const model = tree.model(all.slice(0, items), format)
      const bytes = new TextEncoder().encode(tree.text(model, format)).length
      const render = await measure(() => tree.render(model, format))
      const document = tree.render(model, format)
      const bytesOnly = await measure(() => tree.rendered(document))
      const uncached = await measure(() => tree.rendered(tree.render(tree.model(all.slice(0, items), format), format)))
      out.push({ items, format, bytes, renderMs: total(render), renderMinMs: render.min, renderSysMs: render.system, bytesMs: total(bytesOnly), uncachedMs: total(uncached), uncachedMinMs: uncached.min, uncachedSysMs: uncached.system })
    }
  }
  return out
}
