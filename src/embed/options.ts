import { isFeedSlug } from '../articles/limits'
import type { ScopeKind } from '../articles/scope'

/**
 * Options of the headlines widget, in both forms (iframe query, script data- attributes). A widget runs on
 * someone else's page, so a bad option never produces an error page there: it falls back to its default.
 */

/** Headlines shown when `limit` is absent or not a whole number; larger numbers are capped at `max`. */
export const EMBED_LIMIT = { default: 5, max: 20 } as const

/** `auto` follows the reader's `prefers-color-scheme`. */
type EmbedTheme = 'light' | 'dark' | 'auto'

/** Where a headline opens: the partner's whole window (not the iframe), or a new tab. */
type LinkTarget = '_top' | '_blank'

/** Which feed the widget shows. `slug` is empty for the whole paper. */
interface EmbedScope {
  kind: ScopeKind
  slug: string
}

export interface EmbedOptions {
  scope: EmbedScope
  /** False when the section or author was given but is not a feed's slug (or is longer than any): no feed can match it. */
  validScope: boolean
  limit: number
  theme: EmbedTheme
  target: LinkTarget
}

/** A whole number from 1 is capped at the maximum; anything else is the default. */
function embedLimit(raw: string | undefined): number {
  const n = raw !== undefined && /^\s*\d{1,6}\s*$/.test(raw) ? Number(raw) : 0
  return n >= 1 ? Math.min(n, EMBED_LIMIT.max) : EMBED_LIMIT.default
}

/**
 * Reads the options. `section` wins over `author` when both are given (a feed is one or the other);
 * both absent or empty means the whole paper.
 */
export function embedOptions(read: (name: string) => string | undefined): EmbedOptions {
  const section = read('section')?.trim()
  const author = read('author')?.trim()
  const scope: EmbedScope = section
    ? { kind: 'section', slug: section }
    : author
      ? { kind: 'author', slug: author }
      : { kind: 'all', slug: '' }
  const theme = read('theme')
  return {
    scope,
    validScope: scope.kind === 'all' || isFeedSlug(scope.slug),
    limit: embedLimit(read('limit')),
    theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
    target: read('target') === '_blank' ? '_blank' : '_top',
  }
}
