import type { FeedFormat, FeedModel } from './model'
import { renderAtom } from './atom'
import { renderJson } from './json'
import { renderRss } from './rss'

export { renderAtom, renderJson, renderRss }

/**
 * Renders one feed document with `feed` as the generator (see ./shared.ts for what is prepared and
 * repaired around it). Pure: the same model always gives the same bytes.
 */
export function renderFeed(model: FeedModel, format: FeedFormat): string {
  switch (format) {
    case 'rss':
      return renderRss(model)
    case 'atom':
      return renderAtom(model)
    case 'json':
      return renderJson(model)
  }
}
