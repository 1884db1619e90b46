/**
 * Where fsck reads and repairs: the local KV that `npm start` serves (through wrangler's
 * getPlatformProxy, as the importer's --local does), or a namespace through `wrangler kv` (--remote;
 * tests point it at a local state folder instead). Both list with metadata, read values 100 at a time,
 * and apply a repair plan.
 */
import { join } from 'node:path'
import type { Env } from '../../src/env'
import type { ListedKey } from '../../src/store/fsck'
import type { RepairPlan } from '../../src/store/fsck-plan'
import { KV_BULK_READ_MAX } from '../../src/store/budgets'
import { mapPool } from '../../src/utils/pool'
import { listKeys, parseBulkGet, scratchFiles, wrangler } from '../kv/wrangler'

export interface KvSource {
  /** Where it reads, for the report. */
  where: string
  /** Every key under `prefix`, with its metadata. */
  list(prefix: string): Promise<ListedKey[]>
  /** The values of at most BULK_READ keys, null where there is none. */
  read(keys: string[]): Promise<Map<string, string | null>>
  apply(plan: RepairPlan): Promise<void>
  /** Puts these values (with their metadata). */
  put(entries: KvWrite[]): Promise<void>
  close(): Promise<void>
}

export interface KvWrite {
  key: string
  value: string
  metadata?: unknown
}

/** Keys one bulk read takes. */
export const BULK_READ = KV_BULK_READ_MAX

export async function localSource(configPath: string, persistTo: string): Promise<KvSource> {
  const { getPlatformProxy } = await import('wrangler')
  const proxy = await getPlatformProxy<Env>({ configPath, persist: { path: join(persistTo, 'v3') } })
  const kv = proxy.env.ARTICLES
  // Every call crosses from Node into workerd: keep several in flight.
  const put = async (entries: KvWrite[]) => {
    await mapPool(entries, 16, (p) => kv.put(p.key, p.value, p.metadata === undefined ? {} : { metadata: p.metadata }))
  }
  return {
    where: `local KV (${persistTo})`,
    async list(prefix) {
      const keys: ListedKey[] = []
      let cursor: string | undefined
      do {
        const listed = await kv.list({ prefix, ...(cursor && { cursor }) })
        keys.push(...listed.keys.map((k) => ({ name: k.name, metadata: k.metadata })))
        cursor = listed.list_complete ? undefined : listed.cursor
      } while (cursor)
      return keys
    },
    read: (keys) => kv.get(keys, 'text'),
    async apply(plan) {
      await put([...plan.put, ...plan.register])
      await mapPool([...plan.delete, ...plan.unregister], 16, (key) => kv.delete(key))
    },
    put,
    close: () => proxy.dispose(),
  }
}

export function wranglerSource(configPath: string, location: string[]): KvSource {
  const binding = ['--binding', 'ARTICLES', ...location]
  const { file, remove } = scratchFiles('vnfeeds-fsck-')
  const put = async (entries: KvWrite[]) => {
    if (entries.length > 0) await wrangler(['kv', 'bulk', 'put', await file('put.json', entries), ...binding], configPath)
  }
  return {
    where: location.includes('--remote') ? 'remote KV (through wrangler)' : `KV through wrangler ${location.join(' ')}`,
    list: (prefix) => listKeys(prefix, binding, configPath),
    read: async (keys) => parseBulkGet(await wrangler(['kv', 'bulk', 'get', await file('keys.json', keys), ...binding], configPath)),
    async apply(plan) {
      await put([...plan.put, ...plan.register])
      const deletes = [...plan.delete, ...plan.unregister]
      if (deletes.length > 0)
        await wrangler(['kv', 'bulk', 'delete', await file('delete.json', deletes), ...binding, '--force'], configPath)
    },
    put,
    close: remove,
  }
}
