/**
 * Where an import run writes: the contract every target keeps, and the two simplest targets (local KV
 * through the store, and --dry-run). The admin API and wrangler-kv targets have their own modules.
 */
import { join } from 'node:path'
import { keepLegacyIds, type Pending } from '../../src/articles/ids'
import type { OutputRenderer } from '../../src/articles/output'
import type { Env } from '../../src/env'
import { articleStore, type ArticleStore, type PutManyResult } from '../../src/store/store'
import { errorMessage } from '../../src/utils/error-message'
import type { Options } from './options'

/** The target cannot be written at all, or answered something that cannot be trusted: stop, and say why. */
export class FatalError extends Error {}

/** Outcome of writing one article, with the id it was stored under (its legacy one, when kept). */
export type Written = { status: 'imported' | 'replaced'; id: string } | { status: 'rejected'; reason: string }

export interface Target {
  /** Articles per write call. */
  chunk: number
  /** One outcome per item, in order; throws FatalError when the target failed as a whole. */
  write(items: Pending[]): Promise<Written[]>
  /** Finishes the run (a deferred upload, an open proxy); throws FatalError when it could not. */
  close(): Promise<void>
}

/** Writes through the store, first moving each item onto its legacy id when that is where it lives. */
export async function writeThroughStore(store: ArticleStore, items: Pending[], siteUrl: string, concurrency?: number): Promise<Written[]> {
  const resolved = await keepLegacyIds(items, async (id) => (await store.get(id)) !== null, siteUrl)
  const results: PutManyResult[] = await store.putMany(
    resolved.map((r) => r.article),
    { ...(concurrency !== undefined && { concurrency }) },
  )
  return results.map((r, i) =>
    'error' in r
      ? { status: 'rejected', reason: `not stored: ${errorMessage(r.error)}` }
      : { status: r.created ? 'imported' : 'replaced', id: resolved[i]!.article.id },
  )
}

/** Articles written at once into local KV (1 000 files, one run: 105 s eight at a time, 30 s at 25). */
const LOCAL_CHUNK = 25

export async function localTarget(options: Options, siteUrl: string, outputs?: OutputRenderer): Promise<Target> {
  const { getPlatformProxy } = await import('wrangler')
  const proxy = await getPlatformProxy<Env>({ configPath: options.config, persist: { path: join(options.persistTo, 'v3') } })
  const store = articleStore(proxy.env.ARTICLES, { ...(outputs && { outputs }) })
  // Every KV call crosses from Node into workerd, so the waits, not the work, dominate: keep many in flight.
  return {
    chunk: LOCAL_CHUNK,
    write: (items) => writeThroughStore(store, items, siteUrl, LOCAL_CHUNK),
    close: () => proxy.dispose(),
  }
}

/** Prints each parsed article (under its file's id: no store is asked about legacy ids). */
export function dryRunTarget(chunk: number): Target {
  let first = true
  process.stdout.write('[')
  return {
    chunk,
    async write(items) {
      for (const { article } of items) {
        process.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(article, null, 2).replace(/^/gmu, '  ')}`)
        first = false
      }
      return items.map(({ article }) => ({ status: 'imported', id: article.id }))
    },
    close: async () => void process.stdout.write(first ? ']\n' : '\n]\n'),
  }
}
