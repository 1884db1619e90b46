import type { Section } from '../articles/model'
import type { SiteConfig } from '../config/masthead'
import type { FeedScope } from '../articles/scope'
import { FEED_FORMATS, feedPath, scopeDescription, scopeHome, scopeTitle, type FeedFormat } from '../feeds/model'

/** One feed as the discovery page and the OPML list present it, with its URL in every format. */
export interface DirectoryEntry {
  scope: FeedScope
  /** Short name: the paper, the section or the author. */
  name: string
  /** The feed's own title, which names its section or author. */
  title: string
  description: string
  /** The paper's HTML page the feed mirrors. */
  home: string
  urls: Record<FeedFormat, string>
}

/** Every feed that exists: the site's, one per section and one per author. */
export interface FeedDirectory {
  site: DirectoryEntry
  sections: DirectoryEntry[]
  authors: DirectoryEntry[]
}

export const FORMAT_ORDER: readonly FeedFormat[] = ['rss', 'atom', 'json']

/** The media type alone, as `<link type>` and OPML want it. */
export function mediaType(format: FeedFormat): string {
  return FEED_FORMATS[format].contentType.split(';')[0] as string
}

const byName = new Intl.Collator('vi')

function entry(config: SiteConfig, baseUrl: string, scope: FeedScope): DirectoryEntry {
  const paper = config.masthead.name
  return {
    scope,
    name: scope.kind === 'all' ? paper : scope.name,
    title: scopeTitle(scope, paper),
    description: scopeDescription(scope, paper),
    home: scopeHome(scope, config.siteUrl),
    urls: Object.fromEntries(FORMAT_ORDER.map((f) => [f, `${baseUrl}${feedPath(scope, f)}`])) as Record<FeedFormat, string>,
  }
}

/** The directory from the store's registries, sections and authors in Vietnamese alphabetical order. */
export function feedDirectory(config: SiteConfig, baseUrl: string, sections: Section[], authors: Section[]): FeedDirectory {
  const sorted = (list: Section[]) => [...list].sort((a, b) => byName.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1))
  return {
    site: entry(config, baseUrl, { kind: 'all' }),
    sections: sorted(sections).map((s) => entry(config, baseUrl, { kind: 'section', ...s })),
    authors: sorted(authors).map((a) => entry(config, baseUrl, { kind: 'author', ...a })),
  }
}
