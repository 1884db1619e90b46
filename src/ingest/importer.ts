/**
 * The importer's logic that needs no file system, network or process: what to send, in which
 * batches, what the store would write, whether a server's answer can be trusted, and how to report it.
 * `scripts/import/` does the I/O.
 */
import { articleUrl } from '../articles/ids'
import type { Article } from '../articles/model'
import type { ArticleInput } from '../articles/schema'
import { KNOWN_SECTIONS } from '../config/sections'
import { slugify } from '../text/normalize'
import { sectionFromPath } from './files'

/**
 * The admin API's input for an article built here, such that the server's `buildArticle` gives back
 * this very article: ids, times and section names survive whatever the server's configuration. A URL
 * derived from `siteUrl` (as every dump's is) is left out, for the server to derive from its own.
 */
export function articleToInput(article: Article, siteUrl?: string): ArticleInput {
  return {
    id: article.id,
    title: article.title,
    published: article.published,
    ...(article.updated !== undefined && { updated: article.updated }),
    content: article.content,
    summary: article.summary,
    // The name, not the slug: a section the configuration does not know keeps its display name.
    section: article.section.name,
    authors: article.authors.map((a) => ({ name: a.name, role: a.role })),
    ...(article.source !== undefined && { source: article.source }),
    ...(article.image && { image: { ...article.image } }),
    // A URL derived from the site's address is left to the server, whose SITE_URL is the one that counts.
    ...((siteUrl === undefined || article.url !== articleUrl(siteUrl, article.id)) && { url: article.url }),
    tags: [...article.tags],
  }
}

/**
 * The section of a file, when `--section` does not say: the first folder below the folder given on
 * the command line (`dumps/the-thao/x.txt` → the-thao; any name, as `npm start` reads demo/articles),
 * else the folder the file sits in if it names a known section (`import dumps/the-thao`).
 */
export function sectionFor(path: string, root?: string): string | undefined {
  const fromRoot = root === undefined ? undefined : sectionFromPath(path, root)
  if (fromRoot !== undefined) return fromRoot
  const parts = path.replace(/\\/gu, '/').split('/')
  const folder = parts.at(-2)
  if (folder === undefined) return undefined
  const slug = slugify(folder)
  return KNOWN_SECTIONS.some((s) => s.slug === slug) ? folder : undefined
}

/** Splits items into runs of at most `maxCount` whose serialised sizes add up to at most `maxBytes`. */
export function batches<T>(items: T[], maxCount: number, maxBytes: number, bytesOf: (item: T) => number): T[][] {
  const out: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const item of items) {
    const size = bytesOf(item)
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(item)
    bytes += size
  }
  if (current.length > 0) out.push(current)
  return out
}

/** One entry of `wrangler kv bulk put`'s file. */
export interface BulkEntry {
  key: string
  value: string
  metadata?: unknown
}

/** A key as a listing of the remote namespace gives it. */
export interface RemoteKey {
  name: string
  metadata?: unknown
}

/**
 * A KV namespace that serves reads from values fetched beforehand and records writes instead of making
 * them. Running `articleStore(kv).putMany()` against it yields exactly the keys the store would write
 * and delete, which `wrangler kv bulk put/delete --remote` then applies: the KV layout stays defined in
 * one place (src/store/), and the remote namespace gets what a Worker would have written. The registry
 * (src/store/registry.ts) also reads names of `ver:` keys and lists a scope's entries: those come from
 * `listRemote`, each prefix listed once per run, with this run's recorded writes laid over it.
 */
export function recordingKv(listRemote: (prefix: string) => Promise<RemoteKey[]>): {
  kv: KVNamespace
  preload(values: ReadonlyMap<string, string | null>): void
  plan(): { put: BulkEntry[]; delete: string[] }
} {
  const known = new Map<string, string | null>()
  /** Final state of every key written or deleted: the last operation on a key wins, as in KV. */
  const changes = new Map<string, BulkEntry | null>()
  const listings = new Map<string, Promise<RemoteKey[]>>()
  const read = (key: string): string | null => {
    if (changes.has(key)) return changes.get(key)?.value ?? null
    if (!known.has(key)) throw new Error(`recordingKv: ${key} was read but not fetched beforehand`)
    return known.get(key) ?? null
  }
  /** The keys under `prefix` as they will be once this run's writes land. */
  async function listed(prefix: string): Promise<Map<string, RemoteKey>> {
    if (!listings.has(prefix)) listings.set(prefix, listRemote(prefix))
    const keys = new Map((await (listings.get(prefix) as Promise<RemoteKey[]>)).map((k) => [k.name, k]))
    for (const [key, entry] of changes) {
      if (!key.startsWith(prefix)) continue
      if (entry) keys.set(key, { name: key, metadata: entry.metadata })
      else keys.delete(key)
    }
    return keys
  }
  const kv = {
    async get(key: string | string[], type?: unknown) {
      if (Array.isArray(key)) throw new Error('recordingKv: bulk get is not supported')
      const value = read(key)
      const json = type === 'json' || (typeof type === 'object' && type !== null && (type as { type?: string }).type === 'json')
      return value === null ? null : json ? JSON.parse(value) : value
    },
    // Only the registry's bulk read of `ver:` names: the metadata is what it uses.
    async getWithMetadata(keys: string[]) {
      const registry = await listed('ver:')
      return new Map(keys.map((key) => [key, registry.has(key) ? { value: '', metadata: registry.get(key)?.metadata ?? null } : null]))
    },
    async list({ prefix, limit = 1000 }: { prefix: string; limit?: number }) {
      const names = [...(await listed(prefix)).keys()].sort()
      return { keys: names.slice(0, limit).map((name) => ({ name })), list_complete: names.length <= limit, cacheStatus: null }
    },
    async put(key: string, value: string, options?: { metadata?: unknown }) {
      changes.set(key, { key, value, ...(options?.metadata !== undefined && { metadata: options.metadata }) })
    },
    async delete(key: string) {
      changes.set(key, null)
    },
  }
  return {
    kv: kv as unknown as KVNamespace,
    preload(values) {
      for (const [key, value] of values) known.set(key, value)
    },
    plan() {
      const put: BulkEntry[] = []
      const del: string[] = []
      for (const [key, entry] of changes) {
        if (entry) put.push(entry)
        else del.push(key)
      }
      return { put, delete: del }
    },
  }
}

/** What a run did. `imported` counts new articles; `replaced`, articles that were already stored. */
export interface ImportTally {
  files: number
  imported: number
  replaced: number
  rejected: number
}

export function formatSummary(tally: ImportTally, seconds: number, dryRun: boolean): string {
  const took = `${tally.files} file${tally.files === 1 ? '' : 's'} in ${seconds.toFixed(1)} s`
  if (dryRun) return `dry run: ${tally.imported} parsed, ${tally.rejected} rejected (${took}); nothing written`
  return `imported ${tally.imported}, replaced ${tally.replaced}, rejected ${tally.rejected} (${took})`
}

/** What the importer sent as element `index` of a batch: its id, and the legacy id the server may keep instead. */
export interface SentArticle {
  id: string
  legacyId?: string
}

/** One element's fate, as the admin API answers it. */
export type BatchFate = { status: 'imported' | 'replaced'; id: string } | { status: 'rejected'; code: number; reason: string }

/**
 * Reads a batch answer (`{ results: [{ index, id, status, errors }] }`) and checks that it accounts for
 * every element sent exactly once, with the id sent (or its legacy id) for each one stored. A server
 * that answers anything else (`{"results":[]}`, a result twice, a foreign id) cannot be trusted about
 * what it stored: the caller stops, loudly, rather than count files as imported.
 */
export function readBatchAnswer(body: unknown, sent: SentArticle[]): { ok: true; fates: BatchFate[] } | { ok: false; problems: string[] } {
  const results = (body as { results?: unknown } | null)?.results
  if (!Array.isArray(results)) return { ok: false, problems: ['no results list'] }
  const problems: string[] = []
  if (results.length !== sent.length)
    problems.push(
      `${results.length} result${results.length === 1 ? '' : 's'} for ${sent.length} article${sent.length === 1 ? '' : 's'} sent`,
    )
  const fates: Array<BatchFate | undefined> = new Array(sent.length)
  for (const result of results as Array<{ index?: unknown; id?: unknown; status?: unknown; errors?: unknown }>) {
    const index = result?.index
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= sent.length) {
      problems.push(`a result for index ${JSON.stringify(index)}, which was not sent`)
      continue
    }
    if (fates[index] !== undefined) {
      problems.push(`two results for index ${index}`)
      continue
    }
    const expected = sent[index]!
    if (result.status === 200 || result.status === 201) {
      if (result.id !== expected.id && (expected.legacyId === undefined || result.id !== expected.legacyId)) {
        problems.push(`index ${index} stored as ${JSON.stringify(result.id)}, but ${expected.id} was sent`)
        continue
      }
      fates[index] = { status: result.status === 201 ? 'imported' : 'replaced', id: result.id }
    } else if (typeof result.status === 'number' && result.status >= 400 && result.status < 600) {
      const errors = Array.isArray(result.errors) ? (result.errors as Array<{ field?: unknown; reason?: unknown }>) : []
      fates[index] = {
        status: 'rejected',
        code: result.status,
        reason: errors.map((e) => `${String(e?.field)}: ${String(e?.reason)}`).join('; '),
      }
    } else {
      problems.push(`index ${index} has status ${JSON.stringify(result.status)}`)
    }
  }
  const missing = fates.flatMap((f, i) => (f === undefined ? [i] : []))
  if (missing.length > 0 && problems.length === 0) problems.push(`no result for index ${missing.join(', ')}`)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fates: fates as BatchFate[] }
}
