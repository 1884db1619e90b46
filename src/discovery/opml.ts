import type { Masthead } from '../config/masthead'
import { escapeHtml } from '../text/normalize'
import type { DirectoryEntry, FeedDirectory } from './directory'

export const OPML_CONTENT_TYPE = 'text/x-opml; charset=utf-8'

const attr = escapeHtml

function feedOutline(entry: DirectoryEntry, language: string, indent: string): string {
  // RSS is what every reader imports; the other formats are listed on the discovery page.
  return `${indent}<outline type="rss" version="RSS2" text="${attr(entry.title)}" title="${attr(entry.title)}" description="${attr(entry.description)}" language="${attr(language)}" xmlUrl="${attr(entry.urls.rss)}" htmlUrl="${attr(entry.home)}"/>`
}

function group(label: string, entries: DirectoryEntry[], language: string): string[] {
  if (entries.length === 0) return []
  return [
    `    <outline text="${attr(label)}" title="${attr(label)}">`,
    ...entries.map((e) => feedOutline(e, language, '      ')),
    '    </outline>',
  ]
}

/**
 * OPML 2.0 (opml.org/spec2) subscription list of every feed, so a reader imports them all in one step:
 * the site's feed, then one folder of section feeds and one of author feeds. No dates: the list changes
 * only when the set of feeds does, and so does its ETag.
 */
export function renderOpml(directory: FeedDirectory, masthead: Masthead): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${attr(`${masthead.name} – các nguồn tin`)}</title>`,
    `    <ownerName>${attr(masthead.name)}</ownerName>`,
    `    <ownerEmail>${attr(masthead.email)}</ownerEmail>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    feedOutline(directory.site, masthead.language, '    '),
    ...group('Chuyên mục', directory.sections, masthead.language),
    ...group('Tác giả', directory.authors, masthead.language),
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}
