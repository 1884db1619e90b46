/**
 * The KV layout (docs/storage.md explains why):
 *   art:<id>                         the article, one JSON value — a write of it is atomic
 *   idx:all:<sort>                   one empty key per article and feed it belongs to; list() walks
 *   idx:sec:<section>:<sort>           them newest first because <sort> inverts the publication time;
 *   idx:aut:<author>:<sort>            metadata { t, s } (EntryMeta) comes free with every list()
 *   ver:all | ver:sec:<s> | ver:aut:<a>  a fresh token per write to that feed (render cache validator);
 *                                      sec/aut keys carry the display name as metadata and double as
 *                                      the registry: present while the feed has an entry (registry.ts)
 *   due:<due ms>:<id>                a scheduled article (published in the future) instead of its
 *                                      idx: entries, soonest first; metadata { t, s } as an entry's
 *   sched:next                       the soonest due time (ms), so a feed read knows when to promote
 *   out:<name>:<id>                  one rendered output of the article (its item in one feed format),
 *                                      written with it, so a fresh isolate copies instead of rendering
 * No key but sched:next is shared between two articles, so concurrent writes never drop one another
 * (sched:next is only a hint: promotion recomputes it, and the cron lists due: itself).
 */
import { MAX_ID_LENGTH, MAX_SLUG_LENGTH } from '../articles/limits'
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

const ENTRY = new RegExp(`^(idx:(?:all|${KIND_KEY.section}:[^:]+|${KIND_KEY.author}:[^:]+):)\\d{${SORT_WIDTH}}:([^:]+)$`)

/** The feed prefix and article id of an index entry's key; null for a key this layout never makes. */
export function parseEntry(name: string): { prefix: string; id: string } | null {
  const match = ENTRY.exec(name)
  return match ? { prefix: match[1] as string, id: match[2] as string } : null
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

/** The prefix of the index entries of the section or author whose registry key this is (`ver:sec:x` → `idx:sec:x:`). */
export function indexPrefixOfRegistryKey(key: string): string {
  return `idx:${key.slice('ver:'.length)}:`
}

/** The prefix of the version keys of every section or every author: the registry of them. */
export function registryPrefix(kind: 'section' | 'author'): string {
  return `ver:${KIND_KEY[kind]}:`
}

/** Output names are short words (feed formats); the key layout's bound below counts on it. */
export const MAX_OUTPUT_NAME = 8

/** The prefix of the rendered outputs' keys. */
export const OUTPUT_PREFIX = 'out:'

/** The key of one rendered output of an article (outputs.ts). */
export const outputKey = (name: string, id: string) => `${OUTPUT_PREFIX}${name}:${id}`

const OUTPUT = new RegExp(`^${OUTPUT_PREFIX}([a-z]{1,${MAX_OUTPUT_NAME}}):([^:]+)$`)

/** The output name and article id of an output's key; null for a key this layout never makes. */
export function parseOutput(key: string): { name: string; id: string } | null {
  const match = OUTPUT.exec(key)
  return match ? { name: match[1] as string, id: match[2] as string } : null
}

/** The prefix of the scheduled articles' keys: list() walks them soonest first. */
export const DUE_PREFIX = 'due:'

/** The key holding the soonest due time of any scheduled article (ms, as JSON), absent when none. */
export const NEXT_DUE_KEY = 'sched:next'

/** The key of a scheduled article: its publication instant, zero-padded so that ascending is soonest. */
export function dueKey(article: Pick<Article, 'id' | 'published'>): string {
  return `${DUE_PREFIX}${String(Date.parse(article.published)).padStart(SORT_WIDTH, '0')}:${article.id}`
}

const DUE = new RegExp(`^${DUE_PREFIX}(\\d{${SORT_WIDTH}}):([^:]+)$`)

/** The due time and article id of a due key; null for a key this layout never makes. */
export function parseDue(name: string): { at: number; id: string } | null {
  const match = DUE.exec(name)
  return match ? { at: Number(match[1]), id: match[2] as string } : null
}

/**
 * The metadata of an index entry: what a reader needs to know of the entry before reading its article.
 * Entries written before metadata existed have none (see the read and repair code for how they count).
 */
export interface EntryMeta {
  /** When the entry was written (ms since epoch): a dead entry younger than KV's settle time is not repaired. */
  t: number
  /** Bytes of the article's stored JSON, so a page can size its bulk read from list() alone. */
  s: number
}

/** The metadata of a listed entry, of what it has (entries written before metadata existed have none). */
export function entryMeta(metadata: unknown): Partial<EntryMeta> {
  const m = metadata as Partial<EntryMeta> | null | undefined
  return { ...(typeof m?.t === 'number' && { t: m.t }), ...(typeof m?.s === 'number' && { s: m.s }) }
}

const utf8 = new TextEncoder()

/** The article's JSON as stored, and the metadata its index entries carry. */
export function storedForm(article: Article, at = Date.now()): { json: string; meta: EntryMeta } {
  const json = JSON.stringify(article)
  return { json, meta: { t: at, s: utf8.encode(json).length } }
}

/** KV refuses keys over 512 bytes; the layout keeps this much room below that. */
const KV_KEY_LIMIT = 512
const KEY_ROOM = 32

/** The longest key the layout can make, from the caps in src/articles/limits.ts (ASCII: characters are bytes). */
export const LONGEST_KEY = Math.max(
  ...[
    articleKey('i'.repeat(MAX_ID_LENGTH)),
    outputKey('n'.repeat(MAX_OUTPUT_NAME), 'i'.repeat(MAX_ID_LENGTH)),
    dueKey({ id: 'i'.repeat(MAX_ID_LENGTH), published: '2999-12-31T00:00:00Z' }),
    versionKey({ kind: 'author', slug: 's'.repeat(MAX_SLUG_LENGTH), name: '' }),
    ...(['section', 'author'] as const).map(
      (kind) =>
        indexPrefix({ kind, slug: 's'.repeat(MAX_SLUG_LENGTH), name: '' }) +
        sortKey({ id: 'i'.repeat(MAX_ID_LENGTH), published: '1910-01-01T00:00:00Z' }),
    ),
  ].map((key) => key.length),
)
if (LONGEST_KEY > KV_KEY_LIMIT - KEY_ROOM)
  throw new Error(`key layout: keys of up to ${LONGEST_KEY} bytes do not fit KV's ${KV_KEY_LIMIT} with ${KEY_ROOM} to spare`)
