import type { FeedFormat, FeedModel } from './model'
import { atomParts, renderAtom } from './atom'
import { jsonFeedParts, renderJson } from './json'
import { renderRss, rssParts } from './rss'
import type { DocumentParts } from './shared'

export { renderAtom, renderJson, renderRss, type DocumentParts }

/**
 * Renders one feed document with `feed` as the generator (see ./shared.ts for what is prepared and
 * repaired around it), as pieces: what a response encodes (see DocumentParts). Pure: the same model
 * always gives the same bytes.
 */
export function renderFeedParts(model: FeedModel, format: FeedFormat): DocumentParts {
  switch (format) {
    case 'rss':
      return rssParts(model)
    case 'atom':
      return atomParts(model)
    case 'json':
      return jsonFeedParts(model)
  }
}

/** The same document as one string. */
export function renderFeed(model: FeedModel, format: FeedFormat): string {
  return renderFeedParts(model, format).join('')
}
