/**
 * Reading articles: one by id, or the stored JSON of many in one bulk get (a page's, parsed as it is
 * used: page.ts). Revisions of articles stored before they existed are derived in rev.ts.
 */
import type { Article } from '../articles/model'
import { articleKey } from './keys'
import { readStored } from './rev'

export async function readArticle(kv: KVNamespace, id: string): Promise<Article | null> {
  const json = await kv.get(articleKey(id), 'text')
  return json === null ? null : readStored(json)
}

/** The stored JSON of these articles in one bulk get (at most 100 ids), null where none is stored. */
export async function readArticleTexts(kv: KVNamespace, ids: readonly string[]): Promise<Array<string | null>> {
  const keys = ids.map(articleKey)
  const found = await kv.get(keys, 'text')
  return keys.map((key) => found.get(key) ?? null)
}
