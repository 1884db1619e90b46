/**
 * Feed versions: one `ver:` key per feed, a fresh token on every write that touches the feed. The
 * token validates every rendered form of the feed; the section and author keys double as the registry,
 * which registry.ts keeps (and writes every token).
 */
import type { Article, Section } from '../articles/model'
import { scopesOf, type FeedScope } from '../articles/scope'
import { registryPrefix, versionKey } from './keys'

/** The validator of one feed: changes on every write that touches the feed. */
export interface FeedVersion {
  token: string
  /** ISO instant of that write; the feed's Last-Modified. */
  at: string
  /** Display name of the section or author (absent for the site-wide feed). */
  name?: string
}

/** Every feed the articles appear in, once each (pass old and new versions of a changed article). */
export function feedsOf(articles: readonly Article[]): FeedScope[] {
  const byKey = new Map<string, FeedScope>()
  for (const a of articles) for (const s of scopesOf(a)) byKey.set(versionKey(s), s)
  return [...byKey.values()]
}

export async function readVersion(kv: KVNamespace, scope: FeedScope): Promise<FeedVersion | null> {
  const { value, metadata } = await kv.getWithMetadata<FeedVersion, { name?: string }>(versionKey(scope), 'json')
  return versionOf(value, metadata)
}

/** A feed's version from its `ver:` key's value and metadata as read (alone, or in a bulk read). */
export function versionOf(value: FeedVersion | null | undefined, metadata: { name?: string } | null | undefined): FeedVersion | null {
  if (!value) return null
  return metadata?.name ? { ...value, name: decodeURIComponent(metadata.name) } : value
}

/** Sections or authors that have published articles, with display names (registry.ts). */
export async function readRegistry(kv: KVNamespace, kind: 'section' | 'author'): Promise<Section[]> {
  const prefix = registryPrefix(kind)
  const out: Section[] = []
  let cursor: string | undefined
  do {
    const listed = await kv.list<{ name?: string }>({ prefix, ...(cursor && { cursor }) })
    for (const k of listed.keys)
      out.push({ slug: k.name.slice(prefix.length), name: decodeURIComponent(k.metadata?.name ?? k.name.slice(prefix.length)) })
    cursor = listed.list_complete ? undefined : listed.cursor
  } while (cursor)
  return out
}
