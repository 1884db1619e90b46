/**
 * An article version's revision: 16 hex digits of the SHA-256 of its JSON without `rev`. Per-version
 * caches key on it, so it changes whenever anything a feed shows of the article does.
 */
import type { Article } from '../articles/model'
import { hex, sha256 } from '../utils/hash'

async function revOfJson(json: string): Promise<string> {
  return hex(await sha256(json), 8)
}

/** Stamps the article with the revision of its content (any old `rev` left out of the hash). */
export async function stampRev(article: Article): Promise<Article> {
  const { rev: _old, ...content } = article
  article.rev = await revOfJson(JSON.stringify(content))
  return article
}

/**
 * An article from its stored JSON. Articles written before revisions existed have none: theirs is
 * derived from the stored text, which is exactly the JSON the write above would hash.
 */
export async function readStored(json: string): Promise<Article> {
  const article = JSON.parse(json) as Article
  if (article.rev === undefined) article.rev = await revOfJson(json)
  return article
}
