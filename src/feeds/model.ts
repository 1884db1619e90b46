import type { Article } from '../articles/model'
import { lastTouched } from '../articles/model'
import type { FeedScope } from '../articles/scope'
import type { Masthead, SiteConfig } from '../config/masthead'
import { formatLocalDay } from '../time/zone'
import { paperImages, type PaperImages } from './images'

/** Every format each feed is served in, in the order feeds and the hub list them. */
export const FORMATS = ['rss', 'atom', 'json'] as const

export type FeedFormat = (typeof FORMATS)[number]

export const FEED_FORMATS: Record<FeedFormat, { file: string; contentType: string }> = {
  rss: { file: 'rss.xml', contentType: 'application/rss+xml; charset=utf-8' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8' },
}

/** Links of one feed document; paging links follow RFC 5005 and JSON Feed's next_url. */
export interface FeedLinks {
  /** This document, with its query (limit, cursor). */
  self: string
  /** The HTML page the feed mirrors (site, or section/author page). */
  home: string
  /** The same feed in each format (first page). */
  formats: Record<FeedFormat, string>
  first?: string
  next?: string
  previous?: string
  hub?: string
}

/**
 * Everything a renderer needs, format-neutral. Renderers are pure functions of this model, so the same
 * data always renders the same bytes (no clock, no randomness).
 */
export interface FeedModel {
  /** Stable URI (tag: scheme) of the feed. */
  id: string
  title: string
  description: string
  scope: FeedScope
  links: FeedLinks
  /** Newest article's last-touched instant; for an empty feed, the time of its last change. */
  updated: Date
  masthead: Masthead
  siteUrl: string
  images: PaperImages
  timeZone: string
  ttlMinutes: number
  /** Newest first. */
  items: Article[]
}

/** Host of each site URL seen, so a feed of many items parses its site URL once. */
const hostnames = new Map<string, string>()

/** A tag: URI (RFC 4151) from the site's host; independent of where the feed itself is served. */
export function tagUri(siteUrl: string, date: string, specific: string): string {
  let host = hostnames.get(siteUrl)
  if (host === undefined) {
    host = new URL(siteUrl).hostname
    if (hostnames.size >= 100) hostnames.clear()
    hostnames.set(siteUrl, host)
  }
  return `tag:${host},${date}:${specific}`
}

/** Stable, unique id of an article in every format: guid, Atom id, JSON Feed id. */
export function articleUri(article: Article, config: Pick<SiteConfig, 'siteUrl' | 'timeZone'>): string {
  return tagUri(config.siteUrl, formatLocalDay(new Date(article.published), config.timeZone), article.id)
}

/** URL path of a feed: `/rss.xml`, `/chuyen-muc/thoi-su/atom.xml`, `/tac-gia/duc-toan/feed.json`. */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const file = FEED_FORMATS[format].file
  switch (scope.kind) {
    case 'all':
      return `/${file}`
    case 'section':
      return `/chuyen-muc/${scope.slug}/${file}`
    case 'author':
      return `/tac-gia/${scope.slug}/${file}`
  }
}

/** The paper's HTML page a feed mirrors: the site, or its section or author page. */
export function scopeHome(scope: FeedScope, siteUrl: string): string {
  return scope.kind === 'all' ? siteUrl : `${siteUrl}/${scope.kind === 'section' ? 'chuyen-muc' : 'tac-gia'}/${scope.slug}`
}

/** Title of a feed; it names the section or author. */
export function scopeTitle(scope: FeedScope, paper: string): string {
  switch (scope.kind) {
    case 'all':
      return paper
    case 'section':
      return `${paper} – Chuyên mục ${scope.name}`
    case 'author':
      return `${paper} – Tác giả ${scope.name}`
  }
}

/** One-sentence description of a feed. */
export function scopeDescription(scope: FeedScope, paper: string): string {
  switch (scope.kind) {
    case 'all':
      return `Tin bài mới nhất của ${paper}`
    case 'section':
      return `Tin bài mới nhất chuyên mục ${scope.name} của ${paper}`
    case 'author':
      return `Tin bài mới nhất của tác giả ${scope.name} trên ${paper}`
  }
}

function scopeId(scope: FeedScope): string {
  return scope.kind === 'all' ? 'feed' : `feed:${scope.kind}:${scope.slug}`
}

export interface FeedModelInput {
  config: SiteConfig
  scope: FeedScope
  /** Absolute base the feed is served from (config.feedBaseUrl or the request origin). */
  baseUrl: string
  items: Article[]
  /** Query of this page (without `?`), e.g. `limit=20&cursor=…`; empty for the default first page. */
  selfQuery?: string
  /** Query of the first page at this page size; a feed with a cursor or a next page links to it. */
  firstQuery?: string
  /** Query of the previous page, when known (`firstQuery` when it is the first page). */
  previousQuery?: string
  nextQuery?: string
  /** Time of the last change to this feed, used only when it has no items. */
  changedAt?: Date
  hub?: string
}

/** Builds the format-neutral model of one feed page. */
export function buildFeedModel(input: FeedModelInput, format: FeedFormat): FeedModel {
  const { config, scope, baseUrl, items } = input
  const url = (f: FeedFormat, query?: string) => `${baseUrl}${feedPath(scope, f)}${query ? `?${query}` : ''}`
  const newest = items.reduce<string | null>((max, a) => {
    const t = lastTouched(a)
    return max === null || t > max ? t : max
  }, null)
  // A feed is paged (RFC 5005) when this is not its first page or when more pages follow.
  const paged = (input.selfQuery ?? '') !== (input.firstQuery ?? '') || !!input.nextQuery
  return {
    id: tagUri(config.siteUrl, '2016', scopeId(scope)),
    title: scopeTitle(scope, config.masthead.name),
    description: scopeDescription(scope, config.masthead.name),
    scope,
    links: {
      self: url(format, input.selfQuery),
      home: scopeHome(scope, config.siteUrl),
      formats: Object.fromEntries(FORMATS.map((f) => [f, url(f)])) as Record<FeedFormat, string>,
      ...(paged ? { first: url(format, input.firstQuery) } : {}),
      ...(input.previousQuery !== undefined ? { previous: url(format, input.previousQuery) } : {}),
      ...(input.nextQuery ? { next: url(format, input.nextQuery) } : {}),
      ...(input.hub ? { hub: input.hub } : {}),
    },
    updated: newest ? new Date(newest) : (input.changedAt ?? new Date(0)),
    masthead: config.masthead,
    siteUrl: config.siteUrl,
    images: paperImages(config, baseUrl),
    timeZone: config.timeZone,
    ttlMinutes: config.ttlMinutes,
    items,
  }
}
