import type { FeedVersion } from '../articles/store'
import type { FeedScope } from './model'

export type ScopeKind = FeedScope['kind']

/** The scope a request names; `name` defaults to the slug until KV tells the display name. */
export function scopeOf(kind: ScopeKind, slug: string, name = slug): FeedScope {
  return kind === 'all' ? { kind } : { kind, slug, name }
}

/**
 * The scope as the feed shows it, named from its version entry (`store.version(scopeOf(kind, slug))`);
 * null for a section or author that never had an article, which has no feed.
 */
export function knownScope(kind: ScopeKind, slug: string, version: FeedVersion | null): FeedScope | null {
  if (!version && kind !== 'all') return null
  return scopeOf(kind, slug, version?.name ?? slug)
}
