/**
 * What a renderer made of one article version, stored beside the article (src/store/outputs.ts) so that
 * an isolate that has never rendered it copies it instead (src/feeds/outputs.ts). The store keeps these
 * opaque: it writes them with the article, reads them by name and deletes them with it.
 */
import type { Article } from './model'

/** Outputs one article version has at most: its item in each of the three feed formats. */
export const OUTPUTS_PER_ARTICLE = 3

export interface ArticleOutput {
  /** Which output: one per feed format (`rss`, `atom`, `json`). */
  name: string
  /** Everything besides the article that the text depends on (renderer version, site settings): a reader whose stamp differs renders anew. */
  stamp: string
  /** The output itself, as UTF-8. */
  bytes: Uint8Array<ArrayBuffer>
  /** Lowercase hex SHA-256 of the bytes, so a reader need not hash them again. */
  digest: string
}

/** An output as stored: with the revision of the article version it was made from (src/store/rev.ts). */
export interface StoredOutput extends ArticleOutput {
  rev: string
}

/**
 * Makes the outputs of an article version at write time, names the ones there can be (to delete them with
 * it) and the stamp each is made under now (so a check can tell a stored one is not current).
 */
export interface OutputRenderer {
  names: readonly string[]
  stamp(name: string): string
  render(article: Article): Promise<ArticleOutput[]>
}
