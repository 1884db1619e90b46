/**
 * CPU time of one render, measured in Node on the real renderer with many iterations: the part of
 * an uncached request that grows with the feed's size. (workerd runs the same V8; the bench also
 * times renders inside workerd, from outside, as a cross-check.)
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Article } from '../src/articles/model'
import type { StoredOutput } from '../src/articles/output'
import { FEED_FORMATS, type FeedFormat, type FeedModel } from '../src/feeds/model'
import { articleInput, withRev } from './corpus'

export interface RenderCpu {
  items: number
  format: FeedFormat
  bytes: number
  /** Median over batches of CPU ms per render (user + system), its items already rendered. */
  renderMs: number
  /** Of a render's document, what `rendered` adds: its SHA-256 ETag (and, for a tree that renders text, its UTF-8). */
  bytesMs: number
  /**
   * Everything an uncached request computes besides KV (model, render, UTF-8 bytes and ETag) right after a
   * write: the written article (the newest) is new, every other item was rendered before.
   */
  afterWriteMs: number
  afterWriteMinMs: number
  afterWriteSysMs: number
  /** The same in a fresh isolate (nothing rendered before), its items read as stored with their articles. */
  storedMs: number
  storedMinMs: number
  storedSysMs: number
  /** The same in a fresh isolate with nothing stored: every item rendered. */
  coldMs: number
  coldMinMs: number
  coldSysMs: number
}

/**
 * The modules a render goes through, from a source tree: this one (`src`) or an older commit's,
 * extracted by the bench, so the same run can measure before and after a change.
 */
export interface Tree {
  /** The first n corpus articles, each with a rev (its content hash) as the store gives it. */
  articles(n: number): Article[]
  model(items: Article[], format: FeedFormat): FeedModel
  /** The document as a route hands it to `rendered`: bytes, pieces or one string, as the tree has it. */
  render(model: FeedModel, format: FeedFormat): unknown
  text(model: FeedModel, format: FeedFormat): string
  rendered(document: unknown): Promise<unknown>
  /** Forgets every item (and item template) rendered before, as a fresh isolate has; absent in a tree that keeps none. */
  forgetItems?(): void
  /**
   * The page's items as stored with their articles (rendered here once): a function that puts them in the item
   * cache as a page read does; absent in a tree that stores none.
   */
  storedItems?(articles: Article[], format: FeedFormat): Promise<() => Promise<void>>
}

type RenderModule = typeof import('../src/feeds/render')
/** The render module of this tree, or of a tree from before renderFeedDocument. */
type AnyRender = Pick<RenderModule, 'renderFeed'> & Partial<RenderModule> & { renderFeedParts?: (m: FeedModel, f: FeedFormat) => string[] }

export async function loadTree(srcDir: string): Promise<Tree> {
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(resolve(srcDir, path)).href) as Promise<T>
  const optional = <T>(path: string) => (existsSync(resolve(srcDir, path)) ? load<T>(path) : null)
  const [schema, masthead, model, render, http, items, templates, outputs, view, store, keys] = await Promise.all([
    load<typeof import('../src/articles/schema')>('articles/schema.ts'),
    load<typeof import('../src/config/masthead')>('config/masthead.ts'),
    load<typeof import('../src/feeds/model')>('feeds/model.ts'),
    load<AnyRender>('feeds/render.ts'),
    // `rendered` lived in http/rendered.ts before caching had a folder of its own.
    load<{ rendered(document: unknown, lastModified: null): Promise<unknown> }>('cache/document.ts').catch(() =>
      load<{ rendered(document: unknown, lastModified: null): Promise<unknown> }>('http/rendered.ts'),
    ),
    optional<typeof import('../src/feeds/items')>('feeds/items.ts'),
    optional<typeof import('../src/feeds/templates')>('feeds/templates.ts'),
    optional<typeof import('../src/feeds/outputs')>('feeds/outputs.ts'),
    optional<typeof import('../src/feeds/view')>('feeds/view.ts'),
    optional<typeof import('../src/store/outputs')>('store/outputs.ts'),
    load<typeof import('../src/store/keys')>('store/keys.ts'),
  ])
  const config = masthead.siteConfig({})
  // A page as this tree's route hands it to `rendered`: since per-item ETags the whole document, before them its body.
  const document = render.renderFeedDocument
    ? (m: FeedModel, f: FeedFormat) => {
        const doc = (render.renderFeedDocument as RenderModule['renderFeedDocument'])(m, f)
        return 'items' in doc ? doc : (doc as { body: Uint8Array }).body
      }
    : (render.renderFeedParts ?? render.renderFeed)
  return {
    articles: (n) =>
      Array.from({ length: n }, (_, i) => {
        const result = schema.buildArticle(articleInput(i), { siteUrl: config.siteUrl, timeZone: config.timeZone })
        if (!result.ok) throw new Error(`corpus article ${i} invalid`)
        return withRev(result.article)
      }),
    model: (items, format) =>
      model.buildFeedModel({ config, scope: { kind: 'all' }, baseUrl: 'https://feeds.baonamdinh.vn', items }, format),
    render: (m, format) => document(m, format),
    text: (m, format) => render.renderFeed(m, format),
    rendered: (doc) => http.rendered(doc, null),
    ...(items && {
      forgetItems: () => {
        items.itemCache.clear()
        templates?.forgetTemplates()
      },
    }),
    ...(outputs &&
      view &&
      store && {
        async storedItems(articles, format) {
          const context = view.itemContext(config)
          const renderer = outputs.feedOutputs(context)
          // The values as the store writes them, parsed and decoded as it reads them (its bulk read is KV's, not timed).
          const values = new Map<string, string>()
          for (const article of articles) {
            const writes = store.outputWrites(article, article.rev as string, await renderer.render(article))
            values.set(article.id, writes.find((w) => w.key === keys.outputKey(format, article.id))?.value ?? '')
          }
          const read = async (ids: string[]) =>
            new Map(ids.map((id) => [id, store.storedOutput(format, values.get(id) ?? '') as StoredOutput]))
          return () => outputs.keepStoredItems(format, context, articles, read)
        },
      }),
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
export async function measure(work: () => unknown, batchMs = 40, batches = 9): Promise<Cpu & { min: number }> {
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
  let writes = 0
  for (const items of sizes) {
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      const page = all.slice(0, items)
      const model = tree.model(page, format)
      const bytes = new TextEncoder().encode(tree.text(model, format)).length
      const render = await measure(() => tree.render(model, format))
      const document = tree.render(model, format)
      const bytesOnly = await measure(() => tree.rendered(document))
      const uncached = (articles: Article[]) => tree.rendered(tree.render(tree.model(articles, format), format))
      // A write gives the newest article a new version (rev), as the store does.
      const afterWrite = await measure(() => uncached([{ ...(page[0] as Article), rev: `write-${++writes}` }, ...page.slice(1)]))
      const cold = await measure(() => {
        tree.forgetItems?.()
        return uncached(page)
      })
      const fromStore = await tree.storedItems?.(page, format)
      const stored = fromStore
        ? await measure(async () => {
            tree.forgetItems?.()
            await fromStore()
            return uncached(page)
          })
        : cold
      out.push({
        items,
        format,
        bytes,
        renderMs: total(render),
        bytesMs: total(bytesOnly),
        afterWriteMs: total(afterWrite),
        afterWriteMinMs: afterWrite.min,
        afterWriteSysMs: afterWrite.system,
        storedMs: total(stored),
        storedMinMs: stored.min,
        storedSysMs: stored.system,
        coldMs: total(cold),
        coldMinMs: cold.min,
        coldSysMs: cold.system,
      })
    }
  }
  return out
}
