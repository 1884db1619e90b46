/**
 * feed types every Atom entry title as HTML (`<title type="html"><![CDATA[…]]>`), so a plain title must be
 * HTML-escaped, and then shows as `&quot;…&quot;` in readers that do not decode HTML in titles (sfeed,
 * gofeed, rss-parser, Node feedparser, feedsmith). Ours are plain text: retyped `text`. Run on an entry
 * before its tokens are filled, when nothing user-written is in it, so the first `<title type="html">` can
 * only be feed's.
 */
export function plainTextTitle(entry: string): string {
  return entry.replace('<title type="html">', '<title type="text">')
}
