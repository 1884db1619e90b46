/**
 * The --remote target: into a KV namespace through `wrangler kv bulk`. The current versions of the
 * articles (under their new and legacy ids) are fetched, the store runs against a recording KV, and its
 * writes are uploaded at the end with one bulk put and one bulk delete, so nothing is uploaded if the
 * run stops before the end. The registry's names (`ver:` keys) are listed once per run, and the index of
 * a section or author an article moves away from once, to know whether it is left empty. `location` is `--remote`; tests point it at a local state folder instead.
 */
import type { OutputRenderer } from '../../src/articles/output'
import { recordingKv } from '../../src/ingest/importer'
import { KV_BULK_READ_MAX } from '../../src/store/budgets'
import { articleKey } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { listKeys, parseBulkGet, scratchFiles, wrangler } from '../kv/wrangler'
import { writeThroughStore, type Target } from './targets'

export function wranglerKvTarget(configPath: string, location: string[], siteUrl: string, outputs?: OutputRenderer): Target {
  const binding = ['--binding', 'ARTICLES', ...location]
  const recorder = recordingKv((prefix) => listKeys(prefix, binding, configPath))
  const store = articleStore(recorder.kv, { ...(outputs && { outputs }) })
  const { file, remove } = scratchFiles('vnfeeds-import-')
  return {
    // Two keys an article in one bulk read: its id and its legacy id.
    chunk: KV_BULK_READ_MAX / 2,
    async write(items) {
      const keys = [...new Set(items.flatMap(({ article, legacyId }) => [article.id, ...(legacyId ? [legacyId] : [])]).map(articleKey))]
      recorder.preload(parseBulkGet(await wrangler(['kv', 'bulk', 'get', await file('keys.json', keys), ...binding], configPath)))
      return writeThroughStore(store, items, siteUrl)
    },
    async close() {
      try {
        const plan = recorder.plan()
        if (plan.put.length > 0) await wrangler(['kv', 'bulk', 'put', await file('put.json', plan.put), ...binding], configPath)
        if (plan.delete.length > 0)
          await wrangler(['kv', 'bulk', 'delete', await file('delete.json', plan.delete), ...binding, '--force'], configPath)
      } finally {
        await remove()
      }
    },
  }
}
