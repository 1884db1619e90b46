import type { Article } from './model'

/** Which articles a feed holds: the whole paper, one chuyên mục, or one tác giả. */
export type FeedScope = { kind: 'all' } | { kind: 'section'; slug: string; name: string } | { kind: 'author'; slug: string; name: string }

export type ScopeKind = FeedScope['kind']

/** The scope a request names; `name` defaults to the slug until KV tells the display name. */
export function scopeOf(kind: ScopeKind, slug: string, name = slug): FeedScope {
  return kind === 'all' ? { kind } : { kind, slug, name }
}

/**
 * The scope as the feed shows it, named from its version entry (`store.version(scopeOf(kind, slug))`);
 * null for a section or author that never had an article, which has no feed.
 */
export function knownScope(kind: ScopeKind, slug: string, version: { name?: string } | null): FeedScope | null {
  if (!version && kind !== 'all') return null
  return scopeOf(kind, slug, version?.name ?? slug)
}

/** Every feed an article appears in: the paper's, its section's and each of its authors' (once each). */
export function scopesOf(article: Article): FeedScope[] {
  const seen = new Set<string>()
  const authors = article.authors.filter((a) => !seen.has(a.slug) && seen.add(a.slug))
  return [
    { kind: 'all' },
    { kind: 'section', slug: article.section.slug, name: article.section.name },
    ...authors.map((a): FeedScope => ({ kind: 'author', slug: a.slug, name: a.name })),
  ]
}
