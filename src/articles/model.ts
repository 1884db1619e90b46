/** Who did what in a byline: `Tin: X` wrote the text, `Ảnh: Y` took the photos, `X (tổng hợp)` compiled it. */
export type AuthorRole = 'text' | 'photo' | 'text+photo' | 'compiled'

export const AUTHOR_ROLES = ['text', 'photo', 'text+photo', 'compiled'] as const satisfies readonly AuthorRole[]

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
  /** `yyyy-MM-dd-<title slug>`, the local publication day first. Stable across re-imports. */
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
}

/** The instant a feed sorts and dates an article by when it was last touched. */
export function lastTouched(article: Article): string {
  return article.updated && article.updated > article.published ? article.updated : article.published
}
