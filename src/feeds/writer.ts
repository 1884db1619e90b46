/**
 * The contract of one format's writer (./rss.ts, ./atom.ts, ./json.ts), and the two cuts every writer makes
 * in what `feed` writes: the channel around where the items go, and the items apart.
 */
import type { FeedFormat } from './model'
import type { ChannelView, ItemView } from './view'

/** The document around its items: everything before the first and after the last. */
export interface Channel {
  head: string
  tail: string
}

/** One item as a writer tells feed of it: `spec`, every value in it a token, and each token's encoding by number. */
interface ItemDraft<Spec> {
  spec: Spec
  values: readonly string[]
}

/** What one format writes. Every function is pure: the same views always give the same text. */
export interface FeedWriter<Spec = unknown> {
  format: FeedFormat
  channel(view: ChannelView): Channel
  /**
   * What feed is told of an item, every value a token, so that it says only the item's shape: items of one
   * shape share what feed writes for them (./templates.ts).
   */
  draft(view: ItemView): ItemDraft<Spec>
  /**
   * Items of these specs, each complete on its own (it is kept, and reused in every page that lists this
   * article version), in order, their tokens still in. Rendered together, in one document of feed's, and
   * cut apart (see cutItems).
   */
  render(specs: Spec[]): string[]
  /** A token in `render`'s output (global); the first of its groups that matched is the token's number. */
  token: RegExp
  /** Written between two items (JSON's comma); XML needs none. */
  separator?: string
}

/** A document of feed's rendered without items, cut where they go: right before the last `end`. */
export function channelAround(document: string, end: string): Channel {
  const at = document.lastIndexOf(end)
  if (at < 0) throw new Error(`feed output has no ${end.trim()}`)
  return { head: document.slice(0, at), tail: document.slice(at) }
}

/**
 * The items of a document of feed's, each from just before `open` (with its line break and indentation)
 * to the end of its `close`. Nothing user-written can fake either tag: values go through feed as tokens.
 */
export function cutItems(document: string, open: string, close: string): string[] {
  const items: string[] = []
  for (let at = document.indexOf(open); at >= 0; at = document.indexOf(open, at)) {
    const end = document.indexOf(close, at) + close.length
    if (end < close.length) throw new Error(`feed output has ${open} without ${close}`)
    items.push(document.slice(document.lastIndexOf('\n', at), end))
    at = end
  }
  return items
}
