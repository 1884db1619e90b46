/**
 * A feed page, assembled: the channel (everything but the items) rendered for this page, and each item
 * rendered on its own, once per article version (./items.ts), as UTF-8. The channel is rendered with no
 * items and cut where they go, so every channel element comes before the first item whatever feed's
 * writers do with extensions (RSS readers that stream, and the W3C validator's `MisplacedItem`, need it).
 */
import type { FeedModel } from './model'
import { itemCache, itemKey, itemStamp } from './items'
import { renderItems } from './templates'
import type { FeedWriter } from './writer'
import { channelView, itemContext, itemView } from './view'
import { concatBytes, utf8Bytes } from '../utils/bytes'

/** Pages should stay under this size; `itemsWithin` says how many of a document's items fit a budget. */
export const MAX_FEED_BYTES = 4 * 1024 * 1024

/** A rendered page. */
export interface FeedDocument {
  /** The document as UTF-8, what is sent: `head`, the items with `separator` between each two, `tail`. */
  body: Uint8Array<ArrayBuffer>
  /** Size in bytes of each item, in order, separators included. */
  itemBytes: number[]
  /** The parts of `body`, each item as kept, so its ETag is hashed from the items' own digests (cache/conditional.ts). */
  head: Uint8Array<ArrayBuffer>
  items: Uint8Array<ArrayBuffer>[]
  separator: Uint8Array<ArrayBuffer>
  tail: Uint8Array<ArrayBuffer>
}

/**
 * How many of the document's first items fit in `budget` bytes with the channel around them: the page a
 * route should serve instead (fewer items, and a next link) when the document is over it. Never 0 for a
 * document with items, so paging always moves on.
 */
export function itemsWithin(document: FeedDocument, budget = MAX_FEED_BYTES): number {
  let size = document.body.byteLength - document.itemBytes.reduce((sum, n) => sum + n, 0)
  let fit = 0
  for (const bytes of document.itemBytes) {
    size += bytes
    if (size > budget) break
    fit++
  }
  return Math.max(fit, Math.min(1, document.itemBytes.length))
}

/** Each article's item as UTF-8: from the cache, and the others rendered (./templates.ts), then kept. */
function itemBytes<Spec>(model: FeedModel, writer: FeedWriter<Spec>): Uint8Array<ArrayBuffer>[] {
  const context = itemContext(model)
  const stamp = itemStamp(writer.format, context)
  const keys = model.items.map((article) => itemKey(stamp, article))
  const found = keys.map((key) => itemCache.get(key))
  const missing = model.items.filter((_, i) => !found[i])
  if (!missing.length) return found as Uint8Array<ArrayBuffer>[]
  const fresh = renderItems(
    writer,
    missing.map((article) => itemView(article, context)),
  )
  let next = 0
  return found.map((bytes, i) => bytes ?? itemCache.set(keys[i] ?? null, fresh[next++] as Uint8Array<ArrayBuffer>))
}

/** The page of `model` in the writer's format. */
export function renderDocument<Spec>(model: FeedModel, writer: FeedWriter<Spec>): FeedDocument {
  const items = itemBytes(model, writer)
  const channel = writer.channel(channelView(model))
  const [head, separator, tail] = [utf8Bytes(channel.head), utf8Bytes(writer.separator ?? ''), utf8Bytes(channel.tail)]
  const sizes = items.map((item, i) => item.byteLength + (i ? separator.byteLength : 0))
  const body = concatBytes([head, ...items.flatMap((item, i) => (i ? [separator, item] : [item])), tail])
  return { body, itemBytes: sizes, head, items, separator, tail }
}
