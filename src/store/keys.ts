/**
 * The KV layout (docs/storage.md explains why):
 *   art:<id>                         the article, one JSON value — a write of it is atomic
 *   idx:all:<sort>                   one empty key per article and feed it belongs to; list() walks
 *   idx:sec:<section>:<sort>           them newest first because <sort> inverts the publication time
 *   idx:aut:<author>:<sort>
 *   ver:all | ver:sec:<s> | ver:aut:<a>  a fresh token per write to that feed (render cache validator);
 *                                      sec/aut keys carry the display name as metadata and double as
 *                                      the registry of sections and authors
 * No key is shared between two articles, so concurrent writes never drop one another.
 */
import type { Article } from '../articles/model'
import { scopesOf, type FeedScope } from '../articles/scope'

/** Milliseconds are inverted against this bound so that list()'s ascending order is newest first. */
const SORT_BOUND = 9_000_000_000_000_000
const SORT_WIDTH = 16

/** The key part of a section or author feed. */
const KIND_KEY = { section: 'sec', author: 'aut' } as const

export function sortKey(article: Pick<Article, 'id' | 'published'>): string {
  const inverted = SORT_BOUND - Date.parse(article.published)
  return `${String(inverted).padStart(SORT_WIDTH, '0')}:${article.id}`
}

/** The key of an article's JSON value. */
export const articleKey = (id: string) => `art:${id}`

/** The prefix of a feed's index entries, which list() walks. */
export function indexPrefix(scope: FeedScope): string {
  return scope.kind === 'all' ? 'idx:all:' : `idx:${KIND_KEY[scope.kind]}:${scope.slug}:`
}

/** The id an index entry of the feed with this prefix points at. */
export function idOfEntry(name: string, prefix: string): string {
  return name.slice(name.indexOf(':', prefix.length) + 1)
}

/** Every index entry an article has: one per feed it appears in. */
export function indexKeys(article: Article): string[] {
  const sort = sortKey(article)
  return scopesOf(article).map((scope) => indexPrefix(scope) + sort)
}

/** The key of a feed's version token. */
export function versionKey(scope: FeedScope): string {
  return scope.kind === 'all' ? 'ver:all' : `ver:${KIND_KEY[scope.kind]}:${scope.slug}`
}

/** The prefix of the version keys of every section or every author: the registry of them. */
export function registryPrefix(kind: 'section' | 'author'): string {
  return `ver:${KIND_KEY[kind]}:`
}
