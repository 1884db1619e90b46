import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import type { Article } from '../../../src/articles/model'
import { articleStore } from '../../../src/store/store'
import { buildArticle, type ArticleInput } from '../../../src/articles/schema'
import { siteConfig, type SiteConfig } from '../../../src/config/masthead'

const ROOT = resolve(import.meta.dirname, '../../..')

/** The Worker as deployed: wrangler's own bundle, run by Miniflare on a free loopback port. */
export interface RunningWorker {
  /** Origin it serves on, e.g. `http://127.0.0.1:41234`. */
  origin: string
  config: SiteConfig
  /** Stores articles through the real schema and store, as the admin API and importer do. */
  seed(inputs: ArticleInput[]): Promise<Article[]>
  dispose(): Promise<void>
}

/**
 * Bundles with `wrangler deploy --dry-run` (the exact bytes `wrangler deploy` would upload, built under
 * wrangler.toml's settings such as keep_names) and starts it with the bindings wrangler.toml declares.
 * KV is in memory, so every run starts empty. `vars` override wrangler.toml's [vars].
 */
export async function startWorker(options: { vars?: Record<string, string> } = {}): Promise<RunningWorker> {
  const outdir = await mkdtemp(join(tmpdir(), 'vnfeeds-worker-'))
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' },
  })
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'))
  const bindings = { ...(workerOptions.bindings as Record<string, string>), ...options.vars }
  const mf = new Miniflare({
    ...workerOptions,
    bindings,
    modules: true,
    scriptPath: join(outdir, 'index.js'),
    modulesRoot: outdir,
    host: '127.0.0.1',
    port: 0,
    kvPersist: false,
  })
  const url = await mf.ready
  const config = siteConfig(bindings)
  const store = articleStore((await mf.getKVNamespace('ARTICLES')) as unknown as KVNamespace)
  return {
    origin: url.origin,
    config,
    async seed(inputs) {
      const written: Article[] = []
      for (const input of inputs) {
        const result = buildArticle(input, { siteUrl: config.siteUrl, timeZone: config.timeZone })
        if (!result.ok) throw new Error(`seed article invalid: ${JSON.stringify(result.issues)}`)
        await store.put(result.article)
        written.push(result.article)
      }
      return written
    },
    async dispose() {
      await mf.dispose()
      await rm(outdir, { recursive: true, force: true })
    },
  }
}
