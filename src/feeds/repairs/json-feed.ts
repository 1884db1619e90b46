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
