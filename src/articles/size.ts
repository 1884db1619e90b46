/**
 * The one limit on an article's size, whatever its input form: the bytes of its stored JSON (UTF-8).
 * 240 KiB lets a page of 100 articles (KV's bulk-read count) stay under KV's 25 MiB bulk-read size with
 * 1 MiB to spare (docs/storage.md), where 200 000 characters of content alone could exceed it.
 */
import { utf8Length } from '../utils/bytes'
import type { Article } from './model'

export const MAX_ARTICLE_BYTES = 240 * 1024

/** As long as the `rev` the store stamps on every write (16 hex digits, src/store/rev.ts): the limit is on what KV holds. */
const REV_PLACEHOLDER = '0'.repeat(16)

/** Why the article is too large to store, or undefined when it fits. */
export function oversizeReason(article: Article): string | undefined {
  const json = JSON.stringify({ ...article, rev: REV_PLACEHOLDER })
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most articles fit without being encoded to count.
  if (json.length * 3 <= MAX_ARTICLE_BYTES) return undefined
  const bytes = utf8Length(json)
  if (bytes <= MAX_ARTICLE_BYTES) return undefined
  return `the article would take ${bytes} bytes stored; at most ${MAX_ARTICLE_BYTES} (${MAX_ARTICLE_BYTES / 1024} KiB) are allowed: split it or shorten it`
}
