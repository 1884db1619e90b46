/** Who did what in a byline: `Tin: X` wrote the text, `Ảnh: Y` took the photos, `X (tổng hợp)` compiled it. */
export type AuthorRole = 'text' | 'photo' | 'text+photo' | 'compiled'

export const AUTHOR_ROLES = ['text', 'photo', 'text+photo', 'compiled'] as const satisfies readonly AuthorRole[]

/**
 * Writers are the article's authors in every feed (RSS `dc:creator`, Atom `author`, JSON Feed `authors`);
 * desks and staff credits (`Ban Kinh tế`, `PV`) are writers too. A photographer is credited for the
 * photos only (Media RSS `media:credit role="photographer"`), never shown as an author.
 */
export function isWriter(role: AuthorRole): boolean {
  return role !== 'photo'
}

export function isPhotographer(role: AuthorRole): boolean {
  return role === 'photo' || role === 'text+photo'
}

export interface ArticleAuthor {
  name: string
  /** ASCII slug of the name, the key of the author's feed (`/tac-gia/duc-toan/`). */
  slug: string
  role: AuthorRole
}

export interface ArticleImage {
  /** Absent when the newsroom dump carried only a caption. */
  url?: string
  caption?: string
  /** MIME type, e.g. image/jpeg; derived from the URL when not given. */
  type?: string
  length?: number
}

export interface Section {
  slug: string
  name: string
}

/** An article as stored (one KV value) and as every feed sees it. All text is NFC and XML-clean. */
export interface Article {
  /** A dump's file name (`000-5943433bb8521991`), the id the API was given, or the local day + title slug (src/articles/ids.ts). Stable across re-imports and corrections. */
  id: string
  title: string
  /** ISO 8601 UTC instant (`2016-04-01T01:04:00.000Z`); feeds print it in the newsroom's zone. */
  published: string
  updated?: string
  section: Section
  authors: ArticleAuthor[]
  /** Plain text. */
  summary: string
  /** HTML fragment (paragraphs, figures). */
  content: string
  image?: ArticleImage
  /** Canonical URL on the paper's site. */
  url: string
  tags: string[]
  /**
   * Where the story comes from when the paper republishes it: `Theo TTXVN` → `TTXVN`, `Nguồn: VOV` →
   * `VOV`. Shown as the item's source (RSS `dc:source`, Atom `source`, JSON Feed `_source`), never as an author.
   */
  source?: string
  /**
   * Content hash of this version, set by the store on every write: what per-version work (an item's
   * rendered form in each format) is cached by. Absent only on articles not yet written.
   */
  rev?: string
}

/** The instant a feed sorts and dates an article by when it was last touched. */
export function lastTouched(article: Article): string {
  return article.updated && article.updated > article.published ? article.updated : article.published
}
