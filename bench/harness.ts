/**
 * Benchmark-only Worker, never deployed. Beside ours in the same workerd (sharing its KV namespace)
 * it writes the corpus through the real schema and store, and counts the KV operations a feed
 * request makes by running the real app over an instrumented binding. On its own it serves the
 * real app over in-memory archives of any size (see memory-kv.ts), and renders feeds in-process so
 * their cost inside workerd can be timed from outside.
 */
import { article } from '../fixtures/articles'
import { countingKv } from '../fixtures/counting-kv'
import { articleStore } from '../src/store/store'
import type { Article } from '../src/articles/model'
import { createApp } from '../src/app'
import { renderCache } from '../src/cache'
import { itemCache } from '../src/feeds/items'
import { feedOutputs } from '../src/feeds/outputs'
import { forgetTemplates } from '../src/feeds/templates'
import { itemContext } from '../src/feeds/view'
import { siteConfig } from '../src/config/masthead'
import type { Env } from '../src/env'
import { slugify } from '../src/text/normalize'
import { formatLocalDay } from '../src/time/zone'
import { articleInput, FULL_BYTES, numberedTitle, publishedInstant } from './corpus'
import { memoryKv } from './memory-kv'

const app = createApp()

/** A store as the app's: each write stores the article's feed items beside it. */
const storeOf = (env: Env, kv: KVNamespace) => articleStore(kv, { outputs: feedOutputs(itemContext(siteConfig(env))) })

function build(env: Env, i: number, bytes: number): Article {
  return article(articleInput(i, bytes), siteConfig(env))
}

const TEMPLATES = 32
const templates = new Map<number, Article>()

/**
 * Article i of a big archive, cheaply: one of a few short articles built by buildArticle, with the
 * title, id, date and URL of article i. Building 100,000 through the schema would take most of the
 * bench's time budget and change nothing a feed request of the newest items reads.
 */
function olderArticle(env: Env, i: number, bytes: number): Article {
  const k = i % TEMPLATES
  let template = templates.get(k)
  if (!template) templates.set(k, (template = build(env, k, bytes)))
  const { siteUrl, timeZone } = siteConfig(env)
  const published = publishedInstant(i)
  const title = numberedTitle(template.title, i)
  const id = `${formatLocalDay(published, timeZone)}-${slugify(title)}`
  const { updated: _updated, ...rest } = template
  return { ...rest, id, title, published: published.toISOString(), url: `${siteUrl}/${id}` }
}

/**
 * Writes articles [from, from + count) through articleStore.put, `parallel` at a time. The newest
 * `fullCount` are full-size, built through the schema, with their items stored; older ones are short (see olderArticle).
 */
async function seed(
  env: Env,
  kv: KVNamespace,
  o: { from: number; count: number; fullCount: number; olderBytes: number; parallel: number },
): Promise<void> {
  const [store, older] = [storeOf(env, kv), articleStore(kv)]
  let next = o.from
  const end = o.from + o.count
  // Older articles get no stored items: feeds read the newest, and 300,000 of them would only fill memory.
  async function lane(): Promise<void> {
    while (next < end) {
      const i = next++
      await (i < o.fullCount ? store.put(build(env, i, FULL_BYTES)) : older.put(olderArticle(env, i, o.olderBytes)))
    }
  }
  await Promise.all(Array.from({ length: o.parallel }, lane))
}

/** Archives held in memory, by name; one env object each so per-env caches (configOf) hold. */
const archives = new Map<string, Env>()
const counters = new Map<KVNamespace, ReturnType<typeof countingKv>>()

function counted(env: Env): Env {
  const counter = countingKv(env.ARTICLES)
  const wrapped = { ...env, ARTICLES: counter.kv }
  counters.set(wrapped.ARTICLES, counter)
  return wrapped
}

/**
 * Runs the real app on `target` (an absolute URL) and reports its status, size and KV operations; `fresh`:
 * as a fresh isolate would, with no document, item or item template rendered before.
 */
async function probe(env: Env, target: string, headers: Headers, fresh: boolean): Promise<Response> {
  if (fresh) {
    renderCache.clear()
    itemCache.clear()
    forgetTemplates()
  }
  const counter = counters.get(env.ARTICLES)
  counter?.reset()
  const response = await app.fetch(new Request(target, { headers }), env)
  const body = await response.arrayBuffer()
  return Response.json({
    status: response.status,
    bytes: body.byteLength,
    etag: response.headers.get('ETag'),
    calls: counter ? { ...counter.calls } : null,
  })
}

let shared: Env | undefined
/** Edits made so far: each gives the newest article new content, so the store gives it a new rev. */
let edits = 0

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const n = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback)
    const archive = url.searchParams.get('archive')
    const target = url.searchParams.get('url') ?? ''
    // The app over an in-memory archive: /mem/<archive>/<feed path>, under any origin.
    const mem = /^\/mem\/(\w+)(\/.*)$/.exec(url.pathname)
    if (mem) {
      const memEnv = archives.get(mem[1] as string)
      if (!memEnv) return new Response('no such archive', { status: 404 })
      return app.fetch(new Request(`${url.origin}${mem[2]}${url.search}`, request), memEnv)
    }
    switch (url.pathname) {
      case '/seed': {
        // Into the KV namespace shared with ours, or into a named in-memory archive.
        let kv = env.ARTICLES
        if (archive) {
          if (!archives.has(archive)) archives.set(archive, counted({ ...env, ARTICLES: memoryKv() }))
          kv = counters.get((archives.get(archive) as Env).ARTICLES)?.kv ?? kv
        }
        const count = n('count', 100)
        await seed(env, kv, {
          from: n('from', 0),
          count,
          fullCount: n('full', count),
          olderBytes: n('older', FULL_BYTES),
          parallel: n('parallel', 32),
        })
        return Response.json({ written: count })
      }
      case '/touch': {
        // A real write, an edit of the newest article (so a new rev): new version tokens, so the next
        // render of every feed is "the first request after a write", and that article's items are new.
        const kv = archive ? (archives.get(archive)?.ARTICLES ?? env.ARTICLES) : env.ARTICLES
        const edited = build(env, 0, FULL_BYTES)
        await storeOf(env, kv).put({ ...edited, summary: `${edited.summary} (${++edits})` })
        return Response.json({ touched: true })
      }
      case '/count': {
        // KV operations of one request: the real app over a counting view of the chosen KV.
        const probeEnv = archive ? archives.get(archive) : (shared ??= counted(env))
        if (!probeEnv) return new Response('no such archive', { status: 404 })
        return probe(probeEnv, target, request.headers, url.searchParams.has('fresh'))
      }
    }
    return new Response('not found', { status: 404 })
  },
}
