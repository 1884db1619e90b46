import type { FeedFormat, FeedModel } from './model'
import { renderDocument, type FeedDocument } from './document'
import { WRITERS } from './writers'

export { itemsWithin, type FeedDocument } from './document'

/**
 * Renders one feed page with `feed` as the generator (see ./repairs/ for what is repaired around it) as
 * UTF-8. Pure: the same model always gives the same bytes, whichever of its items were rendered before.
 */
export function renderFeedDocument(model: FeedModel, format: FeedFormat): FeedDocument {
  return renderDocument(model, WRITERS[format])
}

const decoder = new TextDecoder()

/** The same document as text. */
export function renderFeed(model: FeedModel, format: FeedFormat): string {
  return decoder.decode(renderFeedDocument(model, format).body)
}
