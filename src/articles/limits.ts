/**
 * Length caps on what becomes part of a KV key: an article's id and the slugs of its section and
 * authors. KV refuses keys over 512 bytes, and the longest key holds an author slug, a sort key and an
 * id (`idx:aut:<slug>:<sort>:<id>`); src/store/keys.ts checks that these caps keep it inside with room.
 * Ids and slugs are ASCII, so characters are bytes.
 */
import { SLUG_PATTERN } from '../text/normalize'

/** Longest article id (ids derived from titles are cut to it). */
export const MAX_ID_LENGTH = 300

/** Longest section or author slug: a feed's address (`/chuyen-muc/<slug>/`, `/tac-gia/<slug>/`). */
export const MAX_SLUG_LENGTH = 120

/** Whether a path segment can name a section or author feed at all: a slug within the cap. */
export function isFeedSlug(text: string): boolean {
  return text.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(text)
}
