import type { Feed } from 'feed'

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

/**
 * feed writes JSON Feed 1.0 (`"version": "https://jsonfeed.org/version/1"`, a singular `author`), indented
 * by 4 spaces. Its extension hook sets a top-level key in place, so `version` says 1.1 (the writer gives
 * `authors` through the same hook and never a 1.0 `author`); the text is parsed back, for the writer to
 * serialise compact and to cut into channel and items.
 */
export function jsonFeed(feed: Feed): { items: unknown[] } & Record<string, unknown> {
  feed.addExtension({ name: 'version', objects: JSON_FEED_VERSION as unknown as Record<string, unknown> })
  return JSON.parse(feed.json1()) as { items: unknown[] } & Record<string, unknown>
}

/** A token as JSON.stringify writes it (U+0002 escaped); cleanText strips U+0002 from all text. */
export const JSON_ITEM_TOKEN = /"\\u0002(\d+)\\u0002"/g

/**
 * An item's values, handed to feed as short tokens: feed stringifies, we parse and stringify again, and a
 * 5 KB body would go through all three; each value is serialised once, by `JSON.stringify`, and put in
 * where its token is (see ../templates.ts, which also shares what feed writes among items of one shape).
 */
export function jsonValues(): { text(value: string): string; readonly encoded: readonly string[] } {
  const encoded: string[] = []
  return {
    // Empty stays empty: feed leaves out a key whose value is falsy.
    text: (value) => (value === '' ? '' : `\u0002${encoded.push(JSON.stringify(value)) - 1}\u0002`),
    encoded,
  }
}
