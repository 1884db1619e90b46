/**
 * The registry of sections and authors: their feeds' `ver:sec:` / `ver:aut:` keys (versions.ts). A
 * section or author is in it exactly while it has at least one index entry, i.e. a published article:
 * a write that takes the last entry out of a scope deletes its key, so `/`, the OPML list and the
 * scope's feeds (404) forget it, and the next article that names it puts the key back.
 *
 * Reads stay O(1) per request because the rule is kept on the write side, which is rare: only a scope a
 * write or delete took entries out of is listed (one `list` of one key); the display names of every
 * scope written cost one bulk read (at most 100 keys a call) per store call.
 */
import { KV_BULK_READ_MAX } from './budgets'
import type { Article } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import { KNOWN_SECTIONS } from '../config/sections'
import { indexKeys, indexPrefix, versionKey } from './keys'
import { withRetry } from './retry'
import { feedsOf, type FeedVersion } from './versions'

type NamedScope = Exclude<FeedScope, { kind: 'all' }>

/** What one store call did to the index. */
export interface IndexChange {
  /** Every version of an article the call put in or took out of the index (old and new). */
  changed: readonly Article[]
  /** The articles whose index entries the call wrote: the feeds of those entries surely have one now. */
  indexed: readonly Article[]
}

/** The display names the registry holds now, by version key (percent-encoded as stored: see putVersion). */
async function currentNames(kv: KVNamespace, scopes: readonly NamedScope[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const keys = scopes.map(versionKey)
  for (let i = 0; i < keys.length; i += KV_BULK_READ_MAX) {
    const found = await kv.getWithMetadata<{ name?: string }>(keys.slice(i, i + KV_BULK_READ_MAX), 'text')
    for (const [key, entry] of found) if (entry?.metadata?.name) names.set(key, decodeURIComponent(entry.metadata.name))
  }
  return names
}

/**
 * The name a feed shows: a configured section's from the configuration, otherwise the one the registry
 * already holds (`current`: the first spelling seen), so that `THU  TAC   GIA` on a later article does not
 * rename `Thử Tác Giả`; a new scope takes its article's spelling.
 */
export function displayName(scope: NamedScope, current?: string): string {
  const configured = scope.kind === 'section' ? KNOWN_SECTIONS.find((s) => s.slug === scope.slug)?.name : undefined
  return configured ?? current ?? scope.name
}

/** Gives the feed a fresh token dated `at` (and, for a section or author, its display name). */
function putVersion(kv: KVNamespace, scope: FeedScope, at: string, name?: string): Promise<void> {
  const value: FeedVersion = { token: crypto.randomUUID(), at }
  // Percent-encoded: metadata travels in an HTTP header in local KV, which wants ASCII.
  const options = name === undefined ? {} : { metadata: { name: encodeURIComponent(name) } }
  // KV takes one write a second per key, and a busy feed's key may just have been written.
  return withRetry(() => kv.put(versionKey(scope), JSON.stringify(value), options))
}

async function hasEntries(kv: KVNamespace, scope: FeedScope): Promise<boolean> {
  return (await kv.list({ prefix: indexPrefix(scope), limit: 1 })).keys.length > 0
}

/**
 * A scope the call took entries out of: still registered (with a fresh token) while entries remain,
 * unregistered otherwise. A write elsewhere may add an entry between the list and the delete, and its
 * own version put may land before the delete: so look once more after deleting, and put the key back if
 * an entry has appeared. What remains is KV's own lag between locations (docs/storage.md, "Registry").
 */
async function settleLeft(kv: KVNamespace, scope: NamedScope, at: string, name: string): Promise<void> {
  if (await hasEntries(kv, scope)) return putVersion(kv, scope, at, name)
  await kv.delete(versionKey(scope))
  if (await hasEntries(kv, scope)) await putVersion(kv, scope, at, name)
}

/**
 * Brings the version keys of every feed the change touched up to date: a fresh token for each feed
 * that still has articles, its key deleted for a section or author that has none left. The site-wide
 * feed goes last: its token also validates `/` and the OPML list, which must not be cached under the
 * new token while they could still have read a registry key this call removes.
 */
export async function updateFeeds(kv: KVNamespace, change: IndexChange, at: string): Promise<void> {
  const named = feedsOf(change.changed).filter((s): s is NamedScope => s.kind !== 'all')
  // From the entries themselves, so an article that gets none (not yet published) registers nothing.
  const entries = change.indexed.flatMap(indexKeys)
  const indexed = (scope: NamedScope) => entries.some((k) => k.startsWith(indexPrefix(scope)))
  const names = await currentNames(kv, named)
  const scoped = await Promise.allSettled(
    named.map((scope) => {
      const name = displayName(scope, names.get(versionKey(scope)))
      return indexed(scope) ? putVersion(kv, scope, at, name) : settleLeft(kv, scope, at, name)
    }),
  )
  // Even when a section's key failed: the site-wide feed did change.
  await putVersion(kv, { kind: 'all' }, at)
  const failed = scoped.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}
